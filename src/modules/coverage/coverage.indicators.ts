/**
 * Coverage facts for the monitoring indicators (the indicators module; spec: indicators.md):
 * who is covered on a date, beneficiary-days covered, renewals, dues and collections, earned
 * contributions. "Covered on D" is `beneficiaryStatus` (coverage.rules.ts) giving `waiting`,
 * `active` or `suspended`: the rules are called, never re-implemented here.
 *
 * Set-based: the households concerned are found in one statement, then their facts are read by
 * chunks (householdStatusFacts: three statements a chunk, whatever its size) and every window is
 * computed from the same facts in one pass, so a monthly series costs one read.
 */
import { sql } from 'kysely';
import type { Executor } from '../../platform/audit/audit.js';
import { addDays, daysBetween } from '../../platform/dates.js';
import { householdsWithMembersChangedSince, membersOfHouseholds } from '../members/index.js';
import { householdStatusFacts, type HouseholdStatusFacts } from './coverage.facts.js';
import { activationDate, allocate, beneficiaryStatus, type Allocation, type BeneficiaryFacts } from './coverage.rules.js';

export interface Window {
  from: string;
  to: string;
}

export interface CoverageIndicatorFacts {
  /** Beneficiaries and households covered on `to`; beneficiaries covered on `from` - 1 day. */
  beneficiaries: number;
  households: number;
  beneficiariesBefore: number;
  /** Sum over the days of [from, to] of the beneficiaries covered that day. */
  beneficiaryDays: number;
  /** Periods ending in [from, to]; those renewed on time (spec: renewal_rate). */
  periodsEnding: number;
  periodsRenewed: number;
  /** Dues falling due in [from, to]: their amount, and what was paid on them by `to`. */
  duesAmount: number;
  duesPaid: number;
  /**
   * Earned contributions as exact fractions: for each length of period (in days, the
   * denominator), Σ contribution paid by `to` × days of the period inside [from, to]. The caller
   * sums them and rounds once (spec: "summed, then rounded").
   */
  earned: Map<number, bigint>;
  /** Fee part (joining and card fees) of the dues paid in [from, to]. */
  feesPaid: number;
}

const CHUNK = 2000;

function emptyFacts(): CoverageIndicatorFacts {
  return { beneficiaries: 0, households: 0, beneficiariesBefore: 0, beneficiaryDays: 0, periodsEnding: 0, periodsRenewed: 0, duesAmount: 0, duesPaid: 0, earned: new Map(), feesPaid: 0 };
}

const isCovered = (status: string) => status === 'waiting' || status === 'active' || status === 'suspended';

/** The coverage facts of one scheme for each window (both dates inclusive). */
export async function coverageIndicatorFacts(db: Executor, schemeId: string, windows: readonly Window[]): Promise<CoverageIndicatorFacts[]> {
  const results = windows.map(emptyFacts);
  if (windows.length === 0) return results;
  const first = windows.reduce((m, w) => (w.from < m ? w.from : m), windows[0]!.from);
  const last = windows.reduce((m, w) => (w.to > m ? w.to : m), windows[0]!.to);
  // Households with a period around the windows (covered on from - 1, renewals), or dues falling
  // due, or payments made, inside them (a late payment on an old period still brings fees).
  const { rows } = await sql<{ household_id: string }>`
    select household_id from coverage_period where scheme_id = ${schemeId} and start_date <= ${last} and end_date >= ${addDays(first, -1)}
    union select household_id from due where scheme_id = ${schemeId} and due_date between ${first} and ${last}
    union select household_id from payment where scheme_id = ${schemeId} and date between ${first} and ${last}
    order by 1`.execute(db);
  const householdIds = rows.map((r) => r.household_id);
  for (let i = 0; i < householdIds.length; i += CHUNK) {
    const chunk = householdIds.slice(i, i + CHUNK);
    const { facts, membersOf, dueParts } = await loadChunk(db, schemeId, chunk, last);
    for (const id of chunk) {
      const household = facts.get(id)!;
      const beneficiaries = membersOf.get(id) ?? [];
      windows.forEach((w, k) => addHousehold(results[k]!, w, household, beneficiaries, dueParts));
    }
  }
  return results;
}

