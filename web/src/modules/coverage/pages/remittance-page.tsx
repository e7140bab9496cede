import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Remittance, Scheme } from '../../../api/types';
import { today } from '../../../app/dates';
import { useIdempotencyKey } from '../../../app/idempotency';
import { useMoney } from '../../../app/money';
import { Link } from '../../../app/router';
import { useMe, useSchemeHref } from '../../../app/session';
import { useSubmit } from '../../../app/use-submit';
import { type FieldErrors, fieldProblems, FormError, SelectField, TextField } from '../../../components/form';
import { MoneyField } from '../../../components/money-field';
import { Notice, Page } from '../../../components/page';
import { DataTable } from '../../../components/table';
import { CellField, RowTitle } from '../../../components/table-form';
import { useSchemeLists } from '../../members/components/household-fields';
import { recordRemittance } from '../api';

interface Part {
  key: number;
  household: string;
  amount: string;
}

/**
 * A group's payment (an association, a cooperative) split across its households by the list it
 * brings: one receipt, one payment per household. The running total shows what is left to split.
 */
export default function RemittancePage({ scheme }: { scheme: Scheme }) {
  const { t } = useTranslation();
  const { me } = useMe();
  const schemeHref = useSchemeHref();
  const money = useMoney(scheme.currency);
  const { groups } = useSchemeLists(scheme);
  const key = useIdempotencyKey();
  const nextKey = useRef(3);
  const empty = () => ({ group: '', date: today(), amount: '', receipt: '', collector: me.username });
  const [form, setForm] = useState(empty);
  const [parts, setParts] = useState<Part[]>([{ key: 0, household: '', amount: '' }, { key: 1, household: '', amount: '' }, { key: 2, household: '', amount: '' }]);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [recorded, setRecorded] = useState<Remittance>();
  const { busy, error, run } = useSubmit();
  const sentRows = useRef<number[]>([]);

  const set = (change: Partial<ReturnType<typeof empty>>) => {
    key.reset();
    setForm((f) => ({ ...f, ...change }));
  };
  const setPart = (index: number, change: Partial<Part>) => {
    key.reset();
    setParts((ps) => ps.map((p, i) => (i === index ? { ...p, ...change } : p)));
  };

  const total = money.parse(form.amount);
  const amounts = parts.map((p) => money.parse(p.amount));
  const split = amounts.reduce<number>((sum, a) => sum + (a ?? 0), 0);
  const left = typeof total === 'number' ? total - split : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const errors: FieldErrors = {};
    if (!form.group) errors.group = t('validation.choose');
    if (total === null) errors.amount = t('validation.required');
    else if (total === undefined) errors.amount = t('money.invalid', { currency: money.currency });
    const filled = parts.map((p, i) => ({ p, i, amount: amounts[i] })).filter(({ p }) => p.household.trim() || p.amount.trim());
    filled.forEach(({ p, i, amount }) => {
      if (!p.household.trim()) errors[`parts[${i}].household`] = t('validation.required');
      if (amount === null) errors[`parts[${i}].amount`] = t('validation.required');
      else if (amount === undefined) errors[`parts[${i}].amount`] = t('money.invalid', { currency: money.currency });
    });
    if (!filled.length) errors.parts = t('remittance.noParts');
    setClientErrors(errors);
    if (Object.keys(errors).length) return;
    // Rows left empty are dropped; the API's row numbers then follow the rows sent, mapped back here.
    sentRows.current = filled.map(({ i }) => i);
    const idempotencyKey = key.current();
    await run(async () => {
      const remittance = await recordRemittance(scheme.code, {
        group: form.group,
        date: form.date,
        amount: total!,
        receipt: form.receipt.trim() || null,
        collector: form.collector.trim() || null,
        idempotencyKey,
        parts: filled.map(({ p, amount }) => ({ household: p.household.trim(), amount: amount! })),
      });
      key.reset();
      setRecorded(remittance);
    });
  };

  if (recorded) {
    return (
      <Page title={t('remittance.title')}>
        <Notice kind="success" role="status">
          <p>{t('remittance.recorded', { amount: money.format(recorded.amount), group: recorded.group, receipt: recorded.receipt })}</p>
        </Notice>
        <DataTable
          caption={t('remittance.payments')}
          rows={recorded.payments}
          rowKey={(p) => p.id}
          empty="—"
          columns={[
            { key: 'household', header: t('households.number'), cell: (p) => <Link to={schemeHref(`/households/${encodeURIComponent(p.household)}`)}><code>{p.household}</code></Link> },
            { key: 'receipt', header: t('payments.receipt'), cell: (p) => <code>{p.receipt ?? '—'}</code> },
            { key: 'amount', header: t('payments.amount'), numeric: true, cell: (p) => money.format(p.amount) },
          ]}
        />
        <div className="actions">
          <button
            type="button"
            className="button button--primary"
            onClick={() => {
              setRecorded(undefined);
              setForm(empty());
              setParts([{ key: nextKey.current++, household: '', amount: '' }]);
            }}
          >
            {t('remittance.another')}
          </button>
        </div>
      </Page>
    );
  }

  const rename = (field: string) => field.replace(/^parts\[(\d+)\]/, (_, n: string) => `parts[${sentRows.current[Number(n)] ?? n}]`);
  const partFields = parts.flatMap((_, i) => [`parts[${i}].household`, `parts[${i}].amount`]);
  const problems = fieldProblems(error, ['group', 'date', 'amount', 'receipt', 'collector', 'parts', ...partFields], rename);
  const errors = { ...problems.fields, ...clientErrors };
  const row = (i: number) => t('remittance.rowN', { n: i + 1 });

  return (
    <Page title={t('remittance.title')}>
      <p className="muted">{t('remittance.intro')}</p>
      <form onSubmit={submit} noValidate className="form" aria-label={t('remittance.title')}>
        <FormError error={error} other={problems.other} />
        <section className="card form" aria-labelledby="remittance-heading">
          <h2 id="remittance-heading">{t('remittance.payment')}</h2>
          <div className="form__row">
            <SelectField
              label={t('payments.group')}
              name="group"
              value={form.group}
              onValue={(group) => set({ group })}
              options={[{ value: '', label: t('common.choose') }, ...groups.map((g) => ({ value: g.code, label: `${g.name} (${g.code})` }))]}
              error={errors.group}
            />
            <TextField label={t('payments.date')} name="date" type="date" value={form.date} onValue={(date) => set({ date })} error={errors.date} />
            <MoneyField label={t('remittance.amount')} name="amount" money={money} value={form.amount} onValue={(amount) => set({ amount })} error={errors.amount} />
          </div>
          <div className="form__row">
            <TextField label={t('payments.receipt')} hint={t('payments.receiptHint')} name="receipt" autoComplete="off" value={form.receipt} onValue={(receipt) => set({ receipt })} error={errors.receipt} />
            <TextField label={t('payments.collector')} name="collector" autoComplete="off" value={form.collector} onValue={(collector) => set({ collector })} error={errors.collector} />
          </div>
        </section>
        <section className="card" aria-labelledby="parts-heading">
          <h2 id="parts-heading">{t('remittance.parts')}</h2>
          {errors.parts ? <p className="field__error" role="alert">{errors.parts}</p> : null}
          <table className="table-form table-form--parts" aria-labelledby="parts-heading">
            <colgroup>
              <col className="col--number" />
              <col />
              <col />
              <col className="col--action" />
            </colgroup>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t('households.number')}</th>
                <th scope="col">{t('payments.amount')}</th>
                <th scope="col"><span className="visually-hidden">{t('common.actions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {parts.map((p, i) => (
                <tr key={p.key}>
                  <RowTitle number={i + 1} title={t('remittance.rowTitle', { n: i + 1 })} />
                  <CellField label={t('households.number')} row={row(i)} error={errors[`parts[${i}].household`]}>
                    {({ id, describedBy, invalid }) => <input id={id} autoComplete="off" spellCheck={false} aria-describedby={describedBy} aria-invalid={invalid || undefined} value={p.household} onChange={(e) => setPart(i, { household: e.target.value })} />}
                  </CellField>
                  <CellField label={t('payments.amount')} row={row(i)} error={errors[`parts[${i}].amount`]}>
                    {({ id, describedBy, invalid }) => <input id={id} inputMode={money.exponent ? 'decimal' : 'numeric'} autoComplete="off" aria-describedby={describedBy} aria-invalid={invalid || undefined} value={p.amount} onChange={(e) => setPart(i, { amount: e.target.value })} />}
                  </CellField>
                  <td className="table-form__cell table-form__cell--action">
                    {parts.length > 1 ? (
                      <button type="button" className="button button--small" onClick={() => { key.reset(); setParts((ps) => ps.filter((_, j) => j !== i)); }}>
                        {t('common.remove')}<span className="visually-hidden"> {row(i)}</span>
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="actions">
            <button type="button" className="button" onClick={() => setParts((ps) => [...ps, { key: nextKey.current++, household: '', amount: '' }])}>{t('remittance.addRow')}</button>
          </div>
          <dl className="running-total" aria-live="polite">
            <div><dt>{t('remittance.split')}</dt><dd>{money.format(split)}</dd></div>
            <div>
              <dt>{left !== null && left < 0 ? t('remittance.over') : t('remittance.left')}</dt>
              <dd className={left === null ? undefined : left === 0 ? 'amount--ok' : 'amount--owed'}>{left === null ? '—' : money.format(Math.abs(left))}</dd>
            </div>
          </dl>
        </section>
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={busy}>{busy ? t('common.saving') : t('remittance.record')}</button>
        </div>
      </form>
    </Page>
  );
}
