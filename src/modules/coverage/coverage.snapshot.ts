/**
 * Coverage facts of many households for devices that work offline (the offline module's
 * snapshot): the status of each household and member on a day, what each household owes, and its
 * last payments. A few statements per page; the status comes from the rules of coverage.rules.ts.
 */
import { sql } from 'kysely';
import type { Executor } from '../../platform/audit/audit.js';
import { householdStatusFacts } from './coverage.facts.js';
import { allocate, beneficiaryStatus, sortDues, type BeneficiaryFacts, type CoverageStatus, type StatusReason, type StatusResult } from './coverage.rules.js';

export interface SnapshotStatus {
  status: CoverageStatus;
  reason: StatusReason;
  waitingEnd: string | null;
}

export interface SnapshotPayment {
  id: string;
  date: string;
  amount: number;
  method: string;
  receipt: string | null;
  /** A reversal's original, or null. */
  reversalOf: string | null;
}

export interface HouseholdCoverageSnapshot extends SnapshotStatus {
  /** The period spanning the day, if any. */
  period: { start: string; end: string; product: string } | null;
  /** Unpaid dues of that period past their grace days (what suspends coverage), in minor units. */
  arrears: number;
  /** Unpaid dues falling due on or before the day, every period, in minor units. */
  owed: number;
  /** The oldest unpaid due after the day: its date and what is left to pay. */
  nextDue: { date: string; amount: number } | null;
  /** Paid beyond every due, kept for later dues. */
  credit: number;
  /** Member statuses by beneficiary id. */
  members: Map<string, SnapshotStatus>;
  /** The last payments, newest first (reversals included). */
  lastPayments: SnapshotPayment[];
}

const LAST_PAYMENTS = 5;

const view = (s: StatusResult): SnapshotStatus => ({ status: s.status, reason: s.reason, waitingEnd: s.waitingEnd });

/**
 * Ids of the scheme's households whose coverage facts changed after `since`: a period opened, a
 * due made, a payment or reversal recorded (all are written once, never updated).
 */
export async function coverageChangedSince(db: Executor, schemeId: string, since: Date): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    select household_id as id from coverage_period where scheme_id = ${schemeId} and created_at > ${since}
    union
    select household_id from due where scheme_id = ${schemeId} and created_at > ${since}
    union
    select household_id from payment where scheme_id = ${schemeId} and created_at > ${since}`.execute(db);
  return rows.map((r) => r.id);
}

/**
 * Coverage of households on `date`. The household's own status is that of a member present since
 * before its periods began (the period's status: activation, waiting period from the period's
 * activation, arrears); each member's status uses their own joining and leaving dates.
 */
export async function householdCoverageSnapshots(
  db: Executor,
  schemeId: string,
  date: string,
  households: { id: string; members: ({ id: string } & BeneficiaryFacts)[] }[],
): Promise<Map<string, HouseholdCoverageSnapshot>> {
  const ids = households.map((h) => h.id);
  const result = new Map<string, HouseholdCoverageSnapshot>();
  if (ids.length === 0) return result;
  const [facts, payments] = await Promise.all([
    householdStatusFacts(db, schemeId, ids),
    sql<{ id: string; household_id: string; date: string; amount: number; method: string; receipt: string | null; reversal_of: string | null }>`
      select id, household_id, date, amount, method, receipt, reversal_of from (
        select p.*, row_number() over (partition by household_id order by date desc, created_at desc, id desc) as rank
          from payment p where scheme_id = ${schemeId} and household_id = any(${ids}::uuid[])) ranked
       where rank <= ${LAST_PAYMENTS} order by household_id, rank`.execute(db),
  ]);
  const lastPayments = new Map<string, SnapshotPayment[]>();
  for (const p of payments.rows) {
    const list = lastPayments.get(p.household_id) ?? [];
    list.push({ id: p.id, date: p.date, amount: p.amount, method: p.method, receipt: p.receipt, reversalOf: p.reversal_of });
    lastPayments.set(p.household_id, list);
  }
  for (const household of households) {
    const f = facts.get(household.id)!;
    const input = { date, periods: f.periods, dues: f.dues, payments: f.payments };
    const own = beneficiaryStatus({ ...input, beneficiary: { joinedOn: '0001-01-01', leftOn: null } });
    const allocation = allocate(f.dues, f.payments, date);
    let owed = 0;
    let nextDue: HouseholdCoverageSnapshot['nextDue'] = null;
    for (const due of sortDues(f.dues)) {
      const unpaid = due.amount - (allocation.paid.get(due.id) ?? 0);
      if (unpaid <= 0) continue;
      if (due.dueDate <= date) owed += unpaid;
      else if (!nextDue) nextDue = { date: due.dueDate, amount: unpaid };
    }
    const period = own.period ? f.periods.find((p) => p.id === own.period!.id)! : undefined;
    result.set(household.id, {
      ...view(own),
      period: period ? { start: period.start, end: period.end, product: period.productCode } : null,
      arrears: own.overdue.reduce((sum, d) => sum + d.unpaid, 0),
      owed,
      nextDue,
      credit: allocation.credit,
      members: new Map(household.members.map((m) => [m.id, view(beneficiaryStatus({ ...input, beneficiary: { joinedOn: m.joinedOn, leftOn: m.leftOn } }))])),
      lastPayments: lastPayments.get(household.id) ?? [],
    });
  }
  return result;
}
