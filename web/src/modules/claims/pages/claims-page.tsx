import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdjudicationSummary, ClaimQuery, ClaimStatus, Scheme } from '../../../api/types';
import { canOnScheme } from '../../../app/access';
import { useFormat } from '../../../app/format';
import { useMoney } from '../../../app/money';
import { Link, navigate, useLocation } from '../../../app/router';
import { useMe, useSchemeHref } from '../../../app/session';
import { useApi } from '../../../app/use-api';
import { useSubmit } from '../../../app/use-submit';
import { useConfirm } from '../../../components/confirm';
import { fieldProblems, FormError, SelectField, TextField } from '../../../components/form';
import { LoadError, Loading, Notice, Page } from '../../../components/page';
import { DataTable } from '../../../components/table';
import { listProviders } from '../../providers/api';
import { adjudicateSubmitted, listClaims } from '../api';
import { ClaimStatusBadge } from '../components/labels';
import { Pager } from '../components/pager';
import { claimStatuses } from '../enums';

const FILTERS = ['provider', 'member', 'status', 'from', 'to', 'number'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;
const PAGE = 50;

function toQuery(f: Filters, page: number): ClaimQuery {
  const query: ClaimQuery = { limit: PAGE, offset: page * PAGE };
  if (f.provider) query.provider = f.provider;
  if (f.member) query.member = f.member;
  if (claimStatuses.includes(f.status as ClaimStatus)) query.status = f.status as ClaimStatus;
  if (f.from) query.from = f.from;
  if (f.to) query.to = f.to;
  if (f.number) query.number = f.number;
  return query;
}

/** Claims, newest care first, with filters and pages; reviewers decide the submitted ones from here. */
export default function ClaimsPage({ scheme }: { scheme: Scheme }) {
  const { t } = useTranslation();
  const { me } = useMe();
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
  const claims = useApi(() => listClaims(scheme.code, toQuery(JSON.parse(appliedKey) as Filters, page)), [scheme.code, appliedKey, page]);
  const review = canOnScheme(me, 'claims.review', scheme);
  const submit = canOnScheme(me, 'claims.submit', scheme);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    navigate(schemeHref('/claims', Object.fromEntries(FILTERS.map((f) => [f, form[f].trim() || undefined]))));
  };
  const goTo = (p: number) => navigate(schemeHref('/claims', { ...Object.fromEntries(FILTERS.map((f) => [f, applied[f] || undefined])), page: p ? String(p) : undefined }));
  const set = (key: keyof Filters) => (value: string) => setForm((f) => ({ ...f, [key]: value }));
  const problems = fieldProblems(claims.error, FILTERS, (f) => f.replace(/^querystring\./, ''));

  return (
    <Page
      title={t('claims.title')}
      actions={
        <>
          {submit ? <Link to={schemeHref('/claims/new')} className="button button--primary">{t('claimEntry.title')}</Link> : null}
          {submit ? <Link to={schemeHref('/imports/claims')} className="button">{t('spreadsheet.title.claims')}</Link> : null}
        </>
      }
    >
      {review ? <Adjudicate scheme={scheme} done={() => void claims.reload()} /> : null}
      <form className="filters filters--grid" onSubmit={apply} noValidate role="search" aria-label={t('claims.filters')}>
        <SelectField
          label={t('claims.provider')}
          name="provider"
          value={form.provider}
          onValue={set('provider')}
          options={[{ value: '', label: t('common.all') }, ...(providers.data ?? []).map((p) => ({ value: p.code, label: `${p.name} (${p.code})` }))]}
          error={problems.fields.provider}
        />
        <TextField label={t('claims.memberCard')} name="member" autoComplete="off" spellCheck={false} value={form.member} onValue={set('member')} error={problems.fields.member} />
        <SelectField
          label={t('claims.status')}
          name="status"
          value={form.status}
          onValue={set('status')}
          options={[{ value: '', label: t('common.all') }, ...claimStatuses.map((s) => ({ value: s, label: t(`enums.claimStatus.${s}`) }))]}
          error={problems.fields.status}
        />
        <TextField label={t('claims.careFrom')} name="from" type="date" value={form.from} onValue={set('from')} error={problems.fields.from} />
        <TextField label={t('claims.careTo')} name="to" type="date" value={form.to} onValue={set('to')} error={problems.fields.to} />
        <TextField label={t('claims.number')} name="number" autoComplete="off" spellCheck={false} value={form.number} onValue={set('number')} error={problems.fields.number} />
        <div className="filters__actions actions actions--tight">
          <button type="submit" className="button button--primary">{t('common.show')}</button>
          {Object.values(applied).some(Boolean) ? (
            <button type="button" className="button" onClick={() => navigate(schemeHref('/claims'))}>{t('claims.clearFilters')}</button>
          ) : null}
        </div>
      </form>
      {claims.status === 'loading' ? <Loading /> : null}
      {claims.status === 'failed' ? <LoadError error={claims.error} retry={() => void claims.reload()} /> : null}
      {claims.status === 'ready' ? (
        <section aria-labelledby="claims-heading">
          <h2 id="claims-heading">
            {claims.data.total
              ? t('claims.range', { first: format.number(page * PAGE + 1), last: format.number(page * PAGE + claims.data.items.length), total: format.number(claims.data.total) })
              : t('claims.title')}
          </h2>
          <DataTable
            caption={t('claims.title')}
            rows={claims.data.items}
            rowKey={(c) => c.id}
            empty={Object.values(applied).some(Boolean) ? t('claims.noMatch') : t('claims.empty')}
            columns={[
              { key: 'number', header: t('claims.number'), cell: (c) => <Link to={schemeHref(`/claims/${c.id}`)}>{c.number}</Link> },
              { key: 'provider', header: t('claims.provider'), cell: (c) => <code>{c.provider}</code> },
              { key: 'member', header: t('claims.memberCard'), cell: (c) => <code>{c.member}</code> },
              { key: 'from', header: t('claims.careDate'), cell: (c) => format.calendarDate(c.from) },
              { key: 'submitted', header: t('claims.submittedOn'), cell: (c) => format.calendarDate(c.submittedOn) },
              { key: 'status', header: t('claims.status'), cell: (c) => <ClaimStatusBadge status={c.status} /> },
              {
                key: 'lines',
                header: t('claims.lineCount'),
                numeric: true,
                cell: (c) => (c.rejectedLines ? t('claims.linesRejected', { lines: format.number(c.lines), rejected: format.number(c.rejectedLines) }) : format.number(c.lines)),
              },
              { key: 'asked', header: t('claims.asked'), numeric: true, cell: (c) => money.format(c.asked) },
              { key: 'payable', header: t('claims.payable'), numeric: true, cell: (c) => (c.payable === null ? '—' : money.format(c.payable)) },
            ]}
          />
          <Pager page={page} pageSize={PAGE} total={claims.data.total} label={t('claims.pages')} go={goTo} />
        </section>
      ) : null}
    </Page>
  );
}

