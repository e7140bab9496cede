/**
 * The coverage rules (spec: coverage-and-adjudication.md, "Coverage periods"), as pure functions
 * over facts: periods with their dues, payments, a beneficiary. The eligibility check, the claims
 * engine and the reports all call these, so a member is covered or not in one place only.
 */
import { addDays, addMonths, ageOn, maxDate } from '../../platform/dates.js';
import { splitWithRemainderFirst } from '../../platform/money.js';
import type { ResolvedVersion } from '../products/index.js';

export const coverageStatuses = ['none', 'pending', 'waiting', 'suspended', 'active'] as const;
export type CoverageStatus = (typeof coverageStatuses)[number];

/** Why a status is what it is; stable codes with messages in the i18n catalogues. */
export const statusReasons = ['NO_PERIOD', 'NOT_YET_JOINED', 'LEFT', 'NOT_ACTIVATED', 'WAITING_PERIOD', 'ARREARS', 'COVERED'] as const;
export type StatusReason = (typeof statusReasons)[number];

export interface DueFacts {
  id: string;
  periodId: string;
  seq: number;
  dueDate: string;
  amount: number;
  /** Dues made with the period (they decide its activation) or for a member added later. */
  original: boolean;
}

export interface PaymentFacts {
  id: string;
  date: string;
  amount: number;
  /** Date of the counter-entry that cancelled it, if any. */
  reversedOn: string | null;
  /** Tie-breaker between payments of the same date: the order they were recorded. */
  order: number;
}

export interface PeriodFacts {
  id: string;
  start: string;
  end: string;
  renewalOf: string | null;
  version: ResolvedVersion;
}

export interface BeneficiaryFacts {
  joinedOn: string;
  /** The day from which the beneficiary is no longer a member (death, departure), if any. */
  leftOn: string | null;
}

export interface Allocation {
  /** Amount paid on each due, by due id. */
  paid: Map<string, number>;
  /** Date of the payment that completed each fully paid due. */
  paidOn: Map<string, string>;
  /** What was paid beyond every due: held as credit for later dues. */
  credit: number;
}

/** Dues ordered oldest first (due date, then their order within a period). */
export function sortDues<T extends Pick<DueFacts, 'dueDate' | 'seq' | 'id'>>(dues: T[]): T[] {
  return [...dues].sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.seq - b.seq || (a.id < b.id ? -1 : 1)));
}

/**
 * Allocates the payments known on `asOf` (dated on or before it, and not reversed by then) to the
 * oldest dues first. Later-dated payments never change how earlier ones were allocated, so a
 * due's paid-on date is the same whatever later date one looks from (reversals aside).
 */
export function allocate(dues: DueFacts[], payments: PaymentFacts[], asOf: string | null = null): Allocation {
  const usable = payments
    .filter((p) => (asOf === null || p.date <= asOf) && !(p.reversedOn !== null && (asOf === null || p.reversedOn <= asOf)))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.order - b.order));
  const paid = new Map<string, number>();
  const paidOn = new Map<string, string>();
  // Dues of nothing are settled from the day they fall due; they take no money.
  for (const due of dues) if (due.amount <= 0) paidOn.set(due.id, due.dueDate);
  const ordered = sortDues(dues.filter((d) => d.amount > 0));
  let index = 0;
  let credit = 0;
  for (const payment of usable) {
    let left = payment.amount + credit;
    credit = 0;
    while (left > 0 && index < ordered.length) {
      const due = ordered[index]!;
      const owed = due.amount - (paid.get(due.id) ?? 0);
      const applied = Math.min(owed, left);
      paid.set(due.id, (paid.get(due.id) ?? 0) + applied);
      left -= applied;
      if (applied === owed) {
        paidOn.set(due.id, payment.date);
        index += 1;
      }
    }
    credit = left;
  }
  return { paid, paidOn, credit };
}

/**
 * The date a period was activated, as allocated: `full_payment` — the date the last of its
 * original dues was paid; `first_instalment` — the date its first due was paid. A period with no
 * dues (a free or fully waived period) is active from its start. Undefined: not activated.
 */
