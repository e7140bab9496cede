import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Scheme } from '../../../api/types';
import { Link } from '../../../app/router';
import { useSchemeHref } from '../../../app/session';
import { TextField } from '../../../components/form';
import { Page } from '../../../components/page';
import { householdsOf } from '../../../offline/store';
import type { SnapshotHousehold } from '../../../offline/types';
import { CoverageBadge, FieldStatusPanel, fullName, headOf, useFieldAccess, useLocal } from '../components/field-common';

const SHOWN = 50;

/** Lower case, without accents, apostrophes or hyphens: "N'Diaye" and "ndiaye" match. */
const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’\-.]/g, '');
const digits = (text: string) => text.replace(/\D/g, '');

/** Households whose member names (every typed word begins a word), a card, or a phone match. */
function matches(household: SnapshotHousehold, query: string): boolean {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return false;
  const upper = query.trim().toUpperCase();
  if (household.number === upper || household.members.some((m) => m.card === upper)) return true;
  const phone = digits(query);
  if (phone.length >= 6 && [household.phone, ...household.members.map((m) => m.phone)].some((p) => p && digits(p).endsWith(phone))) return true;
  return household.members.some((m) => {
    const name = fold(`${m.firstName} ${m.lastName}`).split(/\s+/);
    return words.every((w) => name.some((n) => n.startsWith(w)));
  });
}

/** The field home: sync state, the field screens, and the search over the households on the device. */
export default function FieldPage({ scheme }: { scheme: Scheme }) {
  const { t } = useTranslation();
  const schemeHref = useSchemeHref();
  const access = useFieldAccess(scheme);
  const [query, setQuery] = useState('');
  const households = useLocal(() => householdsOf(scheme.code), [scheme.code]);
  const found = useMemo(() => (households.data ?? []).filter((h) => matches(h, query)), [households.data, query]);
  return (
    <Page title={t('field.title')}>
      <p className="muted">{t('field.intro')}</p>
      <FieldStatusPanel scheme={scheme} />
      <ul className="field-links">
        {access.register ? (
          <li>
            <Link to={schemeHref('/field/register')}>{t('field.links.register')}</Link>
          </li>
        ) : null}
        {access.keys ? (
          <li>
            <Link to={schemeHref('/field/check')}>{t('field.links.check')}</Link>
          </li>
        ) : null}
        <li>
          <Link to={schemeHref('/field/outbox')}>{t('field.links.outbox')}</Link>
        </li>
      </ul>
      {access.snapshot ? (
        <section aria-labelledby="field-search">
          <h2 id="field-search">{t('field.links.search')}</h2>
          <form role="search" className="search-form" onSubmit={(e) => e.preventDefault()}>
            <TextField label={t('field.search.label')} hint={t('field.search.hint')} name="q" type="search" autoComplete="off" value={query} onValue={setQuery} />
          </form>
          {query.trim() ? (
            found.length === 0 ? (
              <p className="empty">{t('field.search.none')}</p>
            ) : (
              <>
                <p className="muted" role="status">
                  {t('field.search.results', { count: found.length })}
                  {found.length > SHOWN ? ` ${t('field.search.more', { count: SHOWN })}` : ''}
                </p>
                <ul className="field-results" aria-label={t('field.search.caption')}>
                  {found.slice(0, SHOWN).map((h) => {
                    const head = headOf(h);
                    return (
                      <li key={h.number}>
                        <Link to={schemeHref(`/field/households/${encodeURIComponent(h.number)}`)}>
                          <span>
                            <span className="field-results__name">{head ? fullName(head) : h.number}</span> <span className="muted">{h.number}</span>
                          </span>
                          <CoverageBadge coverage={h.coverage} />
                        </Link>
                      </li>
                    );
                  })}
                </ul>
              </>
            )
          ) : null}
        </section>
      ) : null}
    </Page>
  );
}
