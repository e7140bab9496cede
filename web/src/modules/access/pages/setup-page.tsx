import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ApiError, call } from '../../../api/client';
import { navigate } from '../../../app/router';
import { useSession } from '../../../app/session';
import { asApiError, useApi } from '../../../app/use-api';
import { fieldProblems, FormError, SelectField, TextField } from '../../../components/form';
import { LanguageSwitcher } from '../../../components/language-switcher';
import { Loading, LoadError, Notice, Page } from '../../../components/page';
import { changeLanguage, currentLanguage, isLanguage, languageNames, languages } from '../../../i18n';

const FIELDS = ['username', 'displayName', 'password', 'confirm', 'locale', 'token'] as const;

/** The one-time token of the set-up link `mutua serve` prints: `/setup#token=SECRET`. */
function tokenFromHash(): string {
  return new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '';
}

/** Creating the first platform administrator, with the link printed when the server starts. */
export default function SetupPage() {
  const { t } = useTranslation();
  const { signedIn, state } = useSession();
  // Read once: the hash stays out of history entries and server logs, and out of later renders.
  const [token] = useState(tokenFromHash);
  const status = useApi(() => call(api.GET('/api/setup')), []);
  const [form, setForm] = useState({ username: '', displayName: '', password: '', confirm: '', locale: currentLanguage() as string });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [mismatch, setMismatch] = useState(false);
  const set = (key: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setMismatch(form.password !== form.confirm);
    if (form.password !== form.confirm) return;
    setBusy(true);
    try {
      const locale = isLanguage(form.locale) ? form.locale : undefined;
      await call(api.POST('/api/setup', { body: { token, username: form.username.trim(), displayName: form.displayName.trim(), password: form.password, locale } }));
      if (locale) await changeLanguage(locale);
      window.history.replaceState(null, '', '/setup');
      const me = await call(api.POST('/api/auth/sign-in', { body: { username: form.username.trim(), password: form.password } }));
      await signedIn(me);
      navigate('/', { replace: true });
    } catch (e) {
      setError(asApiError(e));
      setBusy(false);
    }
  };

  const problems = fieldProblems(error, FIELDS);
  let body;
  if (status.status === 'loading') body = <Loading />;
  else if (status.status === 'failed') body = <LoadError error={status.error} retry={() => void status.reload()} />;
  else if (!status.data.needed) {
    body = (
      <>
        <Notice kind="info">{t('setup.done')}</Notice>
        <p>
          <a href={state.status === 'signed-in' ? '/' : '/sign-in'} className="button button--primary">
            {state.status === 'signed-in' ? t('notFound.home') : t('signIn.submit')}
          </a>
        </p>
      </>
    );
  } else if (!token) {
    body = <Notice kind="warning">{t('setup.noToken')}</Notice>;
  } else {
    body = (
      <>
        <p className="muted">{t('setup.intro')}</p>
        <form onSubmit={submit} noValidate className="form">
          <FormError error={error} other={problems.other} />
          {problems.fields.token ? <Notice kind="error">{problems.fields.token}</Notice> : null}
          <TextField label={t('users.username')} hint={t('users.usernameHint')} name="username" autoComplete="username" autoCapitalize="none" spellCheck={false} value={form.username} onValue={set('username')} error={problems.fields.username} />
          <TextField label={t('users.displayName')} name="displayName" autoComplete="name" value={form.displayName} onValue={set('displayName')} error={problems.fields.displayName} />
          <TextField label={t('users.password')} hint={t('users.passwordHint')} name="password" type="password" autoComplete="new-password" value={form.password} onValue={set('password')} error={problems.fields.password} />
          <TextField label={t('setup.confirm')} name="confirm" type="password" autoComplete="new-password" value={form.confirm} onValue={set('confirm')} error={mismatch ? t('setup.mismatch') : undefined} />
          <SelectField label={t('users.language')} name="locale" value={form.locale} onValue={set('locale')} options={languages.map((l) => ({ value: l, label: languageNames[l] }))} error={problems.fields.locale} />
          <button type="submit" className="button button--primary button--block" disabled={busy}>
            {busy ? t('common.saving') : t('setup.submit')}
          </button>
        </form>
      </>
    );
  }
  return (
    <div className="auth">
      <div className="auth__top">
        <p className="brand">{t('app.name')}</p>
        <LanguageSwitcher />
      </div>
      <main className="auth__card" id="main">
        <Page title={t('setup.title')}>{body}</Page>
      </main>
    </div>
  );
}