type DueParts = Map<string, { contribution: number; fees: number }>;

/** The status facts, members (joined by `joinedBy`) and dues' parts of some households: five statements. */
async function loadChunk(db: Executor, schemeId: string, chunk: string[], joinedBy: string | null) {
  const [facts, members, parts] = await Promise.all([
    householdStatusFacts(db, schemeId, chunk),
    membersOfHouseholds(db, schemeId, chunk, joinedBy ?? '9999-12-31'),
    sql<{ id: string; contribution: number; fees: number }>`
      select id, contribution, fees from due where scheme_id = ${schemeId} and household_id = any(${chunk}::uuid[])`.execute(db),
  ]);
  const dueParts: DueParts = new Map(parts.rows.map((r) => [r.id, { contribution: Number(r.contribution), fees: Number(r.fees) }]));
  const membersOf = new Map<string, BeneficiaryFacts[]>();
  for (const m of members) {
    const list = membersOf.get(m.householdId) ?? [];
    list.push({ joinedOn: m.joinedOn, leftOn: m.leftOn });
    membersOf.set(m.householdId, list);
  }
  return { facts, membersOf, dueParts };
}

/** A due's payment settles its fees first, then its contribution (documented choice). */
function splitPaid(paid: number, part: { contribution: number; fees: number }): { fees: number; contribution: number } {
  const fees = Math.min(part.fees, Math.max(0, paid));
  return { fees, contribution: Math.min(part.contribution, Math.max(0, paid - fees)) };
}

function addHousehold(out: CoverageIndicatorFacts, w: Window, h: HouseholdStatusFacts, beneficiaries: BeneficiaryFacts[], parts: DueParts) {
  const before = addDays(w.from, -1);
  const statusOn = (b: BeneficiaryFacts, date: string) => beneficiaryStatus({ date, beneficiary: b, periods: h.periods, dues: h.dues, payments: h.payments }).status;

  // Covered on `to` and on from - 1.
  let coveredOnTo = 0;
  for (const b of beneficiaries) {
    if (isCovered(statusOn(b, w.to))) coveredOnTo += 1;
    if (isCovered(statusOn(b, before))) out.beneficiariesBefore += 1;
  }
  out.beneficiaries += coveredOnTo;
  if (coveredOnTo > 0) out.households += 1;

  // Beneficiary-days: a status can only change on a day a period starts or ends, a member joins or
  // leaves, or a payment (or its reversal) is dated; between two such days it is the same, so the
  // rules are asked once per stretch.
  if (h.periods.length > 0) {
    const changes = new Set<string>([w.from]);
    const consider = (day: string | null) => {
      if (day !== null && day > w.from && day <= w.to) changes.add(day);
    };
    for (const p of h.periods) {
      consider(p.start);
      consider(addDays(p.end, 1));
    }
    for (const p of h.payments) {
      consider(p.date);
      consider(p.reversedOn);
    }
    for (const b of beneficiaries) {
      consider(b.joinedOn);
      consider(b.leftOn);
    }
    const days = [...changes].sort();
    for (const b of beneficiaries) {
      for (let k = 0; k < days.length; k += 1) {
        const start = days[k]!;
        const end = k + 1 < days.length ? addDays(days[k + 1]!, -1) : w.to;
        if (isCovered(statusOn(b, start))) out.beneficiaryDays += daysBetween(start, end) + 1;
      }
    }
  }

  // Renewals: periods ending in [from, to]; renewed on time when a period starts the next day and
  // is activated no later than its version's grace days after that start (payments dated by then).
  for (const p of h.periods) {
    if (p.end < w.from || p.end > w.to) continue;
    out.periodsEnding += 1;
    const next = h.periods.find((q) => q.start === addDays(p.end, 1));
    if (!next) continue;
    const deadline = addDays(next.start, next.version.gracePeriodDays);
    if (activationDate(next, h.dues, allocate(h.dues, h.payments, deadline)) !== undefined) out.periodsRenewed += 1;
  }

  const atTo: Allocation = allocate(h.dues, h.payments, w.to);
  const atBefore: Allocation = allocate(h.dues, h.payments, before);
  const paidOn = (a: Allocation, id: string) => a.paid.get(id) ?? 0;

  // Collection: dues falling due in [from, to], paid by `to`.
  for (const d of h.dues) {
    if (d.dueDate < w.from || d.dueDate > w.to) continue;
    out.duesAmount += d.amount;
    out.duesPaid += paidOn(atTo, d.id);
  }

  // Fees paid in [from, to]: the fee part paid by `to` less the fee part paid by from - 1.
  for (const d of h.dues) {
    const part = parts.get(d.id);
    if (!part || part.fees === 0) continue;
    out.feesPaid += splitPaid(paidOn(atTo, d.id), part).fees - splitPaid(paidOn(atBefore, d.id), part).fees;
  }

  // Earned: contribution paid by `to` on each period overlapping [from, to], pro rata of its days inside.
  for (const p of h.periods) {
    if (p.end < w.from || p.start > w.to) continue;
    let contribution = 0;
    for (const d of h.dues) {
      if (d.periodId !== p.id) continue;
      const part = parts.get(d.id);
      if (part) contribution += splitPaid(paidOn(atTo, d.id), part).contribution;
    }
    if (contribution === 0) continue;
    const inside = daysBetween(p.start > w.from ? p.start : w.from, p.end < w.to ? p.end : w.to) + 1;
    const length = daysBetween(p.start, p.end) + 1;
    out.earned.set(length, (out.earned.get(length) ?? 0n) + BigInt(contribution) * BigInt(inside));
  }
}

