/**
 * The arithmetic of the monitoring indicators (spec: indicators.md), pure: facts summed over a
 * scope come in, indicators (value, numerator, denominator) go out. A ratio with a 0 denominator
 * is null. Money is summed in integer minor units before any division.
 */
import { addDays, addMonths, daysBetween } from '../../platform/dates.js';
import type { LedgerPosition } from '../finance/index.js';
import { benefitCategories } from '../products/index.js';


/** The indicator codes, in the order they are reported; per-category ones are `<code>.<category>`. */
export const indicatorCodes = [
  'beneficiaries', 'households', 'growth_rate', 'renewal_rate', 'penetration_rate', 'collection_rate', 'earned_contributions', 'incurred_claims',
  'claims_ratio', 'expense_ratio', 'net_income_ratio', 'rejection_rate', 'settlement_days', 'provider_payment_delay', 'utilization_rate', 'average_cost',
  'liquidity_ratio', 'reserve_months', 'solvency_ratio',
] as const;
export type IndicatorCode = (typeof indicatorCodes)[number];

/** Codes whose value is an amount of money (minor units), a ratio, or a number of days. */
export const moneyCodes: readonly string[] = ['earned_contributions', 'incurred_claims', 'average_cost'];
export const dayCodes: readonly string[] = ['settlement_days', 'provider_payment_delay'];
export const countCodes: readonly string[] = ['beneficiaries', 'households'];

export interface Indicator {
  code: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  extra?: Record<string, number>;
}

/** numerator / denominator, null when the denominator is 0 (never 0 or infinity). */
export function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

// ---------------------------------------------------------------- exact fractions

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
}

/** Adds fractions given as numerators by denominator (the same shape, merged). */
export function addFractions(into: Map<number, bigint>, more: ReadonlyMap<number, bigint>): Map<number, bigint> {
  for (const [den, num] of more) into.set(den, (into.get(den) ?? 0n) + num);
  return into;
}

/**
 * Σ numerator / denominator, rounded once, half up, to a whole number of minor units: exact
 * (bigint over the least common multiple), so the rounding is the rule, not a float accident.
 */
export function roundFractions(fractions: ReadonlyMap<number, bigint>): number {
  let lcm = 1n;
  for (const den of fractions.keys()) {
    const d = BigInt(den);
    lcm = (lcm / gcd(lcm, d)) * d;
  }
  let total = 0n;
  for (const [den, num] of fractions) total += num * (lcm / BigInt(den));
  const sign = total < 0n ? -1n : 1n;
  const abs = total * sign;
  return Number(sign * ((2n * abs + lcm) / (2n * lcm)));
}

/** Whole days of [from, to], both inclusive. */
export function daysIn(from: string, to: string): number {
  return daysBetween(from, to) + 1;
}

/**
 * Months in [from, to]: whole calendar months from `from`, then the days left over as a fraction
 * of the month they fall in. 2025-01-01..2025-03-31 = 3; 2025-01-15..2025-02-14 = 1;
 * 2025-01-01..2025-01-10 = 10/31.
 */
export function monthsIn(from: string, to: string): number {
  let whole = 0;
  while (addDays(addMonths(from, whole + 1), -1) <= to) whole += 1;
  const start = addMonths(from, whole);
  if (start > to) return whole;
  const monthLength = daysBetween(start, addMonths(start, 1));
  return whole + daysIn(start, to) / monthLength;
}

/** The same dates one year earlier (29 February becomes 28 February). */
export function previousYear(from: string, to: string): { from: string; to: string } {
  return { from: addMonths(from, -12), to: addMonths(to, -12) };
}

/** The calendar months of [from, to], each clipped to it. */
export function monthlyWindows(from: string, to: string): { month: string; from: string; to: string }[] {
  const windows: { month: string; from: string; to: string }[] = [];
  let first = `${from.slice(0, 7)}-01`;
  while (first <= to) {
    const next = addMonths(first, 1);
    const last = addDays(next, -1);
    windows.push({ month: first.slice(0, 7), from: first < from ? from : first, to: last > to ? to : last });
    first = next;
  }
  return windows;
}

// ---------------------------------------------------------------- facts of a scope

/** The books on a date (finance's `LedgerPosition`). */
/** The books' position on a date (cash, payables, equity, assets, liabilities): finance's own figures. */
export type LedgerFigures = LedgerPosition;

