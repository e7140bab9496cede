import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Scheme } from '../../../api/types';
import { canOnScheme } from '../../../app/access';
import { today } from '../../../app/dates';
import { useFormat } from '../../../app/format';
import { useIdempotencyKey } from '../../../app/idempotency';
import { type MoneyFormat, useMoney } from '../../../app/money';
import { navigate, useLocation } from '../../../app/router';
import { useMe, useSchemeHref } from '../../../app/session';
import { useApi } from '../../../app/use-api';
import { useSubmit } from '../../../app/use-submit';
import { type FieldErrors, fieldProblems, FormError, SelectField, TextField } from '../../../components/form';
import { LoadError, Loading, Notice, Page } from '../../../components/page';
import { CellField, RowTitle } from '../../../components/table-form';
import { closedPeriods, closeMonth, type Entry, type LedgerAccount, ledgerAccounts, ledgerEntries, recordManualEntry, reverseEntry } from '../api';

interface Row {
  key: number;
  account: string;
  debit: string;
  credit: string;
}

/**
 * The journal: entries by date with their lines, a manual entry (running costs, grants, transfers
 * between cash accounts), the reversal of a manual entry, and the closing of a month.
 */
export default function JournalPage({ scheme }: { scheme: Scheme }) {
  const { t, i18n } = useTranslation();
  const { me } = useMe();
  const schemeHref = useSchemeHref();
  const money = useMoney(scheme.currency);
  const { query } = useLocation();
  const to = query.get('to') || today();
  const from = query.get('from') || `${to.slice(0, 7)}-01`;
  const account = query.get('account') || '';
  const [filters, setFilters] = useState({ from, to, account });
  const canWrite = canOnScheme(me, 'finance.write', scheme);
  const accounts = useApi(() => ledgerAccounts(scheme.code), [scheme.code]);
  const entries = useApi(() => ledgerEntries(scheme.code, { from, to, account: account || undefined, limit: 500 }), [scheme.code, from, to, account]);

  const show = (event: FormEvent) => {
    event.preventDefault();
    navigate(schemeHref('/journal', { from: filters.from, to: filters.to, account: filters.account || undefined }));
  };
  const chart = accounts.status === 'ready' ? accounts.data : [];
  const names = new Map(chart.map((a) => [a.code, i18n.language.startsWith('fr') ? a.nameFr : a.nameEn]));

  return (
    <Page title={t('ledger.journalTitle')}>
      <p className="muted">{t('ledger.journalIntro')}</p>
      <form className="filters filters--grid" onSubmit={show} aria-label={t('common.filters')}>
        <TextField label={t('ledger.from')} name="from" type="date" value={filters.from} onValue={(v) => setFilters((f) => ({ ...f, from: v }))} />
        <TextField label={t('ledger.to')} name="to" type="date" value={filters.to} onValue={(v) => setFilters((f) => ({ ...f, to: v }))} />
        <SelectField
          label={t('ledger.account')}
          name="account"
          value={filters.account}
          onValue={(v) => setFilters((f) => ({ ...f, account: v }))}
          options={[{ value: '', label: t('ledger.allAccounts') }, ...chart.map((a) => ({ value: a.code, label: `${a.code} ${i18n.language.startsWith('fr') ? a.nameFr : a.nameEn}` }))]}
        />
        <div className="filters__actions">
          <button type="submit" className="button button--primary">{t('common.show')}</button>
        </div>
      </form>
      {entries.status === 'loading' ? <Loading /> : null}
      {entries.status === 'failed' ? <LoadError error={entries.error} retry={() => void entries.reload()} /> : null}
      {entries.status === 'ready' ? (
        <section aria-labelledby="entries-heading">
          <h2 id="entries-heading">{t('ledger.entries', { n: entries.data.total })}</h2>
          {entries.data.items.length === 0 ? <p className="empty">{t('ledger.nothing')}</p> : null}
          {entries.data.items.map((e) => (
            <EntryCard key={e.id} scheme={scheme} entry={e} money={money} names={names} canReverse={canWrite && e.sourceKind === 'manual' && !e.reversalOf && !e.reversedBy} onChanged={() => void entries.reload()} />
          ))}
        </section>
      ) : null}
      {canWrite && chart.length ? <ManualEntryForm scheme={scheme} accounts={chart} money={money} onRecorded={() => void entries.reload()} /> : null}
      {canWrite ? <CloseMonthForm scheme={scheme} /> : null}
    </Page>
  );
}