// ---------------------------------------------------------------- summaries

/**
 * What the indicators' summary tables keep of a household, derived from its facts by the same
 * rules, so that any window can be answered by sums in SQL:
 * - `covered`: stretches of days a beneficiary is covered (one row per stretch and beneficiary),
 *   and stretches the household has someone covered;
 * - `dues`: every due with its period's dates;
 * - `paid`: what was paid on a due as of a date, as increments (Σ increments dated ≤ D = paid
 *   as of D, reversals included), split into fees and contribution;
 * - `periods`: every period with whether it was renewed on time (spec: renewal_rate).
 */
export interface CoverageSummaryRows {
  /** `household`: a stretch the household has at least one beneficiary covered (one row per stretch). */
  covered: { householdId: string; start: string; end: string; household: boolean }[];
  dues: { householdId: string; dueId: string; periodId: string; periodStart: string; periodEnd: string; dueDate: string; amount: number }[];
  paid: { householdId: string; dueId: string; dueDate: string; periodStart: string; periodEnd: string; on: string; paid: number; contribution: number; fees: number }[];
  periods: { householdId: string; periodId: string; end: string; renewed: boolean }[];
}

/** The summary rows of these households (any number; read by chunks). */
export async function coverageSummaryRows(db: Executor, schemeId: string, householdIds: readonly string[]): Promise<CoverageSummaryRows> {
  const out: CoverageSummaryRows = { covered: [], dues: [], paid: [], periods: [] };
  for (let i = 0; i < householdIds.length; i += CHUNK) {
    const chunk = householdIds.slice(i, i + CHUNK);
    const { facts, membersOf, dueParts } = await loadChunk(db, schemeId, chunk, null);
    for (const id of chunk) summarizeHousehold(out, id, facts.get(id)!, membersOf.get(id) ?? [], dueParts);
  }
  return out;
}

