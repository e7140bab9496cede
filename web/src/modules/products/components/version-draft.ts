import { ApiError } from '../../../api/client';
import type { ActivationMode, Benefit, BenefitCategory, ContributionBasis, ProviderLevel, VersionDefinition } from '../../../api/types';
import type { MoneyFormat } from '../../../app/money';
import type { FieldErrors } from '../../../components/form';
import { parseWholeNumber } from '../../../components/numbers';
import { parsePercent, percentText } from './rates';

/** A benefit line as typed: numbers as text, the cover either a rate (in %) or a flat co-payment. */
export interface BenefitDraft {
  key: number;
  category: BenefitCategory | '';
  cover: 'rate' | 'copayment';
  rate: string;
  copayment: string;
  perCaseCeiling: string;
  ceilingPerBeneficiary: string;
  ceilingPerHousehold: string;
  maxUsesPerPeriod: string;
  waitingPeriodDays: string;
  requiresGuaranteeLetter: boolean;
  requiresReferral: boolean;
  providerLevels: ProviderLevel[];
  sex: '' | 'F' | 'M';
  minAge: string;
  maxAge: string;
}

/** A product version as typed. */
export interface VersionDraft {
  effectiveFrom: string;
  coverageMonths: string;
  basis: ContributionBasis;
  adult: string;
  child: string;
  childMaxAge: string;
  amount: string;
  membersIncluded: string;
  perExtraMember: string;
  joiningFee: string;
  cardFee: string;
  instalments: string;
  activation: ActivationMode;
  gracePeriodDays: string;
  waitingPeriodDays: string;
  claimDeadlineDays: string;
  exclusions: string;
  benefits: BenefitDraft[];
}

/** The contribution fields of each basis (the API's contribution is one of these shapes). */
export const BASIS_FIELDS: Record<ContributionBasis, readonly string[]> = {
  per_person: ['adult', 'child', 'childMaxAge'],
  per_household: ['amount'],
  household_lump_sum: ['amount', 'membersIncluded', 'perExtraMember'],
};

export const VERSION_FIELDS = [
  'effectiveFrom',
  'coverageMonths',
  'contribution',
  'contribution.adult',
  'contribution.child',
  'contribution.childMaxAge',
  'contribution.amount',
  'contribution.membersIncluded',
  'contribution.perExtraMember',
  'joiningFee',
  'cardFee',
  'instalments',
  'activation',
  'gracePeriodDays',
  'waitingPeriodDays',
  'claimDeadlineDays',
  'exclusions',
  'benefits',
] as const;

export const BENEFIT_FIELDS = [
  'category',
  'coverageRate',
  'copayment',
  'perCaseCeiling',
  'ceilingPerBeneficiary',
  'ceilingPerHousehold',
  'maxUsesPerPeriod',
  'waitingPeriodDays',
  'requiresGuaranteeLetter',
  'requiresReferral',
  'providerLevels',
  'sex',
  'minAge',
  'maxAge',
] as const;

let benefitKey = 1;

export function emptyBenefit(category: BenefitCategory | '' = ''): BenefitDraft {
  return {
    key: benefitKey++,
    category,
    cover: 'rate',
    rate: '',
    copayment: '',
    perCaseCeiling: '',
    ceilingPerBeneficiary: '',
    ceilingPerHousehold: '',
    maxUsesPerPeriod: '',
    waitingPeriodDays: '',
    requiresGuaranteeLetter: false,
    requiresReferral: false,
    providerLevels: [],
    sex: '',
    minAge: '',
    maxAge: '',
  };
}

export function emptyVersion(): VersionDraft {
  return {
    effectiveFrom: '',
    coverageMonths: '12',
    basis: 'per_person',
    adult: '',
    child: '',
    childMaxAge: '',
    amount: '',
    membersIncluded: '',
    perExtraMember: '',
    joiningFee: '',
    cardFee: '',
    instalments: '1',
    activation: 'full_payment',
    gracePeriodDays: '',
    waitingPeriodDays: '',
    claimDeadlineDays: '',
    exclusions: '',
    benefits: [emptyBenefit('consultation')],
  };
}

