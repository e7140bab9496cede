import { useTranslation } from 'react-i18next';
import type { User } from '../../../api/types';
import { useFormat } from '../../../app/format';

/** "Active", "Deactivated", "Locked until …". */
export function useUserStatus(): (user: User) => string {
  const { t } = useTranslation();
  const format = useFormat();
  return (user) => {
    if (!user.active) return t('users.status.inactive');
    if (user.lockedUntil && new Date(user.lockedUntil) > new Date()) return t('users.status.locked', { until: format.dateTime(user.lockedUntil) });
    return t('users.status.active');
  };
}