/** "Adjudicate submitted claims": asks first, then says what the run decided. */
function Adjudicate({ scheme, done }: { scheme: Scheme; done: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const money = useMoney(scheme.currency);
  const [confirm, dialog] = useConfirm();
  const [summary, setSummary] = useState<AdjudicationSummary>();
  const waiting = useApi(() => listClaims(scheme.code, { status: 'submitted', limit: 1 }), [scheme.code, summary]);
  const { busy, error, run } = useSubmit();
  const count = waiting.data?.total;

  const start = async () => {
    const ok = await confirm({
      title: t('adjudicate.confirmTitle'),
      message: (
        <>
          <p>{count === undefined ? t('adjudicate.confirmSome') : t('adjudicate.confirmCount', { count, n: format.number(count) })}</p>
          <p>{t('adjudicate.confirmNote')}</p>
        </>
      ),
      confirmLabel: t('adjudicate.run'),
    });
    if (!ok) return;
    setSummary(undefined);
    await run(async () => {
      setSummary(await adjudicateSubmitted(scheme.code));
      done();
    });
  };

  return (
    <section className="card" aria-labelledby="adjudicate-heading">
      <div className="card__header">
        <h2 id="adjudicate-heading">{t('adjudicate.title')}</h2>
        <button type="button" className="button button--primary" disabled={busy || count === 0} onClick={() => void start()}>
          {busy ? t('adjudicate.running') : t('adjudicate.button')}
        </button>
      </div>
      <p className="muted">{count === undefined ? t('adjudicate.intro') : count === 0 ? t('adjudicate.none') : t('adjudicate.waiting', { count, n: format.number(count) })}</p>
      {busy ? <p className="status-text" role="status">{t('adjudicate.running')}</p> : null}
      <FormError error={error} />
      {summary ? (
        <Notice kind="success" role="status">
          <p>
            {t('adjudicate.result', {
              claims: format.number(summary.claims),
              lines: format.number(summary.lines),
              approved: format.number(summary.approved),
              reduced: format.number(summary.reduced),
              rejected: format.number(summary.rejected),
              payable: money.format(summary.payable),
            })}
          </p>
          {summary.remaining ? <p>{t('adjudicate.remaining', { count: summary.remaining, n: format.number(summary.remaining) })}</p> : null}
        </Notice>
      ) : null}
      {dialog}
    </section>
  );
}
