import type { ServiceContext } from '../../platform/context.js';
import { DomainError, type ErrorDetail } from '../../platform/errors.js';
import { compileSchema } from '../../platform/http/validation.js';
import type { Locale } from '../../platform/i18n/index.js';
import { translate } from '../../platform/i18n/index.js';
import { adjudicateSubmitted } from '../claims/index.js';
import { analyzeMemberTables } from '../members/index.js';
import { claimsFieldReader, importClaims } from './claims.import.js';
import { isKnownHeader, proposeColumns, proposeDateOrder, proposeValues, valueFieldsOf } from './columns.js';
import { householdsFieldReader, importHouseholds } from './households.import.js';
import { wordReport, type ProgressListener, type RawReport } from './import-run.js';
import { ImportBusyError, ImportDoneError, MappingInvalidError, UnreadableFileError } from './imports.errors.js';
import { ClaimsMapping, HouseholdsMapping, PaymentsMapping, type ImportKind, type ImportOperation, type ImportStatus, type Mapping, type Report, type Uploaded } from './imports.schemas.js';
import type { ImportStore, StoredUpload } from './imports.store.js';
import { importPayments, paymentsFieldReader } from './payments.import.js';
import { cellText, openTable, type OpenTable, type TableFacts } from '../../platform/spreadsheet.js';

/** The file as given: its name, its bytes, and for a workbook the sheet to read (default the first). */
export interface ImportFile {
  fileName: string;
  bytes: Buffer;
  sheet?: string | null;
}

export type Inspection = Omit<Uploaded, 'importId' | 'expiresAt'>;

const SAMPLE_ROWS = 10;
const MAX_VALUES_FOUND = 50;

function open(file: ImportFile): Promise<OpenTable> {
  return openTable(file.bytes, file.fileName, { sheet: file.sheet ?? null, isKnownHeader });
}

/**
 * Reads a whole file to show what is in it: its columns, its first rows, the texts found in
 * columns of values to translate (sex, relationship, …), and a proposed mapping from headers in
 * English or French. Writes nothing. Errors: UnreadableFileError.
 */
export async function inspectFile(kind: ImportKind, file: ImportFile): Promise<Inspection> {
  const table = await open(file);
  const names = table.columns.map((c) => c.name);
  const columns = proposeColumns(kind, names);
  const valueColumns = Object.keys(valueFieldsOf[kind]).flatMap((field) => {
    const column = columns[field];
    return column ? [{ field, index: names.indexOf(column), found: new Map<string, string>() }] : [];
  });
  const dateColumns = ({ households: ['birthDate', 'joinedOn'], payments: ['date'], claims: ['from', 'to', 'submittedOn'] } as const)[kind].flatMap((f) => (columns[f] ? [names.indexOf(columns[f]!)] : []));
  const dateTexts: string[] = [];
  const sample: Inspection['sample'] = [];
  let rows = 0;
  for await (const chunk of table.rows) {
    for (const row of chunk) {
      rows += 1;
      if (sample.length < SAMPLE_ROWS) sample.push({ row: row.row, cells: names.map((_n, i) => cellText(row.cells[i])) });
      for (const v of valueColumns) {
        if (v.found.size >= MAX_VALUES_FOUND) continue;
        const text = cellText(row.cells[v.index]);
        if (text && !v.found.has(text.toLowerCase())) v.found.set(text.toLowerCase(), text);
      }
      if (dateTexts.length < 500) for (const i of dateColumns) if (typeof row.cells[i] === 'string') dateTexts.push(row.cells[i] as string);
    }
  }
  if (rows === 0) throw new UnreadableFileError('no_data', 'the file has a header but no rows below it');
  const values: Record<string, Record<string, string>> = {};
  const valuesFound: Record<string, string[]> = {};
  for (const v of valueColumns) {
    valuesFound[v.field] = [...v.found.values()];
    const proposed = proposeValues(v.field, valuesFound[v.field]!);
    if (Object.keys(proposed).length) values[v.field] = proposed;
  }
  const defaults: Record<string, string> = {};
  if (kind === 'households' && !columns.category) defaults.category = 'regular';
  if (kind === 'payments' && !columns.method) defaults.method = 'cash';
  if (kind === 'claims' && !columns.quantity) defaults.quantity = '1';
  const proposedMapping: Mapping = { columns, values, defaults, dateOrder: proposeDateOrder(dateTexts) };
  return { kind, ...facts(table, file.fileName), rows, columns: table.columns, sample, valuesFound, proposedMapping };
}

