import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../api/client';
import type { AuditQuery, AuditRecord } from '../../../api/types';
import { useFormat } from '../../../app/format';
import { navigate, useLocation } from '../../../app/router';
import { useMe } from '../../../app/session';
import { asApiError } from '../../../app/use-api';
import { fieldProblems, FormError, SelectField, TextField } from '../../../components/form';
import { Loading } from '../../../components/page';
import { Page } from '../../../components/page';
import { listAudit } from '../api';
import { useAuditAction } from '../components/audit-action';

const FILTERS = ['filterScheme', 'actor', 'action', 'entityType', 'from', 'to'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;
const PAGE_SIZE = 50;

/** Filters live in the URL, so a filtered view can be bookmarked or shared. */
function filtersFrom(query: URLSearchParams): Filters {
  return Object.fromEntries(FILTERS.map((f) => [f, query.get(f) ?? ''])) as Filters;
}

function toQuery(filters: Filters): AuditQuery {
  const query: AuditQuery = { limit: PAGE_SIZE };
  if (filters.filterScheme) query.scheme = filters.filterScheme;
  if (filters.actor.trim()) query.actor = filters.actor.trim();
  if (filters.action.trim()) query.action = filters.action.trim();
  if (filters.entityType.trim()) query.entityType = filters.entityType.trim();
  if (filters.from) query.from = filters.from;
  if (filters.to) query.to = filters.to;
  return query;
}

/** Who changed what, when: newest first, older pages on demand. */
export default function AuditPage() {
  const { t } = useTranslation();
  const { schemes } = useMe();
  const { path, query } = useLocation();
  const applied = filtersFrom(query);
  const appliedKey = JSON.stringify(applied);
  const [draft, setDraft] = useState<Filters>(applied);
  const [records, setRecords] = useState<AuditRecord[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError>();

  useEffect(() => {
    let cancelled = false;
    const filters = JSON.parse(appliedKey) as Filters;
    setDraft(filters);
    setLoading(true);
    setError(undefined);
    listAudit(toQuery(filters)).then(
      (page) => {
        if (cancelled) return;
        setRecords(page.records);
        setNext(page.next);
        setLoading(false);
      },
      (e: unknown) => {
        if (cancelled) return;
        setRecords([]);
        setNext(null);
        setError(asApiError(e));
        setLoading(false);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [appliedKey]);

  const loadOlder = async () => {
    if (!next) return;
    setLoading(true);
    setError(undefined);
    try {
      const page = await listAudit({ ...toQuery(applied), before: next });
      setRecords((r) => [...r, ...page.records]);
      setNext(page.next);
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setLoading(false);
    }
  };

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const params = new URLSearchParams(query);
    for (const f of FILTERS) {
      if (draft[f].trim()) params.set(f, draft[f].trim());
      else params.delete(f);
    }
    navigate(`${path}?${params.toString()}`);
  };

  const clear = () => {
    const params = new URLSearchParams(query);
    for (const f of FILTERS) params.delete(f);
    const text = params.toString();
    navigate(text ? `${path}?${text}` : path);
  };

  const set = (key: keyof Filters) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  // The API names query fields by its own names (scheme); the form calls it filterScheme so it
  // does not clash with the scheme switcher's parameter.
  const problems = fieldProblems(error, FILTERS, (f) => (f.replace(/^querystring\./, '') === 'scheme' ? 'filterScheme' : f.replace(/^querystring\./, '')));
  return (
    <Page title={t('audit.title')}>
      <form onSubmit={apply} noValidate className="filters filters--grid" aria-label={t('audit.filters')}>
        <SelectField
          label={t('audit.scheme')}
          name="filterScheme"
          value={draft.filterScheme}
          onValue={set('filterScheme')}
          options={[{ value: '', label: t('audit.allSchemes') }, ...schemes.map((s) => ({ value: s.code, label: s.name }))]}
          error={problems.fields.filterScheme}
        />
        <TextField label={t('audit.actor')} hint={t('audit.actorHint')} name="actor" autoCapitalize="none" spellCheck={false} value={draft.actor} onValue={set('actor')} error={problems.fields.actor} />
        <TextField label={t('audit.action')} hint={t('audit.actionHint')} name="action" spellCheck={false} value={draft.action} onValue={set('action')} error={problems.fields.action} />
        <TextField label={t('audit.entityType')} hint={t('audit.entityTypeHint')} name="entityType" spellCheck={false} value={draft.entityType} onValue={set('entityType')} error={problems.fields.entityType} />
        <TextField label={t('audit.from')} name="from" type="date" value={draft.from} onValue={set('from')} error={problems.fields.from} />
        <TextField label={t('audit.to')} name="to" type="date" value={draft.to} onValue={set('to')} error={problems.fields.to} />
        <div className="actions filters__actions">
          <button type="submit" className="button button--primary">{t('audit.apply')}</button>
          <button type="button" className="button" onClick={clear}>{t('audit.clear')}</button>
        </div>
      </form>
      <FormError error={error} other={problems.other} />
      <AuditList records={records} />
      {loading ? <Loading /> : null}
      {!loading && !error && records.length === 0 ? <p className="empty">{t('audit.empty')}</p> : null}
      {next && !loading ? (
        <p className="actions">
          <button type="button" className="button" onClick={() => void loadOlder()}>
            {t('audit.older')}
          </button>
        </p>
      ) : null}
    </Page>
  );
}

function AuditList({ records }: { records: AuditRecord[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const auditAction = useAuditAction();
  if (!records.length) return null;
  return (
    <ol className="audit-list" aria-label={t('audit.records')}>
      {records.map((r) => (
        <li key={r.id} className="audit-entry">
          <div className="audit-entry__head">
            <strong>{auditAction(r.action)}</strong>
            <time dateTime={r.occurredAt} className="muted">{format.dateTime(r.occurredAt)}</time>
          </div>
          <p className="audit-entry__meta">
            {t('audit.by', { actor: r.actor })}
            {r.scheme ? <> · {t('audit.inScheme', { scheme: r.scheme })}</> : null}
            {' · '}
            <code>{r.entityType}</code> <code className="id">{r.entityId}</code>
          </p>
          {r.before != null || r.after != null ? (
            <details>
              <summary>{t('audit.changes')}</summary>
              <div className="audit-entry__changes">
                {r.before != null ? (
                  <div>
                    <h3>{t('audit.before')}</h3>
                    <pre>{JSON.stringify(r.before, null, 2)}</pre>
                  </div>
                ) : null}
                {r.after != null ? (
                  <div>
                    <h3>{t('audit.after')}</h3>
                    <pre>{JSON.stringify(r.after, null, 2)}</pre>
                  </div>
                ) : null}
              </div>
            </details>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
