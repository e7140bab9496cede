import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../api/client';
import type { Scheme, Section } from '../../../api/types';
import { canOnScheme } from '../../../app/access';
import { useMe, useSession } from '../../../app/session';
import { asApiError, useApi } from '../../../app/use-api';
import { Dialog } from '../../../components/dialog';
import { fieldProblems, FormError, TextField } from '../../../components/form';
import { parseWholeNumber } from '../../../components/numbers';
import { Loading, LoadError, Notice, Page } from '../../../components/page';
import { DataTable } from '../../../components/table';
import { createSection, getScheme, listSections, updateScheme, updateSection } from '../api';
import { LocationField } from '../components/location-field';
import { SchemeFacts } from '../components/scheme-facts';

/** One scheme: its facts, its settings (for those who manage it) and its sections. */
export default function SchemePage({ code }: { code: string }) {
  const { t } = useTranslation();
  const scheme = useApi(() => getScheme(code), [code]);
  if (scheme.status === 'loading') return <Loading />;
  if (scheme.status === 'failed') {
    return (
      <Page title={t('schemes.title')}>
        <LoadError error={scheme.error} retry={() => void scheme.reload()} />
      </Page>
    );
  }
  return <SchemeView scheme={scheme.data} reload={scheme.reload} />;
}

function SchemeView({ scheme, reload }: { scheme: Scheme; reload: () => Promise<void> }) {
  const { t } = useTranslation();
  const { me } = useMe();
  const manage = canOnScheme(me, 'organizations.manage', scheme);
  return (
    <Page title={scheme.name}>
      <section className="card" aria-labelledby="facts-heading">
        <h2 id="facts-heading">{t('home.facts')}</h2>
        <SchemeFacts scheme={scheme} />
      </section>
      {manage ? <EditScheme scheme={scheme} saved={reload} /> : null}
      <Sections scheme={scheme} manage={manage} />
    </Page>
  );
}

function EditScheme({ scheme, saved }: { scheme: Scheme; saved: () => Promise<void> }) {
  const { t } = useTranslation();
  const { reloadSchemes } = useSession();
  const [name, setName] = useState(scheme.name);
  const [population, setPopulation] = useState(scheme.targetPopulation === null ? '' : String(scheme.targetPopulation));
  const [populationInvalid, setPopulationInvalid] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [done, setDone] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const targetPopulation = parseWholeNumber(population);
    setPopulationInvalid(targetPopulation === undefined);
    setDone(false);
    if (targetPopulation === undefined) return;
    setBusy(true);
    setError(undefined);
    try {
      await updateScheme(scheme.code, { name: name.trim(), targetPopulation });
      await Promise.all([saved(), reloadSchemes()]);
      setDone(true);
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  };

  const problems = fieldProblems(error, ['name', 'targetPopulation']);
  return (
    <section className="card" aria-labelledby="edit-heading">
      <h2 id="edit-heading">{t('schemes.edit')}</h2>
      <form onSubmit={submit} noValidate className="form">
        <FormError error={error} other={problems.other} />
        <TextField label={t('schemes.name')} name="name" value={name} onValue={setName} error={problems.fields.name} />
        <TextField label={t('schemes.targetPopulation')} hint={t('schemes.targetPopulationHint')} name="targetPopulation" inputMode="numeric" value={population} onValue={setPopulation} error={populationInvalid ? t('validation.wholeNumber') : problems.fields.targetPopulation} />
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? t('common.saving') : t('common.save')}
          </button>
          <span role="status" className="status-text">{done ? t('common.saved') : ''}</span>
        </div>
      </form>
    </section>
  );
}