const text = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));

/** A version as a draft, to correct it or to start the next one from it. */
export function draftOfVersion(v: VersionDefinition, money: MoneyFormat): VersionDraft {
  const c = v.contribution;
  return {
    effectiveFrom: v.effectiveFrom,
    coverageMonths: String(v.coverageMonths),
    basis: c.basis,
    adult: c.basis === 'per_person' ? money.toInput(c.adult) : '',
    child: c.basis === 'per_person' ? money.toInput(c.child) : '',
    childMaxAge: c.basis === 'per_person' ? String(c.childMaxAge) : '',
    amount: c.basis !== 'per_person' ? money.toInput(c.amount) : '',
    membersIncluded: c.basis === 'household_lump_sum' ? String(c.membersIncluded) : '',
    perExtraMember: c.basis === 'household_lump_sum' ? money.toInput(c.perExtraMember) : '',
    joiningFee: money.toInput(v.joiningFee),
    cardFee: money.toInput(v.cardFee),
    instalments: text(v.instalments ?? 1),
    activation: v.activation ?? 'full_payment',
    gracePeriodDays: text(v.gracePeriodDays),
    waitingPeriodDays: text(v.waitingPeriodDays),
    claimDeadlineDays: text(v.claimDeadlineDays),
    exclusions: (v.exclusions ?? []).join(', '),
    benefits: v.benefits.map((b) => ({
      key: benefitKey++,
      category: b.category,
      cover: b.copayment !== null && b.copayment !== undefined ? 'copayment' : 'rate',
      rate: percentText(b.coverageRate),
      copayment: money.toInput(b.copayment),
      perCaseCeiling: money.toInput(b.perCaseCeiling),
      ceilingPerBeneficiary: money.toInput(b.ceilingPerBeneficiary),
      ceilingPerHousehold: money.toInput(b.ceilingPerHousehold),
      maxUsesPerPeriod: text(b.maxUsesPerPeriod),
      waitingPeriodDays: text(b.waitingPeriodDays),
      requiresGuaranteeLetter: Boolean(b.requiresGuaranteeLetter),
      requiresReferral: Boolean(b.requiresReferral),
      providerLevels: [...(b.providerLevels ?? [])],
      sex: b.sex ?? '',
      minAge: text(b.minAge),
      maxAge: text(b.maxAge),
    })),
  };
}

export interface DraftMessages {
  required: string;
  choose: string;
  wholeNumber: string;
  amount: string;
  percent: string;
}

/**
 * Reads a draft into the API's version definition, or the problems the form can see by itself
 * (a required number left empty, text where a number goes), named by the API's field paths.
 */
