import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Scheme } from '../../../api/types';
import { today } from '../../../app/dates';
import { useFormat } from '../../../app/format';
import { useMoney } from '../../../app/money';
import { navigate, useLocation } from '../../../app/router';
import { useSchemeHref } from '../../../app/session';
import { useApi } from '../../../app/use-api';
import { SelectField, TextField } from '../../../components/form';
import { LoadError, Loading, Notice, Page } from '../../../components/page';
import { DataTable } from '../../../components/table';
import { balanceSheet, incomeStatement, trialBalance, type BalanceSheet, type IncomeStatement, type TrialBalance } from '../api';

const views = ['income', 'balance', 'trial'] as const;
type View = (typeof views)[number];

/**
 * The statements, read from the ledger: income statement over a period, balance sheet on its last
 * day, trial balance. Labels of the statements come from the server in the user's language.
 */
export default function BooksPage({ scheme }: { scheme: Scheme }) {
  const { t } = useTranslation();
  const schemeHref = useSchemeHref();
  const { query } = useLocation();
  const to = query.get('to') || today();
  const from = query.get('from') || `${to.slice(0, 4)}-01-01`;
  const view = (views as readonly string[]).includes(query.get('view') ?? '') ? (query.get('view') as View) : 'income';
  const [form, setForm] = useState({ from, to, view });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(schemeHref('/books', { from: form.from, to: form.to, view: form.view }));
  };

  return (
    <Page title={t('ledger.booksTitle')}>
      <p className="muted">{t('ledger.booksIntro')}</p>
      <form className="filters filters--grid" onSubmit={submit} aria-label={t('common.filters')}>
        <SelectField label={t('ledger.statement')} name="view" value={form.view} onValue={(v) => setForm((f) => ({ ...f, view: v as View }))} options={views.map((v) => ({ value: v, label: t(`ledger.views.${v}`) }))} />
        <TextField label={t('ledger.from')} name="from" type="date" value={form.from} onValue={(v) => setForm((f) => ({ ...f, from: v }))} />
        <TextField label={t('ledger.to')} name="to" type="date" value={form.to} onValue={(v) => setForm((f) => ({ ...f, to: v }))} />
        <div className="filters__actions">
          <button type="submit" className="button button--primary">{t('common.show')}</button>
        </div>
      </form>
      {view === 'income' ? <Income scheme={scheme} from={from} to={to} /> : null}
      {view === 'balance' ? <Balance scheme={scheme} on={to} /> : null}
      {view === 'trial' ? <Trial scheme={scheme} from={from} to={to} /> : null}
    </Page>
  );
}

type Line = IncomeStatement['income'][number];

function Lines({ caption, rows, currency }: { caption: string; rows: Line[]; currency: string }) {
  const { t } = useTranslation();
  const money = useMoney(currency);
  return (
    <DataTable
      caption={caption}
      rows={rows}
      rowKey={(r) => r.code}
      empty={t('ledger.nothing')}
      columns={[
        { key: 'code', header: t('ledger.account'), cell: (r) => <code>{r.code}</code> },
        { key: 'name', header: t('ledger.name'), cell: (r) => r.name },
        { key: 'amount', header: t('ledger.amount'), numeric: true, cell: (r) => money.format(r.amount) },
      ]}
    />
  );
}

