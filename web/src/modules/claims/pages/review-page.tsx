import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReviewQuery, ReviewSource, Scheme } from '../../../api/types';
import { useFormat } from '../../../app/format';
import { useMoney } from '../../../app/money';
import { Link, navigate, useLocation } from '../../../app/router';
import { useSchemeHref } from '../../../app/session';
import { useApi } from '../../../app/use-api';
import { Badge } from '../../../components/badge';
import { fieldProblems, SelectField, TextField } from '../../../components/form';
import { LoadError, Loading, Page } from '../../../components/page';
import { DataTable } from '../../../components/table';
import { listProviders } from '../../providers/api';
import { reviewQueue } from '../api';
import { ProviderScan, ReviewSettings } from '../components/review-tools';
import { Pager } from '../components/pager';
import { reviewSources } from '../enums';

const FILTERS = ['status', 'source', 'provider', 'member', 'claim'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;
const PAGE = 50;

/**
 * The review queue: claims and lines the engine, the random sample or the provider scan sent for
 * a person to look at, oldest first. Each leads to its claim, where a line is confirmed or
 * overridden with a written reason.
 */
export default function ReviewPage({ scheme }: { scheme: Scheme }) {
  const { t } = useTranslation();
  const format = useFormat();
  const money = useMoney(scheme.currency);
  const schemeHref = useSchemeHref();
  const { query } = useLocation();
  const applied = Object.fromEntries(FILTERS.map((f) => [f, query.get(f) ?? ''])) as Filters;
  const appliedKey = JSON.stringify(applied);
  const page = Math.max(0, Number.parseInt(query.get('page') ?? '0', 10) || 0);
  const [form, setForm] = useState<Filters>(applied);
  useEffect(() => setForm(JSON.parse(appliedKey) as Filters), [appliedKey]);
  const providers = useApi(() => listProviders(scheme.code), [scheme.code]);
  const items = useApi(() => {
    const f = JSON.parse(appliedKey) as Filters;
    const q: ReviewQuery = { limit: PAGE, offset: page * PAGE };
    if (f.status === 'open' || f.status === 'closed') q.status = f.status;
    if (reviewSources.includes(f.source as ReviewSource)) q.source = f.source as ReviewSource;
    if (f.provider) q.provider = f.provider;
    if (f.member) q.member = f.member;
    if (f.claim) q.claim = f.claim;
    return reviewQueue(scheme.code, q);
  }, [scheme.code, appliedKey, page]);
  const set = (key: keyof Filters) => (value: string) => setForm((f) => ({ ...f, [key]: value }));
  const apply = (event: FormEvent) => {
    event.preventDefault();
    navigate(schemeHref('/review', Object.fromEntries(FILTERS.map((f) => [f, form[f].trim() || undefined]))));
  };
  const problems = fieldProblems(items.error, FILTERS, (f) => f.replace(/^querystring\./, ''));

  return (
    <Page title={t('review.title')}>
      <p className="muted">{t('review.intro')}</p>
      <ReviewSettings scheme={scheme} />
      <ProviderScan scheme={scheme} scanned={() => void items.reload()} />
      <form className="filters filters--grid" onSubmit={apply} noValidate role="search" aria-label={t('review.filters')}>
        <SelectField
          label={t('review.status')}
          name="status"
          value={form.status}
          onValue={set('status')}
          options={[
            { value: '', label: t('review.statusOpen') },
            { value: 'closed', label: t('review.statusClosed') },
          ]}
          error={problems.fields.status}
        />
        <SelectField
          label={t('review.source')}
          name="source"
          value={form.source}
          onValue={set('source')}
          options={[{ value: '', label: t('common.all') }, ...reviewSources.map((s) => ({ value: s, label: t(`enums.reviewSource.${s}`) }))]}
          error={problems.fields.source}
        />
        <SelectField
          label={t('claims.provider')}
          name="provider"
          value={form.provider}
          onValue={set('provider')}
          options={[{ value: '', label: t('common.all') }, ...(providers.data ?? []).map((p) => ({ value: p.code, label: `${p.name} (${p.code})` }))]}
          error={problems.fields.provider}
        />
        <TextField label={t('claims.memberCard')} name="member" autoComplete="off" spellCheck={false} value={form.member} onValue={set('member')} error={problems.fields.member} />
        <TextField label={t('claims.number')} name="claim" autoComplete="off" spellCheck={false} value={form.claim} onValue={set('claim')} error={problems.fields.claim} />
        <div className="filters__actions">
          <button type="submit" className="button button--primary">{t('common.show')}</button>
        </div>
      </form>
      {items.status === 'loading' ? <Loading /> : null}
      {items.status === 'failed' ? <LoadError error={items.error} retry={() => void items.reload()} /> : null}
      {items.status === 'ready' ? (
        <section aria-labelledby="review-heading">
          <h2 id="review-heading">{t('review.count', { count: items.data.total, n: format.number(items.data.total) })}</h2>
          <DataTable
            caption={t('review.title')}
            rows={items.data.items}
            rowKey={(i) => i.id}
            empty={t('review.empty')}
            columns={[
              { key: 'claim', header: t('claims.number'), cell: (i) => <Link to={schemeHref(`/claims/${i.claimId}`)}>{i.claim}</Link> },
              { key: 'line', header: t('review.about'), cell: (i) => (i.line !== null ? t('review.line', { n: i.line, service: i.service ?? '' }) : t('review.wholeClaim')) },
              { key: 'why', header: t('review.why'), cell: (i) => <><Badge tone="info">{t(`enums.reviewSource.${i.source}`)}</Badge><span className="cell-note">{i.detail}</span></> },
              { key: 'provider', header: t('claims.provider'), cell: (i) => i.providerName ?? i.provider },
              { key: 'member', header: t('claims.member'), cell: (i) => <>{i.memberName ?? '—'} <code>{i.member}</code></> },
              { key: 'from', header: t('claims.careDate'), cell: (i) => format.calendarDate(i.from) },
              { key: 'payable', header: t('claims.payable'), numeric: true, cell: (i) => (i.payable === null ? '—' : money.format(i.payable)) },
              { key: 'status', header: t('review.status'), cell: (i) => (i.status === 'open' ? <Badge tone="warning">{t('review.open')}</Badge> : <Badge tone="muted">{t('review.closedBy', { who: i.resolvedBy ?? '—' })}</Badge>) },
            ]}
          />
          <Pager page={page} pageSize={PAGE} total={items.data.total} label={t('review.pages')} go={(p) => navigate(schemeHref('/review', { ...Object.fromEntries(FILTERS.map((f) => [f, applied[f] || undefined])), page: p ? String(p) : undefined }))} />
        </section>
      ) : null}
    </Page>
  );
}
