import { useTranslation } from 'react-i18next';
import type { Agreement } from '../../../api/types';
import { today } from '../../../app/dates';
import { useFormat } from '../../../app/format';
import { Badge } from '../../../components/badge';

/** Active or inactive, in words (a provider or a service is deactivated, never deleted). */
export function ActiveBadge({ active }: { active: boolean }) {
  const { t } = useTranslation();
  return <Badge tone={active ? 'success' : 'muted'}>{active ? t('providers.active') : t('providers.inactive')}</Badge>;
}

/** Where an agreement version stands today: in force, past or to come. */
export function agreementState(a: Pick<Agreement, 'from' | 'to'>, on = today()): 'current' | 'past' | 'future' {
  if (a.from > on) return 'future';
  if (a.to !== null && a.to < on) return 'past';
  return 'current';
}

/** "1 Jan 2025 – 31 Dec 2025", "from 1 Jan 2025 (open-ended)". */
export function useValidity(): (a: Pick<Agreement, 'from' | 'to'>) => string {
  const { t } = useTranslation();
  const format = useFormat();
  return (a) => (a.to ? t('agreements.fromTo', { from: format.calendarDate(a.from), to: format.calendarDate(a.to) }) : t('agreements.openEnded', { from: format.calendarDate(a.from) }));
}

export function AgreementStateBadge({ agreement }: { agreement: Pick<Agreement, 'from' | 'to'> }) {
  const { t } = useTranslation();
  const state = agreementState(agreement);
  return <Badge tone={state === 'current' ? 'success' : state === 'future' ? 'info' : 'muted'}>{t(`agreements.state.${state}`)}</Badge>;
}

/** The payment method, with the capitation or flat amount it carries. */
export function PaymentTerms({ agreement: a, format }: { agreement: Agreement; format: (minor: number) => string }) {
  const { t } = useTranslation();
  return (
    <>
      {t(`enums.agreementPaymentMethod.${a.paymentMethod}`)}
      {a.capitationAmount !== null ? <span className="cell-note">{t('agreements.perMemberMonth', { amount: format(a.capitationAmount) })}</span> : null}
      {a.flatRateAmount !== null ? <span className="cell-note">{t('agreements.perCase', { amount: format(a.flatRateAmount) })}</span> : null}
    </>
  );
}
