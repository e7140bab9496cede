import { type Static, Type } from '@sinclair/typebox';
import { CalendarDate, Code, literals, Name, Nullable, Timestamp, Uuid } from '../../platform/http/schemas.js';

/**
 * A benefit package version, field for field as in the scheme file (spec: scheme-file.md,
 * `products[].versions[]`). Amounts are whole minor units; rates are decimals from 0 to 1.
 */
export const benefitCategories = [
  'consultation',
  'hospitalization',
  'delivery',
  'caesarean',
  'surgery',
  'drugs',
  'laboratory',
  'imaging',
  'dental',
  'eye_care',
  'antenatal',
  'transport',
  'other',
] as const;
export type BenefitCategory = (typeof benefitCategories)[number];

export const providerLevels = ['health_post', 'health_centre', 'hospital', 'pharmacy', 'laboratory'] as const;
export type ProviderLevel = (typeof providerLevels)[number];

export const contributionBases = ['per_person', 'per_household', 'household_lump_sum'] as const;
export const activationModes = ['full_payment', 'first_instalment'] as const;


const Amount = (description?: string) => Type.Integer({ minimum: 0, maximum: 1_000_000_000_000, ...(description ? { description } : {}) });
const Days = () => Type.Integer({ minimum: 0, maximum: 3650 });
const Rate = () => Type.Number({ minimum: 0, maximum: 1 });

export const Contribution = Type.Union([
  Type.Object(
    {
      basis: Type.Literal('per_person'),
      adult: Amount('per adult per period'),
      child: Amount('per child per period'),
      childMaxAge: Type.Integer({ minimum: 0, maximum: 120, description: 'a child is at most this age (whole years) at coverage start' }),
    },
    { additionalProperties: false },
  ),
  Type.Object({ basis: Type.Literal('per_household'), amount: Amount('per household per period') }, { additionalProperties: false }),
  Type.Object(
    {
      basis: Type.Literal('household_lump_sum'),
      amount: Amount('covers `membersIncluded` beneficiaries'),
      membersIncluded: Type.Integer({ minimum: 1, maximum: 100 }),
      perExtraMember: Amount('for each beneficiary beyond'),
    },
    { additionalProperties: false },
  ),
]);
export type Contribution = Static<typeof Contribution>;

export const Benefit = Type.Object(
  {
    category: literals(benefitCategories),
    coverageRate: Type.Optional(Nullable(Rate())),
    copayment: Type.Optional(Nullable(Amount('flat co-payment per line, instead of a rate'))),
    perCaseCeiling: Type.Optional(Nullable(Amount())),
    ceilingPerBeneficiary: Type.Optional(Nullable(Amount('per beneficiary per period'))),
    ceilingPerHousehold: Type.Optional(Nullable(Amount('per household per period'))),
    maxUsesPerPeriod: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 10_000 }))),
    waitingPeriodDays: Type.Optional(Nullable(Days())),
    requiresGuaranteeLetter: Type.Optional(Nullable(Type.Boolean())),
    requiresReferral: Type.Optional(Nullable(Type.Boolean())),
    providerLevels: Type.Optional(Nullable(Type.Array(literals(providerLevels), { minItems: 1, uniqueItems: true }))),
    sex: Type.Optional(Nullable(literals(['F', 'M'] as const))),
    minAge: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 150 }))),
    maxAge: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 150 }))),
  },
  { additionalProperties: false },
);
export type Benefit = Static<typeof Benefit>;

export const VersionDefinition = Type.Object(
  {
    effectiveFrom: CalendarDate(),
    coverageMonths: Type.Integer({ minimum: 1, maximum: 60 }),
    contribution: Contribution,
    joiningFee: Type.Optional(Nullable(Amount('once per household, with its first coverage period'))),
    cardFee: Type.Optional(Nullable(Amount('once per beneficiary'))),
    instalments: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 60 }))),
    activation: Type.Optional(Nullable(literals(activationModes))),
    gracePeriodDays: Type.Optional(Nullable(Days())),
    waitingPeriodDays: Type.Optional(Nullable(Days())),
    claimDeadlineDays: Type.Optional(Nullable(Days())),
    benefits: Type.Array(Benefit, { maxItems: 100 }),
    exclusions: Type.Optional(Nullable(Type.Array(Code('Service code'), { maxItems: 10_000 }))),
  },
  { additionalProperties: false },
);
export type VersionDefinition = Static<typeof VersionDefinition>;

export const ProductVersion = Type.Object({
  id: Uuid(),
  inUse: Type.Boolean({ description: 'a version used by a coverage period is never edited' }),
  createdAt: Timestamp(),
  definition: VersionDefinition,
});
export type ProductVersion = Static<typeof ProductVersion>;

export const Product = Type.Object({
  id: Uuid(),
  code: Type.String(),
  name: Type.String(),
  versions: Type.Array(ProductVersion),
});
export type Product = Static<typeof Product>;

export const CreateProduct = Type.Object(
  { code: Code(), name: Name(), versions: Type.Array(VersionDefinition, { minItems: 1, maxItems: 100 }) },
  { additionalProperties: false },
);
export type CreateProduct = Static<typeof CreateProduct>;

export const ProductParams = Type.Object({ scheme: Code('The scheme code'), product: Code('The product code') }, { additionalProperties: false });
export const VersionParams = Type.Object(
  { scheme: Code('The scheme code'), product: Code('The product code'), effectiveFrom: CalendarDate() },
  { additionalProperties: false },
);
