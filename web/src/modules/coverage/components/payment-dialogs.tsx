import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account, Household, Payer, Payment, PaymentMethod, Scheme } from '../../../api/types';
import { today } from '../../../app/dates';
import { useFormat } from '../../../app/format';
import { useIdempotencyKey } from '../../../app/idempotency';
import type { MoneyFormat } from '../../../app/money';
import { useMe } from '../../../app/session';
import { useApi } from '../../../app/use-api';
import { useSubmit } from '../../../app/use-submit';
import { useConfirm } from '../../../components/confirm';
import { Dialog } from '../../../components/dialog';
import { type FieldErrors, fieldProblems, FormError, SelectField, TextAreaField, TextField } from '../../../components/form';
import { MoneyField } from '../../../components/money-field';
import { listGroups } from '../../members/api';
import { fullName } from '../../members/components/labels';
import { listSubsidizers, recordPayment, reversePayment } from '../api';
import { payers, paymentMethods } from '../enums';
import { usePaymentWords } from './labels';

const orNull = (text: string) => (text.trim() === '' ? null : text.trim());

const PAYMENT_FIELDS = ['amount', 'date', 'method', 'payer', 'group', 'subsidizer', 'receipt', 'collector', 'note'] as const;

/** The payer a method usually means: a group remittance is the group's, a subsidy the subsidizer's. */
const payerOf = (method: PaymentMethod): Payer => (method === 'group_remittance' ? 'group' : method === 'subsidy' ? 'subsidizer' : 'member');

/**
 * Records a payment for a household. The form carries an idempotency key: submitting the same
 * content twice (a double click, a retry after a dropped connection) records one payment.
 */
