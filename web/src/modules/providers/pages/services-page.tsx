import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../api/client';
import type { BenefitCategory, Scheme, Service, ServiceKind, ServiceQuery } from '../../../api/types';
import { canOnScheme } from '../../../app/access';
import { useFormat } from '../../../app/format';
import { Link, navigate, useLocation } from '../../../app/router';
import { useMe, useSchemeHref } from '../../../app/session';
import { asApiError, useApi } from '../../../app/use-api';
import { useSubmit } from '../../../app/use-submit';
import { useConfirm } from '../../../components/confirm';
import { FormError, SelectField, TextField } from '../../../components/form';
import { LoadError, Loading, Notice, Page } from '../../../components/page';
import { DataTable } from '../../../components/table';
import { benefitCategories } from '../../products/enums';
import { listServices, updateService } from '../api';
import { ActiveBadge } from '../components/labels';
import { ServiceDialog } from '../components/service-dialogs';
import { serviceKinds } from '../enums';

const FILTERS = ['q', 'category', 'kind', 'active'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;
const PAGE = 100;

function toQuery(f: Filters): ServiceQuery {
  const query: ServiceQuery = { limit: PAGE };
  if (f.q) query.q = f.q;
  if (benefitCategories.includes(f.category as BenefitCategory)) query.category = f.category as BenefitCategory;
  if (serviceKinds.includes(f.kind as ServiceKind)) query.kind = f.kind as ServiceKind;
  if (f.active === 'true' || f.active === 'false') query.active = f.active === 'true';
  return query;
}

/** The scheme's catalogue of services, drugs and supplies: search, add, correct, deactivate, import a file. */
export default function ServicesPage({ scheme }: { scheme: Scheme }) {
  const { t } = useTranslation();
  const { me } = useMe();
  const schemeHref = useSchemeHref();
  const { query } = useLocation();
  const applied = Object.fromEntries(FILTERS.map((f) => [f, query.get(f) ?? ''])) as Filters;
  const appliedKey = JSON.stringify(applied);
  const [form, setForm] = useState<Filters>(applied);
  useEffect(() => setForm(JSON.parse(appliedKey) as Filters), [appliedKey]);
  const manage = canOnScheme(me, 'providers.manage', scheme);
  const [dialog, setDialog] = useState<{ service?: Service }>();
  const [notice, setNotice] = useState<string>();
  const [generation, setGeneration] = useState(0);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(schemeHref('/services', Object.fromEntries(FILTERS.map((f) => [f, form[f].trim() || undefined]))));
  };
  const set = (key: keyof Filters) => (value: string) => setForm((f) => ({ ...f, [key]: value }));

  return (
    <Page
      title={t('services.title')}
      actions={
        manage ? (
          <>
            <Link to={schemeHref('/services/import')} className="button">{t('services.import')}</Link>
            <button type="button" className="button button--primary" onClick={() => setDialog({})}>{t('services.add')}</button>
          </>
        ) : null
      }
    >
      <p className="muted">{t('services.intro')}</p>
      {notice ? <Notice kind="success" role="status"><p>{notice}</p></Notice> : null}
      <form className="filters filters--grid" onSubmit={submit} noValidate role="search" aria-label={t('services.filters')}>
        <TextField label={t('services.search')} hint={t('services.searchHint')} name="q" type="search" autoComplete="off" spellCheck={false} value={form.q} onValue={set('q')} />
        <SelectField
          label={t('services.category')}
          name="category"
          value={form.category}
          onValue={set('category')}
          options={[{ value: '', label: t('common.all') }, ...benefitCategories.map((c) => ({ value: c, label: t(`enums.benefitCategory.${c}`) }))]}
        />
        <SelectField label={t('services.kind')} name="kind" value={form.kind} onValue={set('kind')} options={[{ value: '', label: t('common.all') }, ...serviceKinds.map((k) => ({ value: k, label: t(`enums.serviceKind.${k}`) }))]} />
        <SelectField
          label={t('providers.status')}
          name="active"
          value={form.active}
          onValue={set('active')}
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
      <Results
        key={`${scheme.code}:${appliedKey}:${generation}`}
        scheme={scheme}
        filters={applied}
        manage={manage}
        edit={(service) => setDialog({ service })}
        changed={(message) => {
          setNotice(message);
          setGeneration((g) => g + 1);
        }}
      />
      {dialog ? (
        <ServiceDialog
          scheme={scheme}
          service={dialog.service}
          close={(saved) => {
            const editing = dialog.service;
            setDialog(undefined);
            if (saved) {
              setNotice(editing ? t('services.saved', { code: saved.code }) : t('services.added', { code: saved.code, name: saved.name }));
              setGeneration((g) => g + 1);
            }
          }}
        />
      ) : null}
    </Page>
  );
}