/** Everything the indicators need, summed over the schemes of a scope for one period. */
export interface ScopeFacts {
  from: string;
  to: string;
  beneficiaries: number;
  households: number;
  beneficiariesBefore: number;
  beneficiaryDays: number;
  periodsEnding: number;
  periodsRenewed: number;
  /** Beneficiaries covered on `to` and target population of the schemes that have a target; null when none has. */
  penetration: { covered: number; target: number } | null;
  duesAmount: number;
  duesPaid: number;
  earned: Map<number, bigint>;
  feesPaid: number;
  incurred: number;
  categories: Map<string, { cases: number; payable: number }>;
  adjudicated: number;
  rejected: number;
  paid: number;
  settlementDays: number;
  paymentDelayDays: number;
  buckets: { upTo7: number; upTo30: number; upTo90: number; over90: number };
  administration: number;
  otherIncome: number;
  /** The books on `to`; null when the ledger cannot tell. */
  ledger: LedgerFigures | null;
}

export function emptyScopeFacts(from: string, to: string): ScopeFacts {
  return {
    from, to, beneficiaries: 0, households: 0, beneficiariesBefore: 0, beneficiaryDays: 0, periodsEnding: 0, periodsRenewed: 0, penetration: null,
    duesAmount: 0, duesPaid: 0, earned: new Map(), feesPaid: 0, incurred: 0, categories: new Map(), adjudicated: 0, rejected: 0, paid: 0,
    settlementDays: 0, paymentDelayDays: 0, buckets: { upTo7: 0, upTo30: 0, upTo90: 0, over90: 0 }, administration: 0, otherIncome: 0, ledger: null,
  };
}

/** Adds one scheme's facts into a scope's: counts and amounts add; ratios are never averaged. */
export function addScopeFacts(into: ScopeFacts, more: ScopeFacts): ScopeFacts {
  const sum = <K extends keyof ScopeFacts>(k: K) => ((into[k] as number) += more[k] as number);
  for (const k of ['beneficiaries', 'households', 'beneficiariesBefore', 'beneficiaryDays', 'periodsEnding', 'periodsRenewed', 'duesAmount', 'duesPaid', 'feesPaid', 'incurred',
    'adjudicated', 'rejected', 'paid', 'settlementDays', 'paymentDelayDays', 'administration', 'otherIncome'] as const) sum(k);
  if (more.penetration) into.penetration = { covered: (into.penetration?.covered ?? 0) + more.penetration.covered, target: (into.penetration?.target ?? 0) + more.penetration.target };
  addFractions(into.earned, more.earned);
  for (const [category, c] of more.categories) {
    const known = into.categories.get(category) ?? { cases: 0, payable: 0 };
    into.categories.set(category, { cases: known.cases + c.cases, payable: known.payable + c.payable });
  }
  for (const k of ['upTo7', 'upTo30', 'upTo90', 'over90'] as const) into.buckets[k] += more.buckets[k];
  if (more.ledger) {
    const l = into.ledger ?? { cash: 0, payables: 0, claimsPayable: 0, equity: 0, assets: 0, liabilities: 0 };
    for (const k of ['cash', 'payables', 'claimsPayable', 'equity', 'assets', 'liabilities'] as const) l[k] += more.ledger[k];
    into.ledger = l;
  }
  return into;
}

// ---------------------------------------------------------------- the indicators

const of = (code: string, numerator: number | null, denominator: number | null, extra?: Record<string, number>): Indicator => ({
  code,
  value: numerator === null || denominator === null ? null : ratio(numerator, denominator),
  numerator,
  denominator,
  ...(extra ? { extra } : {}),
});
const count = (code: string, value: number): Indicator => ({ code, value, numerator: value, denominator: null });

/**
 * The ledger-based indicators (F.1, F.3, solvency) from a position on `to`:
 * liquidity = cash / payables (claims adjudicated and unpaid and other payables); reserve months = equity / monthly
 * expenses, monthly expenses = (incurred claims + administrative expenses) / months in the period;
 * solvency = assets / liabilities. All null without a position.
 */
export function ledgerIndicators(position: LedgerFigures | null, incurred: number, administration: number, months: number): Indicator[] {
  if (!position) return [of('liquidity_ratio', null, null), of('reserve_months', null, null), of('solvency_ratio', null, null)];
  const monthly = months === 0 ? 0 : (incurred + administration) / months;
  return [
    of('liquidity_ratio', position.cash, position.payables),
    of('reserve_months', position.equity, monthly),
    of('solvency_ratio', position.assets, position.liabilities),
  ];
}

