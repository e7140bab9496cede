import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../api/client';
import { federationsManaged, hasOnPlatform } from '../../../app/access';
import { navigate } from '../../../app/router';
import { useMe, useSession } from '../../../app/session';
import { asApiError, useApi } from '../../../app/use-api';
import { fieldProblems, FormError, SelectField, TextField } from '../../../components/form';
import { parseWholeNumber } from '../../../components/numbers';
import { Page } from '../../../components/page';
import { createScheme, listFederations } from '../api';

const FIELDS = ['code', 'name', 'federation', 'currency', 'country', 'targetPopulation'] as const;

export default function NewSchemePage() {
  const { t } = useTranslation();
  const { me } = useMe();
  const { reloadSchemes } = useSession();
  const platform = hasOnPlatform(me, 'platform.manage');
  const managed = federationsManaged(me);
  const federations = useApi(listFederations, []);
  const [form, setForm] = useState({ code: '', name: '', federation: platform ? '' : (managed[0] ?? ''), currency: '', country: '', targetPopulation: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const set = (key: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));

  const federationOptions = [
    ...(platform ? [{ value: '', label: t('schemes.noFederation') }] : []),
    ...(federations.data ?? []).filter((f) => platform || managed.includes(f.code)).map((f) => ({ value: f.code, label: f.name })),
  ];

  const [populationInvalid, setPopulationInvalid] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const population = parseWholeNumber(form.targetPopulation);
    setPopulationInvalid(population === undefined);
    if (population === undefined) return;
    setBusy(true);
    setError(undefined);
    try {
      const scheme = await createScheme({
        code: form.code.trim(),
        name: form.name.trim(),
        federation: form.federation || null,
        currency: form.currency.trim().toUpperCase(),
        country: form.country.trim().toUpperCase(),
        targetPopulation: population,
      });
      await reloadSchemes();
      navigate(`/schemes/${encodeURIComponent(scheme.code)}?scheme=${encodeURIComponent(scheme.code)}`);
    } catch (e) {
      setError(asApiError(e));
      setBusy(false);
    }
  };

  const problems = fieldProblems(error, FIELDS);
  return (
    <Page title={t('schemes.new')} narrow>
      <form onSubmit={submit} noValidate className="form">
        <FormError error={error} other={problems.other} />
        <TextField label={t('schemes.code')} hint={t('schemes.codeHint')} name="code" autoCapitalize="characters" spellCheck={false} value={form.code} onValue={set('code')} error={problems.fields.code} />
        <TextField label={t('schemes.name')} name="name" value={form.name} onValue={set('name')} error={problems.fields.name} />
        <SelectField label={t('schemes.federation')} name="federation" value={form.federation} onValue={set('federation')} options={federationOptions} error={problems.fields.federation} />
        <div className="form__row">
          <TextField label={t('schemes.country')} hint={t('schemes.countryHint')} name="country" autoCapitalize="characters" maxLength={2} spellCheck={false} value={form.country} onValue={set('country')} error={problems.fields.country} />
          <TextField label={t('schemes.currency')} hint={t('schemes.currencyHint')} name="currency" autoCapitalize="characters" maxLength={3} spellCheck={false} value={form.currency} onValue={set('currency')} error={problems.fields.currency} />
        </div>
        <TextField label={t('schemes.targetPopulation')} hint={t('schemes.targetPopulationHint')} name="targetPopulation" inputMode="numeric" value={form.targetPopulation} onValue={set('targetPopulation')} error={populationInvalid ? t('validation.wholeNumber') : problems.fields.targetPopulation} />
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? t('common.saving') : t('schemes.create')}
          </button>
        </div>
      </form>
    </Page>
  );
}
