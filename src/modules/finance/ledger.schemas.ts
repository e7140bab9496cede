import { type Static, Type } from '@sinclair/typebox';
import { CalendarDate, Code, literals, Nullable, Timestamp, Uuid } from '../../platform/http/schemas.js';
import { accountNatures, accountTypes } from './ledger.chart.js';

const Amount = () => Type.Integer({ minimum: 0, maximum: 1_000_000_000_000, description: 'whole minor units of the scheme currency' });
const Signed = () => Type.Integer({ description: 'minor units; balances are signed by the account type (assets and expenses: debit - credit; others: credit - debit)' });
const AccountCode = () => Type.String({ pattern: '^[0-9A-Za-z][0-9A-Za-z._-]{0,19}$', description: 'account code' });
const Month = () => Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description: 'a month YYYY-MM' });

export const Account = Type.Object({
  code: Type.String(),
  nameEn: Type.String(),
  nameFr: Type.String(),
  type: literals(accountTypes),
  nature: literals(accountNatures),
  parent: Nullable(Type.String()),
  system: Type.Boolean(),
});
export type Account = Static<typeof Account>;

export const AddAccount = Type.Object(
  {
    code: AccountCode(),
    nameEn: Type.String({ minLength: 1, maxLength: 200 }),
    nameFr: Type.String({ minLength: 1, maxLength: 200 }),
    parent: Type.Optional(Nullable(AccountCode())),
    type: Type.Optional(literals(accountTypes)),
    nature: Type.Optional(literals(accountNatures)),
  },
  { additionalProperties: false, description: 'a new account; under a parent it takes the parent’s type and nature unless given' },
);
export type AddAccount = Static<typeof AddAccount>;

export const RenameAccount = Type.Object(
  { nameEn: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })), nameFr: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) },
  { additionalProperties: false },
);
export type RenameAccount = Static<typeof RenameAccount>;

export const EntryLine = Type.Object({ account: Type.String(), debit: Type.Integer(), credit: Type.Integer() });

export const Entry = Type.Object({
  id: Uuid(),
  number: Type.Integer(),
  date: CalendarDate(),
  kind: Type.String(),
  memo: Type.String(),
  sourceKind: Type.String(),
  sourceId: Type.String(),
  reversalOf: Nullable(Uuid()),
  reversedBy: Nullable(Uuid()),
  createdBy: Type.String(),
  createdAt: Timestamp(),
  lines: Type.Array(EntryLine),
  attachments: Type.Array(Type.Object({ id: Uuid(), filename: Type.String(), contentType: Type.String(), size: Type.Integer() })),
});
export type Entry = Static<typeof Entry>;

export const ManualEntry = Type.Object(
  {
    date: CalendarDate(),
    memo: Type.String({ minLength: 3, maxLength: 300 }),
    lines: Type.Array(Type.Object({ account: AccountCode(), debit: Type.Optional(Amount()), credit: Type.Optional(Amount()) }, { additionalProperties: false }), { minItems: 2, maxItems: 100 }),
    idempotencyKey: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  },
  { additionalProperties: false, description: 'running costs, grants, transfers between cash accounts: balanced lines, each a debit or a credit' },
);
export type ManualEntry = Static<typeof ManualEntry>;

export const ReverseEntry = Type.Object(
  { reason: Type.String({ minLength: 3, maxLength: 300 }), date: Type.Optional(CalendarDate()) },
  { additionalProperties: false },
);
export type ReverseEntry = Static<typeof ReverseEntry>;

export const EntryQuery = Type.Object(
  { from: Type.Optional(CalendarDate()), to: Type.Optional(CalendarDate()), account: Type.Optional(AccountCode()), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })), offset: Type.Optional(Type.Integer({ minimum: 0 })) },
  { additionalProperties: false },
);
export type EntryQuery = Static<typeof EntryQuery>;
export const EntryPage = Type.Object({ total: Type.Integer(), items: Type.Array(Entry) });
export type EntryPage = Static<typeof EntryPage>;

export const PeriodQuery = Type.Object({ from: CalendarDate(), to: CalendarDate() }, { additionalProperties: false });
export type PeriodQuery = Static<typeof PeriodQuery>;
export const OnQuery = Type.Object({ on: CalendarDate() }, { additionalProperties: false });
export const GeneralLedgerQuery = Type.Object({ account: AccountCode(), from: CalendarDate(), to: CalendarDate() }, { additionalProperties: false });
export type GeneralLedgerQuery = Static<typeof GeneralLedgerQuery>;

