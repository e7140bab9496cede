/**
 * The premium calculator (spec: pricing.md): pure functions, no database, no I/O. Every figure is
 * kept unrounded until the one place the spec rounds it: contributions are rounded UP to a multiple
 * of `roundTo`; the projection's money figures are rounded half up to whole minor units.
 */
import type { ErrorDetail } from '../../platform/errors.js';
import { compileSchema, describeValidationErrors } from '../../platform/http/validation.js';
import type { Locale } from '../../platform/i18n/index.js';
import { isCurrencyCode } from '../../platform/money.js';
import { PricingInputError } from './pricing.errors.js';
import { PricingInput, type CategoryResult, type LoadingMethod, type PricingCategory, type PricingResult, type ProjectionYear } from './pricing.schemas.js';

/** Below this many cases a frequency or a cost per case is too noisy to trust. */
export const FEW_CASES = 30;
/** The moves of the sensitivity table. */
export const SENSITIVITY_STEPS = [-0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.3] as const;

const validInput = compileSchema(PricingInput);

/**
 * Checks a `mutua.pricing/1` value: the schema, then what a schema cannot say. Throws
 * PricingInputError listing every bad field by its JSON path (`categories[1].coverageRate`),
 * after `prefix` when the input sits inside a larger value.
 */
export function parsePricingInput(value: unknown, locale: Locale = 'en', prefix = ''): PricingInput {
  if (!validInput(value)) throw new PricingInputError(describeValidationErrors(validInput.errors ?? [], locale, prefix));
  const input = value as PricingInput;
  const details: ErrorDetail[] = [];
  if (!isCurrencyCode(input.currency)) details.push({ field: 'currency', message: `not an ISO 4217 currency: ${input.currency}` });
  const seen = new Set<string>();
  input.categories.forEach((c, i) => {
    if (seen.has(c.category)) details.push({ field: `categories[${i}].category`, message: `${c.category} is listed twice` });
    seen.add(c.category);
    if (c.coverageRate !== undefined && c.copayment !== undefined) {
      details.push({ field: `categories[${i}].copayment`, message: 'give a coverage rate or a flat co-payment, not both' });
    }
  });
  const sum = sumOfLoadings(input);
  if (method(input) === 'gross_up' && sum >= 1) details.push({ field: 'loadings', message: `the loadings add up to ${sum}: gross-up needs less than 1` });
  const p = input.projection;
  if (p && (p.renewalRate ?? 1) > 1 + (p.membershipGrowth ?? 0)) {
    details.push({ field: 'projection.renewalRate', message: 'more members renew than the growth allows: new members would be negative' });
  }
  if (details.length) throw new PricingInputError(prefix ? details.map((d) => ({ ...d, field: `${prefix}.${d.field}` })) : details);
  return input;
}

const method = (input: PricingInput): LoadingMethod => input.loadingMethod ?? 'gross_up';
const loadingsOf = (input: PricingInput) => ({
  administration: input.loadings?.administration ?? 0,
  reserve: input.loadings?.reserve ?? 0,
  reinsurance: input.loadings?.reinsurance ?? 0,
});
const sumOfLoadings = (input: PricingInput) => {
  const l = loadingsOf(input);
  return l.administration + l.reserve + l.reinsurance;
};

// Binary floats make 4953.2 come out as 4953.200000000001: a tolerance far below a minor unit
// keeps an exact multiple from being pushed to the next one.
const slack = (x: number) => Math.max(1e-9, Math.abs(x) * 1e-12);

/** x rounded up to a multiple of `step` (spec: "rounded **up** to a multiple of roundTo"). */
export function roundUpTo(x: number, step: number): number {
  const k = x / step;
  // + 0 turns the -0 of Math.ceil(-1e-9) into 0.
  return Math.ceil(k - slack(k)) * step + 0;
}

/** x rounded half up to a whole number (projection money figures). */
export function roundHalfUp(x: number): number {
  return Math.floor(x + 0.5 + slack(x));
}

/** Steps 1-2 for one category: insured frequency and cost per case to the scheme. */
export function categoryFigures(c: PricingCategory): Omit<CategoryResult, 'loadedPremium' | 'purePremium'> {
  const utilizationIncrease = c.utilizationIncrease ?? 0;
  const insuredFrequency = c.frequency * (1 + utilizationIncrease);
  const costRule: CategoryResult['costRule'] = c.costPerCase !== undefined ? 'history' : c.copayment !== undefined ? 'copayment' : 'rate';
  const costBeforeCeiling =
    costRule === 'history' ? c.costPerCase! : costRule === 'copayment' ? Math.max(c.averageCost - c.copayment!, 0) : c.averageCost * (c.coverageRate ?? 1);
  // A cost per case from the history had the ceiling applied case by case already.
  const ceiling = costRule === 'history' ? undefined : c.perCaseCeiling;
  const costPerCase = ceiling === undefined ? costBeforeCeiling : Math.min(costBeforeCeiling, ceiling);
  return {
    category: c.category,
    insuredFrequency,
    costPerCase,
    frequency: c.frequency,
    utilizationIncrease,
    averageCost: c.averageCost,
    costRule,
    coverageRate: costRule === 'rate' ? (c.coverageRate ?? 1) : (c.coverageRate ?? null),
    copayment: c.copayment ?? null,
    perCaseCeiling: c.perCaseCeiling ?? null,
    costBeforeCeiling,
    ceilingApplied: costPerCase < costBeforeCeiling,
    source: c.source ?? null,
    cases: c.cases ?? null,
    warning: c.cases !== undefined && c.cases < FEW_CASES ? 'few_cases' : null,
  };
}