function EntryCard({ scheme, entry, money, names, canReverse, onChanged }: { scheme: Scheme; entry: Entry; money: MoneyFormat; names: Map<string, string>; canReverse: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [reversing, setReversing] = useState(false);
  const [reason, setReason] = useState('');
  const { busy, error, run } = useSubmit();
  const reverse = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await run(async () => {
      await reverseEntry(scheme.code, entry.id, reason.trim());
    });
    if (ok) onChanged();
  };
  return (
    <article className="card" aria-labelledby={`entry-${entry.id}`}>
      <h3 id={`entry-${entry.id}`}>
        {t('ledger.entryNumber', { n: entry.number })} · {format.calendarDate(entry.date)} · {entry.memo}
      </h3>
      <p className="muted">
        {t(`ledger.kinds.${entry.kind}`, { defaultValue: entry.kind })}
        {entry.reversalOf ? ` · ${t('ledger.isReversal')}` : ''}
        {entry.reversedBy ? ` · ${t('ledger.reversed')}` : ''}
      </p>
      <table className="table">
        <caption className="visually-hidden">{t('ledger.lines')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('ledger.account')}</th>
            <th scope="col" className="numeric">{t('ledger.debit')}</th>
            <th scope="col" className="numeric">{t('ledger.credit')}</th>
          </tr>
        </thead>
        <tbody>
          {entry.lines.map((l, i) => (
            <tr key={i}>
              <td><code>{l.account}</code> {names.get(l.account) ?? ''}</td>
              <td className="numeric">{l.debit ? money.format(l.debit) : ''}</td>
              <td className="numeric">{l.credit ? money.format(l.credit) : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {canReverse && !reversing ? (
        <div className="actions">
          <button type="button" className="button button--small" onClick={() => setReversing(true)}>{t('ledger.reverse')}</button>
        </div>
      ) : null}
      {reversing ? (
        <form onSubmit={reverse} className="form" aria-label={t('ledger.reverse')}>
          <FormError error={error} />
          <TextField label={t('ledger.reason')} name="reason" value={reason} onValue={setReason} required />
          <div className="actions">
            <button type="submit" className="button button--primary" disabled={busy || reason.trim().length < 3}>{t('ledger.reverse')}</button>
            <button type="button" className="button" onClick={() => setReversing(false)}>{t('common.cancel')}</button>
          </div>
        </form>
      ) : null}
    </article>
  );
}

function ManualEntryForm({ scheme, accounts, money, onRecorded }: { scheme: Scheme; accounts: LedgerAccount[]; money: MoneyFormat; onRecorded: () => void }) {
  const { t, i18n } = useTranslation();
  const key = useIdempotencyKey();
  const nextKey = useRef(2);
  const [form, setForm] = useState({ date: today(), memo: '' });
  const [rows, setRows] = useState<Row[]>([{ key: 0, account: '', debit: '', credit: '' }, { key: 1, account: '', debit: '', credit: '' }]);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [recorded, setRecorded] = useState<number>();
  const { busy, error, run } = useSubmit();

  const setRow = (index: number, change: Partial<Row>) => {
    key.reset();
    setRows((rs) => rs.map((r, i) => (i === index ? { ...r, ...change } : r)));
  };
  const debits = rows.map((r) => money.parse(r.debit));
  const credits = rows.map((r) => money.parse(r.credit));
  const difference = debits.reduce<number>((s, d) => s + (d ?? 0), 0) - credits.reduce<number>((s, c) => s + (c ?? 0), 0);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const errors: FieldErrors = {};
    if (form.memo.trim().length < 3) errors.memo = t('validation.required');
    rows.forEach((r, i) => {
      if (!r.account) errors[`lines[${i}].account`] = t('validation.choose');
      if (debits[i] === undefined) errors[`lines[${i}].debit`] = t('money.invalid', { currency: money.currency });
      if (credits[i] === undefined) errors[`lines[${i}].credit`] = t('money.invalid', { currency: money.currency });
    });
    if (difference !== 0) errors.lines = t('ledger.difference', { amount: money.format(difference) });
    setClientErrors(errors);
    if (Object.keys(errors).length) return;
    await run(async () => {
      const entry = await recordManualEntry(scheme.code, {
        date: form.date,
        memo: form.memo.trim(),
        idempotencyKey: key.current(),
        lines: rows.map((r, i) => ({ account: r.account, ...(debits[i] ? { debit: debits[i] } : {}), ...(credits[i] ? { credit: credits[i] } : {}) })),
      });
      key.reset();
      setRecorded(entry.number);
      setForm({ date: form.date, memo: '' });
      setRows([{ key: nextKey.current++, account: '', debit: '', credit: '' }, { key: nextKey.current++, account: '', debit: '', credit: '' }]);
      onRecorded();
    });
  };

  const lineFields = rows.flatMap((_, i) => [`lines[${i}].account`, `lines[${i}].debit`, `lines[${i}].credit`, `lines[${i}]`]);
  const problems = fieldProblems(error, ['date', 'memo', 'lines', ...lineFields]);
  const errors = { ...problems.fields, ...clientErrors };
  const row = (i: number) => t('ledger.lineN', { n: i + 1 });
  const name = (a: LedgerAccount) => `${a.code} ${i18n.language.startsWith('fr') ? a.nameFr : a.nameEn}`;

  return (
    <section className="card" aria-labelledby="manual-heading">
      <h2 id="manual-heading">{t('ledger.manualEntry')}</h2>
      <p className="muted">{t('ledger.manualIntro')}</p>
      {recorded !== undefined ? <Notice kind="success" role="status">{t('ledger.recorded', { n: recorded })}</Notice> : null}
      <form onSubmit={submit} noValidate className="form" aria-label={t('ledger.manualEntry')}>
        <FormError error={error} other={problems.other} />
        <div className="form__row">
          <TextField label={t('ledger.date')} name="date" type="date" value={form.date} onValue={(date) => { key.reset(); setForm((f) => ({ ...f, date })); }} error={errors.date} />
          <TextField label={t('ledger.memo')} name="memo" value={form.memo} onValue={(memo) => { key.reset(); setForm((f) => ({ ...f, memo })); }} error={errors.memo} />
        </div>
        {errors.lines ? <p className="field__error" role="alert">{errors.lines}</p> : null}
        <table className="table-form" aria-labelledby="manual-heading">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t('ledger.account')}</th>
              <th scope="col">{t('ledger.debit')}</th>
              <th scope="col">{t('ledger.credit')}</th>
              <th scope="col"><span className="visually-hidden">{t('common.actions')}</span></th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={r.key}>
                <RowTitle number={i + 1} title={row(i)} />
                <CellField label={t('ledger.account')} row={row(i)} error={errors[`lines[${i}].account`] ?? errors[`lines[${i}]`]}>
                  {({ id, describedBy, invalid }) => (
                    <select id={id} aria-describedby={describedBy} aria-invalid={invalid || undefined} value={r.account} onChange={(e) => setRow(i, { account: e.target.value })}>
                      <option value="">{t('common.choose')}</option>
                      {accounts.map((a) => <option key={a.code} value={a.code}>{name(a)}</option>)}
                    </select>
                  )}
                </CellField>
                <CellField label={t('ledger.debit')} row={row(i)} error={errors[`lines[${i}].debit`]}>
                  {({ id, describedBy, invalid }) => <input id={id} inputMode={money.exponent ? 'decimal' : 'numeric'} autoComplete="off" aria-describedby={describedBy} aria-invalid={invalid || undefined} value={r.debit} onChange={(e) => setRow(i, { debit: e.target.value })} />}
                </CellField>
                <CellField label={t('ledger.credit')} row={row(i)} error={errors[`lines[${i}].credit`]}>
                  {({ id, describedBy, invalid }) => <input id={id} inputMode={money.exponent ? 'decimal' : 'numeric'} autoComplete="off" aria-describedby={describedBy} aria-invalid={invalid || undefined} value={r.credit} onChange={(e) => setRow(i, { credit: e.target.value })} />}
                </CellField>
                <td className="table-form__cell table-form__cell--action">
                  {rows.length > 2 ? (
                    <button type="button" className="button button--small" onClick={() => { key.reset(); setRows((rs) => rs.filter((_, j) => j !== i)); }}>
                      {t('common.remove')}<span className="visually-hidden"> {row(i)}</span>
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p aria-live="polite">{t('ledger.difference', { amount: money.format(difference) })}</p>
        <div className="actions">
          <button type="button" className="button" onClick={() => setRows((rs) => [...rs, { key: nextKey.current++, account: '', debit: '', credit: '' }])}>{t('ledger.addLine')}</button>
          <button type="submit" className="button button--primary" disabled={busy}>{t('ledger.record')}</button>
        </div>
      </form>
    </section>
  );
}

function CloseMonthForm({ scheme }: { scheme: Scheme }) {
  const { t } = useTranslation();
  const money = useMoney(scheme.currency);
  const [month, setMonth] = useState(today().slice(0, 7));
  const [done, setDone] = useState<{ month: string; earned: number }>();
  const { busy, error, run } = useSubmit();
  const format = useFormat();
  const periods = useApi(() => closedPeriods(scheme.code), [scheme.code]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await run(async () => {
      const closed = await closeMonth(scheme.code, month);
      setDone({ month: closed.month, earned: closed.earned });
      await periods.reload();
    });
  };
  return (
    <section className="card" aria-labelledby="close-heading">
      <h2 id="close-heading">{t('ledger.closeTitle')}</h2>
      <p className="muted">{t('ledger.closeIntro')}</p>
      {periods.status === 'ready' ? (
        <p>{periods.data.closedThrough ? t('ledger.closedThrough', { date: format.calendarDate(periods.data.closedThrough) }) : t('ledger.noneClosed')}</p>
      ) : null}
      {done ? <Notice kind="success" role="status">{t('ledger.closedMonth', { month: done.month, earned: money.format(done.earned) })}</Notice> : null}
      <form onSubmit={submit} className="form" aria-label={t('ledger.closeTitle')}>
        <FormError error={error} />
        <TextField label={t('ledger.month')} name="month" type="month" value={month} onValue={setMonth} />
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={busy}>{t('ledger.close')}</button>
        </div>
      </form>
    </section>
  );
}