export function activationDate(period: PeriodFacts, dues: DueFacts[], allocation: Allocation): string | undefined {
  const own = sortDues(dues.filter((d) => d.periodId === period.id && d.original));
  if (own.length === 0) return period.start;
  if (period.version.activation === 'first_instalment') return allocation.paidOn.get(own[0]!.id);
  let latest: string | undefined;
  for (const due of own) {
    const on = allocation.paidOn.get(due.id);
    if (!on) return undefined;
    latest = !latest || on > latest ? on : latest;
  }
  return latest;
}

export interface StatusResult {
  status: CoverageStatus;
  reason: StatusReason;
  period: PeriodFacts | undefined;
  activatedOn: string | null;
  /** First day the beneficiary is out of the general waiting period. */
  waitingEnd: string | null;
  /** Start of the beneficiary's continuous coverage (benefit-level waiting periods count from it). */
  continuousSince: string | null;
  /** Dues of the period unpaid beyond grace on the date, oldest first. */
  overdue: { dueId: string; dueDate: string; unpaid: number }[];
}

/**
 * Status of a beneficiary on `date`, using only payments dated on or before it
 * (spec: coverage-and-adjudication.md, "Status of a beneficiary on date D", steps 1-5).
 * `periods` are the household's coverage periods; `dues` and `payments` the household's.
 */
export function beneficiaryStatus(input: { date: string; beneficiary: BeneficiaryFacts; periods: PeriodFacts[]; dues: DueFacts[]; payments: PaymentFacts[] }): StatusResult {
  const { date, beneficiary } = input;
  const periods = [...input.periods].sort((a, b) => (a.start < b.start ? -1 : 1));
  const none = (reason: StatusReason, period?: PeriodFacts): StatusResult => ({
    status: 'none',
    reason,
    period,
    activatedOn: null,
    waitingEnd: null,
    continuousSince: null,
    overdue: [],
  });
  const index = periods.findIndex((p) => p.start <= date && date <= p.end);
  // 1. no period spans D, or the beneficiary joined after D (or had left by then)
  if (index < 0) return none('NO_PERIOD');
  const period = periods[index]!;
  if (beneficiary.joinedOn > date) return none('NOT_YET_JOINED', period);
  if (beneficiary.leftOn !== null && beneficiary.leftOn <= date) return none('LEFT', period);

  const allocation = allocate(input.dues, input.payments, date);
  const activated = activationDate(period, input.dues, allocation);
  // 2. the activation condition is not met by D
  if (!activated) return { ...none('NOT_ACTIVATED', period), status: 'pending' };

  const chain = continuity(periods, index, input.dues, allocation, beneficiary);
  const waitingEnd = chain.waitingEnd;
  const base: Omit<StatusResult, 'status' | 'reason'> = {
    period,
    activatedOn: activated,
    waitingEnd,
    continuousSince: chain.continuousSince,
    overdue: [],
  };
  // 3. D is before the beneficiary's waiting end
  if (date < waitingEnd) return { ...base, status: 'waiting', reason: 'WAITING_PERIOD' };

  // 4. some due of the period is unpaid more than gracePeriodDays after its due date, as of D
  const grace = period.version.gracePeriodDays;
  const overdue = sortDues(input.dues.filter((d) => d.periodId === period.id))
    .filter((d) => !allocation.paidOn.has(d.id) && addDays(d.dueDate, grace) < date)
    .map((d) => ({ dueId: d.id, dueDate: d.dueDate, unpaid: d.amount - (allocation.paid.get(d.id) ?? 0) }));
  if (overdue.length) return { ...base, overdue, status: 'suspended', reason: 'ARREARS' };

  // 5. otherwise
  return { ...base, status: 'active', reason: 'COVERED' };
}

/**
 * Waiting end and start of continuous coverage for the period at `index`. A renewal of the period
 * that ended the day before, activated within its grace days after its start, carries over the
 * earlier period's waiting end for a beneficiary who was already a member then.
 */
function continuity(periods: PeriodFacts[], index: number, dues: DueFacts[], allocation: Allocation, beneficiary: BeneficiaryFacts): { waitingEnd: string; continuousSince: string } {
  const period = periods[index]!;
  const activated = activationDate(period, dues, allocation)!;
  const previous = index > 0 ? periods[index - 1] : undefined;
  if (
    previous &&
    period.renewalOf === previous.id &&
    addDays(previous.end, 1) === period.start &&
    activated <= addDays(period.start, period.version.gracePeriodDays) &&
    beneficiary.joinedOn <= previous.end &&
    activationDate(previous, dues, allocation) !== undefined
  ) {
    return continuity(periods, index - 1, dues, allocation, beneficiary);
  }
  const since = maxDate(period.start, beneficiary.joinedOn, activated);
  return { waitingEnd: addDays(since, period.version.waitingPeriodDays), continuousSince: since };
}

