import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GroupKind, Scheme } from '../../../api/types';
import { canOnScheme } from '../../../app/access';
import { useMe } from '../../../app/session';
import { useApi } from '../../../app/use-api';
import { useSubmit } from '../../../app/use-submit';
import { type FieldErrors, fieldProblems, FormError, SelectField, TextField } from '../../../components/form';
import { LoadError, Loading, Notice, Page } from '../../../components/page';
import { DataTable } from '../../../components/table';
import { createGroup, listGroups } from '../api';
import { groupKinds } from '../enums';

/** The associations, cooperatives and unions through which households enrol. */
export default function GroupsPage({ scheme }: { scheme: Scheme }) {
  const { t } = useTranslation();
  const { me } = useMe();
  const groups = useApi(() => listGroups(scheme.code), [scheme.code]);
  const [added, setAdded] = useState<string>();

  return (
    <Page title={t('groups.title')}>
      <p className="muted">{t('groups.intro')}</p>
      {groups.status === 'loading' ? <Loading /> : null}
      {groups.status === 'failed' ? <LoadError error={groups.error} retry={() => void groups.reload()} /> : null}
      {groups.status === 'ready' ? (
        <DataTable
          caption={t('groups.title')}
          rows={groups.data}
          rowKey={(g) => g.code}
          empty={t('groups.empty')}
          columns={[
            { key: 'code', header: t('groups.code'), cell: (g) => <code>{g.code}</code> },
            { key: 'name', header: t('groups.name'), cell: (g) => g.name },
            { key: 'kind', header: t('groups.kind'), cell: (g) => t(`enums.groupKind.${g.kind}`) },
          ]}
        />
      ) : null}
      {added ? <Notice kind="success" role="status">{t('groups.added', { name: added })}</Notice> : null}
      {canOnScheme(me, 'members.write', scheme) ? (
        <AddGroup
          scheme={scheme}
          started={() => setAdded(undefined)}
          added={async (name) => {
            setAdded(name);
            await groups.reload();
          }}
        />
      ) : null}
    </Page>
  );
}

function AddGroup({ scheme, started, added }: { scheme: Scheme; started: () => void; added: (name: string) => Promise<void> }) {
  const { t } = useTranslation();
  const empty = { code: '', name: '', kind: '' };
  const [form, setForm] = useState(empty);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const { busy, error, run } = useSubmit();
  const set = (key: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    started();
    const errors: FieldErrors = form.kind ? {} : { kind: t('validation.choose') };
    setClientErrors(errors);
    if (Object.keys(errors).length) return;
    await run(async () => {
      const group = await createGroup(scheme.code, { code: form.code.trim(), name: form.name.trim(), kind: form.kind as GroupKind });
      setForm(empty);
      await added(group.name);
    });
  };

  const problems = fieldProblems(error, ['code', 'name', 'kind']);
  const errors = { ...problems.fields, ...clientErrors };
  return (
    <form onSubmit={submit} noValidate className="form card" aria-labelledby="add-group-heading">
      <h2 id="add-group-heading">{t('groups.add')}</h2>
      <FormError error={error} other={problems.other} />
      <div className="form__row">
        <TextField label={t('groups.code')} hint={t('groups.codeHint')} name="code" autoComplete="off" spellCheck={false} value={form.code} onValue={set('code')} error={errors.code} />
        <TextField label={t('groups.name')} name="name" autoComplete="off" value={form.name} onValue={set('name')} error={errors.name} />
        <SelectField
          label={t('groups.kind')}
          name="kind"
          value={form.kind}
          onValue={set('kind')}
          options={[{ value: '', label: t('common.choose') }, ...groupKinds.map((k) => ({ value: k, label: t(`enums.groupKind.${k}`) }))]}
          error={errors.kind}
        />
      </div>
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={busy}>{busy ? t('common.saving') : t('groups.add')}</button>
      </div>
    </form>
  );
}
