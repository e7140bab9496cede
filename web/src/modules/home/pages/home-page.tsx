import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Scheme } from '../../../api/types';
import { canCreateScheme, canOnScheme, hasOnPlatform } from '../../../app/access';
import { useMoney } from '../../../app/money';
import { useFormat } from '../../../app/format';
import { today } from '../../../app/dates';
import { Link, navigate } from '../../../app/router';
import { useCurrentScheme, useMe, useSchemeHref } from '../../../app/session';
import { useApi } from '../../../app/use-api';
import { DataTable } from '../../../components/table';
import { Loading, LoadError, Notice, Page } from '../../../components/page';
import { listUsers } from '../../access/api';
import { CashSheetView } from '../../coverage/components/cash-sheet';
import { EligibilityCheck } from '../../coverage/components/eligibility-check';
import { listAudit } from '../../audit/api';
import { useAuditAction } from '../../audit/components/audit-action';
import { listClaims } from '../../claims/api';
import { ClaimStatusBadge } from '../../claims/components/labels';
import { listFederations, listSections } from '../../organizations/api';
import { SchemeFacts } from '../../organizations/components/scheme-facts';

/**
 * Home: what the user can act on now. For a scheme's staff, the scheme's facts and sections; for a
 * platform administrator, the platform too; for a provider clerk, what is coming. Figures appear
 * here only when a module computes them from facts — none are made up.
 */
export default function HomePage() {
  const { t } = useTranslation();
  const { me, schemes } = useMe();
  const scheme = useCurrentScheme();
  const isClerk = me.grants.some((g) => g.role === 'provider_clerk');
  // Someone whose every role is on a health facility works at its desk: no scheme dashboard.
  const atProvider = me.grants.length > 0 && me.grants.every((g) => g.scopeType === 'provider');
  const platform = hasOnPlatform(me, 'platform.manage');

  return (
    <Page title={scheme ? scheme.name : t('home.title')}>
      <p className="muted">{t('home.welcome', { name: me.displayName })}</p>
      {isClerk && !(scheme && canOnScheme(me, 'eligibility.check', scheme)) ? (
        <Notice kind="info">
          <h2>{t('home.clerk.title')}</h2>
          <p>{t('home.clerk.message')}</p>
        </Notice>
      ) : null}
      {scheme ? <FieldWork scheme={scheme} /> : null}
      {platform ? <PlatformSummary schemes={schemes} /> : null}
      {scheme && !atProvider ? <SchemeDashboard scheme={scheme} /> : null}
      {!scheme && !isClerk ? (
        canCreateScheme(me) ? (
          <Notice kind="info">
            <p>{t('home.noScheme.create')}</p>
            <p>
              <Link to="/schemes/new" className="button button--primary">{t('schemes.new')}</Link>
            </p>
          </Notice>
        ) : (
          <Notice kind="warning">{t('home.noScheme.noAccess')}</Notice>
        )
      ) : null}
    </Page>
  );
}

/**
 * What people in the field start with: checking a member's coverage (provider clerks, agents),
 * entering a claim and the latest claims (provider clerks, claims officers), finding a household,
 * and — for those who collect — today's cash sheet. Scheme managers see the search and the lists
 * they follow up.
 */
