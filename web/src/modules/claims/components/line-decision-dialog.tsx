import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Claim, ClaimLine, LineDecision, LineDecisionInput, Scheme } from '../../../api/types';
import type { MoneyFormat } from '../../../app/money';
import { useSubmit } from '../../../app/use-submit';
import { Dialog } from '../../../components/dialog';
import { type FieldErrors, fieldProblems, FormError, RadioField, SelectField, TextAreaField } from '../../../components/form';
import { MoneyField } from '../../../components/money-field';
import { decideLine } from '../api';
import { lineDecisions } from '../enums';

const FIELDS = ['action', 'decision', 'payable', 'allowed', 'reasons', 'note'] as const;

/**
 * A reviewer's word on a claim line: confirm the decision as looked at, or override it with
 * another amount — always with a written reason, kept with the decision and in the audit log.
 */
export function LineDecisionDialog({ scheme, claim, line, money, close }: { scheme: Scheme; claim: Claim; line: ClaimLine; money: MoneyFormat; close: (changed?: Claim) => void }) {
  const { t } = useTranslation();
  const wasRejected = line.decision === 'rejected';
  const [form, setForm] = useState({ action: 'confirm' as 'confirm' | 'override', payable: money.toInput(line.payable), allowed: '', decision: '' as LineDecision | '', note: '' });
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const { busy, error, run } = useSubmit();
  const set = (change: Partial<typeof form>) => setForm((f) => ({ ...f, ...change }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const errors: FieldErrors = {};
    if (!form.note.trim()) errors.note = t('validation.required');
    const body: LineDecisionInput = { action: form.action, note: form.note.trim() };
    if (form.action === 'override') {
      const payable = money.parse(form.payable);
      if (payable === null) errors.payable = t('validation.required');
      else if (payable === undefined) errors.payable = t('money.invalid', { currency: money.currency });
      else body.payable = payable;
      if (wasRejected && form.allowed.trim()) {
        const allowed = money.parse(form.allowed);
        if (allowed === undefined || allowed === null) errors.allowed = t('money.invalid', { currency: money.currency });
        else body.allowed = allowed;
      }
      if (form.decision) body.decision = form.decision;
    }
    setClientErrors(errors);
    if (Object.keys(errors).length) return;
    await run(async () => close(await decideLine(scheme.code, claim.id, line.id, body)));
  };

  const problems = fieldProblems(error, FIELDS);
  const errors = { ...problems.fields, ...clientErrors };
  const amount = (n: number | null) => (n === null ? '—' : money.format(n));
  return (
    <Dialog title={t('review.decideTitle', { n: line.seq, service: line.serviceName ?? line.service })} onClose={() => close()} wide>
      <form onSubmit={submit} noValidate className="form">
        <FormError error={error} other={problems.other} />
        <p>
          {t('review.current', { decision: line.decision ? t(`enums.lineDecision.${line.decision}`) : t('claims.undecided'), asked: money.format(line.asked), allowed: amount(line.allowed), payable: amount(line.payable) })}
        </p>
        {line.messages.length ? (
          <ul className="line-result__reasons">
            {line.messages.map((m, i) => <li key={line.reasons[i] ?? i}>{m}</li>)}
          </ul>
        ) : null}
        <RadioField
          legend={t('review.action')}
          name="action"
          value={form.action}
          onValue={(action) => set({ action: action as 'confirm' | 'override' })}
          options={[
            { value: 'confirm', label: t('review.confirm'), hint: t('review.confirmHint') },
            { value: 'override', label: t('review.override'), hint: t('review.overrideHint') },
          ]}
          error={errors.action}
        />
        {form.action === 'override' ? (
          <div className="form__row">
            <MoneyField label={t('review.payable')} hint={t('review.payableHint', { allowed: amount(line.allowed) })} name="payable" money={money} value={form.payable} onValue={(payable) => set({ payable })} error={errors.payable} />
            {wasRejected ? <MoneyField label={t('review.allowed')} hint={t('review.allowedHint')} name="allowed" money={money} value={form.allowed} onValue={(allowed) => set({ allowed })} error={errors.allowed} /> : null}
            <SelectField
              label={t('claims.decision')}
              name="decision"
              value={form.decision}
              onValue={(decision) => set({ decision: decision as LineDecision | '' })}
              options={[{ value: '', label: t('review.decisionAuto') }, ...lineDecisions.map((d) => ({ value: d, label: t(`enums.lineDecision.${d}`) }))]}
              error={errors.decision}
            />
          </div>
        ) : null}
        <TextAreaField label={t('review.note')} hint={t('review.noteHint')} name="note" value={form.note} onValue={(note) => set({ note })} error={errors.note} />
        <div className="actions">
          <button type="button" className="button" onClick={() => close()}>{t('common.cancel')}</button>
          <button type="submit" className="button button--primary" disabled={busy}>{busy ? t('common.saving') : form.action === 'confirm' ? t('review.confirmSubmit') : t('review.overrideSubmit')}</button>
        </div>
      </form>
    </Dialog>
  );
}
