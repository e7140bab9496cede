import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProviderStatement, Scheme } from '../../../api/types';
import { today } from '../../../app/dates';
import { useFormat } from '../../../app/format';
import { useMoney } from '../../../app/money';
import { Link, navigate, useLocation } from '../../../app/router';
import { useSchemeHref } from '../../../app/session';
import { useApi } from '../../../app/use-api';
import { useSubmit } from '../../../app/use-submit';
import { fieldProblems, FormError, TextField } from '../../../components/form';
import { LoadError, Loading, Page } from '../../../components/page';
import { DataTable } from '../../../components/table';
import { providerStatement, providerStatementPdf } from '../api';
import { BatchStatusBadge, ClaimStatusBadge, DecisionBadge } from '../components/labels';

/**
 * A provider's statement for a period: every claim with care in it, line by line with the
 * decision and why, the batches that pay them, and the totals; the same as a PDF to print.
 */
export default function ProviderStatementPage({ scheme, code }: { scheme: Scheme; code: string }) {
  const { t } = useTranslation();
  const schemeHref = useSchemeHref();
  const { query } = useLocation();
  const from = query.get('from') || `${today().slice(0, 7)}-01`;
  const to = query.get('to') || today();
  const [form, setForm] = useState({ from, to });
  useEffect(() => setForm({ from, to }), [from, to]);
  const statement = useApi(() => providerStatement(scheme.code, code, from, to), [scheme.code, code, from, to]);
  const pdf = useSubmit();
  const base = `/providers/${encodeURIComponent(code)}/statement`;

  const apply = (event: FormEvent) => {
    event.preventDefault();
    navigate(schemeHref(base, { from: form.from || undefined, to: form.to || undefined }));
  };
  const problems = fieldProblems(statement.error, ['from', 'to'], (f) => f.replace(/^querystring\./, ''));
  const title = statement.status === 'ready' ? t('statement.titleOf', { name: statement.data.providerName }) : t('statement.title');

  return (
    <Page
      title={title}
      actions={<button type="button" className="button" disabled={pdf.busy} onClick={() => void pdf.run(() => providerStatementPdf(scheme.code, code, from, to))}>{t('statement.pdf')}</button>}
    >
      <p className="muted">
        {t('statement.intro')} <Link to={schemeHref(`/providers/${encodeURIComponent(code)}`)}>{t('statement.provider')}</Link>
      </p>
      <form className="filters filters--grid" onSubmit={apply} noValidate aria-label={t('statement.period')}>
        <TextField label={t('statement.from')} name="from" type="date" value={form.from} onValue={(v) => setForm((f) => ({ ...f, from: v }))} error={problems.fields.from} />
        <TextField label={t('statement.to')} name="to" type="date" value={form.to} onValue={(v) => setForm((f) => ({ ...f, to: v }))} error={problems.fields.to} />
        <div className="filters__actions">
          <button type="submit" className="button button--primary">{t('common.show')}</button>
        </div>
      </form>
      <FormError error={pdf.error} />
      {statement.status === 'loading' ? <Loading /> : null}
      {statement.status === 'failed' ? <LoadError error={statement.error} retry={() => void statement.reload()} /> : null}
      {statement.status === 'ready' ? <StatementView scheme={scheme} statement={statement.data} /> : null}
    </Page>
  );
}

function StatementView({ scheme, statement }: { scheme: Scheme; statement: ProviderStatement }) {
  const { t } = useTranslation();
  const format = useFormat();
  const money = useMoney(statement.currency || scheme.currency);
  const schemeHref = useSchemeHref();
  const amount = (n: number | null) => (n === null ? '—' : money.format(n));
  return (
    <>
      <section className="card" aria-labelledby="totals-heading">
        <h2 id="totals-heading">{t('statement.totals', { from: format.calendarDate(statement.from), to: format.calendarDate(statement.to) })}</h2>
        <dl className="stats stats--money">
          <div><dt>{t('statement.claims')}</dt><dd>{format.number(statement.totals.claims)}</dd></div>
          <div><dt>{t('claims.asked')}</dt><dd>{money.format(statement.totals.asked)}</dd></div>
          <div><dt>{t('claims.payable')}</dt><dd>{money.format(statement.totals.payable)}</dd></div>
          <div><dt>{t('statement.ordered')}</dt><dd>{money.format(statement.totals.ordered)}</dd></div>
          <div><dt>{t('statement.paid')}</dt><dd className="amount--ok">{money.format(statement.totals.paid)}</dd></div>
        </dl>
      </section>
      <section className="card" aria-labelledby="statement-claims-heading">
        <h2 id="statement-claims-heading">{t('statement.claimsHeading')}</h2>
        <DataTable
          caption={t('statement.claimsHeading')}
          rows={statement.claims}
          rowKey={(c) => c.id}
          empty={t('statement.noClaims')}
          columns={[
            { key: 'number', header: t('claims.number'), cell: (c) => <Link to={schemeHref(`/claims/${c.id}`)}>{c.number}</Link> },
            { key: 'member', header: t('claims.member'), cell: (c) => <>{c.memberName ?? '—'} <code>{c.member}</code></> },
            { key: 'from', header: t('claims.careDate'), cell: (c) => <span className="nowrap">{format.calendarDate(c.from)}</span> },
            { key: 'status', header: t('claims.status'), cell: (c) => <ClaimStatusBadge status={c.status} /> },
            {
              key: 'lines',
              header: t('claims.lines'),
              cell: (c) => (
                <ul className="tight-list statement-lines">
                  {c.lines.map((l) => (
                    <li key={l.seq}>
                      {l.serviceName ?? l.service} × {format.number(l.quantity)} <DecisionBadge decision={l.decision} /> {amount(l.payable)}
                      {l.messages.length ? <span className="cell-note">{l.messages.join(' · ')}</span> : null}
                    </li>
                  ))}
                </ul>
              ),
            },
            { key: 'asked', header: t('claims.asked'), numeric: true, cell: (c) => money.format(c.asked) },
            { key: 'payable', header: t('claims.payable'), numeric: true, cell: (c) => amount(c.payable) },
            { key: 'batch', header: t('statement.batch'), cell: (c) => (c.batch ? <>{c.batch}{c.paidOn ? <span className="cell-note">{t('statement.paidOn', { date: format.calendarDate(c.paidOn) })}</span> : null}</> : '—') },
          ]}
        />
      </section>
      <section className="card" aria-labelledby="statement-batches-heading">
        <h2 id="statement-batches-heading">{t('batches.title')}</h2>
        <DataTable
          caption={t('batches.title')}
          rows={statement.batches}
          rowKey={(b) => b.id}
          empty={t('batches.empty')}
          columns={[
            { key: 'number', header: t('batches.number'), cell: (b) => b.number },
            { key: 'period', header: t('batches.period'), cell: (b) => t('claims.careRange', { from: format.calendarDate(b.from), to: format.calendarDate(b.to) }) },
            { key: 'status', header: t('batches.status'), cell: (b) => <BatchStatusBadge status={b.status} /> },
            { key: 'total', header: t('batches.total'), numeric: true, cell: (b) => money.format(b.total) },
            { key: 'paid', header: t('batches.paidOn'), cell: (b) => (b.paidOn ? `${format.calendarDate(b.paidOn)}${b.reference ? ` · ${b.reference}` : ''}` : '—') },
          ]}
        />
      </section>
    </>
  );
}
