/**
 * Pricing inputs from the scheme's own history (issue #6): for a past period and a product, per
 * benefit category, the cases, the beneficiary-years covered, the frequency, and the cost per case
 * to the scheme computed case by case with the product version's rules — so a per-case ceiling is
 * applied to real cases, not to an average (spec: pricing.md, step 2).
 */
import type { ServiceContext } from '../../platform/context.js';
import { daysBetween } from '../../platform/dates.js';
import { applyRateHalfUp } from '../../platform/money.js';
import { claimCases, type ClaimCase } from '../claims/index.js';
import { coveredExposure } from '../coverage/index.js';
import { getProduct, productVersionOn, resolveVersion, type Benefit } from '../products/index.js';
import { PricingPeriodError } from './pricing.errors.js';
import { FEW_CASES } from './pricing.rules.js';
import { PRICING_FORMAT, type HistoryCategory, type HistoryQuery, type PricingCategory, type PricingHistory } from './pricing.schemas.js';

const DAYS_PER_YEAR = 365;

/** Starting points of the input prepared from the history; the user changes them on the page. */
export const HISTORY_DEFAULTS = {
  loadings: { administration: 0.15, reserve: 0.05, reinsurance: 0 },
  loadingMethod: 'gross_up' as const,
  roundTo: 100,
  projection: { years: 3, costInflation: 0.05, membershipGrowth: 0, renewalRate: 0.8, startingReserve: 0 },
};

/**
 * Cost of one case to the scheme under a benefit line, as adjudication computes it
 * (spec: coverage-and-adjudication.md, amounts): each line's share (allowed x rate rounded half
 * up, or allowed - flat co-payment per line, floor 0), summed, capped at the per-case ceiling.
 * Annual ceilings per beneficiary or household are not applied: the calculator has no such step.
 */
export function caseCostToScheme(lines: ClaimCase['lines'], benefit: Benefit | undefined): number {
  const share = lines.reduce((sum, l) => sum + (benefit?.copayment != null ? Math.max(0, l.allowed - benefit.copayment) : applyRateHalfUp(l.allowed, benefit?.coverageRate ?? 1)), 0);
  return benefit?.perCaseCeiling != null ? Math.min(share, benefit.perCaseCeiling) : share;
}

/**
 * The history of `query.product` from `query.from` to `query.to` and a ready `mutua.pricing/1`
 * input. Throws PricingPeriodError for a reversed or too long period, NotFoundError for an unknown
 * product. Reads only.
 */
export async function pricingHistory(ctx: Pick<ServiceContext, 'db'>, scheme: { id: string; code: string; currency: string }, query: HistoryQuery): Promise<PricingHistory> {
  if (query.to < query.from || daysBetween(query.from, query.to) > 3660) throw new PricingPeriodError();
  const product = await getProduct(ctx, scheme.id, query.product);
  const onTo = await productVersionOn(ctx.db, scheme.id, product.code, query.to);
  const rules = onTo?.version ?? resolveVersion(product.versions[0]!.definition);
  const [cases, exposure] = await Promise.all([
    claimCases(ctx.db, scheme.id, { from: query.from, to: query.to, productVersionIds: product.versions.map((v) => v.id) }),
    coveredExposure(ctx.db, scheme.id, { from: query.from, to: query.to, productCode: product.code }),
  ]);
  const beneficiaryYears = exposure.beneficiaryDays / DAYS_PER_YEAR;
  const benefits = new Map(rules.benefits.map((b) => [b.category as string, b]));
  const order = [...benefits.keys(), ...new Set(cases.map((c) => c.category).filter((c) => !benefits.has(c)))];

  const categories: HistoryCategory[] = order.map((category) => {
    const benefit = benefits.get(category);
    const own = cases.filter((c) => c.category === category);
    const n = own.length;
    const sum = (f: (c: ClaimCase) => number) => own.reduce((s, c) => s + f(c), 0);
    const average = (total: number) => (n > 0 ? total / n : 0);
    return {
      category,
      cases: n,
      beneficiaryYears,
      frequency: beneficiaryYears > 0 ? n / beneficiaryYears : 0,
      averageAsked: average(sum((c) => c.lines.reduce((s, l) => s + l.asked, 0))),
      averageAllowed: average(sum((c) => c.lines.reduce((s, l) => s + l.allowed, 0))),
      costPerCase: average(sum((c) => caseCostToScheme(c.lines, benefit))),
      coverageRate: benefit?.copayment != null ? null : (benefit?.coverageRate ?? 1),
      copayment: benefit?.copayment ?? null,
      perCaseCeiling: benefit?.perCaseCeiling ?? null,
      warning: n < FEW_CASES ? 'few_cases' : null,
    };
  });

  const inputCategories: PricingCategory[] = categories.map((c) => ({
    category: c.category,
    frequency: c.frequency,
    averageCost: c.averageAllowed,
    ...(c.copayment !== null ? { copayment: c.copayment } : { coverageRate: c.coverageRate ?? 1 }),
    ...(c.perCaseCeiling !== null ? { perCaseCeiling: c.perCaseCeiling } : {}),
    costPerCase: c.costPerCase,
    cases: c.cases,
    source: 'history',
  }));
  const persons = exposure.beneficiariesOnLastDay || Math.max(1, Math.round(beneficiaryYears));
  const averageHouseholdSize = exposure.householdsOnLastDay > 0 ? Math.round((exposure.beneficiariesOnLastDay / exposure.householdsOnLastDay) * 100) / 100 : 1;

  return {
    scheme: scheme.code,
    product: product.code,
    from: query.from,
    to: query.to,
    versionEffectiveFrom: rules.effectiveFrom,
    beneficiaryYears,
    coveredBeneficiaries: exposure.beneficiariesOnLastDay,
    coveredHouseholds: exposure.householdsOnLastDay,
    categories,
    input: {
      format: PRICING_FORMAT,
      currency: scheme.currency,
      title: `${scheme.code} ${product.code} ${query.from}/${query.to}`,
      persons,
      averageHouseholdSize,
      categories: inputCategories.length ? inputCategories : [{ category: 'consultation', frequency: 0, averageCost: 0, source: 'history', cases: 0 }],
      loadings: { ...HISTORY_DEFAULTS.loadings },
      loadingMethod: HISTORY_DEFAULTS.loadingMethod,
      roundTo: HISTORY_DEFAULTS.roundTo,
      projection: { ...HISTORY_DEFAULTS.projection },
      basis: { scheme: scheme.code, product: product.code, from: query.from, to: query.to, beneficiaryYears },
    },
  };
}
