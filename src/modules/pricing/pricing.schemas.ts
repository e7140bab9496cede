import { type Static, Type } from '@sinclair/typebox';
import { CalendarDate, Code, literals, Nullable } from '../../platform/http/schemas.js';

/**
 * The `mutua.pricing/1` input and the calculator's output (spec: pricing.md). Money is in minor
 * units of `currency`; inputs typed from a survey may carry decimals (an average cost), the
 * contributions the calculator proposes are whole multiples of `roundTo`.
 */
export const PRICING_FORMAT = 'mutua.pricing/1';

export const loadingMethods = ['gross_up', 'additive'] as const;
export type LoadingMethod = (typeof loadingMethods)[number];

/** Where a category's figures come from: the scheme's own claims, the shared database, a survey, or typed by hand. */
export const pricingSources = ['history', 'shared', 'survey', 'manual'] as const;
export type PricingSource = (typeof pricingSources)[number];

const Money = (description?: string) => Type.Number({ minimum: 0, maximum: 1_000_000_000_000, ...(description ? { description } : {}) });
const Rate = (description?: string) => Type.Number({ minimum: 0, maximum: 1, ...(description ? { description } : {}) });

export const PricingCategory = Type.Object(
  {
    category: Type.String({ minLength: 1, maxLength: 60, description: 'the service category (consultation, hospitalization, ...)' }),
    frequency: Type.Number({ minimum: 0, maximum: 1000, description: 'cases per person per year' }),
    averageCost: Money('average cost of a case, before cost sharing'),
    coverageRate: Type.Optional(Rate('share of the cost the scheme pays; default 1 when no co-payment is given')),
    copayment: Type.Optional(Money('flat co-payment per case, instead of a rate')),
    perCaseCeiling: Type.Optional(Money('most the scheme pays for one case; absent = no cap')),
    utilizationIncrease: Type.Optional(Type.Number({ minimum: -1, maximum: 10, description: 'extra use by insured members (0.2 = +20 %); default 0' })),
    // Extensions of the spec's input (documented in the module README).
    costPerCase: Type.Optional(Money('cost per case to the scheme already computed case by case (own history); replaces step 2')),
    cases: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000_000, description: 'number of cases behind the figures' })),
    source: Type.Optional(literals(pricingSources, 'where the figures come from')),
  },
  { additionalProperties: false },
);
export type PricingCategory = Static<typeof PricingCategory>;

export const Loadings = Type.Object(
  {
    administration: Type.Optional(Rate('running costs')),
    reserve: Type.Optional(Rate('building the reserves')),
    reinsurance: Type.Optional(Rate('reinsurance or guarantee fund')),
  },
  { additionalProperties: false },
);

export const ProjectionInput = Type.Object(
  {
    years: Type.Integer({ minimum: 1, maximum: 30 }),
    costInflation: Type.Optional(Type.Number({ minimum: -0.5, maximum: 1, description: 'yearly growth of the cost per case; default 0' })),
    membershipGrowth: Type.Optional(Type.Number({ minimum: -1, maximum: 10, description: 'yearly growth of the number of members; default 0' })),
    renewalRate: Type.Optional(Rate('share of last year’s members who renew; default 1')),
    startingReserve: Type.Optional(Type.Number({ minimum: -1_000_000_000_000, maximum: 1_000_000_000_000, description: 'reserve at the start of year 1; default 0' })),
    reprice: Type.Optional(Type.Boolean({ description: 'the `projection` series reprices each year at the balancing contribution; default false' })),
  },
  { additionalProperties: false },
);

