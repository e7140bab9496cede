import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BatchQuery, BatchStatus, Scheme } from '../../../api/types';
import { lastMonth, today } from '../../../app/dates';
import { useFormat } from '../../../app/format';
import { useMoney } from '../../../app/money';
import { Link, navigate, useLocation } from '../../../app/router';
import { useSchemeHref } from '../../../app/session';
import { useApi } from '../../../app/use-api';
import { useSubmit } from '../../../app/use-submit';
import { type FieldErrors, fieldProblems, FormError, SelectField, TextField } from '../../../components/form';
import { LoadError, Loading, Page } from '../../../components/page';
import { DataTable } from '../../../components/table';
import { listProviders } from '../../providers/api';
import { createBatch, listBatches } from '../api';
import { BatchStatusBadge } from '../components/labels';
import { Pager } from '../components/pager';
import { batchStatuses } from '../enums';

const PAGE = 50;

/** Provider payment: order a provider's payment for a period, and the batches ordered, paid or cancelled. */
export default function BatchesPage({ scheme }: { scheme: Scheme }) {
  const { t } = useTranslation();
  const format = useFormat();
  const money = useMoney(scheme.currency);
  const schemeHref = useSchemeHref();
  const { query } = useLocation();
  const provider = query.get('provider') ?? '';
  const status = query.get('status') ?? '';
  const page = Math.max(0, Number.parseInt(query.get('page') ?? '0', 10) || 0);
  const [filters, setFilters] = useState({ provider, status });
  useEffect(() => setFilters({ provider, status }), [provider, status]);
  const providers = useApi(() => listProviders(scheme.code, { active: true }), [scheme.code]);
  const batches = useApi(() => {
    const q: BatchQuery = { limit: PAGE, offset: page * PAGE };
    if (provider) q.provider = provider;
    if (batchStatuses.includes(status as BatchStatus)) q.status = status as BatchStatus;
    return listBatches(scheme.code, q);
  }, [scheme.code, provider, status, page]);
  const providerOptions = (providers.data ?? []).map((p) => ({ value: p.code, label: `${p.name} (${p.code})` }));

  const apply = (event: FormEvent) => {
    event.preventDefault();
    navigate(schemeHref('/payment-batches', { provider: filters.provider || undefined, status: filters.status || undefined }));
  };

  return (
    <Page title={t('batches.title')}>
      <p className="muted">{t('batches.intro')}</p>
      <NewBatch scheme={scheme} providers={providerOptions} />
      <h2>{t('batches.list')}</h2>
      <form className="filters filters--grid" onSubmit={apply} noValidate role="search" aria-label={t('batches.filters')}>
        <SelectField label={t('claims.provider')} name="filterProvider" value={filters.provider} onValue={(v) => setFilters((f) => ({ ...f, provider: v }))} options={[{ value: '', label: t('common.all') }, ...providerOptions]} />
        <SelectField
          label={t('batches.status')}
          name="status"
          value={filters.status}
          onValue={(v) => setFilters((f) => ({ ...f, status: v }))}
          options={[{ value: '', label: t('common.all') }, ...batchStatuses.map((s) => ({ value: s, label: t(`enums.batchStatus.${s}`) }))]}
        />
        <div className="filters__actions">
          <button type="submit" className="button button--primary">{t('common.show')}</button>
        </div>
      </form>
      {batches.status === 'loading' ? <Loading /> : null}
      {batches.status === 'failed' ? <LoadError error={batches.error} retry={() => void batches.reload()} /> : null}
      {batches.status === 'ready' ? (
        <>
          <DataTable
            caption={t('batches.list')}
            rows={batches.data.items}
            rowKey={(b) => b.id}
            empty={t('batches.empty')}
            columns={[
              { key: 'number', header: t('batches.number'), cell: (b) => <Link to={schemeHref(`/payment-batches/${b.id}`)}>{b.number}</Link> },
              { key: 'provider', header: t('claims.provider'), cell: (b) => b.providerName ?? b.provider },
              { key: 'period', header: t('batches.period'), cell: (b) => t('claims.careRange', { from: format.calendarDate(b.from), to: format.calendarDate(b.to) }) },
              { key: 'status', header: t('batches.status'), cell: (b) => <BatchStatusBadge status={b.status} /> },
              { key: 'total', header: t('batches.total'), numeric: true, cell: (b) => money.format(b.total) },
              { key: 'due', header: t('batches.dueOn'), cell: (b) => format.calendarDate(b.dueOn) },
              { key: 'paid', header: t('batches.paidOn'), cell: (b) => (b.paidOn ? format.calendarDate(b.paidOn) : '—') },
            ]}
          />
          <Pager page={page} pageSize={PAGE} total={batches.data.total} label={t('batches.pages')} go={(p) => navigate(schemeHref('/payment-batches', { provider: provider || undefined, status: status || undefined, page: p ? String(p) : undefined }))} />
        </>
      ) : null}
    </Page>
  );
}

function NewBatch({ scheme, providers }: { scheme: Scheme; providers: { value: string; label: string }[] }) {
  const { t } = useTranslation();
  const schemeHref = useSchemeHref();
  const [form, setForm] = useState({ provider: '', ...lastMonth(today()) });
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const { busy, error, run } = useSubmit();
  const set = (change: Partial<typeof form>) => setForm((f) => ({ ...f, ...change }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const errors: FieldErrors = {};
    if (!form.provider) errors.provider = t('validation.choose');
    if (!form.from) errors.from = t('validation.required');
    if (!form.to) errors.to = t('validation.required');
    setClientErrors(errors);
    if (Object.keys(errors).length) return;
    await run(async () => {
      const batch = await createBatch(scheme.code, { provider: form.provider, from: form.from, to: form.to });
      navigate(schemeHref(`/payment-batches/${batch.id}`, { created: '1' }));
    });
  };

  const problems = fieldProblems(error, ['provider', 'from', 'to']);
  const errors = { ...problems.fields, ...clientErrors };
  return (
    <form onSubmit={submit} noValidate className="card form" aria-labelledby="new-batch-heading">
      <h2 id="new-batch-heading">{t('batches.new')}</h2>
      <p className="muted">{t('batches.newIntro')}</p>
      <FormError error={error} other={problems.other} />
      <div className="form__row">
        <SelectField label={t('claims.provider')} name="provider" value={form.provider} onValue={(provider) => set({ provider })} options={[{ value: '', label: t('common.choose') }, ...providers]} error={errors.provider} />
        <TextField label={t('batches.from')} name="from" type="date" value={form.from} onValue={(from) => set({ from })} error={errors.from} />
        <TextField label={t('batches.to')} name="to" type="date" value={form.to} onValue={(to) => set({ to })} error={errors.to} />
      </div>
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={busy}>{busy ? t('common.saving') : t('batches.create')}</button>
      </div>
    </form>
  );
}
