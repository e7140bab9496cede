/**
 * What a device needs to work offline in a scheme: its households and members with their coverage
 * status, what they owe and their last payments, as of the server's today. Facts come from the
 * members and coverage modules' snapshot reads; the rules stay in coverage.
 */
import type { ServiceContext } from '../../platform/context.js';
import { today } from '../../platform/dates.js';
import { ValidationError } from '../../platform/errors.js';
import { coverageChangedSince, householdCoverageSnapshots, type SnapshotStatus } from '../coverage/index.js';
import { householdsChangedSince, householdsSnapshotPage } from '../members/index.js';
import { listSections } from '../organizations/index.js';
import type { Snapshot, SnapshotHousehold, SnapshotQuery } from './offline.schemas.js';

/**
 * How far before `since` changes are looked for. Rows carry the time their transaction wrote them,
 * which may commit after an answer was read; looking back this far (households then come twice,
 * which a device handles by replacing them) keeps such late commits from being missed.
 */
export const SINCE_OVERLAP_MS = 2 * 60 * 1000;

const coverageOf = (s: SnapshotStatus) => ({ status: s.status, reason: s.reason, waitingEnd: s.waitingEnd });

/**
 * One page of the snapshot, households ordered by number. With `since`, only households whose
 * household or member rows, periods, dues or payments changed after it (minus SINCE_OVERLAP_MS).
 * Errors: ValidationError (an unknown section).
 */
export async function offlineSnapshot(ctx: ServiceContext, scheme: { id: string; code: string; currency: string }, query: SnapshotQuery): Promise<Snapshot> {
  // Read before the facts, so that what changes during this read comes again next time.
  const serverTime = new Date();
  const asOf = today(serverTime);
  const sectionList = await listSections(ctx, scheme.id);
  const sections = new Map(sectionList.map((s) => [s.id, s.code]));
  let sectionId: string | undefined;
  if (query.section) {
    sectionId = sectionList.find((s) => s.code === query.section)?.id;
    if (!sectionId) throw new ValidationError([{ field: 'section', message: `no section ${query.section} in this scheme` }]);
  }
  let ids: string[] | undefined;
  if (query.since) {
    const since = new Date(Date.parse(query.since) - SINCE_OVERLAP_MS);
    const [members, coverage] = await Promise.all([householdsChangedSince(ctx.db, scheme.id, since), coverageChangedSince(ctx.db, scheme.id, since)]);
    ids = [...new Set([...members, ...coverage])];
  }
  const limit = query.limit ?? 500;
  const households = await householdsSnapshotPage(ctx.db, scheme.id, { sectionId, ids, after: query.after, limit });
  const coverage = await householdCoverageSnapshots(ctx.db, scheme.id, asOf, households);
  return {
    scheme: scheme.code,
    currency: scheme.currency,
    section: query.section ?? null,
    asOf,
    since: query.since ?? null,
    serverTime: serverTime.toISOString(),
    households: households.map((h): SnapshotHousehold => {
      const c = coverage.get(h.id)!;
      return {
        number: h.number,
        status: h.status,
        category: h.category as SnapshotHousehold['category'],
        section: h.sectionId ? (sections.get(h.sectionId) ?? null) : null,
        phone: h.phone,
        address: h.address,
        location: h.location,
        updatedAt: h.updatedAt.toISOString(),
        members: h.members.map((m) => ({
          card: m.card,
          firstName: m.firstName,
          lastName: m.lastName,
          sex: m.sex,
          birthDate: m.birthDate,
          birthYear: m.birthYear,
          relationship: m.relationship as SnapshotHousehold['members'][number]['relationship'],
          phone: m.phone,
          joinedOn: m.joinedOn,
          memberStatus: m.status,
          coverage: coverageOf(c.members.get(m.id)!),
        })),
        coverage: { ...coverageOf(c), period: c.period, arrears: c.arrears, owed: c.owed, nextDue: c.nextDue, credit: c.credit },
        lastPayments: c.lastPayments.map((p) => ({ ...p, method: p.method as SnapshotHousehold['lastPayments'][number]['method'] })),
      };
    }),
    next: households.length === limit ? households[households.length - 1]!.number : null,
  };
}