function facts(table: TableFacts, fileName: string) {
  return { fileName, format: table.format, encoding: table.encoding, delimiter: table.delimiter, sheets: table.sheets, sheet: table.sheet, headerRow: table.headerRow };
}

const mappingValidators = { households: compileSchema(HouseholdsMapping), payments: compileSchema(PaymentsMapping), claims: compileSchema(ClaimsMapping) };

/** A mapping read from JSON (the CLI's --mapping file), checked against its schema. Errors: MappingInvalidError. */
export function parseMapping(kind: ImportKind, value: unknown): Mapping {
  const validate = mappingValidators[kind];
  if (validate(value)) return value as Mapping;
  const details: ErrorDetail[] = (validate.errors ?? []).map((e) => ({
    field: `mapping${e.instancePath.replace(/\//g, '.')}${e.keyword === 'additionalProperties' ? `.${String((e.params as { additionalProperty?: string }).additionalProperty)}` : ''}`,
    message: e.keyword === 'additionalProperties' ? 'is not a known field' : (e.message ?? 'is invalid'),
  }));
  throw new MappingInvalidError(details);
}

export interface RunRequest {
  kind: ImportKind;
  scheme: { id: string; code: string };
  file: ImportFile;
  mapping: Mapping;
  dryRun: boolean;
  importId?: string | null;
  expectedRows?: number;
  onProgress?: ProgressListener;
  /** Claims: the provider ids the caller may submit for (a provider clerk); undefined: any. */
  providers?: Set<string>;
}

/**
 * Checks a file against the scheme with a mapping and, unless it is a dry run and when no row is
 * bad, writes it: all or nothing, safe to run again (see importHouseholds, importPayments).
 * Refreshes the planner's statistics after a large load. Errors: UnreadableFileError,
 * MappingInvalidError; row problems are in the report.
 */
export async function runImport(ctx: ServiceContext, request: RunRequest): Promise<RawReport> {
  const table = await open(request.file);
  const options = { dryRun: request.dryRun, importId: request.importId, fileName: request.file.fileName, expectedRows: request.expectedRows, onProgress: request.onProgress };
  const run = { households: importHouseholds, payments: importPayments, claims: importClaims }[request.kind];
  const report = await run(ctx, request.scheme, table, request.mapping, { ...options, providers: request.providers });
  if (report.committed && request.kind === 'households' && (report.created.beneficiaries ?? 0) >= 10_000 && !ctx.db.isTransaction) await analyzeMemberTables(ctx.db);
  // Stored claims are decided by the batch adjudication, in the engine's order with the scheme's
  // other submitted claims (it waits for a run under way). Inside a caller's transaction, the
  // caller decides when to run it.
  if (report.committed && request.kind === 'claims' && !ctx.db.isTransaction) await adjudicateSubmitted(ctx, request.scheme.id);
  return report;
}

export { wordReport };

// ---------------------------------------------------------------- uploads kept for the web app

/** Keeps an uploaded file after reading it through (see inspectFile), for its dry run and commit. */
export async function uploadFile(store: ImportStore, schemeId: string, kind: ImportKind, file: ImportFile): Promise<Uploaded> {
  const inspection = await inspectFile(kind, file);
  const stored = store.add({
    schemeId,
    kind,
    fileName: file.fileName,
    bytes: file.bytes,
    sheet: inspection.sheet,
    facts: { format: inspection.format, encoding: inspection.encoding, delimiter: inspection.delimiter, sheets: inspection.sheets, sheet: inspection.sheet, headerRow: inspection.headerRow, columns: inspection.columns, rows: inspection.rows },
  });
  return { ...inspection, importId: stored.id, expiresAt: stored.expiresAt.toISOString() };
}

