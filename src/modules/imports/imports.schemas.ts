import { type Static, type TProperties, type TSchema, Type } from '@sinclair/typebox';
import { Code, Nullable, Timestamp, Uuid, literals } from '../../platform/http/schemas.js';
import { paymentMethods, payers } from '../coverage/index.js';
import { householdCategories, relationships, sexes } from '../members/index.js';

// Every enum once: the list, then its schema, then its type (shared with the web app).
export const importKinds = ['households', 'payments', 'claims'] as const;
export type ImportKind = (typeof importKinds)[number];

export const importFormats = ['csv', 'xlsx'] as const;
export type ImportFormat = (typeof importFormats)[number];

export const importStates = ['uploaded', 'running', 'done', 'failed'] as const;
export type ImportState = (typeof importStates)[number];

export const importOperations = ['dry_run', 'commit'] as const;
export type ImportOperation = (typeof importOperations)[number];

export const importPhases = ['reading', 'checking', 'writing'] as const;
export type ImportPhase = (typeof importPhases)[number];

export const dateOrders = ['dmy', 'mdy'] as const;
export type DateOrder = (typeof dateOrders)[number];

/** The fields of a households file: one row per beneficiary, the household's fields repeated or on one of its rows. */
export const householdFields = [
  'householdNumber',
  'category',
  'group',
  'section',
  'location',
  'householdPhone',
  'address',
  'card',
  'firstName',
  'lastName',
  'sex',
  'birthDate',
  'birthYear',
  'relationship',
  'joinedOn',
  'idDocument',
  'memberPhone',
] as const;
export type HouseholdField = (typeof householdFields)[number];

/** The fields of a payments file: one row per payment. */
export const paymentFields = ['household', 'date', 'amount', 'method', 'payer', 'group', 'subsidizer', 'receipt', 'collector'] as const;
export type PaymentField = (typeof paymentFields)[number];

/** The fields of a claims file: one row per claim line, the claim's fields repeated on each of its lines. */
export const claimFields = ['claimNumber', 'provider', 'card', 'from', 'to', 'submittedOn', 'diagnosis', 'guaranteeLetter', 'service', 'quantity', 'unitPrice'] as const;
export type ClaimField = (typeof claimFields)[number];

/** Fields whose cells are words to translate into one of a fixed list of values. */
export const householdValueFields = { category: householdCategories, sex: sexes, relationship: relationships } as const;
export const paymentValueFields = { method: paymentMethods, payer: payers } as const;
export const claimValueFields = {} as const;

export const requiredHouseholdFields: readonly HouseholdField[] = ['householdNumber', 'firstName', 'lastName', 'sex', 'relationship'];
export const requiredPaymentFields: readonly PaymentField[] = ['household', 'date', 'amount'];
export const requiredClaimFields: readonly ClaimField[] = ['claimNumber', 'provider', 'card', 'from', 'service', 'unitPrice'];

// ---------------------------------------------------------------- mapping

const ColumnName = () => Type.String({ minLength: 1, maxLength: 200, description: 'A column of the file, by its name as listed in `columns`' });
const CellText = () => Type.String({ minLength: 1, maxLength: 200 });

function mappingSchema<F extends readonly string[], V extends Record<string, readonly string[]>>(fields: F, valueFields: V, description: string) {
  const columns = Type.Object(
    Object.fromEntries(fields.map((f) => [f, Type.Optional(Nullable(ColumnName()))])) as TProperties,
    { additionalProperties: false, description: 'Which column holds each field; a field left out or null is not in the file' },
  );
  const values = Type.Object(
    Object.fromEntries(
      Object.entries(valueFields).map(([f, list]) => [f, Type.Optional(Type.Record(Type.String({ maxLength: 200 }), literals(list), { description: `cell text → one of ${list.join(', ')}` }))]),
    ) as TProperties,
    {
      additionalProperties: false,
      description: 'Words of the file and the value each stands for, beyond those understood anyway (e.g. sexe "H" → M, lien "épouse" → spouse). Matched ignoring case and accents',
    },
  );
  const defaults = Type.Object(Object.fromEntries(fields.map((f) => [f, Type.Optional(CellText())])) as TProperties, {
    additionalProperties: false,
    description: 'A value for a field whose column is missing or whose cell is empty, read like a cell',
  });
  return Type.Object(
    {
      columns,
      values: Type.Optional(values),
      defaults: Type.Optional(defaults),
      dateOrder: Type.Optional(literals(dateOrders, 'How to read dates written with slashes: dmy (31/12/2024, the default) or mdy (12/31/2024). yyyy-mm-dd and Excel dates are always understood')),
    },
    { additionalProperties: false, description },
  );
}

export const HouseholdsMapping = mappingSchema(householdFields, householdValueFields, 'How the columns of a households file map to beneficiary and household fields');
export const PaymentsMapping = mappingSchema(paymentFields, paymentValueFields, 'How the columns of a payments file map to payment fields');
export const ClaimsMapping = mappingSchema(claimFields, claimValueFields, 'How the columns of a claims file map to claim and claim line fields');

/** A mapping of either kind, as the service reads it. */
export interface Mapping {
  columns: Partial<Record<string, string | null>>;
  values?: Partial<Record<string, Record<string, string>>>;
  defaults?: Partial<Record<string, string>>;
  dateOrder?: DateOrder;
}

// ---------------------------------------------------------------- upload and inspection

export { MAX_FILE_BYTES } from '../../platform/spreadsheet.js';
import { MAX_FILE_BYTES } from '../../platform/spreadsheet.js';

