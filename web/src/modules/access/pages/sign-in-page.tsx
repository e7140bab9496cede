import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ApiError, call } from '../../../api/client';
import { asApiError, useApi } from '../../../app/use-api';
import { useSession } from '../../../app/session';
import { fieldProblems, FormError, TextField } from '../../../components/form';
import { LanguageSwitcher } from '../../../components/language-switcher';
import { Notice, Page } from '../../../components/page';

const FIELDS = ['username', 'password'] as const;

/** The first screen: kept small (no lazy chunk) for slow connections. */
export function SignInPage() {
  const { t } = useTranslation();
  const { signedIn } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const setup = useApi(() => call(api.GET('/api/setup')), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const me = await call(api.POST('/api/auth/sign-in', { body: { username: username.trim(), password } }));
      await signedIn(me);
    } catch (e) {
      setError(asApiError(e));
      setBusy(false);
    }
  };

  const problems = fieldProblems(error, FIELDS);
  return (
    <div className="auth">
      <div className="auth__top">
        <p className="brand">{t('app.name')}</p>
        <LanguageSwitcher />
      </div>
      <main className="auth__card" id="main">
        <Page title={t('signIn.title')}>
          <p className="muted">{t('app.tagline')}</p>
          {setup.data?.needed ? <Notice kind="warning">{t('signIn.setupNeeded')}</Notice> : null}
          <form onSubmit={submit} noValidate className="form">
            <FormError error={error} other={problems.other} />
            <TextField label={t('signIn.username')} name="username" autoComplete="username" autoCapitalize="none" spellCheck={false} value={username} onValue={setUsername} error={problems.fields.username} />
            <TextField label={t('signIn.password')} name="password" type="password" autoComplete="current-password" value={password} onValue={setPassword} error={problems.fields.password} />
            <button type="submit" className="button button--primary button--block" disabled={busy}>
              {busy ? t('signIn.submitting') : t('signIn.submit')}
            </button>
          </form>
        </Page>
      </main>
    </div>
  );
}