function Results({ scheme, filters, manage, edit, changed }: { scheme: Scheme; filters: Filters; manage: boolean; edit: (s: Service) => void; changed: (message: string) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const first = useApi(() => listServices(scheme.code, toQuery(filters)), [scheme.code]);
  const [more, setMore] = useState<Service[]>([]);
  const [done, setDone] = useState(false);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<ApiError>();
  const [confirm, confirmDialog] = useConfirm();
  const { busy, error, run } = useSubmit();

  if (first.status === 'loading') return <Loading />;
  if (first.status === 'failed') return <LoadError error={first.error} retry={() => void first.reload()} />;
  const items = [...first.data, ...more];
  const hasMore = !done && first.data.length === PAGE && (more.length === 0 || more.length % PAGE === 0);

  const loadMore = async () => {
    setLoadingMore(true);
    setMoreError(undefined);
    try {
      const page = await listServices(scheme.code, { ...toQuery(filters), offset: items.length });
      setMore((m) => [...m, ...page]);
      if (page.length < PAGE) setDone(true);
    } catch (e) {
      setMoreError(asApiError(e));
    } finally {
      setLoadingMore(false);
    }
  };

  const setActive = async (service: Service, active: boolean) => {
    if (!active && !(await confirm({ title: t('services.deactivateTitle', { name: service.name }), message: <p>{t('services.deactivateMessage')}</p>, confirmLabel: t('providers.deactivate') }))) return;
    await run(async () => {
      await updateService(scheme.code, service.code, { active });
      changed(active ? t('services.reactivated', { code: service.code }) : t('services.deactivated', { code: service.code }));
    });
  };

  const filtered = Object.values(filters).some(Boolean);
  return (
    <section aria-labelledby="services-heading">
      <h2 id="services-heading" className="visually-hidden">{t('services.title')}</h2>
      <FormError error={error} />
      <p className="muted" role="status">{t('services.shown', { count: items.length, n: format.number(items.length) })}</p>
      <DataTable
        caption={t('services.title')}
        rows={items}
        rowKey={(s) => s.code}
        empty={filtered ? t('services.noMatch') : t('services.empty')}
        columns={[
          { key: 'code', header: t('services.code'), cell: (s) => <code>{s.code}</code> },
          { key: 'name', header: t('services.name'), cell: (s) => s.name },
          { key: 'category', header: t('services.category'), cell: (s) => t(`enums.benefitCategory.${s.category}`) },
          { key: 'kind', header: t('services.kind'), cell: (s) => t(`enums.serviceKind.${s.kind}`) },
          { key: 'status', header: t('providers.status'), cell: (s) => <ActiveBadge active={s.active} /> },
          ...(manage
            ? [
                {
                  key: 'actions',
                  header: t('common.actions'),
                  cell: (s: Service) => (
                    <span className="row-actions">
                      <button type="button" className="button button--small" onClick={() => edit(s)}>
                        {t('common.edit')}<span className="visually-hidden"> {s.code}</span>
                      </button>
                      <button type="button" className="button button--small" disabled={busy} onClick={() => void setActive(s, !s.active)}>
                        {s.active ? t('providers.deactivate') : t('providers.reactivate')}<span className="visually-hidden"> {s.code}</span>
                      </button>
                    </span>
                  ),
                },
              ]
            : []),
        ]}
      />
      {moreError ? <LoadError error={moreError} /> : null}
      {hasMore ? (
        <p>
          <button type="button" className="button" onClick={() => void loadMore()} disabled={loadingMore}>{loadingMore ? t('common.loading') : t('common.showMore')}</button>
        </p>
      ) : null}
      {confirmDialog}
    </section>
  );
}