/** Every indicator of the spec, in order, from a scope's facts. */
export function computeIndicators(f: ScopeFacts): Indicator[] {
  const earned = roundFractions(f.earned);
  const utilization: Indicator[] = [];
  const averageCost: Indicator[] = [];
  // beneficiary-years = covered days / 365 (spec); value = cases / beneficiary-years.
  for (const category of benefitCategories) {
    const c = f.categories.get(category) ?? { cases: 0, payable: 0 };
    utilization.push({ code: `utilization_rate.${category}`, value: f.beneficiaryDays === 0 ? null : (c.cases * 365) / f.beneficiaryDays, numerator: c.cases, denominator: f.beneficiaryDays / 365 });
    averageCost.push(of(`average_cost.${category}`, c.payable, c.cases));
  }
  return [
    count('beneficiaries', f.beneficiaries),
    count('households', f.households),
    of('growth_rate', f.beneficiaries - f.beneficiariesBefore, f.beneficiariesBefore),
    of('renewal_rate', f.periodsRenewed, f.periodsEnding),
    f.penetration ? of('penetration_rate', f.penetration.covered, f.penetration.target) : of('penetration_rate', null, null),
    of('collection_rate', f.duesPaid, f.duesAmount),
    count('earned_contributions', earned),
    count('incurred_claims', f.incurred),
    of('claims_ratio', f.incurred, earned),
    of('expense_ratio', f.administration, earned),
    of('net_income_ratio', earned + f.feesPaid + f.otherIncome - f.incurred - f.administration, earned),
    of('rejection_rate', f.rejected, f.adjudicated),
    of('settlement_days', f.settlementDays, f.paid, { ...f.buckets }),
    of('provider_payment_delay', f.paymentDelayDays, f.paid),
    ...utilization,
    ...averageCost,
    ...ledgerIndicators(f.ledger, f.incurred, f.administration, monthsIn(f.from, f.to)),
  ];
}

// ---------------------------------------------------------------- thresholds

export const thresholdLevels = ['good', 'watch', 'bad'] as const;
export type ThresholdLevel = (typeof thresholdLevels)[number];

/**
 * Limits of an indicator: `above` — the higher the worse (bad beyond `bad`, watch beyond
 * `watch`); `below` — the lower the worse. Limits are strict: a value equal to a limit is on the
 * better side. A null limit is not checked.
 */
export interface Threshold {
  direction: 'above' | 'below';
  watch: number | null;
  bad: number | null;
}

/** Defaults, with their reasons in docs/indicators.md. */
export const defaultThresholds: Readonly<Record<string, Threshold>> = {
  growth_rate: { direction: 'below', watch: 0, bad: -0.1 },
  renewal_rate: { direction: 'below', watch: 0.7, bad: 0.5 },
  collection_rate: { direction: 'below', watch: 0.8, bad: 0.6 },
  claims_ratio: { direction: 'above', watch: 0.6, bad: 0.75 },
  expense_ratio: { direction: 'above', watch: 0.25, bad: 0.35 },
  net_income_ratio: { direction: 'below', watch: 0.05, bad: 0 },
  rejection_rate: { direction: 'above', watch: 0.2, bad: 0.35 },
  settlement_days: { direction: 'above', watch: 30, bad: 60 },
  provider_payment_delay: { direction: 'above', watch: 30, bad: 60 },
  liquidity_ratio: { direction: 'below', watch: 1.5, bad: 1 },
  reserve_months: { direction: 'below', watch: 6, bad: 3 },
  solvency_ratio: { direction: 'below', watch: 1.2, bad: 1 },
};

/** The level of a value against its threshold; null when the value or the threshold is missing. */
export function levelOf(value: number | null, threshold: Threshold | undefined): ThresholdLevel | null {
  if (value === null || !threshold || (threshold.watch === null && threshold.bad === null)) return null;
  const beyond = (limit: number | null) => limit !== null && (threshold.direction === 'above' ? value > limit : value < limit);
  if (beyond(threshold.bad)) return 'bad';
  if (beyond(threshold.watch)) return 'watch';
  return 'good';
}

/** The threshold-checked indicators' codes. */
export const thresholdCodes = Object.keys(defaultThresholds);

/** An override must keep `watch` on the better side of `bad`; returns the field at fault, if any. */
export function thresholdProblem(t: Threshold): string | undefined {
  if (t.watch === null || t.bad === null) return undefined;
  if (t.direction === 'above' && t.watch > t.bad) return 'watch';
  if (t.direction === 'below' && t.watch < t.bad) return 'watch';
  return undefined;
}
