import { type Static, Type } from '@sinclair/typebox';
import { CalendarDate, Code, literals, Name, Nullable, Timestamp, Uuid } from '../../platform/http/schemas.js';
import { benefitCategories } from '../products/index.js';
import { coverageStatuses, statusReasons } from './coverage.rules.js';

export const paymentMethods = ['cash', 'mobile_money', 'bank', 'group_remittance', 'subsidy'] as const;
export const payers = ['member', 'group', 'subsidizer'] as const;

const Amount = () => Type.Integer({ minimum: 1, maximum: 1_000_000_000_000, description: 'whole minor units of the scheme currency' });
const HouseholdNumber = () => Type.String({ minLength: 1, maxLength: 64, description: 'Household number' });

export const Enrol = Type.Object(
  { household: HouseholdNumber(), product: Code('Product code'), start: CalendarDate() },
  { additionalProperties: false },
);
export type Enrol = Static<typeof Enrol>;

export const Renew = Type.Object(
  { household: HouseholdNumber(), product: Type.Optional(Code('Product code; default: the product of the period renewed')) },
  { additionalProperties: false },
);
export type Renew = Static<typeof Renew>;

export const DueView = Type.Object({
  id: Uuid(),
  seq: Type.Integer(),
  dueDate: CalendarDate(),
  amount: Type.Integer(),
  contribution: Type.Integer(),
  fees: Type.Integer(),
  paid: Type.Integer(),
  paidOn: Nullable(CalendarDate()),
  beneficiary: Nullable(Type.String({ description: 'Card of the member added mid-period this due is for' })),
});
export type DueView = Static<typeof DueView>;

export const PeriodView = Type.Object({
  id: Uuid(),
  product: Type.String(),
  versionEffectiveFrom: CalendarDate(),
  start: CalendarDate(),
  end: CalendarDate(),
  renewal: Type.Boolean(),
  activatedOn: Nullable(CalendarDate()),
  dues: Type.Array(DueView),
});
export type PeriodView = Static<typeof PeriodView>;

export const PaymentInput = Type.Object(
  {
    household: HouseholdNumber(),
    date: CalendarDate(),
    amount: Amount(),
    method: literals(paymentMethods),
    payer: Type.Optional(literals(payers)),
    group: Type.Optional(Nullable(Code('Group code, when a group pays'))),
    subsidizer: Type.Optional(Nullable(Code('Subsidizer code, when a subsidizer pays'))),
    receipt: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 64, description: 'Receipt number, unique in the scheme; numbered for you when left out' }))),
    collector: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    idempotencyKey: Type.Optional(Nullable(Type.String({ minLength: 8, maxLength: 128, description: 'Send the same key when retrying: the payment is recorded once' }))),
    note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  },
  { additionalProperties: false },
);
export type PaymentInput = Static<typeof PaymentInput>;

export const PaymentView = Type.Object({
  id: Uuid(),
  household: Type.String(),
  date: CalendarDate(),
  amount: Type.Integer(),
  method: Type.String(),
  payer: Type.String(),
  group: Nullable(Type.String()),
  subsidizer: Nullable(Type.String()),
  receipt: Nullable(Type.String()),
  collector: Nullable(Type.String()),
  reversalOf: Nullable(Uuid()),
  reversedBy: Nullable(Uuid()),
  reason: Nullable(Type.String()),
  note: Nullable(Type.String()),
  recordedBy: Type.String(),
  recordedAt: Timestamp(),
});
export type PaymentView = Static<typeof PaymentView>;

export const ReversalInput = Type.Object(
  {
    date: CalendarDate(),
    reason: Type.String({ minLength: 3, maxLength: 500, description: 'Why the payment was a mistake' }),
    idempotencyKey: Type.Optional(Nullable(Type.String({ minLength: 8, maxLength: 128 }))),
  },
  { additionalProperties: false },
);
export type ReversalInput = Static<typeof ReversalInput>;

export const Account = Type.Object({
  household: Type.String(),
  periods: Type.Array(PeriodView),
  payments: Type.Array(PaymentView),
  totalDue: Type.Integer(),
  totalPaid: Type.Integer(),
  credit: Type.Integer({ description: 'paid beyond every due, held for later dues' }),
  balance: Type.Integer({ description: 'owed now: dues fallen due and unpaid' }),
});
export type Account = Static<typeof Account>;

export const BenefitStanding = Type.Object({
  category: literals(benefitCategories),
  coverageRate: Nullable(Type.Number()),
  copayment: Nullable(Type.Integer()),
  waitingEnd: Nullable(CalendarDate()),
  available: Type.Boolean({ description: 'covered on this date for this beneficiary (status, own waiting period, sex and age)' }),
  usesLeft: Nullable(Type.Integer()),
  beneficiaryCeilingLeft: Nullable(Type.Integer()),
  householdCeilingLeft: Nullable(Type.Integer()),
  perCaseCeiling: Nullable(Type.Integer()),
  requiresGuaranteeLetter: Type.Boolean(),
  providerLevels: Nullable(Type.Array(Type.String())),
});
export type BenefitStanding = Static<typeof BenefitStanding>;

