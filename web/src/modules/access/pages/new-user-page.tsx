import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../api/client';
import { navigate } from '../../../app/router';
import { useSchemeHref } from '../../../app/session';
import { asApiError } from '../../../app/use-api';
import { fieldProblems, FormError, SelectField, TextField } from '../../../components/form';
import { Page } from '../../../components/page';
import { currentLanguage, isLanguage, languageNames, languages } from '../../../i18n';
import { createUser } from '../api';
import { type GrantChoice, GrantFields, grantField, toGrantInput } from '../components/grant-fields';

const FIELDS = ['username', 'displayName', 'email', 'locale', 'password', 'role', 'scope'] as const;

/** A new user with their first role on a scope. */
export default function NewUserPage() {
  const { t } = useTranslation();
  const schemeHref = useSchemeHref();
  const [form, setForm] = useState({ username: '', displayName: '', email: '', locale: currentLanguage() as string, password: '' });
  const [grant, setGrant] = useState<GrantChoice>({ role: '', scope: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const set = (key: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const first = toGrantInput(grant);
      const user = await createUser({
        username: form.username.trim(),
        displayName: form.displayName.trim(),
        email: form.email.trim() || null,
        locale: isLanguage(form.locale) ? form.locale : undefined,
        password: form.password,
        grants: first ? [first] : [],
      });
      navigate(schemeHref(`/users/${user.id}`, { created: '1' }));
    } catch (e) {
      setError(asApiError(e));
      setBusy(false);
    }
  };

  const problems = fieldProblems(error, FIELDS, grantField);
  return (
    <Page title={t('users.new')} narrow>
      <form onSubmit={submit} noValidate className="form">
        <FormError error={error} other={problems.other} />
        <TextField label={t('users.displayName')} name="displayName" autoComplete="off" value={form.displayName} onValue={set('displayName')} error={problems.fields.displayName} />
        <TextField label={t('users.username')} hint={t('users.usernameHint')} name="username" autoComplete="off" autoCapitalize="none" spellCheck={false} value={form.username} onValue={set('username')} error={problems.fields.username} />
        <TextField label={t('users.email')} hint={t('common.optional')} name="email" type="email" autoComplete="off" value={form.email} onValue={set('email')} error={problems.fields.email} />
        <SelectField label={t('users.language')} name="locale" value={form.locale} onValue={set('locale')} options={languages.map((l) => ({ value: l, label: languageNames[l] }))} error={problems.fields.locale} />
        <TextField label={t('users.password')} hint={t('users.initialPasswordHint')} name="password" type="password" autoComplete="new-password" value={form.password} onValue={set('password')} error={problems.fields.password} />
        <fieldset className="fieldset">
          <legend>{t('users.firstRole')}</legend>
          <GrantFields value={grant} onChange={setGrant} errors={problems.fields} />
        </fieldset>
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? t('common.saving') : t('users.create')}
          </button>
        </div>
      </form>
    </Page>
  );
}
