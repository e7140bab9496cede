import type { PricingCategory, PricingInput, PricingSource } from './api';

/**
 * The calculator's form: every input as the text typed, turned into a `mutua.pricing/1` input.
 * Rates are typed as percentages (75 for 0.75); money as amounts in the currency, read back into
 * minor units by the app's money helpers; a figure from the history (cost per case computed case
 * by case) stays until the user clears it.
 */
export interface CategoryForm {
  key: number;
  category: string;
  source: PricingSource;
  frequency: string;
  averageCost: string;
  rule: 'rate' | 'copayment';
  coverageRate: string;
  copayment: string;
  perCaseCeiling: string;
  utilizationIncrease: string;
  /** Money; empty: computed from the average cost and the rules (step 2). */
  costPerCase: string;
  cases: string;
}

export interface PricingForm {
  title: string;
  currency: string;
  persons: string;
  averageHouseholdSize: string;
  categories: CategoryForm[];
  administration: string;
  reserve: string;
  reinsurance: string;
  loadingMethod: 'gross_up' | 'additive';
  roundTo: string;
  years: string;
  costInflation: string;
  membershipGrowth: string;
  renewalRate: string;
  startingReserve: string;
  reprice: boolean;
  basis: PricingInput['basis'];
}

export interface MoneyText {
  parse: (text: string) => number | null | undefined;
  toInput: (minor: number | null | undefined) => string;
}

let nextKey = 1;
const percentText = (rate: number | undefined) => (rate === undefined ? '' : String(Math.round(rate * 1e6) / 1e4));
const numberText = (value: number | undefined) => (value === undefined ? '' : String(Math.round(value * 1e6) / 1e6));

export function emptyCategory(source: PricingSource = 'survey'): CategoryForm {
  return { key: nextKey++, category: '', source, frequency: '', averageCost: '', rule: 'rate', coverageRate: '100', copayment: '', perCaseCeiling: '', utilizationIncrease: '', costPerCase: '', cases: '' };
}

export function formFromInput(input: PricingInput, money: MoneyText): PricingForm {
  const amount = (value: number | undefined) => (value === undefined ? '' : money.toInput(Math.round(value)));
  return {
    title: input.title ?? '',
    currency: input.currency,
    persons: String(input.persons),
    averageHouseholdSize: numberText(input.averageHouseholdSize),
    categories: input.categories.map((c) => ({
      key: nextKey++,
      category: c.category,
      source: c.source ?? 'manual',
      frequency: numberText(c.frequency),
      averageCost: amount(c.averageCost),
      rule: c.copayment !== undefined ? 'copayment' : 'rate',
      coverageRate: percentText(c.coverageRate ?? (c.copayment !== undefined ? undefined : 1)),
      copayment: amount(c.copayment),
      perCaseCeiling: amount(c.perCaseCeiling),
      utilizationIncrease: percentText(c.utilizationIncrease),
      costPerCase: amount(c.costPerCase),
      cases: c.cases === undefined ? '' : String(c.cases),
    })),
    administration: percentText(input.loadings?.administration ?? 0),
    reserve: percentText(input.loadings?.reserve ?? 0),
    reinsurance: percentText(input.loadings?.reinsurance ?? 0),
    loadingMethod: input.loadingMethod ?? 'gross_up',
    roundTo: amount(input.roundTo ?? 1),
    years: String(input.projection?.years ?? 1),
    costInflation: percentText(input.projection?.costInflation ?? 0),
    membershipGrowth: percentText(input.projection?.membershipGrowth ?? 0),
    renewalRate: percentText(input.projection?.renewalRate ?? 1),
    startingReserve: amount(input.projection?.startingReserve ?? 0),
    reprice: input.projection?.reprice ?? false,
    basis: input.basis,
  };
}

export type FormProblems = Record<string, 'number' | 'money' | 'required'>;

