import { type Static, Type } from '@sinclair/typebox';
import { CalendarDate, Code, literals, Name, Nullable, Timestamp, Uuid } from '../../platform/http/schemas.js';
import { benefitCategories, providerLevels } from '../products/index.js';

// Every enum once: the list, then its schema, then its type (shared with the web app).

/** What a catalogue entry is: an act or service, a drug, or a supply (consumable). */
export const serviceKinds = ['service', 'drug', 'supply'] as const;
export type ServiceKind = (typeof serviceKinds)[number];

/**
 * Who runs a facility: the state (`public`), a for-profit owner (`private`), a faith-based
 * non-profit (`confessional`), or a community or association (`community`).
 */
export const providerTypes = ['public', 'private', 'confessional', 'community'] as const;
export type ProviderType = (typeof providerTypes)[number];

/**
 * How a provider is paid under an agreement: per act at the tariff (`fee_for_service`), a
 * fixed amount per enrolled beneficiary per month (`capitation`), or a fixed amount per case
 * (`flat_rate`).
 */
export const agreementPaymentMethods = ['fee_for_service', 'capitation', 'flat_rate'] as const;
export type AgreementPaymentMethod = (typeof agreementPaymentMethods)[number];

/** Agreement payment delay when none is given (spec: DESIGN.md, "committed payment delay"). */
export const DEFAULT_PAYMENT_DELAY_DAYS = 30;

const Amount = (description?: string) => Type.Integer({ minimum: 0, maximum: 1_000_000_000_000, ...(description ? { description } : {}) });
const Search = () => Type.String({ minLength: 1, maxLength: 100 });
const Flag = (description: string) => Type.Boolean({ description });

// ---------------------------------------------------------------- services

export const Service = Type.Object({
  id: Uuid(),
  code: Type.String(),
  name: Type.String(),
  category: literals(benefitCategories),
  kind: literals(serviceKinds),
  active: Type.Boolean(),
  createdAt: Timestamp(),
  updatedAt: Timestamp(),
});
export type Service = Static<typeof Service>;

export const CreateService = Type.Object(
  {
    code: Code('Service code, unique in the scheme; never changes'),
    name: Name(),
    category: literals(benefitCategories, 'The benefit category the service is paid under'),
    kind: Type.Optional(Nullable(literals(serviceKinds, 'Default: service'))),
    active: Type.Optional(Nullable(Type.Boolean({ description: 'Default: true' }))),
  },
  { additionalProperties: false },
);
export type CreateService = Static<typeof CreateService>;

export const UpdateService = Type.Object(
  {
    name: Type.Optional(Name()),
    category: Type.Optional(literals(benefitCategories)),
    kind: Type.Optional(literals(serviceKinds)),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1, description: 'The code never changes' },
);
export type UpdateService = Static<typeof UpdateService>;

export const ServiceQuery = Type.Object(
  {
    category: Type.Optional(literals(benefitCategories)),
    kind: Type.Optional(literals(serviceKinds)),
    q: Type.Optional(Search()),
    active: Type.Optional(Type.Boolean()),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000, default: 1000 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 })),
  },
  { additionalProperties: false },
);
export type ServiceQuery = Static<typeof ServiceQuery>;

export const ServiceParams = Type.Object({ scheme: Code('The scheme code'), service: Code('The service code') }, { additionalProperties: false });

// ---------------------------------------------------------------- catalogue import

/** The columns of a catalogue file, and of a diagnoses file. */
export const catalogueFields = ['code', 'name', 'category', 'kind', 'active'] as const;
export type CatalogueField = (typeof catalogueFields)[number];
export const diagnosisFields = ['code', 'title'] as const;
export type DiagnosisField = (typeof diagnosisFields)[number];

export const ImportUpload = Type.Object(
  {
    fileName: Type.String({ minLength: 1, maxLength: 255, description: 'The file’s name (its extension tells XLSX from CSV when the bytes do not)' }),
    content: Type.String({ minLength: 1, description: 'The file, base64 (a `data:…;base64,` prefix is accepted)' }),
    sheet: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 100, description: 'XLSX: the sheet to read (default: the first)' }))),
  },
  { additionalProperties: false },
);
export type ImportUpload = Static<typeof ImportUpload>;

export const ImportQuery = Type.Object(
  {
    dryRun: Type.Optional(Flag('Check every row and report; write nothing')),
    update: Type.Optional(Flag('A row whose code exists with other data updates it (else it is an error)')),
  },
  { additionalProperties: false },
);
export type ImportQuery = Static<typeof ImportQuery>;

export const ImportIssue = Type.Object({
  row: Nullable(Type.Integer({ description: 'Row number as a spreadsheet shows it (the header counts); null for the file as a whole' })),
  column: Nullable(Type.String({ description: 'The column as named in the file' })),
  field: Nullable(Type.String()),
  code: Type.String(),
  message: Type.String(),
  text: Type.String({ description: 'The whole line, e.g. `row 14, Catégorie: not a benefit category: "pharma"`' }),
});
export type ImportIssue = Static<typeof ImportIssue>;

