/**
 * The claims engine (spec: coverage-and-adjudication.md, "Adjudication"), as pure functions over
 * facts. The same code decides a claim on submission, a batch, a file being loaded and a
 * simulation; coverage status comes from the coverage module's rules, never from here.
 */
import { addDays, ageOn, daysBetween } from '../../platform/dates.js';
import { applyRateHalfUp } from '../../platform/money.js';
import { beneficiaryStatus, benefitWaitingEnd, type HouseholdStatusFacts, type StatusResult } from '../coverage/index.js';
import type { Benefit, BenefitCategory, ProviderLevel } from '../products/index.js';

/** Reason codes, in the order of the checks and then the amount caps (stable identifiers). */
export const reasonCodes = [
  'INVALID_DATES',
  'PROVIDER_UNKNOWN',
  'MEMBER_UNKNOWN',
  'NO_AGREEMENT',
  'NO_COVERAGE',
  'COVERAGE_PENDING',
  'COVERAGE_SUSPENDED',
  'LATE_SUBMISSION',
  'SERVICE_UNKNOWN',
  'NOT_IN_TARIFF',
  'NOT_COVERED',
  'WAITING_PERIOD',
  'PROVIDER_LEVEL',
  'PATIENT_RESTRICTION',
  'GUARANTEE_LETTER_REQUIRED',
  'DUPLICATE',
  'MAX_USES',
  'PRICE_ABOVE_TARIFF',
  'PER_CASE_CEILING',
  'BENEFICIARY_CEILING',
  'HOUSEHOLD_CEILING',
  // Mutua addition: the scheme's share is 0 before any ceiling (a flat co-payment at or above the
  // allowed amount, a rate of 0, a price of 0), so that every rejection carries a code.
  'NOTHING_PAYABLE',
] as const;
export type ReasonCode = (typeof reasonCodes)[number];

export const lineDecisions = ['approved', 'reduced', 'rejected'] as const;
export type LineDecision = (typeof lineDecisions)[number];

/** Why the engine wants a person to look at a line; flags change no amount. */
export const engineFlags = ['REFERRAL_REQUIRED', 'DIAGNOSIS_UNKNOWN'] as const;
export type EngineFlag = (typeof engineFlags)[number];

const REDUCING: ReadonlySet<ReasonCode> = new Set(['PRICE_ABOVE_TARIFF', 'PER_CASE_CEILING', 'BENEFICIARY_CEILING', 'HOUSEHOLD_CEILING']);

// ---------------------------------------------------------------- facts

export interface ClaimLineInput {
  id: string;
  seq: number;
  service: string;
  quantity: number;
  unitPrice: number;
}

export interface ClaimInput {
  id: string;
  number: string;
  provider: string;
  card: string;
  from: string;
  to: string;
  submittedOn: string;
  diagnosis: string | null;
  guaranteeLetter: string | null;
  lines: ClaimLineInput[];
}

export interface MemberFacts {
  beneficiaryId: string;
  householdId: string;
  sex: 'F' | 'M' | null;
  birthDate: string | null;
  birthYear: number | null;
  joinedOn: string;
  leftOn: string | null;
}

export interface LetterFacts {
  number: string;
  beneficiaryId: string;
  providerCode: string | null;
  category: string;
  validFrom: string;
  validTo: string;
  approved: boolean;
  /** The claim that used it, if one did. */
  usedBy: string | null;
}

export interface ServiceFacts {
  code: string;
  category: BenefitCategory;
}

export interface ProviderFacts {
  id: string;
  code: string;
  level: ProviderLevel;
}

export interface AgreementFacts {
  id: string;
  prices: ReadonlyMap<string, number>;
}

/** What the engine may ask about the scheme; lookups answer undefined when something is unknown. */
export interface World {
  service(code: string): ServiceFacts | undefined;
  provider(code: string): ProviderFacts | undefined;
  agreementOn(providerId: string, date: string): AgreementFacts | undefined;
  member(card: string): MemberFacts | undefined;
  household(householdId: string): HouseholdStatusFacts;
  letter(number: string): LetterFacts | undefined;
  /** undefined: no diagnosis list is loaded, so nothing is flagged. */
  diagnosisKnown?(code: string): boolean | undefined;
}

