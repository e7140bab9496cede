import { type Static, Type } from '@sinclair/typebox';
import { CalendarDate, literals, Nullable } from '../../platform/http/schemas.js';
import { expenseAccounts } from '../finance/index.js';
import { agreementPaymentMethods } from '../providers/index.js';
import { benefitCategories, providerLevels, VersionDefinition } from '../products/index.js';

/**
 * The scheme file, `mutua.scheme/1` (spec: scheme-file.md), as one schema: it validates files and
 * is published as docs/formats/scheme-file.schema.json. Unknown keys are errors everywhere.
 */
const strict = { additionalProperties: false } as const;
const Opt = <T extends Parameters<typeof Nullable>[0]>(schema: T) => Type.Optional(Nullable(schema));
const FileCode = (description: string) => Type.String({ minLength: 1, maxLength: 64, description });
const Text = (max = 200) => Type.String({ minLength: 1, maxLength: max });
const Amount = (description?: string) => Type.Integer({ minimum: 0, maximum: 1_000_000_000_000, ...(description ? { description } : {}) });

export const groupKinds = ['association', 'cooperative', 'union', 'other'] as const;
export const paymentMethods = ['cash', 'mobile_money', 'bank', 'group_remittance', 'subsidy'] as const;

export const FileScheme = Type.Object(
  {
    code: FileCode('Scheme code'),
    name: Text(),
    currency: Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217' }),
    country: Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2' }),
    federation: Opt(FileCode('Federation code')),
    targetPopulation: Opt(Type.Integer({ minimum: 0 })),
    cardPattern: Opt(Type.String({ minLength: 1, maxLength: 64, description: 'Mutua addition: pattern of generated card numbers' })),
  },
  strict,
);

export const FileService = Type.Object({ code: FileCode('Service code'), name: Text(), category: literals(benefitCategories) }, strict);

export const FileProduct = Type.Object(
  { code: FileCode('Product code'), name: Text(), versions: Type.Array(VersionDefinition, { minItems: 1 }) },
  strict,
);

export const FileAgreement = Type.Object(
  {
    from: CalendarDate(),
    to: Opt(CalendarDate()),
    paymentMethod: literals(agreementPaymentMethods),
    paymentDelayDays: Opt(Type.Integer({ minimum: 0, maximum: 3650 })),
    capitationAmount: Opt(Amount('Mutua addition, required for capitation: per enrolled beneficiary per month')),
    flatRateAmount: Opt(Amount('Mutua addition, required for flat_rate: per case')),
    tariff: Type.Array(Type.Object({ service: FileCode('Service code'), price: Amount() }, strict)),
  },
  strict,
);

export const FileProvider = Type.Object(
  { code: FileCode('Provider code'), name: Text(), level: literals(providerLevels), agreements: Type.Array(FileAgreement) },
  strict,
);

export const FileGroup = Type.Object({ code: FileCode('Group code'), name: Text(), kind: literals(groupKinds) }, strict);

export const FileSubsidizer = Type.Object({ code: FileCode('Subsidizer code'), name: Text(), share: Type.Number({ minimum: 0, maximum: 1 }) }, strict);

export const FileMember = Type.Object(
  {
    card: FileCode('Card number, unique in the scheme'),
    firstName: Text(100),
    lastName: Text(100),
    sex: literals(['F', 'M'] as const),
    birthDate: Opt(CalendarDate()),
    birthYear: Opt(Type.Integer({ minimum: 1880, maximum: 2200, description: 'Mutua addition: estimated year when the date is unknown' })),
    relationship: literals(['head', 'spouse', 'child', 'parent', 'other'] as const),
    joinedOn: CalendarDate(),
    idDocument: Opt(Text(50)),
    phone: Opt(Text(30)),
  },
  strict,
);

