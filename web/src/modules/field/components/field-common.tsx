import { type DependencyList, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Scheme } from '../../../api/types';
import { canOnScheme } from '../../../app/access';
import { useFormat } from '../../../app/format';
import { useMe } from '../../../app/session';
import { Badge } from '../../../components/badge';
import { register, syncAll } from '../../../offline/engine';
import { useFieldStatus } from '../../../offline/status';
import { getCardKeys, getMeta } from '../../../offline/store';
import type { SnapshotHousehold, SyncMeta } from '../../../offline/types';
import { coverageTone } from '../../coverage/enums';
import '../field.css';

/** What the user may do in the field on this scheme (the API still decides). */
export function useFieldAccess(scheme: Scheme) {
  const { me } = useMe();
  const access = {
    snapshot: canOnScheme(me, 'members.read', scheme),
    keys: canOnScheme(me, 'eligibility.check', scheme),
    pay: canOnScheme(me, 'contributions.write', scheme),
    register: canOnScheme(me, 'members.write', scheme),
  };
  useEffect(() => {
    void register(scheme.code, { currency: scheme.currency, snapshot: access.snapshot, keys: access.keys }, { fieldScreen: true });
  }, [scheme.code, scheme.currency, access.snapshot, access.keys]);
  return access;
}

/** Data read from the device's store, read again whenever the store changes (a sync, a queued change). */
export function useLocal<T>(load: () => Promise<T>, deps: DependencyList): { data: T | undefined; loaded: boolean } {
  const { revision } = useFieldStatus();
  const [state, setState] = useState<{ data: T | undefined; loaded: boolean }>({ data: undefined, loaded: false });
  useEffect(() => {
    let live = true;
    void load().then((data) => {
      if (live) setState({ data, loaded: true });
    });
    return () => {
      live = false;
    };
    // The caller names what the load depends on; a change in the store (revision) reloads too.
  }, [...deps, revision]);
  return state;
}

/** Online or not, what waits, when the data is from, and "Sync now". */
export function FieldStatusPanel({ scheme }: { scheme: Scheme }) {
  const { t } = useTranslation();
  const format = useFormat();
  const status = useFieldStatus();
  const { snapshot } = useFieldAccess(scheme);
  const meta = useLocal<SyncMeta | undefined>(() => getMeta(scheme.code), [scheme.code]);
  const keys = useLocal(() => getCardKeys(scheme.code), [scheme.code]);
  return (
    <section className="card" aria-label={t('field.title')}>
      <div className="field-status" role="status">
        <Badge tone={status.online ? 'success' : 'muted'}>{status.online ? t('field.status.online') : t('field.status.offline')}</Badge>
        {status.waiting > 0 ? <Badge tone="warning">{t('field.status.waiting', { count: status.waiting })}</Badge> : null}
        {status.problems > 0 ? <Badge tone="danger">{t('field.status.problems', { count: status.problems })}</Badge> : null}
        {status.syncing ? <span>{t('field.status.syncing')}</span> : null}
      </div>
      {!snapshot ? (
        keys.loaded ? (
          <p className="muted">{keys.data ? t('field.status.keysSynced', { time: format.dateTime(keys.data.fetchedAt) }) : t('field.status.neverSynced')}</p>
        ) : null
      ) : meta.loaded ? (
        meta.data ? (
          <p className="muted">
            {t('field.status.lastSync', { date: format.calendarDate(meta.data.asOf), time: format.dateTime(meta.data.syncedAt) })} · {t('field.status.households', { count: meta.data.households })}
          </p>
        ) : (
          <p className="muted">{t('field.status.neverSynced')}</p>
        )
      ) : null}
      {status.lastFailure ? <p className="field__error">{t(`field.status.failure.${status.lastFailure}`)}</p> : null}
      <button type="button" className="button" disabled={!status.online || status.syncing} onClick={() => void syncAll()}>
        {t('field.status.syncNow')}
      </button>
    </section>
  );
}

/** A coverage status with its reason, as of the last sync. */
export function CoverageBadge({ coverage }: { coverage: SnapshotHousehold['coverage'] | SnapshotHousehold['members'][number]['coverage'] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <span>
      <Badge tone={coverageTone[coverage.status]}>{t(`enums.coverageStatus.${coverage.status}`)}</Badge>{' '}
      <span className="cell-note">
        {t(`field.reasons.${coverage.reason}`)}
        {coverage.status === 'waiting' && coverage.waitingEnd ? ` ${t('field.household.waitingUntil', { date: format.calendarDate(coverage.waitingEnd) })}` : ''}
      </span>
    </span>
  );
}

export const fullName = (m: { firstName: string; lastName: string }) => `${m.firstName} ${m.lastName}`;
export const headOf = (h: SnapshotHousehold) => h.members.find((m) => m.relationship === 'head' && m.memberStatus === 'active') ?? h.members[0];
