import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LetterQuery, LetterStatus, Scheme } from '../../../api/types';
import { canOnScheme } from '../../../app/access';
import { useFormat } from '../../../app/format';
import { Link, navigate, useLocation } from '../../../app/router';
import { useMe, useSchemeHref } from '../../../app/session';
import { useApi } from '../../../app/use-api';
import { fieldProblems, SelectField, TextField } from '../../../components/form';
import { LoadError, Loading, Page } from '../../../components/page';
import { DataTable } from '../../../components/table';
import { listProviders } from '../../providers/api';
import { listLetters } from '../api';
import { LetterStatusBadge } from '../components/labels';
import { Pager } from '../components/pager';
import { letterStatuses } from '../enums';

const FILTERS = ['status', 'member', 'provider', 'validOn'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;
const PAGE = 50;

/** Guarantee letters (prior authorizations), latest validity first, with filters; requesting one. */
export default function LettersPage({ scheme }: { scheme: Scheme }) {
  const { t } = useTranslation();
  const { me } = useMe();
  const format = useFormat();
  const schemeHref = useSchemeHref();
  const { query } = useLocation();
  const applied = Object.fromEntries(FILTERS.map((f) => [f, query.get(f) ?? ''])) as Filters;
  const appliedKey = JSON.stringify(applied);
  const page = Math.max(0, Number.parseInt(query.get('page') ?? '0', 10) || 0);
  const [form, setForm] = useState<Filters>(applied);
  useEffect(() => setForm(JSON.parse(appliedKey) as Filters), [appliedKey]);
  const providers = useApi(() => listProviders(scheme.code), [scheme.code]);
  const letters = useApi(() => {
    const f = JSON.parse(appliedKey) as Filters;
    const q: LetterQuery = { limit: PAGE, offset: page * PAGE };
    if (letterStatuses.includes(f.status as LetterStatus)) q.status = f.status as LetterStatus;
    if (f.member) q.member = f.member;
    if (f.provider) q.provider = f.provider;
    if (f.validOn) q.validOn = f.validOn;
    return listLetters(scheme.code, q);
  }, [scheme.code, appliedKey, page]);
  const set = (key: keyof Filters) => (value: string) => setForm((f) => ({ ...f, [key]: value }));
  const apply = (event: FormEvent) => {
    event.preventDefault();
    navigate(schemeHref('/letters', Object.fromEntries(FILTERS.map((f) => [f, form[f].trim() || undefined]))));
  };
  const problems = fieldProblems(letters.error, FILTERS, (f) => f.replace(/^querystring\./, ''));

  return (
    <Page
      title={t('letters.title')}
      actions={canOnScheme(me, 'claims.submit', scheme) ? <Link to={schemeHref('/letters/new')} className="button button--primary">{t('letters.request')}</Link> : null}
    >
      <p className="muted">{t('letters.intro')}</p>
      <form className="filters filters--grid" onSubmit={apply} noValidate role="search" aria-label={t('letters.filters')}>
        <SelectField
          label={t('letters.status')}
          name="status"
          value={form.status}
          onValue={set('status')}
          options={[{ value: '', label: t('common.all') }, ...letterStatuses.map((s) => ({ value: s, label: t(`enums.letterStatus.${s}`) }))]}
          error={problems.fields.status}
        />
        <TextField label={t('claims.memberCard')} name="member" autoComplete="off" spellCheck={false} value={form.member} onValue={set('member')} error={problems.fields.member} />
        <SelectField
          label={t('claims.provider')}
          name="provider"
          value={form.provider}
          onValue={set('provider')}
          options={[{ value: '', label: t('common.all') }, ...(providers.data ?? []).map((p) => ({ value: p.code, label: `${p.name} (${p.code})` }))]}
          error={problems.fields.provider}
        />
        <TextField label={t('letters.validOn')} name="validOn" type="date" value={form.validOn} onValue={set('validOn')} error={problems.fields.validOn} />
        <div className="filters__actions">
          <button type="submit" className="button button--primary">{t('common.show')}</button>
        </div>
      </form>
      {letters.status === 'loading' ? <Loading /> : null}
      {letters.status === 'failed' ? <LoadError error={letters.error} retry={() => void letters.reload()} /> : null}
      {letters.status === 'ready' ? (
        <section aria-labelledby="letters-heading">
          <h2 id="letters-heading" className="visually-hidden">{t('letters.title')}</h2>
          <DataTable
            caption={t('letters.title')}
            rows={letters.data.items}
            rowKey={(l) => l.id}
            empty={Object.values(applied).some(Boolean) ? t('letters.noMatch') : t('letters.empty')}
            columns={[
              { key: 'number', header: t('letters.number'), cell: (l) => <Link to={schemeHref(`/letters/${encodeURIComponent(l.number)}`)}>{l.number}</Link> },
              { key: 'member', header: t('claims.member'), cell: (l) => <>{l.memberName ?? '—'} <code>{l.member}</code></> },
              { key: 'category', header: t('letters.category'), cell: (l) => t(`enums.benefitCategory.${l.category}`) },
              { key: 'provider', header: t('claims.provider'), cell: (l) => (l.provider ? (l.providerName ?? l.provider) : t('letters.anyProvider')) },
              { key: 'validity', header: t('letters.validity'), cell: (l) => t('claims.careRange', { from: format.calendarDate(l.validFrom), to: format.calendarDate(l.validTo) }) },
              { key: 'status', header: t('letters.status'), cell: (l) => <LetterStatusBadge status={l.status} /> },
              { key: 'used', header: t('letters.usedBy'), cell: (l) => (l.usedBy && l.usedByClaimId ? <Link to={schemeHref(`/claims/${l.usedByClaimId}`)}>{l.usedBy}</Link> : '—') },
            ]}
          />
          <Pager page={page} pageSize={PAGE} total={letters.data.total} label={t('letters.pages')} go={(p) => navigate(schemeHref('/letters', { ...Object.fromEntries(FILTERS.map((f) => [f, applied[f] || undefined])), page: p ? String(p) : undefined }))} />
        </section>
      ) : null}
    </Page>
  );
}