/** Loaded premium from a pure premium: gross-up divides by (1 - loadings), additive multiplies by (1 + loadings). */
function load(pure: number, loadingMethod: LoadingMethod, loadings: number): number {
  return loadingMethod === 'gross_up' ? pure / (1 - loadings) : pure * (1 + loadings);
}

/** Pure premium per person with frequencies and costs per case moved by these factors. */
function purePremium(categories: PricingCategory[], frequencyFactor = 1, costFactor = 1): number {
  return categories.reduce((sum, c) => {
    const f = categoryFigures(c);
    return sum + f.insuredFrequency * frequencyFactor * f.costPerCase * costFactor;
  }, 0);
}

/**
 * The whole study: per-category steps, premiums and contributions, break-even, sensitivity and
 * the projection with and without repricing. `input` must have passed parsePricingInput.
 */
export function calculatePremium(input: PricingInput): PricingResult {
  const loadingMethod = method(input);
  const loadings = loadingsOf(input);
  const sum = loadings.administration + loadings.reserve + loadings.reinsurance;
  const roundTo = input.roundTo ?? 1;

  const perCategory: CategoryResult[] = input.categories.map((c) => {
    const f = categoryFigures(c);
    const pure = f.insuredFrequency * f.costPerCase;
    return { ...f, purePremium: pure, loadedPremium: load(pure, loadingMethod, sum) };
  });
  const pure = perCategory.reduce((s, c) => s + c.purePremium, 0);
  const loaded = load(pure, loadingMethod, sum);
  const contributionPerPerson = roundUpTo(loaded, roundTo);
  const contributionPerHousehold = roundUpTo(loaded * input.averageHouseholdSize, roundTo);
  // The administration share of the loaded premium: for gross-up the loadings are shares of the
  // loaded premium itself; for additive they are shares of the pure premium.
  const runningCostsPerPerson = loadingMethod === 'gross_up' ? loaded * loadings.administration : pure * loadings.administration;
  const breakEvenPremium = load(pure, loadingMethod, loadings.administration);

  const contributionWith = (frequencyFactor: number, costFactor: number) => roundUpTo(load(purePremium(input.categories, frequencyFactor, costFactor), loadingMethod, sum), roundTo);
  const sensitivity = SENSITIVITY_STEPS.map((change) => ({
    change,
    frequency: contributionWith(1 + change, 1),
    cost: contributionWith(1, 1 + change),
    both: contributionWith(1 + change, 1 + change),
  }));

  const project = (reprice: boolean) => projection(input, { pure, contributionPerPerson, runningCostsPerPerson, roundTo, reprice });
  const noRepricing = project(false);
  const repriced = project(true);

  return {
    perCategory,
    purePremium: pure,
    loadedPremium: loaded,
    contributionPerPerson,
    contributionPerHousehold,
    projection: input.projection?.reprice ? repriced : noRepricing,
    details: {
      currency: input.currency,
      persons: input.persons,
      averageHouseholdSize: input.averageHouseholdSize,
      loadingMethod,
      loadings,
      sumOfLoadings: sum,
      roundTo,
      loadedPremiumPerHousehold: loaded * input.averageHouseholdSize,
      runningCostsPerPerson,
      fewCases: perCategory.filter((c) => c.warning === 'few_cases').map((c) => c.category),
    },
    breakEven: { premium: breakEvenPremium, contributionPerPerson: roundUpTo(breakEvenPremium, roundTo) },
    sensitivity,
    scenarios: { noRepricing, repriced },
  };
}

/**
 * Spec: pricing.md, "Projection". Members are whole persons (rounded half up each year); claims
 * and running costs are rounded half up to minor units, so result and reserve add up exactly.
 * Repriced: from year 2 the contribution is that year's balancing contribution rounded up to roundTo.
 */
function projection(
  input: PricingInput,
  year1: { pure: number; contributionPerPerson: number; runningCostsPerPerson: number; roundTo: number; reprice: boolean },
): ProjectionYear[] {
  const p = input.projection ?? { years: 1 };
  const growth = p.membershipGrowth ?? 0;
  const renewal = p.renewalRate ?? 1;
  const inflation = p.costInflation ?? 0;
  const rows: ProjectionYear[] = [];
  let reserve = p.startingReserve ?? 0;
  let members = input.persons;
  for (let year = 1; year <= p.years; year++) {
    // Year 1: the members priced, all counted as staying.
    let renewingMembers = members;
    let newMembers = 0;
    if (year > 1) {
      const previous = members;
      members = roundHalfUp(previous * (1 + growth));
      renewingMembers = Math.min(members, roundHalfUp(previous * renewal));
      newMembers = members - renewingMembers;
    }
    const pure = year1.pure * (1 + inflation) ** (year - 1);
    const balancingContribution = pure + year1.runningCostsPerPerson;
    const contributionPerPerson = year1.reprice && year > 1 ? roundUpTo(balancingContribution, year1.roundTo) : year1.contributionPerPerson;
    const contributions = members * contributionPerPerson;
    const claims = roundHalfUp(members * pure);
    const runningCosts = roundHalfUp(members * year1.runningCostsPerPerson);
    const result = contributions - claims - runningCosts;
    reserve += result;
    rows.push({
      year,
      members,
      contributions,
      claims,
      runningCosts,
      result,
      reserve,
      claimsRatio: contributions > 0 ? claims / contributions : null,
      balancingContribution,
      renewingMembers,
      newMembers,
      purePremium: pure,
      contributionPerPerson,
    });
  }
  return rows;
}