// ---------------------------------------------------------------- results

export interface LineResult {
  lineId: string;
  seq: number;
  decision: LineDecision;
  reasons: ReasonCode[];
  asked: number;
  allowed: number;
  payable: number;
  memberShare: number;
  productVersionId: string | null;
  category: BenefitCategory | null;
  flags: EngineFlag[];
}

export interface ClaimResult {
  claimId: string;
  beneficiaryId: string | null;
  householdId: string | null;
  providerId: string | null;
  /** The coverage period the claim fell in, when the member was known and covered. */
  periodId: string | null;
  /** The guarantee letter this claim used, if a line relied on one. */
  letterUsed: string | null;
  asked: number;
  allowed: number;
  payable: number;
  memberShare: number;
  lines: LineResult[];
}

/** The order claims are decided in: date of care, submission date, number (then provider, id). */
export function claimKey(c: Pick<ClaimInput, 'from' | 'submittedOn' | 'number' | 'provider' | 'id'>): string {
  return `${c.from}|${c.submittedOn}|${c.number}\u0000${c.provider}\u0000${c.id}`;
}

export function compareClaims(a: ClaimInput, b: ClaimInput): number {
  const ka = claimKey(a);
  const kb = claimKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

// ---------------------------------------------------------------- consumption

/**
 * A line decided before (or by an earlier claim of this run) that still counts: what it paid,
 * and the case, duplicate and letter it stands for. Only lines not rejected count.
 */
export interface ConsumedLine {
  claimId: string;
  claimKey: string;
  beneficiaryId: string;
  householdId: string;
  periodId: string;
  category: string;
  provider: string;
  service: string;
  from: string;
  payable: number;
}

/** What earlier claims consumed: uses (cases), ceilings, duplicates, letters. */
export class Consumption {
  private readonly beneficiaryPaid = new Map<string, number>();
  private readonly householdPaid = new Map<string, number>();
  private readonly cases = new Map<string, Set<string>>();
  private readonly seen = new Set<string>();
  private readonly letters = new Map<string, string>();

  add(line: ConsumedLine): void {
    const b = `${line.beneficiaryId}|${line.periodId}|${line.category}`;
    const h = `${line.householdId}|${line.periodId}|${line.category}`;
    this.beneficiaryPaid.set(b, (this.beneficiaryPaid.get(b) ?? 0) + line.payable);
    this.householdPaid.set(h, (this.householdPaid.get(h) ?? 0) + line.payable);
    const set = this.cases.get(b) ?? new Set<string>();
    set.add(line.claimId);
    this.cases.set(b, set);
    this.seen.add(duplicateKey(line.beneficiaryId, line.provider, line.service, line.from));
  }

  useLetter(number: string, claimId: string): void {
    if (!this.letters.has(number)) this.letters.set(number, claimId);
  }

  letterUser(number: string): string | undefined {
    return this.letters.get(number);
  }

  paidForBeneficiary(beneficiaryId: string, periodId: string, category: string): number {
    return this.beneficiaryPaid.get(`${beneficiaryId}|${periodId}|${category}`) ?? 0;
  }

  paidForHousehold(householdId: string, periodId: string, category: string): number {
    return this.householdPaid.get(`${householdId}|${periodId}|${category}`) ?? 0;
  }

  /** Cases of other claims in the category and period. */
  casesBefore(beneficiaryId: string, periodId: string, category: string, claimId: string): number {
    const set = this.cases.get(`${beneficiaryId}|${periodId}|${category}`);
    if (!set) return 0;
    return set.has(claimId) ? set.size - 1 : set.size;
  }

  isDuplicate(beneficiaryId: string, provider: string, service: string, from: string): boolean {
    return this.seen.has(duplicateKey(beneficiaryId, provider, service, from));
  }
}

function duplicateKey(beneficiaryId: string, provider: string, service: string, from: string): string {
  return `${beneficiaryId}\u0000${provider}\u0000${service}\u0000${from}`;
}

// ---------------------------------------------------------------- the engine

function ageAtCare(member: MemberFacts, on: string): number | null {
  if (member.birthDate) return ageOn(member.birthDate, on);
  if (member.birthYear) return Number(on.slice(0, 4)) - member.birthYear;
  return null;
}

function rejectAll(claim: ClaimInput, code: ReasonCode, partial: Partial<ClaimResult> = {}): ClaimResult {
  const lines = claim.lines.map((l) => rejectedLine(l, code, null, null));
  return {
    claimId: claim.id,
    beneficiaryId: null,
    householdId: null,
    providerId: null,
    periodId: null,
    letterUsed: null,
    ...partial,
    asked: lines.reduce((s, l) => s + l.asked, 0),
    allowed: 0,
    payable: 0,
    memberShare: 0,
    lines,
  };
}

/** A line refused by a check: it pays 0 and the scheme allows nothing of it. */
function rejectedLine(line: ClaimLineInput, code: ReasonCode, versionId: string | null, category: BenefitCategory | null): LineResult {
  return {
    lineId: line.id,
    seq: line.seq,
    decision: 'rejected',
    reasons: [code],
    asked: line.quantity * line.unitPrice,
    allowed: 0,
    payable: 0,
    memberShare: 0,
    productVersionId: versionId,
    category,
    flags: [],
  };
}

/** Checks 1-6: what fails every line of a claim. Returns the failing code or the facts found. */
function claimChecks(
  claim: ClaimInput,
  world: World,
): { code: ReasonCode; partial?: Partial<ClaimResult> } | { member: MemberFacts; provider: ProviderFacts; agreement: AgreementFacts; status: StatusResult; versionId: string } {
  // 1. dates
  if (claim.to < claim.from || claim.submittedOn < claim.to) return { code: 'INVALID_DATES' };
  // 2. provider
  const provider = world.provider(claim.provider);
  if (!provider) return { code: 'PROVIDER_UNKNOWN' };
  // 3. member
  const member = world.member(claim.card);
  if (!member) return { code: 'MEMBER_UNKNOWN', partial: { providerId: provider.id } };
  const known = { providerId: provider.id, beneficiaryId: member.beneficiaryId, householdId: member.householdId };
  // 4. agreement spanning the date of care
  const agreement = world.agreementOn(provider.id, claim.from);
  if (!agreement) return { code: 'NO_AGREEMENT', partial: known };
  // 5. coverage status on the date of care
  const facts = world.household(member.householdId);
  const status = beneficiaryStatus({ date: claim.from, beneficiary: { joinedOn: member.joinedOn, leftOn: member.leftOn }, periods: facts.periods, dues: facts.dues, payments: facts.payments });
  if (status.status === 'none') return { code: 'NO_COVERAGE', partial: known };
  if (status.status === 'pending') return { code: 'COVERAGE_PENDING', partial: { ...known, periodId: status.period?.id ?? null } };
  if (status.status === 'suspended') return { code: 'COVERAGE_SUSPENDED', partial: { ...known, periodId: status.period?.id ?? null } };
  const period = facts.periods.find((p) => p.id === status.period!.id)!;
  // 6. submission deadline of the version covering the member on the date of care
  const deadline = period.version.claimDeadlineDays;
  if (deadline !== null && daysBetween(claim.to, claim.submittedOn) > deadline) return { code: 'LATE_SUBMISSION', partial: { ...known, periodId: period.id } };
  return { member, provider, agreement, status, versionId: period.versionId };
}

function letterValid(letter: LetterFacts | undefined, claim: ClaimInput, member: MemberFacts, category: string, consumption: Consumption): boolean {
  if (!letter || !letter.approved) return false;
  if (letter.beneficiaryId !== member.beneficiaryId || letter.category !== category) return false;
  if (letter.providerCode !== null && letter.providerCode !== claim.provider) return false;
  if (claim.from < letter.validFrom || claim.from > letter.validTo) return false;
  const user = consumption.letterUser(letter.number) ?? letter.usedBy;
  return user === null || user === undefined || user === claim.id;
}

/**
 * Decides one claim against what earlier claims consumed, and adds what it consumes. The caller
 * feeds claims in `compareClaims` order (and earlier decided lines into `consumption` first).
 */
export function adjudicateClaim(claim: ClaimInput, world: World, consumption: Consumption): ClaimResult {
  const checked = claimChecks(claim, world);
  if ('code' in checked) return rejectAll(claim, checked.code, checked.partial);
  const { member, provider, agreement, status, versionId } = checked;
  const period = status.period!;
  const version = period.version;
  const age = ageAtCare(member, claim.from);
  const diagnosisUnknown = claim.diagnosis !== null && world.diagnosisKnown?.(claim.diagnosis) === false;
  const lines: LineResult[] = [];
  const caseConsumed = new Map<string, number>();
  let letterUsed: string | null = null;

  for (const line of [...claim.lines].sort((a, b) => a.seq - b.seq)) {
    const reject = (code: ReasonCode, category: BenefitCategory | null = null) => lines.push(rejectedLine(line, code, versionId, category));
    // 7. catalogue
    const service = world.service(line.service);
    if (!service) {
      reject('SERVICE_UNKNOWN');
      continue;
    }
    // 8. tariff
    const price = agreement.prices.get(line.service);
    if (price === undefined) {
      reject('NOT_IN_TARIFF', service.category);
      continue;
    }
    // 9. benefit for the category, exclusions
    const benefit: Benefit | undefined = version.benefits.find((b) => b.category === service.category);
    if (!benefit || version.exclusions.includes(line.service)) {
      reject('NOT_COVERED', service.category);
      continue;
    }
    // 10. waiting periods, general and the benefit's own
    const ownWaitingEnd = benefitWaitingEnd(status, benefit.waitingPeriodDays);
    if (status.status === 'waiting' || (ownWaitingEnd !== null && claim.from < ownWaitingEnd)) {
      reject('WAITING_PERIOD', service.category);
      continue;
    }
    // 11. provider level
    if (benefit.providerLevels && !benefit.providerLevels.includes(provider.level)) {
      reject('PROVIDER_LEVEL', service.category);
      continue;
    }
    // 12. sex and age (whole years on the date of care; an unknown age cannot pass an age limit)
    if (
      (benefit.sex != null && benefit.sex !== member.sex) ||
      (benefit.minAge != null && (age === null || age < benefit.minAge)) ||
      (benefit.maxAge != null && (age === null || age > benefit.maxAge))
    ) {
      reject('PATIENT_RESTRICTION', service.category);
      continue;
    }
    // 13. guarantee letter
    if (benefit.requiresGuaranteeLetter) {
      const letter = claim.guaranteeLetter ? world.letter(claim.guaranteeLetter) : undefined;
      if (!letterValid(letter, claim, member, service.category, consumption)) {
        reject('GUARANTEE_LETTER_REQUIRED', service.category);
        continue;
      }
    }
    // 14. duplicates of a line not rejected, in this claim or an earlier one
    if (consumption.isDuplicate(member.beneficiaryId, claim.provider, line.service, claim.from)) {
      reject('DUPLICATE', service.category);
      continue;
    }
    // 15. uses (cases) in the period
    if (benefit.maxUsesPerPeriod != null && consumption.casesBefore(member.beneficiaryId, period.id, service.category, claim.id) >= benefit.maxUsesPerPeriod) {
      reject('MAX_USES', service.category);
      continue;
    }

    // Amounts.
    const reasons: ReasonCode[] = [];
    const asked = line.quantity * line.unitPrice;
    const allowed = line.quantity * Math.min(line.unitPrice, price);
    if (line.unitPrice > price) reasons.push('PRICE_ABOVE_TARIFF');
    const share = benefit.copayment != null ? Math.max(0, allowed - benefit.copayment) : applyRateHalfUp(allowed, benefit.coverageRate ?? 1);
    let payable = share;
    const cap = (limit: number | null | undefined, used: number, code: ReasonCode) => {
      if (limit == null) return;
      const left = Math.max(0, limit - used);
      if (payable > left) {
        payable = left;
        reasons.push(code);
      }
    };
    cap(benefit.perCaseCeiling, caseConsumed.get(service.category) ?? 0, 'PER_CASE_CEILING');
    cap(benefit.ceilingPerBeneficiary, consumption.paidForBeneficiary(member.beneficiaryId, period.id, service.category), 'BENEFICIARY_CEILING');
    cap(benefit.ceilingPerHousehold, consumption.paidForHousehold(member.householdId, period.id, service.category), 'HOUSEHOLD_CEILING');
    if (share === 0) reasons.push('NOTHING_PAYABLE');
    const decision: LineDecision = payable === 0 ? 'rejected' : reasons.some((r) => REDUCING.has(r)) ? 'reduced' : 'approved';
    const flags: EngineFlag[] = [];
    if (benefit.requiresReferral) flags.push('REFERRAL_REQUIRED');
    if (diagnosisUnknown) flags.push('DIAGNOSIS_UNKNOWN');
    lines.push({ lineId: line.id, seq: line.seq, decision, reasons, asked, allowed, payable, memberShare: allowed - payable, productVersionId: versionId, category: service.category, flags });

    if (decision !== 'rejected') {
      caseConsumed.set(service.category, (caseConsumed.get(service.category) ?? 0) + payable);
      consumption.add({
        claimId: claim.id,
        claimKey: claimKey(claim),
        beneficiaryId: member.beneficiaryId,
        householdId: member.householdId,
        periodId: period.id,
        category: service.category,
        provider: claim.provider,
        service: line.service,
        from: claim.from,
        payable,
      });
      if (benefit.requiresGuaranteeLetter && claim.guaranteeLetter) {
        consumption.useLetter(claim.guaranteeLetter, claim.id);
        letterUsed = claim.guaranteeLetter;
      }
    }
  }
  const sum = (pick: (l: LineResult) => number) => lines.reduce((s, l) => s + pick(l), 0);
  return {
    claimId: claim.id,
    beneficiaryId: member.beneficiaryId,
    householdId: member.householdId,
    providerId: provider.id,
    periodId: period.id,
    letterUsed,
    asked: sum((l) => l.asked),
    allowed: sum((l) => l.allowed),
    payable: sum((l) => l.payable),
    memberShare: sum((l) => l.memberShare),
    lines,
  };
}

/**
 * Decides claims in the engine's order, whatever order they come in. `earlier` are lines decided
 * before (by any claim); each counts only against claims that come after its own in the order.
 */
export function adjudicateAll(claims: ClaimInput[], world: World, earlier: ConsumedLine[] = [], consumption = new Consumption()): ClaimResult[] {
  const ordered = [...claims].sort(compareClaims);
  const queue = [...earlier].sort((a, b) => (a.claimKey < b.claimKey ? -1 : a.claimKey > b.claimKey ? 1 : 0));
  let next = 0;
  const results: ClaimResult[] = [];
  for (const claim of ordered) {
    const key = claimKey(claim);
    while (next < queue.length && queue[next]!.claimKey < key) consumption.add(queue[next++]!);
    results.push(adjudicateClaim(claim, world, consumption));
  }
  return results;
}

/** The period of a household spanning a date (for lines decided earlier, whose period is not stored). */
export function periodOn(facts: HouseholdStatusFacts, date: string): string | undefined {
  return facts.periods.find((p) => p.start <= date && date <= p.end)?.id;
}

/** First day after which a submission is late, for display (null: no deadline). */
export function submissionDeadline(to: string, claimDeadlineDays: number | null): string | null {
  return claimDeadlineDays === null ? null : addDays(to, claimDeadlineDays);
}
