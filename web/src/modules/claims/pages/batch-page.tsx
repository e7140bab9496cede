import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Batch, Scheme } from '../../../api/types';
import { today } from '../../../app/dates';
import { useFormat } from '../../../app/format';
import { type MoneyFormat, useMoney } from '../../../app/money';
import { Link, useLocation } from '../../../app/router';
import { useSchemeHref } from '../../../app/session';
import { useApi } from '../../../app/use-api';
import { useSubmit } from '../../../app/use-submit';
import { useConfirm } from '../../../components/confirm';
import { Dialog } from '../../../components/dialog';
import { type FieldErrors, fieldProblems, FormError, TextField } from '../../../components/form';
import { LoadError, Loading, Notice, Page } from '../../../components/page';
import { DataTable } from '../../../components/table';
import { batchOrderCsv, batchOrderPdf, cancelBatch, getBatch, payBatch } from '../api';
import { BatchStatusBadge } from '../components/labels';
import { ReasonDialog } from '../components/reason-dialog';

/** One payment batch: what it pays and for which claims; the order to sign (PDF, CSV); its payment. */
export default function BatchPage({ scheme, id }: { scheme: Scheme; id: string }) {
  const { t } = useTranslation();
  const batch = useApi(() => getBatch(scheme.code, id), [scheme.code, id]);
  if (batch.status === 'loading') return <Loading />;
  if (batch.status === 'failed') {
    return (
      <Page title={t('batches.title')}>
        <LoadError error={batch.error} retry={() => void batch.reload()} />
      </Page>
    );
  }
  return <BatchView scheme={scheme} batch={batch.data} reload={batch.reload} />;
}

function BatchView({ scheme, batch, reload }: { scheme: Scheme; batch: Batch; reload: () => Promise<void> }) {
  const { t } = useTranslation();
  const format = useFormat();
  const money = useMoney(scheme.currency);
  const schemeHref = useSchemeHref();
  const { query } = useLocation();
  const [dialog, setDialog] = useState<'pay' | 'cancel'>();
  const [notice, setNotice] = useState<string>();
  const files = useSubmit();

  return (
    <Page
      title={t('batches.titleOf', { number: batch.number })}
      actions={
        <>
          <button type="button" className="button" disabled={files.busy} onClick={() => void files.run(() => batchOrderPdf(scheme.code, batch.id, batch.number))}>{t('batches.orderPdf')}</button>
          <button type="button" className="button" disabled={files.busy} onClick={() => void files.run(() => batchOrderCsv(scheme.code, batch.id, batch.number))}>{t('batches.orderCsv')}</button>
          {batch.status === 'ordered' ? (
            <>
              <button type="button" className="button button--primary" onClick={() => setDialog('pay')}>{t('batches.pay')}</button>
              <button type="button" className="button button--danger-outline" onClick={() => setDialog('cancel')}>{t('batches.cancel')}</button>
            </>
          ) : null}
        </>
      }
    >
      {query.get('created') ? <Notice kind="success" role="status"><p>{t('batches.created', { number: batch.number, total: money.format(batch.total) })}</p></Notice> : null}
      {notice ? <Notice kind="success" role="status"><p>{notice}</p></Notice> : null}
      <FormError error={files.error} />
      <section className="card" aria-labelledby="batch-heading">
        <div className="card__header">
          <h2 id="batch-heading">{batch.providerName ?? batch.provider}</h2>
          <BatchStatusBadge status={batch.status} />
        </div>
        <dl className="facts">
          <div><dt>{t('batches.period')}</dt><dd>{t('claims.careRange', { from: format.calendarDate(batch.from), to: format.calendarDate(batch.to) })}</dd></div>
          <div><dt>{t('batches.dueOn')}</dt><dd>{format.calendarDate(batch.dueOn)}</dd></div>
          <div><dt>{t('batches.paidOn')}</dt><dd>{batch.paidOn ? format.calendarDate(batch.paidOn) : '—'}</dd></div>
          <div><dt>{t('batches.reference')}</dt><dd>{batch.reference ? <code>{batch.reference}</code> : '—'}</dd></div>
          <div><dt>{t('batches.orderedBy')}</dt><dd>{t('claims.decidedBy', { who: batch.createdBy, when: format.dateTime(batch.createdAt) })}</dd></div>
          <div><dt>{t('claims.provider')}</dt><dd><Link to={schemeHref(`/providers/${encodeURIComponent(batch.provider)}/statement`, { from: batch.from, to: batch.to })}>{t('batches.statement')}</Link></dd></div>
        </dl>
        <dl className="running-total">
          <div><dt>{t('batches.claimsAmount')}</dt><dd>{money.format(batch.claimsAmount)}</dd></div>
          {batch.flatRateAmount ? <div><dt>{t('batches.flatRateAmount')}</dt><dd>{money.format(batch.flatRateAmount)}</dd></div> : null}
          {batch.capitationAmount ? <div><dt>{t('batches.capitationAmount')}</dt><dd>{money.format(batch.capitationAmount)}</dd></div> : null}
          <div><dt>{t('batches.total')}</dt><dd className="amount--ok">{money.format(batch.total)}</dd></div>
        </dl>
      </section>
      <section className="card" aria-labelledby="batch-claims-heading">
        <h2 id="batch-claims-heading">{t('batches.claims')}</h2>
        <DataTable
          caption={t('batches.claims')}
          rows={batch.claims}
          rowKey={(c) => c.id}
          empty={t('batches.noClaims')}
          columns={[
            { key: 'number', header: t('claims.number'), cell: (c) => <Link to={schemeHref(`/claims/${c.id}`)}>{c.number}</Link> },
            { key: 'member', header: t('claims.memberCard'), cell: (c) => <code>{c.member}</code> },
            { key: 'from', header: t('claims.careDate'), cell: (c) => format.calendarDate(c.from) },
            { key: 'method', header: t('agreements.paymentMethod'), cell: (c) => t(`enums.agreementPaymentMethod.${c.method}`) },
            { key: 'payable', header: t('claims.payable'), numeric: true, cell: (c) => money.format(c.payable) },
            { key: 'amount', header: t('batches.amount'), numeric: true, cell: (c) => money.format(c.amount) },
          ]}
        />
      </section>
      {dialog === 'pay' ? (
        <PayDialog
          scheme={scheme}
          batch={batch}
          money={money}
          close={(paid) => {
            setDialog(undefined);
            if (paid) {
              setNotice(t('batches.paid', { number: batch.number }));
              void reload();
            }
          }}
        />
      ) : null}
      {dialog === 'cancel' ? (
        <ReasonDialog
          title={t('batches.cancelTitle', { number: batch.number })}
          intro={<p>{t('batches.cancelIntro')}</p>}
          label={t('letters.reason')}
          danger
          submitLabel={t('batches.cancel')}
          onSubmit={async (reason) => {
            await cancelBatch(scheme.code, batch.id, reason);
            setDialog(undefined);
            setNotice(t('batches.cancelled', { number: batch.number }));
            await reload();
          }}
          close={() => setDialog(undefined)}
        />
      ) : null}
    </Page>
  );
}