export const FileHousehold = Type.Object(
  {
    number: FileCode('Household number, unique in the scheme'),
    category: literals(['regular', 'indigent', 'group'] as const),
    group: Opt(FileCode('Group code')),
    subsidizer: Opt(FileCode('Subsidizer code')),
    location: Opt(Text()),
    section: Opt(FileCode('Mutua addition: section code')),
    phone: Opt(Text(30)),
    address: Opt(Text(300)),
    members: Type.Array(FileMember, { minItems: 1 }),
  },
  strict,
);

export const FileEnrolment = Type.Object({ household: FileCode('Household number'), product: FileCode('Product code'), start: CalendarDate() }, strict);

export const FilePayment = Type.Object(
  {
    household: FileCode('Household number'),
    date: CalendarDate(),
    amount: Type.Integer({ minimum: 1, maximum: 1_000_000_000_000 }),
    method: literals(paymentMethods),
    payer: literals(['member', 'group', 'subsidizer'] as const),
    group: Opt(FileCode('Group code')),
    subsidizer: Opt(FileCode('Subsidizer code')),
    receipt: FileCode('Receipt number, unique in the scheme'),
    collector: Opt(Text(100)),
  },
  strict,
);

export const FileGuaranteeLetter = Type.Object(
  {
    number: FileCode('Letter number'),
    member: FileCode('Card number'),
    provider: Opt(FileCode('Provider code')),
    category: literals(benefitCategories),
    validFrom: CalendarDate(),
    validTo: CalendarDate(),
  },
  strict,
);

export const FileClaim = Type.Object(
  {
    number: FileCode('Claim number'),
    provider: FileCode('Provider code'),
    member: FileCode('Card number'),
    from: CalendarDate(),
    to: CalendarDate(),
    submittedOn: CalendarDate(),
    diagnosis: Opt(Text(20)),
    guaranteeLetter: Opt(FileCode('Guarantee letter number')),
    lines: Type.Array(Type.Object({ service: FileCode('Service code'), quantity: Type.Integer({ minimum: 1, maximum: 100_000 }), unitPrice: Amount() }, strict), { minItems: 1 }),
  },
  strict,
);

export const FileClaimPayment = Type.Object(
  { provider: FileCode('Provider code'), date: CalendarDate(), reference: Text(100), claims: Type.Array(FileCode('Claim number'), { minItems: 1 }) },
  strict,
);

export const FileExpense = Type.Object({ date: CalendarDate(), account: literals(expenseAccounts), amount: Type.Integer({ minimum: 1 }), label: Text(300) }, strict);

export const SchemeFile = Type.Object(
  {
    format: Type.Literal('mutua.scheme/1'),
    scheme: FileScheme,
    services: Type.Optional(Type.Array(FileService)),
    products: Type.Optional(Type.Array(FileProduct)),
    providers: Type.Optional(Type.Array(FileProvider)),
    groups: Type.Optional(Type.Array(FileGroup)),
    subsidizers: Type.Optional(Type.Array(FileSubsidizer)),
    households: Type.Optional(Type.Array(FileHousehold)),
    enrolments: Type.Optional(Type.Array(FileEnrolment)),
    payments: Type.Optional(Type.Array(FilePayment)),
    guaranteeLetters: Type.Optional(Type.Array(FileGuaranteeLetter)),
    claims: Type.Optional(Type.Array(FileClaim)),
    claimPayments: Type.Optional(Type.Array(FileClaimPayment)),
    expenses: Type.Optional(Type.Array(FileExpense)),
  },
  { ...strict, $id: 'urn:mutua:format:scheme-file:1', title: 'Mutua scheme file (mutua.scheme/1)' },
);
export type SchemeFile = Static<typeof SchemeFile>;

export const LoadSummary = Type.Object({
  scheme: Type.String(),
  created: Type.Record(Type.String(), Type.Integer(), { description: 'records created, by kind' }),
  unchanged: Type.Record(Type.String(), Type.Integer(), { description: 'records already there and identical, by kind' }),
  notes: Type.Array(Type.String()),
});
export type LoadSummary = Static<typeof LoadSummary>;
