import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Beneficiary, DuplicateWarning, Household, Scheme } from '../../../api/types';
import { canOnScheme } from '../../../app/access';
import { useFormat } from '../../../app/format';
import { Link, useLocation } from '../../../app/router';
import { useMe, useSchemeHref } from '../../../app/session';
import { useApi } from '../../../app/use-api';
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

/** What was just done, told above the members. */
type Done = { kind: 'saved' } | { kind: 'added'; member: Beneficiary } | { kind: 'head' } | { kind: 'deactivated'; member: Beneficiary };

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
  const [done, setDone] = useState<Done>();
  const [warnings, setWarnings] = useState<DuplicateWarning[]>([]);
  const write = canOnScheme(me, 'members.write', scheme) && household.status === 'active';
  const checks = canOnScheme(me, 'eligibility.check', scheme);
  const head = household.members.find((m) => m.relationship === 'head' && m.status === 'active');
  const activeMembers = household.members.filter((m) => m.status === 'active');

  const after = async (result: Done | undefined, more: DuplicateWarning[] = []) => {
    setOpen(undefined);
    if (result) {
      setDone(result);
      setWarnings(more);
      await reload();
    }
  };
  // Said at render time, so that it follows a change of language.
  const message = (d: Done) => {
    switch (d.kind) {
      case 'saved':
        return t('common.saved');
      case 'added':
        return t('members.added', { name: fullName(d.member), card: d.member.card });
      case 'head':
        return t('members.headChanged');
      case 'deactivated':
        return t('members.deactivated', { name: fullName(d.member) });
    }
  };
  const start = (next: Open) => {
    setDone(undefined);
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
        {done ? <Notice kind="success" role="status">{message(done)}</Notice> : null}
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
              cell: (m) => (m.relationship === 'head' && m.status === 'active' ? <strong>{fullName(m)}</strong> : fullName(m)),
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

      {open?.kind === 'edit' ? <EditHouseholdDialog scheme={scheme} household={household} close={(h) => void after(h && { kind: 'saved' })} /> : null}
      {open?.kind === 'add' ? (
        <AddMemberDialog
          scheme={scheme}
          household={household}
          close={(added) => void after(added && { kind: 'added', member: added.beneficiary }, added?.warnings)}
        />
      ) : null}
      {open?.kind === 'head' ? <ChangeHeadDialog scheme={scheme} household={household} close={(h) => void after(h && { kind: 'head' })} /> : null}
      {open?.kind === 'member' ? <EditMemberDialog scheme={scheme} member={open.member} close={(changed) => void after(changed ? { kind: 'saved' } : undefined)} /> : null}
      {open?.kind === 'deactivate' ? (
        <DeactivateDialog
          scheme={scheme}
          household={household}
          member={open.member}
          close={(h) => void after(h && { kind: 'deactivated', member: open.member })}
        />
      ) : null}
    </Page>
  );
}
