import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProviderDetail, Scheme } from '../../../api/types';
import { useSubmit } from '../../../app/use-submit';
import { Dialog } from '../../../components/dialog';
import { type FieldErrors, fieldProblems, FormError } from '../../../components/form';
import { updateProvider } from '../api';
import { PROVIDER_FIELDS, providerChanges, providerDraft, providerDraftErrors, ProviderFields } from './provider-fields';

/** Corrects a provider's name, level, type, place or contacts (its code never changes). */
export function EditProviderDialog({ scheme, provider, close }: { scheme: Scheme; provider: ProviderDetail; close: (changed?: ProviderDetail) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(providerDraft(provider));
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const { busy, error, run } = useSubmit();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const errors = providerDraftErrors(draft, { required: t('validation.required'), choose: t('validation.choose') });
    setClientErrors(errors);
    if (Object.keys(errors).length) return;
    const changes = providerChanges(provider, draft);
    if (!changes) return close();
    await run(async () => close(await updateProvider(scheme.code, provider.code, changes)));
  };

  const problems = fieldProblems(error, PROVIDER_FIELDS);
  return (
    <Dialog title={t('providers.editTitle', { code: provider.code })} onClose={() => close()} wide>
      <form onSubmit={submit} noValidate className="form">
        <FormError error={error} other={problems.other} />
        <ProviderFields value={draft} onChange={setDraft} errors={{ ...problems.fields, ...clientErrors }} />
        <div className="actions">
          <button type="button" className="button" onClick={() => close()}>{t('common.cancel')}</button>
          <button type="submit" className="button button--primary" disabled={busy}>{busy ? t('common.saving') : t('common.save')}</button>
        </div>
      </form>
    </Dialog>
  );
}
