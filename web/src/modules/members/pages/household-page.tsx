import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Beneficiary, DuplicateWarning, Household, Scheme } from '../../../api/types';
import { canOnScheme } from '../../../app/access';
import { useFormat } from '../../../app/format';
import { Link, useLocation } from '../../../app/router';
import { useMe, useSchemeHref } from '../../../app/session';
import { useApi } from '../../../app/use-api';
import { Badge } from '../../../components/badge';
import { LoadError, Loading, Notice, Page } from '../../../components/page';
import { DataTable } from '../../../components/table';
import { AccountSection } from '../../coverage/components/account';
import { getHousehold } from '../api';
import { DuplicateWarnings } from '../components/duplicate-warnings';
import { AddMemberDialog, ChangeHeadDialog, DeactivateDialog, EditHouseholdDialog, EditMemberDialog } from '../components/household-dialogs';
import { fullName, HouseholdStatusBadge, MemberStatus, useBirth } from '../components/labels';

/** A household: its facts, its members, and its coverage and contributions. */
export default function HouseholdPage({ scheme, number }: { scheme: Scheme; number: string }) {
  const { t } = useTranslation();
  const household = useApi(() => getHousehold(scheme.code, number), [scheme.code, number]);
  if (household.status === 'loading') return <Loading />;
  if (household.status === 'failed') {
    return (
      <Page title={t('households.titleOf', { number })}>
        <LoadError error={household.error} retry={household.error.status === 404 ? undefined : () => void household.reload()} />
      </Page>
    );
  }
  return <HouseholdView scheme={scheme} household={household.data} reload={household.reload} />;
}

type Open =
  | { kind: 'edit' }
  | { kind: 'add' }
  | { kind: 'head' }
  | { kind: 'member'; member: Beneficiary }
  | { kind: 'deactivate'; member: Beneficiary };