const AccountRef = { code: Type.String(), name: Type.String(), type: literals(accountTypes), nature: literals(accountNatures) };

export const TrialBalance = Type.Object({
  from: CalendarDate(),
  to: CalendarDate(),
  rows: Type.Array(Type.Object({ ...AccountRef, opening: Signed(), debit: Type.Integer(), credit: Type.Integer(), closing: Signed() })),
  totalDebit: Type.Integer(),
  totalCredit: Type.Integer(),
  balanced: Type.Boolean(),
});
export type TrialBalance = Static<typeof TrialBalance>;

export const GeneralLedger = Type.Object({
  account: Type.Object(AccountRef),
  from: CalendarDate(),
  to: CalendarDate(),
  opening: Signed(),
  lines: Type.Array(Type.Object({ entryId: Uuid(), number: Type.Integer(), date: CalendarDate(), kind: Type.String(), memo: Type.String(), debit: Type.Integer(), credit: Type.Integer(), balance: Signed() })),
  closing: Signed(),
});
export type GeneralLedger = Static<typeof GeneralLedger>;

const StatementLine = Type.Object({ ...AccountRef, amount: Signed() });
export const IncomeStatement = Type.Object({
  from: CalendarDate(),
  to: CalendarDate(),
  income: Type.Array(StatementLine),
  expenses: Type.Array(StatementLine),
  totalIncome: Type.Integer(),
  totalExpenses: Type.Integer(),
  result: Type.Integer(),
  claimsIncurred: Type.Integer({ description: 'claims expense dated (at the date of care) in [from, to]: equals the incurred_claims indicator' }),
  earnedThrough: Nullable(CalendarDate()),
  labels: Type.Record(Type.String(), Type.String()),
});
export type IncomeStatement = Static<typeof IncomeStatement>;

export const BalanceSheet = Type.Object({
  on: CalendarDate(),
  assets: Type.Array(StatementLine),
  liabilities: Type.Array(StatementLine),
  equity: Type.Array(StatementLine),
  resultToDate: Type.Integer({ description: 'income - expenses of every entry dated on or before `on`, not yet moved to the retained result' }),
  totalAssets: Type.Integer(),
  totalLiabilities: Type.Integer(),
  totalEquity: Type.Integer(),
  balanced: Type.Boolean(),
  labels: Type.Record(Type.String(), Type.String()),
});
export type BalanceSheet = Static<typeof BalanceSheet>;

export const ClosedPeriods = Type.Object({ closedThrough: Nullable(CalendarDate()), months: Type.Array(Type.String()) });
export type ClosedPeriods = Static<typeof ClosedPeriods>;

export const PeriodClose = Type.Object({ month: Type.String(), closedBy: Type.String(), closedAt: Timestamp(), earned: Type.Integer() });
export type PeriodClose = Static<typeof PeriodClose>;

export const EntryParams = Type.Object({ scheme: Code('The scheme code'), id: Uuid() }, { additionalProperties: false });
export const AccountParams = Type.Object({ scheme: Code('The scheme code'), code: AccountCode() }, { additionalProperties: false });
export const MonthParams = Type.Object({ scheme: Code('The scheme code'), month: Month() }, { additionalProperties: false });

export const MAX_LEDGER_ATTACHMENT_BYTES = 5 * 1024 * 1024;
export const ledgerAttachmentTypes = ['application/pdf', 'image/jpeg', 'image/png', 'image/webp'] as const;
export const AddEntryAttachment = Type.Object(
  {
    fileName: Type.String({ minLength: 1, maxLength: 200 }),
    content: Type.String({ minLength: 1, maxLength: Math.ceil(MAX_LEDGER_ATTACHMENT_BYTES / 3) * 4 + 100, contentEncoding: 'base64', description: 'The file’s bytes, base64 (a `data:…;base64,` prefix is accepted): a PDF, JPEG, PNG or WebP of at most 5 MiB' }),
  },
  { additionalProperties: false },
);
export type AddEntryAttachment = Static<typeof AddEntryAttachment>;
export const AttachmentParams = Type.Object({ scheme: Code('The scheme code'), id: Uuid(), attachmentId: Uuid() }, { additionalProperties: false });
