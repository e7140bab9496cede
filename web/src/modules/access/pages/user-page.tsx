import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../api/client';
import type { Grant, User } from '../../../api/types';
import { canManageGrant, canManageUser, hasAnywhere } from '../../../app/access';
import { useFormat } from '../../../app/format';
import { useLocation } from '../../../app/router';
import { useMe } from '../../../app/session';
import { asApiError, useApi } from '../../../app/use-api';
import { useConfirm } from '../../../components/confirm';
import { fieldProblems, FormError } from '../../../components/form';
import { Loading, LoadError, Notice, Page } from '../../../components/page';
import { isLanguage, languageNames } from '../../../i18n';
import { getUser, grantRole, revokeGrant, setUserActive } from '../api';
import { type GrantChoice, GrantFields, grantField, toGrantInput } from '../components/grant-fields';
import { useGrantLabel } from '../components/grant-label';
import { useUserStatus } from '../components/user-status';

/** One user: profile, roles (grant and revoke) and deactivation. */
export default function UserPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const user = useApi(() => getUser(id), [id]);
  if (user.status === 'loading') return <Loading />;
  if (user.status === 'failed') {
    return (
      <Page title={t('users.title')}>
        <LoadError error={user.error} retry={() => void user.reload()} />
      </Page>
    );
  }
  return <UserView user={user.data} reload={user.reload} />;
}

function UserView({ user, reload }: { user: User; reload: () => Promise<void> }) {
  const { t } = useTranslation();
  const { me, schemes } = useMe();
  const format = useFormat();
  const status = useUserStatus();
  const grantLabel = useGrantLabel();
  const { query } = useLocation();
  const [confirm, confirmDialog] = useConfirm();
  const [error, setError] = useState<ApiError>();
  const [message, setMessage] = useState<string | undefined>(query.get('created') ? t('users.created') : undefined);
  const manage = hasAnywhere(me, 'users.manage');

  const act = async (work: () => Promise<unknown>, done: string) => {
    setError(undefined);
    setMessage(undefined);
    try {
      await work();
      await reload();
      setMessage(done);
    } catch (e) {
      setError(asApiError(e));
    }
  };

  const revoke = async (grant: Grant) => {
    const label = grantLabel(grant);
    const ok = await confirm({ title: t('users.revokeTitle'), message: <p>{t('users.revokeMessage', { role: label, name: user.displayName })}</p>, confirmLabel: t('users.revoke') });
    if (ok) await act(() => revokeGrant(user.id, grant.id), t('users.revoked', { role: label }));
  };

  const toggleActive = async () => {
    if (user.active) {
      const ok = await confirm({ title: t('users.deactivateTitle'), message: <p>{t('users.deactivateMessage', { name: user.displayName })}</p>, confirmLabel: t('users.deactivate') });
      if (ok) await act(() => setUserActive(user.id, false), t('users.deactivated'));
    } else {
      await act(() => setUserActive(user.id, true), t('users.reactivated'));
    }
  };

  return (
    <Page title={user.displayName}>
      {message ? <Notice kind="success" role="status">{message}</Notice> : null}
      <FormError error={error} />
      <section className="card" aria-labelledby="profile-heading">
        <h2 id="profile-heading">{t('users.profile')}</h2>
        <dl className="facts">
          <div>
            <dt>{t('users.username')}</dt>
            <dd><code>{user.username}</code></dd>
          </div>
          <div>
            <dt>{t('users.email')}</dt>
            <dd>{user.email ?? '—'}</dd>
          </div>
          <div>
            <dt>{t('users.language')}</dt>
            <dd>{isLanguage(user.locale) ? languageNames[user.locale] : user.locale}</dd>
          </div>
          <div>
            <dt>{t('users.statusLabel')}</dt>
            <dd>{status(user)}</dd>
          </div>
          <div>
            <dt>{t('users.lastSignIn')}</dt>
            <dd>{user.lastSignInAt ? format.dateTime(user.lastSignInAt) : t('users.never')}</dd>
          </div>
        </dl>
        {canManageUser(me, user, schemes) ? (
          <div className="actions">
            <button type="button" className={user.active ? 'button button--danger-outline' : 'button'} onClick={() => void toggleActive()}>
              {user.active ? t('users.deactivate') : t('users.reactivate')}
            </button>
          </div>
        ) : null}
      </section>
      <section className="card" aria-labelledby="roles-heading">
        <h2 id="roles-heading">{t('users.roles')}</h2>
        {user.grants.length ? (
          <ul className="grant-list">
            {user.grants.map((g) => (
              <li key={g.id}>
                <span>{grantLabel(g)}</span>
                {canManageGrant(me, g, schemes) ? (
                  <button type="button" className="button button--small button--danger-outline" onClick={() => void revoke(g)}>
                    {t('users.revoke')}<span className="visually-hidden"> {grantLabel(g)}</span>
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty">{t('users.noRoles')}</p>
        )}
        {manage ? <AddGrant user={user} added={(label) => act(reload, t('users.granted', { role: label }))} /> : null}
      </section>
      {confirmDialog}
    </Page>
  );
}

function AddGrant({ user, added }: { user: User; added: (label: string) => Promise<void> }) {
  const { t } = useTranslation();
  const grantLabel = useGrantLabel();
  const [choice, setChoice] = useState<GrantChoice>({ role: '', scope: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [missing, setMissing] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input = toGrantInput(choice);
    setMissing(!input);
    if (!input) return;
    setBusy(true);
    setError(undefined);
    try {
      await grantRole(user.id, input);
      setChoice({ role: '', scope: '' });
      await added(grantLabel({ role: input.role, scopeType: input.scopeType, scope: input.scope ?? null }));
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  };

  const problems = fieldProblems(error, ['role', 'scope'], grantField);
  return (
    <form onSubmit={submit} noValidate className="form subform" aria-labelledby="grant-heading">
      <h3 id="grant-heading">{t('users.grant')}</h3>
      <FormError error={error} other={problems.other} />
      <GrantFields value={choice} onChange={setChoice} errors={{ ...problems.fields, role: missing && !choice.role ? t('users.chooseRoleError') : problems.fields.role }} />
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('common.saving') : t('users.grant')}
        </button>
      </div>
    </form>
  );
}
