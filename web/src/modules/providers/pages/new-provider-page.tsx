import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Scheme } from '../../../api/types';
import { navigate } from '../../../app/router';
import { useSchemeHref } from '../../../app/session';
import { useSubmit } from '../../../app/use-submit';
import { type FieldErrors, fieldProblems, FormError, TextField } from '../../../components/form';
import { Page } from '../../../components/page';
import { createProvider } from '../api';
import { emptyProvider, newProviderBody, PROVIDER_FIELDS, type ProviderDraft, providerDraftErrors, ProviderFields } from '../components/provider-fields';

/** Registers a health facility; its agreement and tariff are added on its page next. */
export default function NewProviderPage({ scheme }: { scheme: Scheme }) {
  const { t } = useTranslation();
  const schemeHref = useSchemeHref();
  const [code, setCode] = useState('');
  const [draft, setDraft] = useState<ProviderDraft>(emptyProvider);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const { busy, error, run } = useSubmit();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const errors = providerDraftErrors(draft, { required: t('validation.required'), choose: t('validation.choose') });
    if (!code.trim()) errors.code = t('validation.required');
    setClientErrors(errors);
    if (Object.keys(errors).length) return;
    await run(async () => {
      const provider = await createProvider(scheme.code, newProviderBody(code, draft));
      navigate(schemeHref(`/providers/${encodeURIComponent(provider.code)}`, { created: '1' }));
    });
  };

  const problems = fieldProblems(error, PROVIDER_FIELDS);
  const errors = { ...problems.fields, ...clientErrors };
  return (
    <Page title={t('providers.new')} narrow>
      <p className="muted">{t('providers.newIntro')}</p>
      <form onSubmit={submit} noValidate className="form" aria-label={t('providers.new')}>
        <FormError error={error} other={problems.other} />
        {Object.keys(clientErrors).length ? <p className="notice notice--error" role="alert">{t('validation.fixFields')}</p> : null}
        <TextField label={t('providers.code')} hint={t('providers.codeHint')} name="code" autoComplete="off" autoCapitalize="characters" spellCheck={false} value={code} onValue={setCode} error={errors.code} />
        <ProviderFields value={draft} onChange={setDraft} errors={errors} />
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={busy}>{busy ? t('common.saving') : t('providers.create')}</button>
        </div>
      </form>
    </Page>
  );
}
