import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BeneficiaryMatch, Scheme } from '../../../api/types';
import { canOnScheme } from '../../../app/access';
import { Link, navigate, useLocation } from '../../../app/router';
import { useMe, useSchemeHref } from '../../../app/session';
import { asApiError, useApi } from '../../../app/use-api';
import { LoadError, Loading, Notice, Page } from '../../../components/page';
import { DataTable } from '../../../components/table';
import { searchBeneficiaries } from '../api';
import { fullName, MemberStatus, useBirth } from '../components/labels';
import type { ApiError } from '../../../api/client';

const PAGE = 50;

/** Finds members by name (whatever the spelling), card or phone, from one box. */
export default function HouseholdsPage({ scheme }: { scheme: Scheme }) {
  const { t } = useTranslation();
  const { me } = useMe();
  const schemeHref = useSchemeHref();
  const { query } = useLocation();
  const q = query.get('q') ?? '';
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(schemeHref('/households', { q: text.trim() || undefined }));
  };

  return (
    <Page
      title={t('households.title')}
      actions={
        canOnScheme(me, 'members.write', scheme) ? (
          <>
            <Link to={schemeHref('/households/new')} className="button button--primary">{t('households.register')}</Link>
            <Link to={schemeHref('/imports/households')} className="button">{t('spreadsheet.title.households')}</Link>
          </>
        ) : null
      }
    >
      <form role="search" className="search-form" onSubmit={submit}>
        <div className="field">
          <label htmlFor="member-search">{t('households.searchLabel')}</label>
          <p className="field__hint" id="member-search-hint">{t('households.searchHint')}</p>
          <div className="search-form__row">
            <input id="member-search" type="search" name="q" autoComplete="off" spellCheck={false} aria-describedby="member-search-hint" value={text} onChange={(e) => setText(e.target.value)} />
            <button type="submit" className="button button--primary">{t('common.search')}</button>
          </div>
        </div>
      </form>
      {q ? <Results key={`${scheme.code}:${q}`} scheme={scheme} q={q} /> : <p className="muted">{t('households.searchFirst')}</p>}
    </Page>
  );
}

function Results({ scheme, q }: { scheme: Scheme; q: string }) {
  const { t } = useTranslation();
  const schemeHref = useSchemeHref();
  const birth = useBirth();
  const first = useApi(() => searchBeneficiaries(scheme.code, { search: q, limit: PAGE }), [scheme.code, q]);
  const [more, setMore] = useState<BeneficiaryMatch[]>([]);
  const [next, setNext] = useState<number | null | undefined>(undefined);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<ApiError>();

  if (first.status === 'loading') return <Loading />;
  if (first.status === 'failed') return <LoadError error={first.error} retry={() => void first.reload()} />;
  const items = [...first.data.items, ...more];
  const nextOffset = next === undefined ? first.data.next : next;

  const loadMore = async () => {
    if (nextOffset === null) return;
    setLoadingMore(true);
    setMoreError(undefined);
    try {
      const page = await searchBeneficiaries(scheme.code, { search: q, limit: PAGE, offset: nextOffset });
      setMore((m) => [...m, ...page.items]);
      setNext(page.next);
    } catch (e) {
      setMoreError(asApiError(e));
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <section aria-labelledby="results-heading">
      <h2 id="results-heading">{t('households.results')}</h2>
      {first.data.fuzzy ? <Notice kind="info">{t('households.fuzzy', { q })}</Notice> : null}
      <DataTable
        caption={t('households.results')}
        rows={items}
        rowKey={(b) => b.id}
        empty={t('households.noMatch', { q })}
        columns={[
          {
            key: 'name',
            header: t('members.name'),
            cell: (b) => <Link to={schemeHref(`/households/${encodeURIComponent(b.household)}`)}>{fullName(b)}</Link>,
          },
          { key: 'card', header: t('members.card'), cell: (b) => <code>{b.card}</code> },
          { key: 'household', header: t('households.number'), cell: (b) => <code>{b.household}</code> },
          { key: 'relationship', header: t('members.relationship'), cell: (b) => t(`enums.relationship.${b.relationship}`) },
          { key: 'birth', header: t('members.born'), cell: (b) => birth(b) },
          { key: 'phone', header: t('members.phone'), cell: (b) => b.phone ?? '—' },
          { key: 'location', header: t('households.location'), cell: (b) => b.location ?? '—' },
          { key: 'status', header: t('members.status'), cell: (b) => <MemberStatus member={b} /> },
        ]}
      />
      {moreError ? <LoadError error={moreError} /> : null}
      {nextOffset !== null ? (
        <p>
          <button type="button" className="button" onClick={() => void loadMore()} disabled={loadingMore}>
            {loadingMore ? t('common.loading') : t('common.showMore')}
          </button>
        </p>
      ) : null}
    </section>
  );
}
