import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Scheme } from '../../../api/types';
import { canOnScheme } from '../../../app/access';
import { Link } from '../../../app/router';
import { useMe, useSchemeHref } from '../../../app/session';
import { useApi } from '../../../app/use-api';
import { useSubmit } from '../../../app/use-submit';
import { type FieldErrors, fieldProblems, FormError, TextField } from '../../../components/form';
import { LoadError, Loading, Notice, Page } from '../../../components/page';
import { DataTable } from '../../../components/table';
import { parsePercent } from '../../products/components/rates';
import { usePercent } from '../../products/components/version-view';
import { createSubsidizer, listSubsidizers } from '../api';

/** Subsidizers (the state, donors, solidarity trusts) and the share of sponsored households' dues each pays. */
export default function SubsidizersPage({ scheme }: { scheme: Scheme }) {
  const { t } = useTranslation();
  const { me } = useMe();
  const percent = usePercent();
  const schemeHref = useSchemeHref();
  const subsidizers = useApi(() => listSubsidizers(scheme.code), [scheme.code]);
  const [added, setAdded] = useState<string>();

  return (
    <Page title={t('subsidizers.title')}>
      <p className="muted">{t('subsidizers.intro')}</p>
      {subsidizers.status === 'loading' ? <Loading /> : null}
      {subsidizers.status === 'failed' ? <LoadError error={subsidizers.error} retry={() => void subsidizers.reload()} /> : null}
      {subsidizers.status === 'ready' ? (
        <DataTable
          caption={t('subsidizers.title')}
          rows={subsidizers.data}
          rowKey={(s) => s.code}
          empty={t('subsidizers.empty')}
          columns={[
            { key: 'name', header: t('subsidizers.name'), cell: (s) => <Link to={schemeHref(`/subsidizers/${encodeURIComponent(s.code)}`)}>{s.name}</Link> },
            { key: 'code', header: t('subsidizers.code'), cell: (s) => <code>{s.code}</code> },
            { key: 'share', header: t('subsidizers.share'), numeric: true, cell: (s) => percent(s.share) },
            {
              key: 'statement',
              header: t('common.actions'),
              cell: (s) => (
                <Link to={schemeHref(`/subsidizers/${encodeURIComponent(s.code)}`)}>
                  {t('subsidizers.statement')}<span className="visually-hidden"> {s.name}</span>
                </Link>
              ),
            },
          ]}
        />
      ) : null}
      {added ? <Notice kind="success" role="status">{t('subsidizers.added', { name: added })}</Notice> : null}
      {canOnScheme(me, 'contributions.write', scheme) ? (
        <AddSubsidizer
          scheme={scheme}
          started={() => setAdded(undefined)}
          added={async (name) => {
            setAdded(name);
            await subsidizers.reload();
          }}
        />
      ) : null}
    </Page>
  );
}

function AddSubsidizer({ scheme, started, added }: { scheme: Scheme; started: () => void; added: (name: string) => Promise<void> }) {
  const { t } = useTranslation();
  const empty = { code: '', name: '', share: '' };
  const [form, setForm] = useState(empty);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const { busy, error, run } = useSubmit();
  const set = (key: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    started();
    const share = parsePercent(form.share);
    const errors: FieldErrors = share === null ? { share: t('validation.required') } : share === undefined ? { share: t('validation.percent') } : {};
    setClientErrors(errors);
    if (Object.keys(errors).length) return;
    await run(async () => {
      const subsidizer = await createSubsidizer(scheme.code, { code: form.code.trim(), name: form.name.trim(), share: share! });
      setForm(empty);
      await added(subsidizer.name);
    });
  };

  const problems = fieldProblems(error, ['code', 'name', 'share']);
  const errors = { ...problems.fields, ...clientErrors };
  return (
    <form onSubmit={submit} noValidate className="form card" aria-labelledby="add-subsidizer-heading">
      <h2 id="add-subsidizer-heading">{t('subsidizers.add')}</h2>
      <FormError error={error} other={problems.other} />
      <div className="form__row">
        <TextField label={t('subsidizers.code')} name="code" autoComplete="off" spellCheck={false} value={form.code} onValue={set('code')} error={errors.code} />
        <TextField label={t('subsidizers.name')} name="name" autoComplete="off" value={form.name} onValue={set('name')} error={errors.name} />
        <TextField label={t('subsidizers.sharePercent')} hint={t('subsidizers.shareHint')} name="share" inputMode="decimal" autoComplete="off" value={form.share} onValue={set('share')} error={errors.share} />
      </div>
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={busy}>{busy ? t('common.saving') : t('subsidizers.add')}</button>
      </div>
    </form>
  );
}