/**
 * Starts the dry run or the commit of an upload in the background and returns at once; its
 * progress and its report come from importStatus. The mapping is checked first (400 now rather
 * than a failed run). Errors: ImportNotFoundError, ImportBusyError, ImportDoneError, MappingInvalidError.
 */
export function startRun(
  ctx: ServiceContext,
  store: ImportStore,
  scheme: { id: string; code: string },
  kind: ImportKind,
  importId: string,
  mapping: Mapping,
  operation: ImportOperation,
  log: { error(obj: unknown, msg: string): void },
  providers?: Set<string>,
): StoredUpload {
  const upload = store.get(scheme.id, kind, importId);
  if (upload.running) throw new ImportBusyError();
  if (upload.result?.committed) throw new ImportDoneError();
  checkMapping(kind, upload.facts.columns.map((c) => c.name), mapping);
  Object.assign(upload, { state: 'running', operation, phase: 'reading', done: 0, total: upload.facts.rows, result: null, error: null });
  const onProgress: ProgressListener = (phase, done, total) => Object.assign(upload, { phase, done, total });
  upload.running = runImport(ctx, { kind, scheme, file: { fileName: upload.fileName, bytes: upload.bytes, sheet: upload.sheet }, mapping, dryRun: operation === 'dry_run', importId, expectedRows: upload.facts.rows, onProgress, providers })
    .then((report) => {
      Object.assign(upload, { state: 'done', result: report, done: upload.total });
      // A committed file cannot be committed again: its bytes are not needed any more.
      if (report.committed) upload.bytes = Buffer.alloc(0);
    })
    .catch((error: unknown) => {
      if (error instanceof DomainError) upload.error = { code: error.code, message: [error.message, ...error.details.map((d) => `${d.field}: ${d.message}`)].join('\n') };
      else {
        log.error({ err: error, importId }, 'import failed');
        upload.error = { code: 'internal', message: 'Something went wrong on the server; the error was logged' };
      }
      upload.state = 'failed';
    })
    .finally(() => {
      upload.running = null;
    });
  return upload;
}

/** Throws MappingInvalidError when the mapping does not fit the file's columns. */
function checkMapping(kind: ImportKind, columns: string[], mapping: Mapping): void {
  ({ households: householdsFieldReader, payments: paymentsFieldReader, claims: claimsFieldReader })[kind](columns, mapping);
}

/** Where an upload stands, its report in the reader's language. Errors: ImportNotFoundError. */
export function importStatus(store: ImportStore, schemeId: string, kind: ImportKind, importId: string, locale: Locale): ImportStatus {
  return statusOf(store.get(schemeId, kind, importId), locale);
}

export function statusOf(upload: StoredUpload, locale: Locale): ImportStatus {
  const report: Report | null = upload.result ? wordReport(upload.result, locale) : null;
  return {
    importId: upload.id,
    kind: upload.kind,
    fileName: upload.fileName,
    format: upload.facts.format,
    encoding: upload.facts.encoding,
    delimiter: upload.facts.delimiter,
    sheets: upload.facts.sheets,
    sheet: upload.facts.sheet,
    headerRow: upload.facts.headerRow,
    rows: upload.facts.rows,
    uploadedAt: upload.uploadedAt.toISOString(),
    expiresAt: upload.expiresAt.toISOString(),
    state: upload.state,
    operation: upload.operation,
    phase: upload.phase,
    done: upload.done,
    total: upload.total,
    result: report,
    error: upload.error ? { code: upload.error.code, message: upload.error.code === 'internal' ? translate(locale, 'errors.internal') : upload.error.message } : null,
  };
}