/** The input the form describes, or the fields that cannot be read (by the input's JSON path). */
export function inputFromForm(form: PricingForm, money: MoneyText): { input?: PricingInput; problems: FormProblems } {
  const problems: FormProblems = {};
  const num = (text: string, path: string, optional = false): number | undefined => {
    const t = text.trim().replace(',', '.');
    if (t === '') {
      if (!optional) problems[path] = 'required';
      return undefined;
    }
    const n = Number(t);
    if (!Number.isFinite(n)) problems[path] = 'number';
    return Number.isFinite(n) ? n : undefined;
  };
  const rate = (text: string, path: string, optional = false) => {
    const n = num(text, path, optional);
    return n === undefined ? undefined : n / 100;
  };
  const amount = (text: string, path: string, optional = false): number | undefined => {
    if (text.trim() === '') {
      if (!optional) problems[path] = 'required';
      return undefined;
    }
    const n = money.parse(text);
    if (n === undefined || n === null) {
      problems[path] = 'money';
      return undefined;
    }
    return n;
  };
  const categories: PricingCategory[] = form.categories.map((c, i) => {
    const at = `categories[${i}]`;
    if (!c.category.trim()) problems[`${at}.category`] = 'required';
    const out: PricingCategory = {
      category: c.category.trim(),
      frequency: num(c.frequency, `${at}.frequency`) ?? 0,
      averageCost: amount(c.averageCost, `${at}.averageCost`) ?? 0,
      source: c.source,
    };
    if (c.rule === 'rate') {
      const r = rate(c.coverageRate, `${at}.coverageRate`, true);
      if (r !== undefined) out.coverageRate = r;
    } else {
      const p = amount(c.copayment, `${at}.copayment`);
      if (p !== undefined) out.copayment = p;
    }
    const ceiling = amount(c.perCaseCeiling, `${at}.perCaseCeiling`, true);
    if (ceiling !== undefined) out.perCaseCeiling = ceiling;
    const increase = rate(c.utilizationIncrease, `${at}.utilizationIncrease`, true);
    if (increase !== undefined) out.utilizationIncrease = increase;
    const cost = amount(c.costPerCase, `${at}.costPerCase`, true);
    if (cost !== undefined) out.costPerCase = cost;
    const cases = num(c.cases, `${at}.cases`, true);
    if (cases !== undefined) out.cases = cases;
    return out;
  });
  const input: PricingInput = {
    format: 'mutua.pricing/1',
    currency: form.currency.trim().toUpperCase(),
    persons: num(form.persons, 'persons') ?? 0,
    averageHouseholdSize: num(form.averageHouseholdSize, 'averageHouseholdSize') ?? 0,
    categories,
    loadings: {
      administration: rate(form.administration, 'loadings.administration') ?? 0,
      reserve: rate(form.reserve, 'loadings.reserve') ?? 0,
      reinsurance: rate(form.reinsurance, 'loadings.reinsurance') ?? 0,
    },
    loadingMethod: form.loadingMethod,
    roundTo: amount(form.roundTo, 'roundTo') ?? 1,
    projection: {
      years: num(form.years, 'projection.years') ?? 1,
      costInflation: rate(form.costInflation, 'projection.costInflation') ?? 0,
      membershipGrowth: rate(form.membershipGrowth, 'projection.membershipGrowth') ?? 0,
      renewalRate: rate(form.renewalRate, 'projection.renewalRate') ?? 1,
      startingReserve: amount(form.startingReserve, 'projection.startingReserve') ?? 0,
      reprice: form.reprice,
    },
  };
  if (form.title.trim()) input.title = form.title.trim();
  if (form.basis) input.basis = form.basis;
  return Object.keys(problems).length ? { problems } : { input, problems };
}

/** The spec's example (spec: pricing.md), as a survey typed by hand. */
export const EXAMPLE: PricingInput = {
  format: 'mutua.pricing/1',
  currency: 'XOF',
  persons: 5000,
  averageHouseholdSize: 6.2,
  categories: [
    { category: 'consultation', frequency: 1.2, averageCost: 2000, coverageRate: 0.75, utilizationIncrease: 0.2, source: 'survey' },
    { category: 'hospitalization', frequency: 0.04, averageCost: 60000, coverageRate: 0.8, perCaseCeiling: 40000, source: 'survey' },
    { category: 'delivery', frequency: 0.03, averageCost: 12000, copayment: 2000, source: 'survey' },
  ],
  loadings: { administration: 0.15, reserve: 0.05, reinsurance: 0.02 },
  loadingMethod: 'gross_up',
  roundTo: 100,
  projection: { years: 3, costInflation: 0.05, membershipGrowth: 0.1, renewalRate: 0.8, startingReserve: 0 },
};
