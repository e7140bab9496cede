import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PaymentMethod, Scheme } from '../../../api/types';
import { today } from '../../../app/dates';
import { useFormat } from '../../../app/format';
import { useMoney } from '../../../app/money';
import { Link, navigate, useLocation } from '../../../app/router';
import { useMe, useSchemeHref } from '../../../app/session';
import { Badge } from '../../../components/badge';
import { type FieldErrors, SelectField, TextField } from '../../../components/form';
import { MoneyField } from '../../../components/money-field';
import { Page } from '../../../components/page';
import { DataTable } from '../../../components/table';
import { queuePayment, replace } from '../../../offline/engine';
import { useFieldStatus } from '../../../offline/status';
import { getMeta, householdOf, outbox, outboxItem } from '../../../offline/store';
import type { OutboxItem, PaymentBody } from '../../../offline/types';
import { usePaymentWords } from '../../coverage/components/labels';
import { CoverageBadge, fullName, useFieldAccess, useLocal } from '../components/field-common';

/** Methods a collector takes in the field (group remittances and subsidies are recorded at the office). */
const FIELD_METHODS: PaymentMethod[] = ['cash', 'mobile_money', 'bank'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A household as of the last sync, what it owes, its payments (with those made on the device), and a payment form. */
export default function FieldHouseholdPage({ scheme, number }: { scheme: Scheme; number: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const money = useMoney(scheme.currency);
  const schemeHref = useSchemeHref();
  const words = usePaymentWords();
  const access = useFieldAccess(scheme);
  const household = useLocal(() => householdOf(scheme.code, number), [scheme.code, number]);
  const meta = useLocal(() => getMeta(scheme.code), [scheme.code]);
  const queued = useLocal(async () => (await outbox(scheme.code)).filter((i): i is Extract<OutboxItem, { kind: 'payment' }> => i.kind === 'payment' && i.body.household === number && i.status !== 'done'), [scheme.code, number]);

  if (!household.loaded) return null;
  const h = household.data;
  if (!h) {
    return (
      <Page title={t('field.household.title', { number })}>
        <p className="notice notice--warning">{t('field.household.notFound', { number })}</p>
        <Link to={schemeHref('/field')}>{t('field.links.search')}</Link>
      </Page>
    );
  }
  const c = h.coverage;
  return (
    <Page title={t('field.household.title', { number: h.number })}>
      <section className="card" aria-labelledby="field-coverage">
        <h2 id="field-coverage">{t('field.household.coverage')}</h2>
        <p>
          <CoverageBadge coverage={c} /> <span className="muted">{meta.data ? t('field.household.asOf', { date: format.calendarDate(meta.data.asOf) }) : null}</span>
        </p>
        <dl className="facts">
          <div>
            <dt>{t('field.household.owed')}</dt>
            <dd className={c.owed > 0 ? 'amount--owed' : undefined}>{money.format(c.owed)}</dd>
          </div>
          <div>
            <dt>{t('field.household.arrears')}</dt>
            <dd>{money.format(c.arrears)}</dd>
          </div>
          <div>
            <dt>{t('field.household.nextDue')}</dt>
            <dd>{c.nextDue ? t('field.household.nextDueValue', { amount: money.format(c.nextDue.amount), date: format.calendarDate(c.nextDue.date) }) : '—'}</dd>
          </div>
          <div>
            <dt>{t('field.household.credit')}</dt>
            <dd>{money.format(c.credit)}</dd>
          </div>
          <div>
            <dt>{t('field.household.period')}</dt>
            <dd>{c.period ? t('field.household.periodValue', { start: format.calendarDate(c.period.start), end: format.calendarDate(c.period.end), product: c.period.product }) : t('field.household.noPeriod')}</dd>
          </div>
          <div>
            <dt>{t('field.household.phone')}</dt>
            <dd>{h.phone ?? '—'}</dd>
          </div>
          <div>
            <dt>{t('field.household.location')}</dt>
            <dd>{h.location ? h.location.name : '—'}</dd>
          </div>
        </dl>
      </section>

      {access.pay ? <PaymentForm scheme={scheme} number={h.number} owed={c.owed} /> : null}

      <section className="card" aria-labelledby="field-members">
        <h2 id="field-members">{t('field.household.members')}</h2>
        <DataTable
          caption={t('field.household.members')}
          rows={h.members}
          rowKey={(m) => m.card}
          empty=""
          columns={[
            { key: 'name', header: t('field.household.name'), cell: (m) => fullName(m) },
            { key: 'card', header: t('field.household.card'), cell: (m) => m.card },
            { key: 'relationship', header: t('field.household.relationship'), cell: (m) => t(`enums.relationship.${m.relationship}`) },
            { key: 'born', header: t('field.household.born'), cell: (m) => (m.birthDate ? format.calendarDate(m.birthDate) : t('field.household.aboutYear', { year: m.birthYear })) },
            {
              key: 'status',
              header: t('field.household.status'),
              cell: (m) => (m.memberStatus === 'active' ? <CoverageBadge coverage={m.coverage} /> : <Badge tone="muted">{t(`enums.beneficiaryStatus.${m.memberStatus}`)}</Badge>),
            },
          ]}
        />
      </section>

      <section className="card" aria-labelledby="field-payments">
        <h2 id="field-payments">{t('field.household.lastPayments')}</h2>
        {(queued.data ?? []).length === 0 && h.lastPayments.length === 0 ? <p className="empty">{t('field.household.noPayments')}</p> : null}
        <ul className="plain-list">
          {(queued.data ?? []).map((p) => (
            <li key={p.id}>
              <Link to={schemeHref(`/field/receipts/${p.id}`)}>
                {format.calendarDate(p.body.date)} · {money.format(p.body.amount)} · {words.method(p.body)}
              </Link>{' '}
              <Badge tone={p.status === 'problem' ? 'danger' : 'warning'}>{p.status === 'problem' ? t('field.outbox.state.problem') : t('field.household.queued')}</Badge>
            </li>
          ))}
          {h.lastPayments.map((p) => (
            <li key={p.id}>
              {format.calendarDate(p.date)} · {money.format(p.amount)} · {words.method(p)}
              {p.receipt ? ` · ${t('field.household.receipt')} ${p.receipt}` : ''}
              {p.reversalOf ? ` · ${t('field.household.reversal')}` : ''}
            </li>
          ))}
        </ul>
      </section>
    </Page>
  );
}

/** Records a payment on the device (sent at once when online); `?edit=<id>` corrects a refused one. */
function PaymentForm({ scheme, number, owed }: { scheme: Scheme; number: string; owed: number }) {
  const { t } = useTranslation();
  const { me } = useMe();
  const money = useMoney(scheme.currency);
  const schemeHref = useSchemeHref();
  const { online } = useFieldStatus();
  const { query } = useLocation();
  const editId = query.get('edit');
  const [editing, setEditing] = useState<OutboxItem | undefined>();
  const [form, setForm] = useState({ amount: owed > 0 ? money.toInput(owed) : '', date: today(), method: 'cash' as PaymentMethod, receipt: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!editId) return;
    void outboxItem(editId).then((item) => {
      if (item?.kind !== 'payment') return;
      setEditing(item);
      setForm({ amount: money.toInput(item.body.amount), date: item.body.date, method: item.body.method as PaymentMethod, receipt: item.body.receipt ?? '' });
    });
  }, [editId, money]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const amount = money.parse(form.amount);
    const problems: FieldErrors = {};
    if (amount === null) problems.amount = t('validation.required');
    else if (amount === undefined || amount <= 0) problems.amount = t('money.invalid');
    if (!DATE.test(form.date)) problems.date = t('field.payment.invalidDate');
    setErrors(problems);
    if (Object.keys(problems).length) return;
    const body: PaymentBody = {
      household: number,
      date: form.date,
      amount: amount!,
      method: form.method,
      payer: 'member',
      receipt: form.receipt.trim() || null,
      collector: me.username,
    };
    setBusy(true);
    try {
      const id = editing ? await replace(editing, body) : await queuePayment(scheme.code, body);
      navigate(schemeHref(`/field/receipts/${id}`));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="field-pay">
      <h2 id="field-pay">{editing ? t('field.outbox.editTitle') : t('field.payment.title')}</h2>
      {editing?.error ? <p className="notice notice--error">{editing.error.message}</p> : null}
      <form className="form" noValidate onSubmit={submit} aria-labelledby="field-pay">
        <div className="form__row">
          <MoneyField label={t('field.payment.amount')} name="amount" money={money} value={form.amount} onValue={(v) => setForm((f) => ({ ...f, amount: v }))} error={errors.amount ?? editing?.error?.details.find((d) => d.field === 'amount')?.message} />
          <TextField label={t('field.payment.date')} name="date" type="date" value={form.date} onValue={(v) => setForm((f) => ({ ...f, date: v }))} error={errors.date ?? editing?.error?.details.find((d) => d.field === 'date')?.message} />
        </div>
        <div className="form__row">
          <SelectField
            label={t('field.payment.method')}
            name="method"
            value={form.method}
            onValue={(v) => setForm((f) => ({ ...f, method: v as PaymentMethod }))}
            options={FIELD_METHODS.map((m) => ({ value: m, label: t(`enums.paymentMethod.${m}`) }))}
          />
          <TextField
            label={t('field.payment.receipt')}
            hint={t('field.payment.receiptHint')}
            name="receipt"
            value={form.receipt}
            onValue={(v) => setForm((f) => ({ ...f, receipt: v }))}
            error={editing?.error?.details.find((d) => d.field === 'receipt')?.message}
          />
        </div>
        {!online ? <p className="muted">{t('field.payment.queuedOffline')}</p> : null}
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {t('field.payment.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