export const ImportReport = Type.Object({
  fileName: Type.String(),
  rows: Type.Integer({ description: 'Data rows read' }),
  created: Type.Integer({ description: 'Written, or that would be when nothing was (a dry run, or bad rows)' }),
  updated: Type.Integer(),
  unchanged: Type.Integer({ description: 'Rows already there with the same data' }),
  errorCount: Type.Integer(),
  errors: Type.Array(ImportIssue),
  dryRun: Type.Boolean(),
  committed: Type.Boolean({ description: 'Whether the file was written: never on a dry run or when a row is bad' }),
});
export type ImportReport = Static<typeof ImportReport>;

// ---------------------------------------------------------------- diagnoses

export const Diagnosis = Type.Object({ code: Type.String(), title: Type.String() });
export type Diagnosis = Static<typeof Diagnosis>;

export const DiagnosisQuery = Type.Object(
  {
    q: Type.Optional(Search()),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 50 })),
  },
  { additionalProperties: false },
);
export type DiagnosisQuery = Static<typeof DiagnosisQuery>;

// ---------------------------------------------------------------- providers

const Phone = () => Type.String({ minLength: 6, maxLength: 25, pattern: '^\\+?[0-9][0-9 .()-]*$' });

export const Provider = Type.Object({
  id: Uuid(),
  code: Type.String(),
  name: Type.String(),
  level: literals(providerLevels),
  type: Nullable(literals(providerTypes)),
  location: Nullable(Type.String({ description: 'Location code' })),
  address: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  email: Nullable(Type.String()),
  active: Type.Boolean(),
  createdAt: Timestamp(),
  updatedAt: Timestamp(),
});
export type Provider = Static<typeof Provider>;

export const CreateProvider = Type.Object(
  {
    code: Code('Provider code, unique in the scheme; never changes'),
    name: Name(),
    level: literals(providerLevels),
    type: Type.Optional(Nullable(literals(providerTypes))),
    location: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 200, description: 'Location code (or its exact name when unique)' }))),
    address: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 500 }))),
    phone: Type.Optional(Nullable(Phone())),
    email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 200 }))),
    active: Type.Optional(Nullable(Type.Boolean({ description: 'Default: true' }))),
  },
  { additionalProperties: false },
);
export type CreateProvider = Static<typeof CreateProvider>;

export const UpdateProvider = Type.Object(
  {
    name: Type.Optional(Name()),
    level: Type.Optional(literals(providerLevels)),
    type: Type.Optional(Nullable(literals(providerTypes))),
    location: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 200 }))),
    address: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 500 }))),
    phone: Type.Optional(Nullable(Phone())),
    email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 200 }))),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1, description: 'The code never changes; null clears an optional field' },
);
export type UpdateProvider = Static<typeof UpdateProvider>;

export const ProviderQuery = Type.Object(
  {
    level: Type.Optional(literals(providerLevels)),
    active: Type.Optional(Type.Boolean()),
    q: Type.Optional(Search()),
  },
  { additionalProperties: false },
);
export type ProviderQuery = Static<typeof ProviderQuery>;

export const ProviderParams = Type.Object({ scheme: Code('The scheme code'), provider: Code('The provider code') }, { additionalProperties: false });

// ---------------------------------------------------------------- agreements

export const TariffLine = Type.Object({
  service: Type.String({ description: 'Service code' }),
  name: Type.String(),
  category: literals(benefitCategories),
  kind: literals(serviceKinds),
  price: Type.Integer({ description: 'Agreed price, minor units' }),
});
export type TariffLine = Static<typeof TariffLine>;

export const Agreement = Type.Object({
  id: Uuid(),
  from: CalendarDate(),
  to: Nullable(CalendarDate()),
  paymentMethod: literals(agreementPaymentMethods),
  paymentDelayDays: Type.Integer(),
  capitationAmount: Nullable(Type.Integer({ description: 'Capitation: per enrolled beneficiary per month' })),
  flatRateAmount: Nullable(Type.Integer({ description: 'Flat rate: per case' })),
  replaces: Nullable(Uuid()),
  createdAt: Timestamp(),
  tariff: Type.Array(TariffLine),
});
export type Agreement = Static<typeof Agreement>;

export const ProviderDetail = Type.Composite([Provider, Type.Object({ agreements: Type.Array(Agreement, { description: 'Versions, oldest first' }) })]);
export type ProviderDetail = Static<typeof ProviderDetail>;

export const AddAgreement = Type.Object(
  {
    from: CalendarDate(),
    to: Type.Optional(Nullable(CalendarDate())),
    paymentMethod: literals(agreementPaymentMethods),
    paymentDelayDays: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 3650, description: `Default: ${DEFAULT_PAYMENT_DELAY_DAYS}` }))),
    capitationAmount: Type.Optional(Nullable(Amount('Required for capitation: per enrolled beneficiary per month'))),
    flatRateAmount: Type.Optional(Nullable(Amount('Required for flat_rate: per case'))),
    tariff: Type.Array(Type.Object({ service: Code('Service code'), price: Amount('Agreed price, minor units') }, { additionalProperties: false }), { maxItems: 20_000 }),
  },
  { additionalProperties: false },
);
export type AddAgreement = Static<typeof AddAgreement>;

export const TariffQuery = Type.Object({ date: CalendarDate() }, { additionalProperties: false });