export function PaymentDialog({ scheme, household, account, money, close }: {
  scheme: Scheme;
  household: Household;
  account: Account;
  money: MoneyFormat;
  close: (recorded?: Payment) => void;
}) {
  const { t } = useTranslation();
  const { me } = useMe();
  const key = useIdempotencyKey();
  const groups = useApi(() => listGroups(scheme.code), [scheme.code]);
  const subsidizers = useApi(() => listSubsidizers(scheme.code), [scheme.code]);
  const [form, setForm] = useState({
    amount: account.balance > 0 ? money.toInput(account.balance) : '',
    date: today(),
    method: 'cash' as PaymentMethod,
    payer: 'member' as Payer,
    group: household.group ?? '',
    subsidizer: '',
    receipt: '',
    collector: me.username,
    note: '',
  });
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const { busy, error, run } = useSubmit();
  const set = (change: Partial<typeof form>) => {
    key.reset();
    setForm((f) => ({ ...f, ...change }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const amount = money.parse(form.amount);
    const errors: FieldErrors = {};
    if (amount === null) errors.amount = t('validation.required');
    else if (amount === undefined) errors.amount = t('money.invalid');
    if (form.payer === 'group' && !form.group) errors.group = t('validation.choose');
    if (form.payer === 'subsidizer' && !form.subsidizer) errors.subsidizer = t('validation.choose');
    setClientErrors(errors);
    if (Object.keys(errors).length) return;
    const idempotencyKey = key.current();
    await run(async () => {
      const payment = await recordPayment(scheme.code, {
        household: household.number,
        date: form.date,
        amount: amount!,
        method: form.method,
        payer: form.payer,
        group: form.payer === 'group' ? form.group : null,
        subsidizer: form.payer === 'subsidizer' ? form.subsidizer : null,
        receipt: orNull(form.receipt),
        collector: orNull(form.collector),
        note: orNull(form.note),
        idempotencyKey,
      });
      key.reset();
      close(payment);
    });
  };

  const problems = fieldProblems(error, PAYMENT_FIELDS);
  const errors = { ...problems.fields, ...clientErrors };
  return (
    <Dialog title={t('payments.recordTitle', { number: household.number })} onClose={() => close()} wide>
      <form onSubmit={submit} noValidate className="form" aria-label={t('payments.record')}>
        <FormError error={error} other={problems.other} />
        {account.balance > 0 ? <p className="muted">{t('payments.owed', { amount: money.format(account.balance) })}</p> : null}
        <div className="form__row">
          <MoneyField label={t('payments.amount')} name="amount" money={money} value={form.amount} onValue={(amount) => set({ amount })} error={errors.amount} />
          <TextField label={t('payments.date')} name="date" type="date" value={form.date} onValue={(date) => set({ date })} error={errors.date} />
        </div>
        <div className="form__row">
          <SelectField
            label={t('payments.method')}
            name="method"
            value={form.method}
            onValue={(m) => set({ method: m as PaymentMethod, payer: payerOf(m as PaymentMethod) })}
            options={paymentMethods.map((m) => ({ value: m, label: t(`enums.paymentMethod.${m}`) }))}
            error={errors.method}
          />
          <SelectField
            label={t('payments.payer')}
            name="payer"
            value={form.payer}
            onValue={(p) => set({ payer: p as Payer })}
            options={payers.map((p) => ({ value: p, label: t(`enums.payer.${p}`) }))}
            error={errors.payer}
          />
          {form.payer === 'group' ? (
            <SelectField
              label={t('payments.group')}
              name="group"
              value={form.group}
              onValue={(group) => set({ group })}
              options={[{ value: '', label: t('common.choose') }, ...(groups.data ?? []).map((g) => ({ value: g.code, label: `${g.name} (${g.code})` }))]}
              error={errors.group}
            />
          ) : null}
          {form.payer === 'subsidizer' ? (
            <SelectField
              label={t('payments.subsidizer')}
              name="subsidizer"
              value={form.subsidizer}
              onValue={(subsidizer) => set({ subsidizer })}
              options={[{ value: '', label: t('common.choose') }, ...(subsidizers.data ?? []).map((s) => ({ value: s.code, label: `${s.name} (${s.code})` }))]}
              error={errors.subsidizer}
            />
          ) : null}
        </div>
        <div className="form__row">
          <TextField label={t('payments.receipt')} hint={t('payments.receiptHint')} name="receipt" autoComplete="off" value={form.receipt} onValue={(receipt) => set({ receipt })} error={errors.receipt} />
          <TextField label={t('payments.collector')} hint={t('payments.collectorHint')} name="collector" autoComplete="off" value={form.collector} onValue={(collector) => set({ collector })} error={errors.collector} />
        </div>
        <TextAreaField label={t('payments.note')} hint={t('common.optional')} name="note" value={form.note} onValue={(note) => set({ note })} error={errors.note} />
        <div className="actions">
          <button type="button" className="button" onClick={() => close()}>{t('common.cancel')}</button>
          <button type="submit" className="button button--primary" disabled={busy}>{busy ? t('common.saving') : t('payments.record')}</button>
        </div>
      </form>
    </Dialog>
  );
}

/** Reverses a mistaken payment by a counter-entry, with a date and a reason, after a confirmation. */
export function ReverseDialog({ scheme, payment, money, close }: { scheme: Scheme; payment: Payment; money: MoneyFormat; close: (reversal?: Payment) => void }) {
  const { t } = useTranslation();
  const [confirm, confirmDialog] = useConfirm();
  const key = useIdempotencyKey();
  const [date, setDate] = useState(today());
  const [reason, setReason] = useState('');
  const { busy, error, run } = useSubmit();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await confirm({
      title: t('payments.reverseConfirmTitle'),
      message: <p>{t('payments.reverseConfirm', { receipt: payment.receipt ?? '—', amount: money.format(payment.amount) })}</p>,
      confirmLabel: t('payments.reverse'),
    });
    if (!ok) return;
    const idempotencyKey = key.current();
    await run(async () => close(await reversePayment(scheme.code, payment.id, { date, reason: reason.trim(), idempotencyKey })));
  };

  const problems = fieldProblems(error, ['date', 'reason']);
  return (
    <Dialog title={t('payments.reverseTitle', { receipt: payment.receipt ?? '—' })} onClose={() => close()}>
      <form onSubmit={submit} noValidate className="form">
        <p className="muted">{t('payments.reverseIntro', { amount: money.format(payment.amount) })}</p>
        <FormError error={error} other={problems.other} />
        <TextField label={t('payments.reversalDate')} name="date" type="date" value={date} onValue={(v) => { key.reset(); setDate(v); }} error={problems.fields.date} />
        <TextAreaField label={t('payments.reversalReason')} hint={t('payments.reversalReasonHint')} name="reason" value={reason} onValue={(v) => { key.reset(); setReason(v); }} error={problems.fields.reason} />
        <div className="actions">
          <button type="button" className="button" onClick={() => close()}>{t('common.cancel')}</button>
          <button type="submit" className="button button--danger" disabled={busy}>{busy ? t('common.saving') : t('payments.reverse')}</button>
        </div>
      </form>
      {confirmDialog}
    </Dialog>
  );
}

/** A receipt to show or print. */
export function ReceiptDialog({ scheme, household, payment, money, close }: { scheme: Scheme; household: Household; payment: Payment; money: MoneyFormat; close: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const words = usePaymentWords();
  const head = household.members.find((m) => m.relationship === 'head' && m.status === 'active');
  return (
    <Dialog title={t('payments.receiptTitle', { receipt: payment.receipt ?? '—' })} onClose={close} className="receipt">
      <p className="receipt__scheme">{scheme.name}</p>
      <dl className="receipt__lines">
        <div><dt>{t('payments.receipt')}</dt><dd><code>{payment.receipt ?? '—'}</code></dd></div>
        <div><dt>{t('payments.date')}</dt><dd>{format.calendarDate(payment.date)}</dd></div>
        <div><dt>{t('households.number')}</dt><dd><code>{household.number}</code>{head ? ` — ${fullName(head)}` : ''}</dd></div>
        <div><dt>{t('payments.amount')}</dt><dd className="receipt__amount">{money.format(payment.amount)}</dd></div>
        <div><dt>{t('payments.method')}</dt><dd>{words.method(payment)}</dd></div>
        <div><dt>{t('payments.payer')}</dt><dd>{words.payer(payment)}</dd></div>
        <div><dt>{t('payments.collector')}</dt><dd>{payment.collector ?? '—'}</dd></div>
        <div><dt>{t('payments.recordedBy')}</dt><dd>{payment.recordedBy} · {format.dateTime(payment.recordedAt)}</dd></div>
        {payment.reversalOf ? <div><dt>{t('payments.reversalReason')}</dt><dd>{payment.reason}</dd></div> : null}
      </dl>
      <div className="actions no-print">
        <button type="button" className="button" onClick={close}>{t('common.close')}</button>
        <button type="button" className="button button--primary" onClick={() => window.print()}>{t('common.print')}</button>
      </div>
    </Dialog>
  );
}