/** Records the payment of a batch: its date and the transfer's reference, after a confirmation. */
function PayDialog({ scheme, batch, money, close }: { scheme: Scheme; batch: Batch; money: MoneyFormat; close: (paid?: boolean) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [form, setForm] = useState({ date: today(), reference: '' });
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [confirm, confirmDialog] = useConfirm();
  const { busy, error, run } = useSubmit();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const errors: FieldErrors = {};
    if (!form.date) errors.date = t('validation.required');
    if (!form.reference.trim()) errors.reference = t('validation.required');
    setClientErrors(errors);
    if (Object.keys(errors).length) return;
    const ok = await confirm({
      title: t('batches.payConfirmTitle'),
      message: <p>{t('batches.payConfirm', { total: money.format(batch.total), provider: batch.providerName ?? batch.provider, date: format.calendarDate(form.date), reference: form.reference.trim() })}</p>,
      confirmLabel: t('batches.pay'),
    });
    if (!ok) return;
    await run(async () => {
      await payBatch(scheme.code, batch.id, { date: form.date, reference: form.reference.trim() });
      close(true);
    });
  };

  const problems = fieldProblems(error, ['date', 'reference']);
  const errors = { ...problems.fields, ...clientErrors };
  return (
    <Dialog title={t('batches.payTitle', { number: batch.number })} onClose={() => close()}>
      <form onSubmit={submit} noValidate className="form">
        <FormError error={error} other={problems.other} />
        <p>{t('batches.payIntro', { total: money.format(batch.total) })}</p>
        <TextField label={t('batches.payDate')} name="date" type="date" value={form.date} onValue={(date) => setForm((f) => ({ ...f, date }))} error={errors.date} />
        <TextField label={t('batches.reference')} hint={t('batches.referenceHint')} name="reference" autoComplete="off" value={form.reference} onValue={(reference) => setForm((f) => ({ ...f, reference }))} error={errors.reference} />
        <div className="actions">
          <button type="button" className="button" onClick={() => close()}>{t('common.cancel')}</button>
          <button type="submit" className="button button--primary" disabled={busy}>{busy ? t('common.saving') : t('batches.pay')}</button>
        </div>
      </form>
      {confirmDialog}
    </Dialog>
  );
}
