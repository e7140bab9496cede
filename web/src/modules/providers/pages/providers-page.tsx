import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProviderLevel, ProviderQuery, Scheme } from '../../../api/types';
import { canOnScheme } from '../../../app/access';
import { Link, navigate, useLocation } from '../../../app/router';
import { useMe, useSchemeHref } from '../../../app/session';
import { useApi } from '../../../app/use-api';
import { SelectField, TextField } from '../../../components/form';
import { LoadError, Loading, Page } from '../../../components/page';
import { DataTable } from '../../../components/table';
import { providerLevels } from '../../products/enums';
import { listProviders } from '../api';
import { ActiveBadge } from '../components/labels';

type Filters = { q: string; level: string; active: string };

/** Health facilities of the scheme, filtered by level, status and a search; the filters live in the URL. */
export default function ProvidersPage({ scheme }: { scheme: Scheme }) {
  const { t } = useTranslation();
  const { me } = useMe();
  const schemeHref = useSchemeHref();
  const { query } = useLocation();
  const applied: Filters = { q: query.get('q') ?? '', level: query.get('level') ?? '', active: query.get('active') ?? '' };
  const appliedKey = JSON.stringify(applied);
  const [form, setForm] = useState<Filters>(applied);
  useEffect(() => setForm(JSON.parse(appliedKey) as Filters), [appliedKey]);

  const request: ProviderQuery = {};
  if (applied.q) request.q = applied.q;
  if (providerLevels.includes(applied.level as ProviderLevel)) request.level = applied.level as ProviderLevel;
  if (applied.active === 'true' || applied.active === 'false') request.active = applied.active === 'true';
  const providers = useApi(() => listProviders(scheme.code, request), [scheme.code, applied.q, applied.level, applied.active]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(schemeHref('/providers', { q: form.q.trim() || undefined, level: form.level || undefined, active: form.active || undefined }));
  };
  const manage = canOnScheme(me, 'providers.manage', scheme);

  return (
    <Page
      title={t('providers.title')}
      actions={manage ? <Link to={schemeHref('/providers/new')} className="button button--primary">{t('providers.new')}</Link> : null}
    >
      <p className="muted">
        {t('providers.intro')} <Link to={schemeHref('/services')}>{t('nav.services')}</Link>
      </p>
      <form className="filters filters--grid" onSubmit={submit} noValidate role="search" aria-label={t('providers.filters')}>
        <TextField label={t('providers.search')} hint={t('providers.searchHint')} name="q" type="search" autoComplete="off" spellCheck={false} value={form.q} onValue={(q) => setForm((f) => ({ ...f, q }))} />
        <SelectField
          label={t('providers.level')}
          name="level"
          value={form.level}
          onValue={(level) => setForm((f) => ({ ...f, level }))}
          options={[{ value: '', label: t('common.all') }, ...providerLevels.map((l) => ({ value: l, label: t(`enums.providerLevel.${l}`) }))]}
        />
        <SelectField
          label={t('providers.status')}
          name="active"
          value={form.active}
          onValue={(active) => setForm((f) => ({ ...f, active }))}
          options={[
            { value: '', label: t('common.all') },
            { value: 'true', label: t('providers.active') },
            { value: 'false', label: t('providers.inactive') },
          ]}
        />
        <div className="filters__actions">
          <button type="submit" className="button button--primary">{t('common.show')}</button>
        </div>
      </form>
      {providers.status === 'loading' ? <Loading /> : null}
      {providers.status === 'failed' ? <LoadError error={providers.error} retry={() => void providers.reload()} /> : null}
      {providers.status === 'ready' ? (
        <DataTable
          caption={t('providers.title')}
          rows={providers.data}
          rowKey={(p) => p.code}
          empty={applied.q || applied.level || applied.active ? t('providers.noMatch') : t('providers.empty')}
          columns={[
            { key: 'name', header: t('providers.name'), cell: (p) => <Link to={schemeHref(`/providers/${encodeURIComponent(p.code)}`)}>{p.name}</Link> },
            { key: 'code', header: t('providers.code'), cell: (p) => <code>{p.code}</code> },
            { key: 'level', header: t('providers.level'), cell: (p) => t(`enums.providerLevel.${p.level}`) },
            { key: 'type', header: t('providers.type'), cell: (p) => (p.type ? t(`enums.providerType.${p.type}`) : '—') },
            { key: 'location', header: t('providers.location'), cell: (p) => p.location ?? '—' },
            { key: 'phone', header: t('providers.phone'), cell: (p) => p.phone ?? '—' },
            { key: 'status', header: t('providers.status'), cell: (p) => <ActiveBadge active={p.active} /> },
          ]}
        />
      ) : null}
    </Page>
  );
}
