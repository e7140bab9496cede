import { useTranslation } from 'react-i18next';
import type { Due, Payment } from '../../../api/types';
import { today } from '../../../app/dates';
import { useFormat } from '../../../app/format';
import type { MoneyFormat } from '../../../app/money';
import { Badge } from '../../../components/badge';

/** Where a due stands: paid (on a date), partly paid, unpaid and fallen due, or still to come. */
export function DueState({ due, money }: { due: Due; money: MoneyFormat }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (due.paid >= due.amount) return <Badge tone="success">{due.paidOn ? t('account.due.paidOn', { date: format.calendarDate(due.paidOn) }) : t('account.due.paid')}</Badge>;
  if (due.paid > 0) return <Badge tone="warning">{t('account.due.partly', { paid: money.format(due.paid), amount: money.format(due.amount) })}</Badge>;
  if (due.dueDate <= today()) return <Badge tone="danger">{t('account.due.unpaid')}</Badge>;
  return <Badge tone="muted">{t('account.due.upcoming')}</Badge>;
}

/** A payment's method in words (the API keeps it as a code). */
export function usePaymentWords() {
  const { t, i18n } = useTranslation();
  const word = (prefix: 'enums.paymentMethod' | 'enums.payer', code: string) => {
    const key = `${prefix}.${code}`;
    return i18n.exists(key) ? t(key as never) : code;
  };
  return {
    method: (p: Pick<Payment, 'method'>) => word('enums.paymentMethod', p.method),
    payer: (p: Pick<Payment, 'payer' | 'group' | 'subsidizer'>) => {
      const who = word('enums.payer', p.payer);
      const code = p.group ?? p.subsidizer;
      return code ? `${who} (${code})` : who;
    },
  };
}