function Sections({ scheme, manage }: { scheme: Scheme; manage: boolean }) {
  const { t } = useTranslation();
  const sections = useApi(() => listSections(scheme.code), [scheme.code]);
  const [editing, setEditing] = useState<Section>();
  const [added, setAdded] = useState<string>();

  return (
    <section className="card" aria-labelledby="sections-heading">
      <h2 id="sections-heading">{t('sections.title')}</h2>
      <p className="muted">{t('sections.intro')}</p>
      {sections.status === 'loading' ? <Loading /> : null}
      {sections.status === 'failed' ? <LoadError error={sections.error} retry={() => void sections.reload()} /> : null}
      {sections.status === 'ready' ? (
        <DataTable
          caption={t('sections.title')}
          rows={sections.data}
          rowKey={(s) => s.code}
          empty={t('sections.empty')}
          columns={[
            { key: 'code', header: t('sections.code'), cell: (s) => <code>{s.code}</code> },
            { key: 'name', header: t('sections.name'), cell: (s) => s.name },
            { key: 'location', header: t('sections.location'), cell: (s) => s.location ?? '—' },
            ...(manage
              ? [{
                  key: 'actions',
                  header: t('common.actions'),
                  cell: (s: Section) => (
                    <button
                      type="button"
                      className="button button--small"
                      onClick={() => {
                        setAdded(undefined);
                        setEditing(s);
                      }}
                    >
                      {t('common.edit')}<span className="visually-hidden"> {s.name}</span>
                    </button>
                  ),
                }]
              : []),
          ]}
        />
      ) : null}
      {added ? <Notice kind="success" role="status">{t('sections.added', { name: added })}</Notice> : null}
      {manage ? (
        <AddSection
          scheme={scheme}
          started={() => setAdded(undefined)}
          added={async (section) => {
            setAdded(section.name);
            await sections.reload();
          }}
        />
      ) : null}
      {editing ? (
        <EditSection
          scheme={scheme}
          section={editing}
          close={async (changed) => {
            setEditing(undefined);
            if (changed) await sections.reload();
          }}
        />
      ) : null}
    </section>
  );
}

const SECTION_FIELDS = ['code', 'name', 'location'] as const;

function AddSection({ scheme, started, added }: { scheme: Scheme; started: () => void; added: (section: Section) => Promise<void> }) {
  const { t } = useTranslation();
  const empty = { code: '', name: '', location: '' };
  const [form, setForm] = useState(empty);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const set = (key: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    started();
    setBusy(true);
    setError(undefined);
    try {
      const section = await createSection(scheme.code, { code: form.code.trim(), name: form.name.trim(), location: form.location.trim() || null });
      setForm(empty);
      await added(section);
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  };

  const problems = fieldProblems(error, SECTION_FIELDS);
  return (
    <form onSubmit={submit} noValidate className="form subform" aria-labelledby="add-section-heading">
      <h3 id="add-section-heading">{t('sections.add')}</h3>
      <FormError error={error} other={problems.other} />
      <div className="form__row">
        <TextField label={t('sections.code')} name="code" spellCheck={false} value={form.code} onValue={set('code')} error={problems.fields.code} />
        <TextField label={t('sections.name')} name="name" value={form.name} onValue={set('name')} error={problems.fields.name} />
      </div>
      <LocationField label={t('sections.location')} value={form.location} onValue={set('location')} error={problems.fields.location} />
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('common.saving') : t('sections.add')}
        </button>
      </div>
    </form>
  );
}

function EditSection({ scheme, section, close }: { scheme: Scheme; section: Section; close: (changed: boolean) => Promise<void> }) {
  const { t } = useTranslation();
  const [name, setName] = useState(section.name);
  const [location, setLocation] = useState(section.location ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await updateSection(scheme.code, section.code, { name: name.trim(), location: location.trim() || null });
      await close(true);
    } catch (e) {
      setError(asApiError(e));
      setBusy(false);
    }
  };

  const problems = fieldProblems(error, SECTION_FIELDS);
  return (
    <Dialog title={t('sections.edit', { code: section.code })} onClose={() => void close(false)}>
      <form onSubmit={submit} noValidate className="form">
        <FormError error={error} other={problems.other} />
        <TextField label={t('sections.name')} name="name" value={name} onValue={setName} error={problems.fields.name} />
        <LocationField label={t('sections.location')} value={location} onValue={setLocation} error={problems.fields.location} />
        <div className="actions">
          <button type="button" className="button" onClick={() => void close(false)}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? t('common.saving') : t('common.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