function HouseholdView({ scheme, household, reload }: { scheme: Scheme; household: Household; reload: () => Promise<void> }) {
  const { t } = useTranslation();
  const { me } = useMe();
  const format = useFormat();
  const birth = useBirth();
  const schemeHref = useSchemeHref();
  const { query } = useLocation();
  const [open, setOpen] = useState<Open>();
  const [message, setMessage] = useState<string>();
  const [warnings, setWarnings] = useState<DuplicateWarning[]>([]);
  const write = canOnScheme(me, 'members.write', scheme) && household.status === 'active';
  const checks = canOnScheme(me, 'eligibility.check', scheme);
  const head = household.members.find((m) => m.relationship === 'head' && m.status === 'active');
  const activeMembers = household.members.filter((m) => m.status === 'active');

  const after = async (text: string | undefined, more: DuplicateWarning[] = []) => {
    setOpen(undefined);
    if (text) {
      setMessage(text);
      setWarnings(more);
      await reload();
    }
  };
  const start = (next: Open) => {
    setMessage(undefined);
    setWarnings([]);
    setOpen(next);
  };

  return (
    <Page
      title={head ? t('households.titleWithHead', { number: household.number, name: fullName(head) }) : t('households.titleOf', { number: household.number })}
      actions={<HouseholdStatusBadge status={household.status} />}
    >
      {query.get('registered') ? <Notice kind="success" role="status">{t('households.registered', { number: household.number })}</Notice> : null}

      <section className="card" aria-labelledby="household-heading">
        <div className="card__header">
          <h2 id="household-heading">{t('households.household')}</h2>
          {write ? <button type="button" className="button button--small" onClick={() => start({ kind: 'edit' })}>{t('households.edit')}</button> : null}
        </div>
        <dl className="facts">
          <div><dt>{t('households.number')}</dt><dd><code>{household.number}</code></dd></div>
          <div><dt>{t('households.category')}</dt><dd>{t(`enums.householdCategory.${household.category}`)}</dd></div>
          <div><dt>{t('households.group')}</dt><dd>{household.group ?? '—'}</dd></div>
          <div><dt>{t('households.section')}</dt><dd>{household.section ?? '—'}</dd></div>
          <div><dt>{t('households.location')}</dt><dd>{household.location ?? '—'}</dd></div>
          <div><dt>{t('households.phone')}</dt><dd>{household.phone ?? '—'}</dd></div>
          <div><dt>{t('households.address')}</dt><dd>{household.address ?? '—'}</dd></div>
          <div><dt>{t('households.registeredOn')}</dt><dd>{format.date(household.createdAt)}</dd></div>
        </dl>
      </section>

      <section className="card" aria-labelledby="members-heading">
        <div className="card__header">
          <h2 id="members-heading">{t('households.membersCount', { n: activeMembers.length })}</h2>
          {write ? (
            <div className="actions actions--tight">
              <button type="button" className="button button--small" onClick={() => start({ kind: 'add' })}>{t('members.add')}</button>
              {activeMembers.length > 1 ? <button type="button" className="button button--small" onClick={() => start({ kind: 'head' })}>{t('members.changeHead')}</button> : null}
            </div>
          ) : null}
        </div>
        {message ? <Notice kind="success" role="status">{message}</Notice> : null}
        <DuplicateWarnings warnings={warnings} />
        <DataTable
          caption={t('households.members')}
          rows={household.members}
          rowKey={(m) => m.id}
          empty={t('households.noMembers')}
          columns={[
            {
              key: 'name',
              header: t('members.name'),
              cell: (m) => (
                <span>
                  {fullName(m)} {m.relationship === 'head' && m.status === 'active' ? <Badge tone="info">{t('members.head')}</Badge> : null}
                </span>
              ),
            },
            {
              key: 'card',
              header: t('members.card'),
              cell: (m) =>
                checks ? (
                  <Link to={schemeHref('/eligibility', { card: m.card })} title={t('members.checkCoverage')}>
                    <code>{m.card}</code>
                    <span className="visually-hidden"> — {t('members.checkCoverage')}</span>
                  </Link>
                ) : (
                  <code>{m.card}</code>
                ),
            },
            { key: 'relationship', header: t('members.relationship'), cell: (m) => t(`enums.relationship.${m.relationship}`) },
            { key: 'sex', header: t('members.sex'), cell: (m) => t(`enums.sex.${m.sex}`) },
            { key: 'birth', header: t('members.born'), cell: (m) => birth(m) },
            { key: 'joined', header: t('members.joinedOn'), cell: (m) => format.calendarDate(m.joinedOn) },
            {
              key: 'status',
              header: t('members.status'),
              cell: (m) => (
                <span>
                  <MemberStatus member={m} />
                  {m.statusNote ? <span className="cell-note">{m.statusNote}</span> : null}
                </span>
              ),
            },
            ...(write
              ? [{
                  key: 'actions',
                  header: t('common.actions'),
                  cell: (m: Beneficiary) => (
                    <span className="row-actions">
                      <button type="button" className="button button--small" onClick={() => start({ kind: 'member', member: m })}>
                        {t('common.edit')}<span className="visually-hidden"> {fullName(m)}</span>
                      </button>
                      {m.status === 'active' ? (
                        <button type="button" className="button button--small button--danger-outline" onClick={() => start({ kind: 'deactivate', member: m })}>
                          {t('members.deactivate')}<span className="visually-hidden"> {fullName(m)}</span>
                        </button>
                      ) : null}
                    </span>
                  ),
                }]
              : []),
          ]}
        />
      </section>

      {canOnScheme(me, 'contributions.read', scheme) ? <AccountSection scheme={scheme} household={household} /> : null}

      {open?.kind === 'edit' ? <EditHouseholdDialog scheme={scheme} household={household} close={(h) => void after(h ? t('common.saved') : undefined)} /> : null}
      {open?.kind === 'add' ? (
        <AddMemberDialog
          scheme={scheme}
          household={household}
          close={(added) => void after(added ? t('members.added', { name: fullName(added.beneficiary), card: added.beneficiary.card }) : undefined, added?.warnings)}
        />
      ) : null}
      {open?.kind === 'head' ? <ChangeHeadDialog scheme={scheme} household={household} close={(h) => void after(h ? t('members.headChanged') : undefined)} /> : null}
      {open?.kind === 'member' ? <EditMemberDialog scheme={scheme} member={open.member} close={(changed) => void after(changed ? t('common.saved') : undefined)} /> : null}
      {open?.kind === 'deactivate' ? (
        <DeactivateDialog
          scheme={scheme}
          household={household}
          member={open.member}
          close={(h) => void after(h ? t('members.deactivated', { name: fullName(open.member) }) : undefined)}
        />
      ) : null}
    </Page>
  );
}
