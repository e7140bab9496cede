import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../api/client';
import type { ApiToken, CreatedApiToken } from '../../../api/types';
import { useFormat } from '../../../app/format';
import { asApiError, useApi } from '../../../app/use-api';
import { useConfirm } from '../../../components/confirm';
import { fieldProblems, FormError, TextField } from '../../../components/form';
import { parseWholeNumber } from '../../../components/numbers';
import { Loading, LoadError, Notice, Page } from '../../../components/page';
import { DataTable } from '../../../components/table';
import { createToken, listTokens, revokeToken } from '../api';

/** API tokens let integrations act as the user; the secret is shown once, at creation. */
export default function TokensPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const tokens = useApi(listTokens, []);
  const [created, setCreated] = useState<CreatedApiToken>();
  const [error, setError] = useState<ApiError>();
  const [message, setMessage] = useState<string>();
  const [confirm, confirmDialog] = useConfirm();

  const state = (token: ApiToken) => {
    if (token.revokedAt) return t('tokens.state.revoked', { date: format.dateTime(token.revokedAt) });
    if (token.expiresAt && new Date(token.expiresAt) <= new Date()) return t('tokens.state.expired');
    return token.expiresAt ? t('tokens.state.activeUntil', { date: format.date(token.expiresAt) }) : t('tokens.state.active');
  };

  const revoke = async (token: ApiToken) => {
    const ok = await confirm({ title: t('tokens.revokeTitle'), message: <p>{t('tokens.revokeMessage', { name: token.name })}</p>, confirmLabel: t('tokens.revoke') });
    if (!ok) return;
    setError(undefined);
    setMessage(undefined);
    try {
      await revokeToken(token.id);
      setMessage(t('tokens.revoked', { name: token.name }));
      if (created?.id === token.id) setCreated(undefined);
      await tokens.reload();
    } catch (e) {
      setError(asApiError(e));
    }
  };

  return (
    <Page title={t('tokens.title')}>
      <p className="muted">{t('tokens.intro')}</p>
      {created ? <NewSecret token={created} dismiss={() => setCreated(undefined)} /> : null}
      {message ? <Notice kind="success" role="status">{message}</Notice> : null}
      <FormError error={error} />
      {tokens.status === 'loading' ? <Loading /> : null}
      {tokens.status === 'failed' ? <LoadError error={tokens.error} retry={() => void tokens.reload()} /> : null}
      {tokens.status === 'ready' ? (
        <DataTable
          caption={t('tokens.title')}
          rows={tokens.data}
          rowKey={(k) => k.id}
          empty={t('tokens.empty')}
          columns={[
            { key: 'name', header: t('tokens.name'), cell: (k) => k.name },
            { key: 'created', header: t('tokens.created'), cell: (k) => format.dateTime(k.createdAt) },
            { key: 'lastUsed', header: t('tokens.lastUsed'), cell: (k) => (k.lastUsedAt ? format.dateTime(k.lastUsedAt) : t('users.never')) },
            { key: 'state', header: t('tokens.stateLabel'), cell: state },
            {
              key: 'actions',
              header: t('common.actions'),
              cell: (k) =>
                k.revokedAt ? null : (
                  <button type="button" className="button button--small button--danger-outline" onClick={() => void revoke(k)}>
                    {t('tokens.revoke')}<span className="visually-hidden"> {k.name}</span>
                  </button>
                ),
            },
          ]}
        />
      ) : null}
      <CreateToken
        created={async (token) => {
          setMessage(undefined);
          setCreated(token);
          await tokens.reload();
        }}
      />
      {confirmDialog}
    </Page>
  );
}

function NewSecret({ token, dismiss }: { token: CreatedApiToken; dismiss: () => void }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  return (
    <section className="notice notice--success secret" aria-labelledby="secret-heading">
      <h2 id="secret-heading">{t('tokens.createdTitle', { name: token.name })}</h2>
      <p>{t('tokens.createdOnce')}</p>
      <p>
        <code className="secret__value" data-testid="token-secret">{token.token}</code>
      </p>
      <div className="actions">
        <button
          type="button"
          className="button"
          onClick={() => {
            void navigator.clipboard?.writeText(token.token).then(() => setCopied(true), () => setCopied(false));
          }}
        >
          {t('tokens.copy')}
        </button>
        <button type="button" className="button" onClick={dismiss}>
          {t('tokens.dismiss')}
        </button>
        <span role="status" className="status-text">{copied ? t('tokens.copied') : ''}</span>
      </div>
    </section>
  );
}

function CreateToken({ created }: { created: (token: CreatedApiToken) => Promise<void> }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [days, setDays] = useState('');
  const [daysInvalid, setDaysInvalid] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const expiresInDays = parseWholeNumber(days);
    setDaysInvalid(expiresInDays === undefined);
    if (expiresInDays === undefined) return;
    setBusy(true);
    setError(undefined);
    try {
      const token = await createToken(name.trim(), expiresInDays);
      setName('');
      setDays('');
      await created(token);
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  };

  const problems = fieldProblems(error, ['name', 'expiresInDays']);
  return (
    <form onSubmit={submit} noValidate className="form card" aria-labelledby="new-token-heading">
      <h2 id="new-token-heading">{t('tokens.new')}</h2>
      <FormError error={error} other={problems.other} />
      <div className="form__row">
        <TextField label={t('tokens.name')} hint={t('tokens.nameHint')} name="name" value={name} onValue={setName} error={problems.fields.name} />
        <TextField label={t('tokens.expiresInDays')} hint={t('tokens.expiresHint')} name="expiresInDays" inputMode="numeric" value={days} onValue={setDays} error={daysInvalid ? t('validation.wholeNumber') : problems.fields.expiresInDays} />
      </div>
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('common.saving') : t('tokens.create')}
        </button>
      </div>
    </form>
  );
}
