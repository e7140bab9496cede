import { useTranslation } from 'react-i18next';

/** An audit action code (`section.create`) in words; unknown codes (newer modules) show as they are. */
export function useAuditAction(): (action: string) => string {
  const { t, i18n } = useTranslation();
  return (action) => {
    const key = `auditActions.${action}`;
    return i18n.exists(key) ? t(key as never) : action;
  };
}