/** First day a benefit line's own waiting period is over, or the general one when it has none. */
export function benefitWaitingEnd(status: StatusResult, benefitWaitingDays: number | null | undefined): string | null {
  if (!status.continuousSince) return null;
  if (benefitWaitingDays === null || benefitWaitingDays === undefined) return status.waitingEnd;
  return addDays(status.continuousSince, benefitWaitingDays);
}

// ---------------------------------------------------------------- dues

export interface MemberForDues {
  birthDate: string | null;
  /** Estimated year of birth when the date is not known. */
  birthYear: number | null;
}

/** Whole years on `on`; from an estimated year when the date is unknown; null when neither is known. */
export function ageAt(member: MemberForDues, on: string): number | null {
  if (member.birthDate) return ageOn(member.birthDate, on);
  if (member.birthYear) return Number(on.slice(0, 4)) - member.birthYear;
  return null;
}

/** One person's contribution for a period under a per-person basis (unknown age counts as adult). */
export function personContribution(version: ResolvedVersion, member: MemberForDues, start: string): number {
  const c = version.contribution;
  if (c.basis !== 'per_person') return 0;
  const age = ageAt(member, start);
  return age !== null && age <= c.childMaxAge ? c.child : c.adult;
}

/** The period's contribution (fees excluded) for these members (spec: scheme-file.md, `contribution.basis`). */
export function periodContribution(version: ResolvedVersion, members: MemberForDues[], start: string): number {
  const c = version.contribution;
  switch (c.basis) {
    case 'per_person':
      return members.reduce((sum, m) => sum + personContribution(version, m, start), 0);
    case 'per_household':
      return c.amount;
    case 'household_lump_sum':
      return c.amount + Math.max(0, members.length - c.membersIncluded) * c.perExtraMember;
  }
}

export interface DueDraft {
  seq: number;
  dueDate: string;
  amount: number;
  contribution: number;
  fees: number;
}

/**
 * The dues of a new period: the contribution split into `instalments` equal dues, the remainder
 * going to the first; fees (joining fee on the household's first period, card fee for each
 * beneficiary who has not paid one) in the first; instalment k falls due at
 * start + k x coverageMonths / instalments months (spec: scheme-file.md, `instalments`).
 */
export function periodDues(version: ResolvedVersion, start: string, members: MemberForDues[], fees: { firstPeriod: boolean; newCards: number }): DueDraft[] {
  const contribution = periodContribution(version, members, start);
  const feeTotal = (fees.firstPeriod ? version.joiningFee : 0) + fees.newCards * version.cardFee;
  const parts = splitWithRemainderFirst(contribution, version.instalments);
  const step = version.coverageMonths / version.instalments;
  return parts.map((part, k) => ({
    seq: k,
    dueDate: addMonths(start, k * step),
    amount: part + (k === 0 ? feeTotal : 0),
    contribution: part,
    fees: k === 0 ? feeTotal : 0,
  }));
}

/**
 * What a beneficiary added during a period owes for it: their own contribution (per-person basis,
 * or one extra member beyond a lump sum's included members) and their card fee, in one due on the
 * day they join. Not pro-rated: the period's price is the price of joining it (documented choice).
 */
export function addedMemberDue(version: ResolvedVersion, period: { start: string }, member: MemberForDues & { joinedOn: string }, membersAfter: number, needsCard: boolean): DueDraft | undefined {
  const c = version.contribution;
  let contribution = 0;
  if (c.basis === 'per_person') contribution = personContribution(version, member, period.start);
  if (c.basis === 'household_lump_sum' && membersAfter > c.membersIncluded) contribution = c.perExtraMember;
  const fees = needsCard ? version.cardFee : 0;
  if (contribution + fees === 0) return undefined;
  // The caller numbers it after the period's other dues.
  return { seq: 0, dueDate: member.joinedOn, amount: contribution + fees, contribution, fees };
}

/** Last day of a period starting on `start`. */
export function periodEnd(start: string, coverageMonths: number): string {
  return addDays(addMonths(start, coverageMonths), -1);
}
