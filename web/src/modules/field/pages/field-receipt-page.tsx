import { useTranslation } from 'react-i18next';
import type { Scheme } from '../../../api/types';
import { useFormat } from '../../../app/format';
import { useMoney } from '../../../app/money';
import { Link } from '../../../app/router';
import { useSchemeHref } from '../../../app/session';
import { Badge } from '../../../components/badge';
import { Page } from '../../../components/page';
import { householdOf, outboxItem } from '../../../offline/store';
import { usePaymentWords } from '../../coverage/components/labels';
import { fullName, headOf, useFieldAccess, useLocal } from '../components/field-common';

/**
 * The receipt of a payment made on this device: shown, printed or shared at once, marked "not yet
 * synced" until the server confirmed it (its receipt number comes with the confirmation).
 */
export default function FieldReceiptPage({ scheme, id }: { scheme: Scheme; id: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const money = useMoney(scheme.currency);
  const words = usePaymentWords();
  const schemeHref = useSchemeHref();
  useFieldAccess(scheme);
  const item = useLocal(() => outboxItem(id), [id]);
  const number = item.data?.kind === 'payment' ? item.data.body.household : '';
  const household = useLocal(() => (number ? householdOf(scheme.code, number) : Promise.resolve(undefined)), [scheme.code, number]);
  if (!item.loaded) return null;
  const payment = item.data?.kind === 'payment' ? item.data : undefined;
  if (!payment) {
    return (
      <Page title={t('field.receipt.title')}>
        <p className="notice notice--warning">{t('field.receipt.notFound')}</p>
      </Page>
    );
  }
  const head = household.data ? headOf(household.data) : undefined;
  const receipt = payment.result?.receipt ?? payment.body.receipt ?? null;
  const reference = payment.id.slice(-8).toUpperCase();
  const text = t('field.receipt.shareText', {
    scheme: scheme.code,
    receipt: receipt ?? reference,
    amount: money.format(payment.body.amount),
    date: format.calendarDate(payment.body.date),
    household: payment.body.household,
  });
  const canShare = typeof navigator.share === 'function';
  return (
    <Page title={t('field.receipt.title')} narrow>
      <div className="card field-receipt">
        {payment.status === 'done' ? (
          <p role="status">
            <Badge tone="success">{t('field.outbox.state.done')}</Badge> {t('field.receipt.synced')}
          </p>
        ) : payment.status === 'problem' ? (
          <p role="status">
            <Badge tone="danger">{t('field.outbox.state.problem')}</Badge> {t('field.receipt.problem')}
          </p>
        ) : (
          <p role="status">
            <Badge tone="warning">{t('field.outbox.state.queued')}</Badge> {t('field.receipt.notSynced')}
          </p>
        )}
        <h2>{scheme.name}</h2>
        <dl>
          <dt>{t('field.receipt.number')}</dt>
          <dd>{receipt ?? t('field.receipt.pending')}</dd>
          <dt>{t('field.receipt.reference')}</dt>
          <dd>{reference}</dd>
          <dt>{t('field.receipt.date')}</dt>
          <dd>{format.calendarDate(payment.body.date)}</dd>
          <dt>{t('field.receipt.household')}</dt>
          <dd>{payment.body.household}</dd>
          {head ? (
            <>
              <dt>{t('field.receipt.head')}</dt>
              <dd>{fullName(head)}</dd>
            </>
          ) : null}
          <dt>{t('field.receipt.method')}</dt>
          <dd>{words.method(payment.body)}</dd>
          <dt>{t('field.receipt.amount')}</dt>
          <dd>{money.format(payment.body.amount)}</dd>
          {payment.body.collector ? (
            <>
              <dt>{t('field.receipt.collector')}</dt>
              <dd>{payment.body.collector}</dd>
            </>
          ) : null}
        </dl>
        <div className="actions no-print">
          <button type="button" className="button button--primary" onClick={() => window.print()}>
            {t('field.receipt.print')}
          </button>
          {canShare ? (
            <button type="button" className="button" onClick={() => void navigator.share({ title: t('field.receipt.title'), text }).catch(() => undefined)}>
              {t('field.receipt.share')}
            </button>
          ) : null}
          <Link className="button" to={schemeHref(`/field/households/${encodeURIComponent(payment.body.household)}`)}>
            {t('field.receipt.back')}
          </Link>
        </div>
      </div>
    </Page>
  );
}
