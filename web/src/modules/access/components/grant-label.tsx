import { useTranslation } from 'react-i18next';
import type { Grant } from '../../../api/types';

/** "Scheme manager — MUT-DEMO-1", "Platform administrator — whole platform". */
export function useGrantLabel(): (grant: Pick<Grant, 'role' | 'scopeType' | 'scope'>) => string {
  const { t } = useTranslation();
  return (grant) => {
    const scope = grant.scopeType === 'platform' ? t('scopeTypes.platform') : `${t(`scopeTypes.${grant.scopeType}`)} ${grant.scope ?? ''}`.trim();
    return t('users.grantLabel', { role: t(`roles.${grant.role}`), scope });
  };
}
