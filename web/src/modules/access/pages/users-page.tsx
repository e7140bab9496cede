import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hasAnywhere } from '../../../app/access';
import { useFormat } from '../../../app/format';
import { Link } from '../../../app/router';
import { useMe, useSchemeHref } from '../../../app/session';
import { useApi } from '../../../app/use-api';
import { TextField } from '../../../components/form';
import { Loading, LoadError, Page } from '../../../components/page';
import { DataTable } from '../../../components/table';
import { listUsers } from '../api';
import { useGrantLabel } from '../components/grant-label';
import { useUserStatus } from '../components/user-status';

/** The people who use the schemes the user can see, with their roles. */
export default function UsersPage() {
  const { t } = useTranslation();
  const { me } = useMe();
  const format = useFormat();
  const schemeHref = useSchemeHref();
  const grantLabel = useGrantLabel();
  const status = useUserStatus();
  const users = useApi(listUsers, []);
  const [search, setSearch] = useState('');

  const needle = search.trim().toLowerCase();
  const shown = (users.data ?? []).filter((u) => !needle || u.username.toLowerCase().includes(needle) || u.displayName.toLowerCase().includes(needle));
  return (
    <Page
      title={t('users.title')}
      actions={hasAnywhere(me, 'users.manage') ? <Link to={schemeHref('/users/new')} className="button button--primary">{t('users.new')}</Link> : undefined}
    >
      <div className="filters">
        <TextField label={t('users.search')} name="search" type="search" value={search} onValue={setSearch} />
      </div>
      {users.status === 'loading' ? <Loading /> : null}
      {users.status === 'failed' ? <LoadError error={users.error} retry={() => void users.reload()} /> : null}
      {users.status === 'ready' ? (
        <DataTable
          caption={t('users.title')}
          rows={shown}
          rowKey={(u) => u.id}
          empty={t('users.empty')}
          columns={[
            { key: 'name', header: t('users.displayName'), cell: (u) => <Link to={schemeHref(`/users/${u.id}`)}>{u.displayName}</Link> },
            { key: 'username', header: t('users.username'), cell: (u) => <code>{u.username}</code> },
            {
              key: 'roles',
              header: t('users.roles'),
              cell: (u) => (u.grants.length ? (
                <ul className="tight-list">
                  {u.grants.map((g) => <li key={g.id}>{grantLabel(g)}</li>)}
                </ul>
              ) : t('users.noRoles')),
            },
            { key: 'status', header: t('users.statusLabel'), cell: (u) => <span className={u.active ? undefined : 'badge badge--muted'}>{status(u)}</span> },
            { key: 'lastSignIn', header: t('users.lastSignIn'), cell: (u) => (u.lastSignInAt ? format.dateTime(u.lastSignInAt) : t('users.never')) },
          ]}
        />
      ) : null}
    </Page>
  );
}