export const UploadInput = Type.Object(
  {
    fileName: Type.String({ minLength: 1, maxLength: 255, description: 'The file’s name; .xlsx or .csv (also .txt, .tsv)' }),
    content: Type.String({ minLength: 1, maxLength: Math.ceil(MAX_FILE_BYTES / 3) * 4, contentEncoding: 'base64', description: 'The file’s bytes, base64-encoded; at most 100 MiB of file' }),
    sheet: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 100, description: 'XLSX: the sheet to read; default the first' }))),
  },
  { additionalProperties: false },
);
export type UploadInput = Static<typeof UploadInput>;

export const Column = Type.Object({
  name: Type.String({ description: 'The header text, made unique ("Nom (2)") or "Column C" when blank: what a mapping names' }),
  letter: Type.String({ description: 'The spreadsheet column letter' }),
});
export type Column = Static<typeof Column>;

export const SampleRow = Type.Object({
  row: Type.Integer({ description: 'Row number in the file (the header row is counted, as a spreadsheet shows it)' }),
  cells: Type.Array(Type.String(), { description: 'One text per column, in the order of `columns`' }),
});

const FileFacts = {
  fileName: Type.String(),
  format: literals(importFormats),
  encoding: Nullable(Type.String({ description: 'CSV: utf-8, utf-8 with BOM, utf-16, or windows-1252 when the bytes are not UTF-8' })),
  delimiter: Nullable(Type.String({ description: 'CSV: the delimiter found: , ; or tab' })),
  sheets: Type.Array(Type.String(), { description: 'XLSX: the workbook’s sheets' }),
  sheet: Nullable(Type.String({ description: 'XLSX: the sheet read' })),
  headerRow: Type.Integer({ description: 'Row number of the header (rows above it, such as a title, are skipped)' }),
  rows: Type.Integer({ description: 'Data rows (non-empty rows below the header)' }),
};

function uploadedSchema<M extends TSchema>(mapping: M) {
  return Type.Object({
    importId: Uuid(),
    kind: literals(importKinds),
    ...FileFacts,
    columns: Type.Array(Column),
    sample: Type.Array(SampleRow, { description: 'The first rows, as read' }),
    valuesFound: Type.Record(Type.String(), Type.Array(Type.String()), {
      description: 'For the columns proposed for a field with a fixed list of values (sex, relationship, category, method, payer): the distinct texts found (at most 50)',
    }),
    proposedMapping: mapping,
    expiresAt: Timestamp(),
  });
}

/** What an upload answers: the file's columns, its first rows, and a mapping proposed from its headers and values. */
export const UploadedHouseholds = uploadedSchema(HouseholdsMapping);
export const UploadedPayments = uploadedSchema(PaymentsMapping);
export const UploadedClaims = uploadedSchema(ClaimsMapping);
export interface Uploaded extends Omit<Static<typeof UploadedHouseholds>, 'proposedMapping'> {
  proposedMapping: Mapping;
}

// ---------------------------------------------------------------- report and status

export const Issue = Type.Object({
  row: Nullable(Type.Integer({ description: 'Row number in the file, or null for a problem of the whole file' })),
  column: Nullable(Type.String({ description: 'The column’s name, or the field when no column holds it' })),
  field: Nullable(Type.String()),
  code: Type.String({ description: 'Stable code of the problem' }),
  message: Type.String({ description: 'The problem, in the reader’s language' }),
  text: Type.String({ description: 'One line for people: `row 14, Date de naissance: not a date: "31/02/1990"`' }),
});
export type Issue = Static<typeof Issue>;

export const Warning = Type.Object({
  code: Type.String(),
  message: Type.String(),
  rows: Type.Array(Type.Integer(), { description: 'Rows concerned (at most 20 listed)' }),
  count: Type.Integer({ description: 'How many rows are concerned' }),
});
export type Warning = Static<typeof Warning>;

export const Report = Type.Object({
  importId: Nullable(Uuid()),
  kind: literals(importKinds),
  dryRun: Type.Boolean(),
  committed: Type.Boolean({ description: 'True when the file was written: no error and not a dry run' }),
  rows: Type.Integer({ description: 'Data rows read' }),
  created: Type.Record(Type.String(), Type.Integer(), { description: 'What was (or, in a dry run, would be) written: households, beneficiaries, payments' }),
  skipped: Type.Record(Type.String(), Type.Integer(), { description: 'Rows already loaded with the same data, left as they are' }),
  errorCount: Type.Integer(),
  errors: Type.Array(Issue, { description: 'Every bad row (at most 10,000 listed here; errorCount has them all)' }),
  warnings: Type.Array(Warning),
  seconds: Type.Number(),
});
export type Report = Static<typeof Report>;

export const ImportStatus = Type.Object({
  importId: Uuid(),
  kind: literals(importKinds),
  ...FileFacts,
  uploadedAt: Timestamp(),
  expiresAt: Timestamp(),
  state: literals(importStates, 'uploaded: waiting for a dry run or commit; running; done (see result); failed (see error)'),
  operation: Nullable(literals(importOperations)),
  phase: Nullable(literals(importPhases)),
  done: Type.Integer({ description: 'Rows handled in the current phase' }),
  total: Type.Integer({ description: 'Rows to handle' }),
  result: Nullable(Report),
  error: Nullable(Type.Object({ code: Type.String(), message: Type.String() })),
});
export type ImportStatus = Static<typeof ImportStatus>;

export const ImportParams = Type.Object({ scheme: Code('The scheme code'), importId: Uuid() }, { additionalProperties: false });
export const HouseholdsRun = Type.Object({ mapping: HouseholdsMapping }, { additionalProperties: false });
export const PaymentsRun = Type.Object({ mapping: PaymentsMapping }, { additionalProperties: false });
export const ClaimsRun = Type.Object({ mapping: ClaimsMapping }, { additionalProperties: false });