export const CoverageView = Type.Object({
  card: Type.String(),
  household: Type.String(),
  name: Type.String(),
  date: CalendarDate(),
  status: literals(coverageStatuses),
  reason: literals(statusReasons),
  message: Type.String({ description: 'The reason in the reader’s language' }),
  period: Nullable(Type.Object({ start: CalendarDate(), end: CalendarDate(), product: Type.String(), versionEffectiveFrom: CalendarDate() })),
  activatedOn: Nullable(CalendarDate()),
  waitingEnd: Nullable(CalendarDate()),
  continuousSince: Nullable(CalendarDate()),
  overdue: Type.Array(Type.Object({ dueDate: CalendarDate(), unpaid: Type.Integer() })),
  benefits: Type.Array(BenefitStanding),
});
export type CoverageView = Static<typeof CoverageView>;

export const CoverageQuery = Type.Object({ date: Type.Optional(CalendarDate()) }, { additionalProperties: false });
export const CardParams = Type.Object({ scheme: Code('The scheme code'), card: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });
export const HouseholdParams = Type.Object({ scheme: Code('The scheme code'), number: HouseholdNumber() }, { additionalProperties: false });
export const PaymentParams = Type.Object({ scheme: Code('The scheme code'), payment: Uuid() }, { additionalProperties: false });

export const Subsidizer = Type.Object({ id: Uuid(), code: Type.String(), name: Type.String(), share: Type.Number() });
export type Subsidizer = Static<typeof Subsidizer>;
export const CreateSubsidizer = Type.Object(
  { code: Code(), name: Name(), share: Type.Number({ minimum: 0, maximum: 1, description: 'share of sponsored households’ dues it pays' }) },
  { additionalProperties: false },
);
export type CreateSubsidizer = Static<typeof CreateSubsidizer>;

export const Sponsor = Type.Object(
  { subsidizer: Code('Subsidizer code'), from: CalendarDate(), to: Type.Optional(Nullable(CalendarDate())) },
  { additionalProperties: false },
);
export type Sponsor = Static<typeof Sponsor>;

export const RemittanceInput = Type.Object(
  {
    group: Code('Group code'),
    date: CalendarDate(),
    amount: Amount(),
    receipt: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 64 }))),
    collector: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    idempotencyKey: Type.Optional(Nullable(Type.String({ minLength: 8, maxLength: 128 }))),
    parts: Type.Array(Type.Object({ household: HouseholdNumber(), amount: Amount() }, { additionalProperties: false }), { minItems: 1, maxItems: 10_000 }),
  },
  { additionalProperties: false },
);
export type RemittanceInput = Static<typeof RemittanceInput>;

export const Remittance = Type.Object({
  id: Uuid(),
  group: Type.String(),
  date: CalendarDate(),
  amount: Type.Integer(),
  receipt: Type.String(),
  payments: Type.Array(PaymentView),
});
export type Remittance = Static<typeof Remittance>;

const HouseholdLine = {
  household: Type.String(),
  head: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  section: Nullable(Type.String()),
};

export const ArrearsQuery = Type.Object(
  { asOf: Type.Optional(CalendarDate()), section: Type.Optional(Code('Section code')), collector: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })) },
  { additionalProperties: false },
);
export const ArrearsLine = Type.Object({
  ...HouseholdLine,
  collector: Nullable(Type.String({ description: 'who collected the household’s latest payment' })),
  overdue: Type.Integer(),
  oldestDueDate: CalendarDate(),
  dues: Type.Integer(),
});
export const ArrearsList = Type.Object({ asOf: CalendarDate(), total: Type.Integer(), households: Type.Array(ArrearsLine) });
export type ArrearsList = Static<typeof ArrearsList>;

export const RenewalQuery = Type.Object(
  { from: CalendarDate(), to: CalendarDate(), section: Type.Optional(Code('Section code')) },
  { additionalProperties: false },
);
export const RenewalLine = Type.Object({
  ...HouseholdLine,
  product: Type.String(),
  periodEnd: CalendarDate(),
  renewalStart: CalendarDate(),
  state: literals(['due', 'in_grace', 'lapsed'] as const, 'due: ends in the window; in grace: ended, still renewable without a new waiting period; lapsed: beyond grace'),
  amount: Type.Integer({ description: 'what the renewal would cost with today’s members' }),
});
export const RenewalList = Type.Object({ from: CalendarDate(), to: CalendarDate(), households: Type.Array(RenewalLine) });
export type RenewalList = Static<typeof RenewalList>;

export const StatementQuery = Type.Object({ from: CalendarDate(), to: CalendarDate() }, { additionalProperties: false });
export const SubsidizerStatement = Type.Object({
  subsidizer: Type.String(),
  name: Type.String(),
  share: Type.Number(),
  from: CalendarDate(),
  to: CalendarDate(),
  households: Type.Array(Type.Object({ household: Type.String(), dues: Type.Integer(), owed: Type.Integer(), paid: Type.Integer() })),
  owed: Type.Integer({ description: 'share of the dues of sponsored households falling due in the period, rounded half up per due' }),
  paid: Type.Integer({ description: 'payments made by the subsidizer, dated in the period' }),
  balance: Type.Integer(),
});
export type SubsidizerStatement = Static<typeof SubsidizerStatement>;
export const SubsidizerParams = Type.Object({ scheme: Code('The scheme code'), subsidizer: Code('Subsidizer code') }, { additionalProperties: false });

export const CashSheetQuery = Type.Object({ date: CalendarDate(), collector: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })) }, { additionalProperties: false });
export const CashSheet = Type.Object({
  date: CalendarDate(),
  collector: Nullable(Type.String()),
  payments: Type.Array(PaymentView),
  byMethod: Type.Record(Type.String(), Type.Integer()),
  total: Type.Integer(),
});
export type CashSheet = Static<typeof CashSheet>;