function summarizeHousehold(out: CoverageSummaryRows, householdId: string, h: HouseholdStatusFacts, beneficiaries: BeneficiaryFacts[], parts: DueParts) {
  if (h.periods.length > 0) {
    // Between two of these days no status can change (see addHousehold); after the last one no
    // period spans the day, so nobody is covered.
    const changes = new Set<string>();
    for (const p of h.periods) {
      changes.add(p.start);
      changes.add(addDays(p.end, 1));
    }
    for (const p of h.payments) {
      changes.add(p.date);
      if (p.reversedOn) changes.add(p.reversedOn);
    }
    for (const b of beneficiaries) {
      changes.add(b.joinedOn);
      if (b.leftOn) changes.add(b.leftOn);
    }
    const days = [...changes].sort();
    const coveredOn = beneficiaries.map((b) => days.map((date) => isCovered(beneficiaryStatus({ date, beneficiary: b, periods: h.periods, dues: h.dues, payments: h.payments }).status)));
    // A household is covered on a day when one of its beneficiaries is.
    const stretches = (covered: boolean[], household: boolean) => {
      let open: string | null = null;
      covered.forEach((c, k) => {
        if (c && open === null) open = days[k]!;
        if (!c && open !== null) {
          out.covered.push({ householdId, start: open, end: addDays(days[k]!, -1), household });
          open = null;
        }
      });
    };
    for (const row of coveredOn) stretches(row, false);
    stretches(days.map((_, k) => coveredOn.some((row) => row[k])), true);
  }
  const periodOf = new Map(h.periods.map((p) => [p.id, p]));
  for (const d of h.dues) {
    const p = periodOf.get(d.periodId)!;
    out.dues.push({ householdId, dueId: d.id, periodId: d.periodId, periodStart: p.start, periodEnd: p.end, dueDate: d.dueDate, amount: d.amount });
  }
  const changeDays = new Set<string>();
  for (const p of h.payments) {
    changeDays.add(p.date);
    if (p.reversedOn) changeDays.add(p.reversedOn);
  }
  const previous = new Map<string, { paid: number; contribution: number; fees: number }>();
  for (const day of [...changeDays].sort()) {
    const allocation = allocate(h.dues, h.payments, day);
    for (const d of h.dues) {
      const paid = allocation.paid.get(d.id) ?? 0;
      const before = previous.get(d.id) ?? { paid: 0, contribution: 0, fees: 0 };
      if (paid === before.paid) continue;
      const split = splitPaid(paid, parts.get(d.id) ?? { contribution: 0, fees: 0 });
      const p = periodOf.get(d.periodId)!;
      out.paid.push({
        householdId, dueId: d.id, dueDate: d.dueDate, periodStart: p.start, periodEnd: p.end, on: day,
        paid: paid - before.paid, contribution: split.contribution - before.contribution, fees: split.fees - before.fees,
      });
      previous.set(d.id, { paid, ...split });
    }
  }
  for (const p of h.periods) {
    const next = h.periods.find((q) => q.start === addDays(p.end, 1));
    const renewed = !!next && activationDate(next, h.dues, allocate(h.dues, h.payments, addDays(next.start, next.version.gracePeriodDays))) !== undefined;
    out.periods.push({ householdId, periodId: p.id, end: p.end, renewed });
  }
}

/** Every household with coverage facts (a period, a due or a payment): what a rebuild reads. */
export async function householdsWithCoverage(db: Executor, schemeId: string): Promise<string[]> {
  const { rows } = await sql<{ household_id: string }>`
    select household_id from coverage_period where scheme_id = ${schemeId}
    union select household_id from due where scheme_id = ${schemeId}
    union select household_id from payment where scheme_id = ${schemeId}
    order by 1`.execute(db);
  return rows.map((r) => r.household_id);
}

/**
 * Households whose coverage facts changed since `since`: a period, a due or a payment (a reversal
 * is a payment) recorded, or a member added or changed. Periods, dues and payments are never
 * edited in place (coverage README), so their `created_at` tells.
 */
export async function householdsWithCoverageChangedSince(db: Executor, schemeId: string, since: Date): Promise<string[]> {
  const [{ rows }, members] = await Promise.all([
    sql<{ household_id: string }>`
      select household_id from coverage_period where scheme_id = ${schemeId} and created_at > ${since}
      union select household_id from due where scheme_id = ${schemeId} and created_at > ${since}
      union select household_id from payment where scheme_id = ${schemeId} and created_at > ${since}`.execute(db),
    householdsWithMembersChangedSince(db, schemeId, since),
  ]);
  return [...new Set([...rows.map((r) => r.household_id), ...members])].sort();
}