function FieldWork({ scheme }: { scheme: Scheme }) {
  const { t } = useTranslation();
  const { me } = useMe();
  const schemeHref = useSchemeHref();
  const manager = canOnScheme(me, 'organizations.manage', scheme);
  const checks = canOnScheme(me, 'eligibility.check', scheme);
  const members = canOnScheme(me, 'members.read', scheme);
  const collects = canOnScheme(me, 'contributions.write', scheme);
  const [q, setQ] = useState('');
  return (
    <>
      {checks && !manager ? (
        <section className="card" aria-labelledby="eligibility-heading">
          <div className="card__header">
            <h2 id="eligibility-heading">{t('eligibility.title')}</h2>
          </div>
          <EligibilityCheck scheme={scheme} />
        </section>
      ) : null}
      {canOnScheme(me, 'claims.read', scheme) ? <RecentClaims scheme={scheme} /> : null}
      {members ? (
        <section className="card" aria-labelledby="find-heading">
          <div className="card__header">
            <h2 id="find-heading">{t('home.find')}</h2>
            {canOnScheme(me, 'members.write', scheme) ? <Link to={schemeHref('/households/new')}>{t('households.register')}</Link> : null}
          </div>
          <form
            role="search"
            className="search-form"
            aria-labelledby="find-heading"
            onSubmit={(e) => {
              e.preventDefault();
              navigate(schemeHref('/households', { q: q.trim() || undefined }));
            }}
          >
            <div className="field">
              <label htmlFor="home-search">{t('households.searchLabel')}</label>
              <div className="search-form__row">
                <input id="home-search" type="search" autoComplete="off" spellCheck={false} value={q} onChange={(e) => setQ(e.target.value)} />
                <button type="submit" className="button button--primary">{t('common.search')}</button>
              </div>
            </div>
          </form>
          {manager && canOnScheme(me, 'contributions.read', scheme) ? (
            <p className="link-row">
              <Link to={schemeHref('/arrears')}>{t('nav.arrears')}</Link>
              <Link to={schemeHref('/renewals')}>{t('nav.renewals')}</Link>
              <Link to={schemeHref('/cash-sheet')}>{t('nav.cashSheet')}</Link>
            </p>
          ) : null}
        </section>
      ) : null}
      {collects && !manager && canOnScheme(me, 'contributions.read', scheme) ? (
        <section className="card" aria-labelledby="today-heading">
          <div className="card__header">
            <h2 id="today-heading">{t('home.today')}</h2>
            <Link to={schemeHref('/cash-sheet', { collector: me.username })}>{t('home.allCashSheets')}</Link>
          </div>
          <CashSheetView scheme={scheme} date={today()} collector={me.username} headingLevel={3} />
        </section>
      ) : null}
    </>
  );
}

/** Entering a claim, the claims waiting for a decision, and the latest ones (a clerk sees their facility's). */
function RecentClaims({ scheme }: { scheme: Scheme }) {
  const { t } = useTranslation();
  const { me } = useMe();
  const format = useFormat();
  const money = useMoney(scheme.currency);
  const schemeHref = useSchemeHref();
  const claims = useApi(() => listClaims(scheme.code, { limit: 5 }), [scheme.code]);
  const waiting = useApi(() => listClaims(scheme.code, { status: 'submitted', limit: 1 }), [scheme.code]);
  return (
    <section className="card" aria-labelledby="claims-heading">
      <div className="card__header">
        <h2 id="claims-heading">{t('home.claims')}</h2>
        <span className="row-actions">
          <Link to={schemeHref('/claims')}>{t('home.allClaims')}</Link>
          {canOnScheme(me, 'claims.review', scheme) ? <Link to={schemeHref('/review')}>{t('nav.review')}</Link> : null}
          {canOnScheme(me, 'claims.pay', scheme) ? <Link to={schemeHref('/payment-batches')}>{t('nav.batches')}</Link> : null}
          {canOnScheme(me, 'claims.submit', scheme) ? <Link to={schemeHref('/claims/new')} className="button button--primary">{t('claimEntry.title')}</Link> : null}
        </span>
      </div>
      {waiting.status === 'ready' && waiting.data.total ? (
        <p>
          <Link to={schemeHref('/claims', { status: 'submitted' })}>{t('home.claimsWaiting', { count: waiting.data.total, n: format.number(waiting.data.total) })}</Link>
        </p>
      ) : null}
      {claims.status === 'loading' ? <Loading /> : null}
      {claims.status === 'failed' ? <LoadError error={claims.error} /> : null}
      {claims.status === 'ready' ? (
        <DataTable
          caption={t('home.latestClaims')}
          rows={claims.data.items}
          rowKey={(c) => c.id}
          empty={t('claims.empty')}
          columns={[
            { key: 'number', header: t('claims.number'), cell: (c) => <Link to={schemeHref(`/claims/${c.id}`)}>{c.number}</Link> },
            { key: 'member', header: t('claims.memberCard'), cell: (c) => <code>{c.member}</code> },
            { key: 'from', header: t('claims.careDate'), cell: (c) => format.calendarDate(c.from) },
            { key: 'status', header: t('claims.status'), cell: (c) => <ClaimStatusBadge status={c.status} /> },
            { key: 'payable', header: t('claims.payable'), numeric: true, cell: (c) => (c.payable === null ? '—' : money.format(c.payable)) },
          ]}
        />
      ) : null}
    </section>
  );
}