function Income({ scheme, from, to }: { scheme: Scheme; from: string; to: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const money = useMoney(scheme.currency);
  const data = useApi(() => incomeStatement(scheme.code, from, to), [scheme.code, from, to]);
  if (data.status === 'loading') return <Loading />;
  if (data.status === 'failed') return <LoadError error={data.error} retry={() => void data.reload()} />;
  const s: IncomeStatement = data.data;
  const l = s.labels;
  return (
    <section aria-labelledby="income-heading">
      <h2 id="income-heading">{l.incomeStatement} · {format.calendarDate(s.from)} – {format.calendarDate(s.to)}</h2>
      <Notice>{s.earnedThrough ? t('ledger.earnedThrough', { date: format.calendarDate(s.earnedThrough) }) : t('ledger.notEarned')}</Notice>
      <h3>{l.income}</h3>
      <Lines caption={l.income ?? ''} rows={s.income} currency={scheme.currency} />
      <h3>{l.expenses}</h3>
      <Lines caption={l.expenses ?? ''} rows={s.expenses} currency={scheme.currency} />
      <dl className="stats stats--money">
        <div><dt>{l.totalIncome}</dt><dd>{money.format(s.totalIncome)}</dd></div>
        <div><dt>{l.totalExpenses}</dt><dd>{money.format(s.totalExpenses)}</dd></div>
        <div><dt>{l.result}</dt><dd>{money.format(s.result)}</dd></div>
        <div><dt>{l.claimsIncurred}</dt><dd>{money.format(s.claimsIncurred)}</dd></div>
      </dl>
    </section>
  );
}

function Balance({ scheme, on }: { scheme: Scheme; on: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const money = useMoney(scheme.currency);
  const data = useApi(() => balanceSheet(scheme.code, on), [scheme.code, on]);
  if (data.status === 'loading') return <Loading />;
  if (data.status === 'failed') return <LoadError error={data.error} retry={() => void data.reload()} />;
  const s: BalanceSheet = data.data;
  const l = s.labels;
  return (
    <section aria-labelledby="balance-heading">
      <h2 id="balance-heading">{l.balanceSheet} · {format.calendarDate(s.on)}</h2>
      {s.balanced ? null : <Notice kind="error" role="alert">{t('ledger.unbalanced')}</Notice>}
      <h3>{l.assets}</h3>
      <Lines caption={l.assets ?? ''} rows={s.assets} currency={scheme.currency} />
      <h3>{l.liabilities}</h3>
      <Lines caption={l.liabilities ?? ''} rows={s.liabilities} currency={scheme.currency} />
      <h3>{l.equity}</h3>
      <Lines caption={l.equity ?? ''} rows={s.equity} currency={scheme.currency} />
      <dl className="stats stats--money">
        <div><dt>{l.resultToDate}</dt><dd>{money.format(s.resultToDate)}</dd></div>
        <div><dt>{l.totalAssets}</dt><dd>{money.format(s.totalAssets)}</dd></div>
        <div><dt>{l.totalLiabilities}</dt><dd>{money.format(s.totalLiabilities)}</dd></div>
        <div><dt>{l.totalEquity}</dt><dd>{money.format(s.totalEquity)}</dd></div>
      </dl>
    </section>
  );
}

function Trial({ scheme, from, to }: { scheme: Scheme; from: string; to: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const money = useMoney(scheme.currency);
  const data = useApi(() => trialBalance(scheme.code, from, to), [scheme.code, from, to]);
  if (data.status === 'loading') return <Loading />;
  if (data.status === 'failed') return <LoadError error={data.error} retry={() => void data.reload()} />;
  const s: TrialBalance = data.data;
  return (
    <section aria-labelledby="trial-heading">
      <h2 id="trial-heading">{t('ledger.views.trial')} · {format.calendarDate(s.from)} – {format.calendarDate(s.to)}</h2>
      <Notice kind={s.balanced ? 'success' : 'error'} role="status">{s.balanced ? t('ledger.balanced') : t('ledger.unbalanced')}</Notice>
      <DataTable
        caption={t('ledger.views.trial')}
        rows={s.rows}
        rowKey={(r) => r.code}
        empty={t('ledger.nothing')}
        columns={[
          { key: 'code', header: t('ledger.account'), cell: (r) => <code>{r.code}</code> },
          { key: 'name', header: t('ledger.name'), cell: (r) => r.name },
          { key: 'opening', header: t('ledger.opening'), numeric: true, cell: (r) => money.format(r.opening) },
          { key: 'debit', header: t('ledger.debit'), numeric: true, cell: (r) => money.format(r.debit) },
          { key: 'credit', header: t('ledger.credit'), numeric: true, cell: (r) => money.format(r.credit) },
          { key: 'closing', header: t('ledger.closing'), numeric: true, cell: (r) => money.format(r.closing) },
        ]}
      />
      <dl className="stats stats--money">
        <div><dt>{t('ledger.totalDebit')}</dt><dd>{money.format(s.totalDebit)}</dd></div>
        <div><dt>{t('ledger.totalCredit')}</dt><dd>{money.format(s.totalCredit)}</dd></div>
      </dl>
    </section>
  );
}