export const PricingInput = Type.Object(
  {
    format: Type.Literal(PRICING_FORMAT),
    currency: Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 code' }),
    title: Type.Optional(Type.String({ maxLength: 200, description: 'a heading for the study' })),
    persons: Type.Integer({ minimum: 1, maximum: 100_000_000, description: 'insured persons in year 1' }),
    averageHouseholdSize: Type.Number({ minimum: 0.1, maximum: 100, description: 'persons per household on average' }),
    categories: Type.Array(PricingCategory, { minItems: 1, maxItems: 100 }),
    loadings: Type.Optional(Loadings),
    loadingMethod: Type.Optional(literals(loadingMethods, 'default gross_up')),
    roundTo: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000_000, description: 'contributions are rounded up to a multiple of this (minor units); default 1' })),
    projection: Type.Optional(ProjectionInput),
    // Where the input came from when Mutua prepared it (own history).
    basis: Type.Optional(
      Type.Object(
        { scheme: Type.Optional(Code()), product: Type.Optional(Code()), from: Type.Optional(CalendarDate()), to: Type.Optional(CalendarDate()), beneficiaryYears: Type.Optional(Type.Number({ minimum: 0 })) },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type PricingInput = Static<typeof PricingInput>;

// ---------------------------------------------------------------- output

export const CategoryResult = Type.Object({
  category: Type.String(),
  insuredFrequency: Type.Number(),
  costPerCase: Type.Number(),
  purePremium: Type.Number(),
  // extras: the inputs and the steps, so a person can check them by hand
  frequency: Type.Number(),
  utilizationIncrease: Type.Number(),
  averageCost: Type.Number(),
  costRule: literals(['rate', 'copayment', 'history'] as const),
  coverageRate: Nullable(Type.Number()),
  copayment: Nullable(Type.Number()),
  perCaseCeiling: Nullable(Type.Number()),
  costBeforeCeiling: Type.Number({ description: 'cost per case before the ceiling (rate or co-payment applied)' }),
  ceilingApplied: Type.Boolean(),
  loadedPremium: Type.Number({ description: 'the pure premium with the loadings' }),
  source: Nullable(literals(pricingSources)),
  cases: Nullable(Type.Integer()),
  warning: Nullable(Type.Literal('few_cases')),
});
export type CategoryResult = Static<typeof CategoryResult>;

export const ProjectionYear = Type.Object({
  year: Type.Integer(),
  members: Type.Integer(),
  contributions: Type.Number(),
  claims: Type.Number(),
  runningCosts: Type.Number(),
  result: Type.Number(),
  reserve: Type.Number(),
  claimsRatio: Nullable(Type.Number()),
  balancingContribution: Type.Number(),
  // extras
  renewingMembers: Type.Integer(),
  newMembers: Type.Integer(),
  purePremium: Type.Number({ description: 'pure premium per person of the year' }),
  contributionPerPerson: Type.Number({ description: 'the contribution collected per person that year' }),
});
export type ProjectionYear = Static<typeof ProjectionYear>;

const SensitivityRow = Type.Object({
  change: Type.Number({ description: '-0.3 = -30 %' }),
  frequency: Type.Number({ description: 'contribution per person when only the frequencies move' }),
  cost: Type.Number({ description: 'contribution per person when only the costs per case move' }),
  both: Type.Number({ description: 'contribution per person when both move' }),
});

export const PricingResult = Type.Object({
  perCategory: Type.Array(CategoryResult),
  purePremium: Type.Number(),
  loadedPremium: Type.Number(),
  contributionPerPerson: Type.Number(),
  contributionPerHousehold: Type.Number(),
  projection: Type.Array(ProjectionYear),
  // extras
  details: Type.Object({
    currency: Type.String(),
    persons: Type.Integer(),
    averageHouseholdSize: Type.Number(),
    loadingMethod: literals(loadingMethods),
    loadings: Type.Object({ administration: Type.Number(), reserve: Type.Number(), reinsurance: Type.Number() }),
    sumOfLoadings: Type.Number(),
    roundTo: Type.Number(),
    loadedPremiumPerHousehold: Type.Number(),
    runningCostsPerPerson: Type.Number({ description: 'administration share of the year-1 loaded premium' }),
    fewCases: Type.Array(Type.String(), { description: 'categories whose figures rest on fewer than 30 cases' }),
  }),
  breakEven: Type.Object({
    premium: Type.Number({ description: 'pure premium plus running costs, no reserve or reinsurance loading' }),
    contributionPerPerson: Type.Number({ description: 'the break-even premium rounded up to roundTo' }),
  }),
  sensitivity: Type.Array(SensitivityRow),
  scenarios: Type.Object({ noRepricing: Type.Array(ProjectionYear), repriced: Type.Array(ProjectionYear) }),
});
export type PricingResult = Static<typeof PricingResult>;

export const HistoryQuery = Type.Object(
  { from: CalendarDate(), to: CalendarDate(), product: Code('The product code') },
  { additionalProperties: false },
);
export type HistoryQuery = Static<typeof HistoryQuery>;

export const HistoryCategory = Type.Object({
  category: Type.String(),
  cases: Type.Integer(),
  beneficiaryYears: Type.Number(),
  frequency: Type.Number({ description: 'cases per beneficiary-year' }),
  averageAsked: Type.Number({ description: 'average amount asked per case' }),
  averageAllowed: Type.Number({ description: 'average amount allowed (agreed tariff) per case' }),
  costPerCase: Type.Number({ description: 'average cost per case to the scheme, the product version’s rules applied case by case' }),
  coverageRate: Nullable(Type.Number()),
  copayment: Nullable(Type.Number()),
  perCaseCeiling: Nullable(Type.Number()),
  warning: Nullable(Type.Literal('few_cases')),
});
export type HistoryCategory = Static<typeof HistoryCategory>;

export const PricingHistory = Type.Object({
  scheme: Type.String(),
  product: Type.String(),
  from: Type.String(),
  to: Type.String(),
  versionEffectiveFrom: Type.String({ description: 'the product version whose rules were applied' }),
  beneficiaryYears: Type.Number(),
  coveredBeneficiaries: Type.Integer({ description: 'beneficiaries covered on the last day' }),
  coveredHouseholds: Type.Integer(),
  categories: Type.Array(HistoryCategory),
  input: PricingInput,
});
export type PricingHistory = Static<typeof PricingHistory>;

export const StudyRequest = Type.Object(
  { input: PricingInput, locale: Type.Optional(literals(['en', 'fr'] as const)) },
  { additionalProperties: false },
);
export type StudyRequest = Static<typeof StudyRequest>;
