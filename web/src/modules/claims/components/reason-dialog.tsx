import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSubmit } from '../../../app/use-submit';
import { Dialog } from '../../../components/dialog';
import { fieldProblems, FormError, TextAreaField } from '../../../components/form';

/**
 * A decision that carries a written reason (approve, refuse or cancel a letter; cancel a batch).
 * With `required`, an empty reason is caught before anything is sent.
 */
export function ReasonDialog({ title, intro, label, hint, required, submitLabel, danger, onSubmit, close }: {
  title: string;
  intro?: ReactNode;
  label: string;
  hint?: string;
  required?: boolean;
  submitLabel: string;
  danger?: boolean;
  onSubmit: (reason: string | null) => Promise<void>;
  close: () => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [clientError, setClientError] = useState<string>();
  const { busy, error, run } = useSubmit();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const text = reason.trim();
    if (required && !text) {
      setClientError(t('validation.required'));
      return;
    }
    setClientError(undefined);
    await run(() => onSubmit(text || null));
  };

  const problems = fieldProblems(error, ['reason', 'note']);
  return (
    <Dialog title={title} onClose={close}>
      <form onSubmit={submit} noValidate className="form">
        <FormError error={error} other={problems.other} />
        {intro}
        <TextAreaField label={label} hint={hint ?? (required ? undefined : t('common.optional'))} name="reason" value={reason} onValue={setReason} error={clientError ?? problems.fields.reason ?? problems.fields.note} />
        <div className="actions">
          <button type="button" className="button" onClick={close}>{t('common.cancel')}</button>
          <button type="submit" className={`button ${danger ? 'button--danger' : 'button--primary'}`} disabled={busy}>{busy ? t('common.saving') : submitLabel}</button>
        </div>
      </form>
    </Dialog>
  );
}