export function readVersion(d: VersionDraft, money: MoneyFormat, m: DraftMessages): { version?: VersionDefinition; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const whole = (field: string, value: string, required = false): number | null => {
    const n = parseWholeNumber(value);
    if (n === undefined) errors[field] = m.wholeNumber;
    else if (n === null && required) errors[field] = m.required;
    return n ?? null;
  };
  const amount = (field: string, value: string, required = false): number | null => {
    const n = money.parse(value);
    if (n === undefined) errors[field] = m.amount;
    else if (n === null && required) errors[field] = m.required;
    return n ?? null;
  };

  if (!d.effectiveFrom) errors.effectiveFrom = m.required;
  const coverageMonths = whole('coverageMonths', d.coverageMonths, true);
  const contribution: VersionDefinition['contribution'] =
    d.basis === 'per_person'
      ? {
          basis: 'per_person',
          adult: amount('contribution.adult', d.adult, true) ?? 0,
          child: amount('contribution.child', d.child, true) ?? 0,
          childMaxAge: whole('contribution.childMaxAge', d.childMaxAge, true) ?? 0,
        }
      : d.basis === 'per_household'
        ? { basis: 'per_household', amount: amount('contribution.amount', d.amount, true) ?? 0 }
        : {
            basis: 'household_lump_sum',
            amount: amount('contribution.amount', d.amount, true) ?? 0,
            membersIncluded: whole('contribution.membersIncluded', d.membersIncluded, true) ?? 0,
            perExtraMember: amount('contribution.perExtraMember', d.perExtraMember, true) ?? 0,
          };

  const benefits: Benefit[] = d.benefits.map((b, i) => {
    const p = `benefits[${i}].`;
    if (!b.category) errors[`${p}category`] = m.choose;
    let coverageRate: number | null = null;
    let copayment: number | null = null;
    if (b.cover === 'rate') {
      const rate = parsePercent(b.rate);
      if (rate === undefined) errors[`${p}coverageRate`] = m.percent;
      else if (rate === null) errors[`${p}coverageRate`] = m.required;
      coverageRate = rate ?? null;
    } else copayment = amount(`${p}copayment`, b.copayment, true);
    const benefit: Benefit = {
      category: (b.category || 'other') as BenefitCategory,
      coverageRate,
      copayment,
      perCaseCeiling: amount(`${p}perCaseCeiling`, b.perCaseCeiling),
      ceilingPerBeneficiary: amount(`${p}ceilingPerBeneficiary`, b.ceilingPerBeneficiary),
      ceilingPerHousehold: amount(`${p}ceilingPerHousehold`, b.ceilingPerHousehold),
      maxUsesPerPeriod: whole(`${p}maxUsesPerPeriod`, b.maxUsesPerPeriod),
      waitingPeriodDays: whole(`${p}waitingPeriodDays`, b.waitingPeriodDays),
      requiresGuaranteeLetter: b.requiresGuaranteeLetter,
      requiresReferral: b.requiresReferral,
      providerLevels: b.providerLevels.length ? b.providerLevels : null,
      sex: b.sex || null,
      minAge: whole(`${p}minAge`, b.minAge),
      maxAge: whole(`${p}maxAge`, b.maxAge),
    };
    return benefit;
  });

  const exclusions = d.exclusions.split(/[\s,;]+/).map((s) => s.trim()).filter(Boolean);
  const version: VersionDefinition = {
    effectiveFrom: d.effectiveFrom,
    coverageMonths: coverageMonths ?? 0,
    contribution,
    joiningFee: amount('joiningFee', d.joiningFee),
    cardFee: amount('cardFee', d.cardFee),
    instalments: whole('instalments', d.instalments),
    activation: d.activation,
    gracePeriodDays: whole('gracePeriodDays', d.gracePeriodDays),
    waitingPeriodDays: whole('waitingPeriodDays', d.waitingPeriodDays),
    claimDeadlineDays: whole('claimDeadlineDays', d.claimDeadlineDays),
    benefits,
    exclusions: exclusions.length ? exclusions : null,
  };
  return Object.keys(errors).length ? { errors } : { version, errors };
}

/**
 * The API's error with field paths made relative to the version (`versions[0].benefits[1].maxAge`
 * → `benefits[1].maxAge`) and cleaned of what the contribution's other shapes reported: the
 * schema checks every basis, but only the chosen one's fields are on the form. A field keeps its
 * first (most specific) problem.
 */
export function versionError(error: ApiError | undefined, basis: ContributionBasis, prefix = ''): ApiError | undefined {
  if (!error) return undefined;
  const seen = new Set<string>();
  const details = error.details
    .map((d) => {
      const field = d.field.replace(/^body\./, '');
      return { ...d, field: prefix && field.startsWith(prefix) ? field.slice(prefix.length) : field };
    })
    .filter((d) => {
      const contribution = /^contribution(?:\.(\w+))?$/.exec(d.field);
      if (contribution) {
        const name = contribution[1];
        if (name === 'basis') return false;
        if (name && !BASIS_FIELDS[basis].includes(name)) return false;
        if (!name && error.details.some((o) => o !== d && /contribution\.\w+$/.test(o.field) && BASIS_FIELDS[basis].includes(o.field.split('.').pop()!))) return false;
      }
      if (seen.has(d.field)) return false;
      seen.add(d.field);
      return true;
    });
  return new ApiError(error.status, error.code, error.message, details);
}