function PlatformSummary({ schemes }: { schemes: Scheme[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const schemeHref = useSchemeHref();
  const federations = useApi(listFederations, []);
  return (
    <section className="card" aria-labelledby="platform-heading">
      <h2 id="platform-heading">{t('home.platform.title')}</h2>
      <dl className="stats">
        <div>
          <dt>{t('home.platform.federations')}</dt>
          <dd>{federations.status === 'ready' ? format.number(federations.data.length) : '…'}</dd>
        </div>
        <div>
          <dt>{t('home.platform.schemes')}</dt>
          <dd>{format.number(schemes.length)}</dd>
        </div>
      </dl>
      <p>
        <Link to={schemeHref('/schemes')}>{t('home.platform.allSchemes')}</Link>
      </p>
    </section>
  );
}

function SchemeDashboard({ scheme }: { scheme: Scheme }) {
  const { t } = useTranslation();
  const { me } = useMe();
  const schemeHref = useSchemeHref();
  const sections = useApi(() => listSections(scheme.code), [scheme.code]);
  const manage = canOnScheme(me, 'organizations.manage', scheme);

  return (
    <>
      <section className="card" aria-labelledby="facts-heading">
        <h2 id="facts-heading">{t('home.facts')}</h2>
        <SchemeFacts scheme={scheme} />
      </section>
      <section className="card" aria-labelledby="sections-heading">
        <div className="card__header">
          <h2 id="sections-heading">{t('sections.title')}</h2>
          <Link to={schemeHref(`/schemes/${encodeURIComponent(scheme.code)}`)}>{manage ? t('home.manageSections') : t('home.seeScheme')}</Link>
        </div>
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
            ]}
          />
        ) : null}
      </section>
      {canOnScheme(me, 'users.read', scheme) ? <SchemeTeam scheme={scheme} /> : null}
      {canOnScheme(me, 'audit.read', scheme) ? <RecentActivity scheme={scheme} /> : null}
      <Notice kind="info">
        <p>{t('home.comingModules')}</p>
      </Notice>
    </>
  );
}

function SchemeTeam({ scheme }: { scheme: Scheme }) {
  const { t } = useTranslation();
  const schemeHref = useSchemeHref();
  const users = useApi(listUsers, []);
  const team = users.status === 'ready' ? users.data.filter((u) => u.active && u.grants.some((g) => g.scopeType === 'scheme' && g.scope === scheme.code)) : [];
  return (
    <section className="card" aria-labelledby="team-heading">
      <div className="card__header">
        <h2 id="team-heading">{t('home.team')}</h2>
        <Link to={schemeHref('/users')}>{t('home.allUsers')}</Link>
      </div>
      {users.status === 'loading' ? <Loading /> : null}
      {users.status === 'failed' ? <LoadError error={users.error} /> : null}
      {users.status === 'ready' ? (
        team.length ? (
          <ul className="plain-list">
            {team.map((u) => (
              <li key={u.id}>
                <Link to={schemeHref(`/users/${u.id}`)}>{u.displayName}</Link>{' '}
                <span className="muted">
                  {u.grants
                    .filter((g) => g.scopeType === 'scheme' && g.scope === scheme.code)
                    .map((g) => t(`roles.${g.role}`))
                    .join(', ')}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty">{t('home.noTeam')}</p>
        )
      ) : null}
    </section>
  );
}

function RecentActivity({ scheme }: { scheme: Scheme }) {
  const { t } = useTranslation();
  const format = useFormat();
  const auditAction = useAuditAction();
  const schemeHref = useSchemeHref();
  const audit = useApi(() => listAudit({ scheme: scheme.code, limit: 5 }), [scheme.code]);
  return (
    <section className="card" aria-labelledby="activity-heading">
      <div className="card__header">
        <h2 id="activity-heading">{t('home.activity')}</h2>
        <Link to={schemeHref('/audit', { filterScheme: scheme.code })}>{t('home.allActivity')}</Link>
      </div>
      {audit.status === 'loading' ? <Loading /> : null}
      {audit.status === 'failed' ? <LoadError error={audit.error} /> : null}
      {audit.status === 'ready' ? (
        audit.data.records.length ? (
          <ul className="plain-list activity">
            {audit.data.records.map((r) => (
              <li key={r.id}>
                <span>{t('audit.summary', { actor: r.actor, action: auditAction(r.action) })}</span>
                <time className="muted" dateTime={r.occurredAt}>{format.dateTime(r.occurredAt)}</time>
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty">{t('home.noActivity')}</p>
        )
      ) : null}
    </section>
  );
}
