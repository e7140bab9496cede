import { type Transaction, sql } from 'kysely';
import type { Db } from '../../platform/db/connection.js';
import type { Database } from '../../platform/db/schema.js';
import type { Executor } from '../../platform/audit/audit.js';
import { DomainError, type ErrorDetail } from '../../platform/errors.js';
import { translate, type Locale } from '../../platform/i18n/index.js';
import { MappingInvalidError } from './imports.errors.js';
import type { DateOrder, ImportKind, ImportPhase, Issue, Mapping, Report, Warning } from './imports.schemas.js';
import type { Cell, SheetRow } from '../../platform/spreadsheet.js';
import type { Problem } from './values.js';

/** What the households and payments importers share: the mapping read against the file, problems, progress. */

export type ProgressListener = (phase: ImportPhase, done: number, total: number) => void;

export interface RunOptions {
  dryRun: boolean;
  /** The upload this run reads (for the audit log and the report). */
  importId?: string | null;
  fileName: string;
  /** Data rows of the file, when known beforehand (uploads count them): the total of progress. */
  expectedRows?: number;
  onProgress?: ProgressListener;
}

/** A problem of one row, kept as a code and parameters and worded when the report is read. */
export interface RawIssue {
  row: number | null;
  column: string | null;
  field: string | null;
  code: string;
  params: Record<string, string | number>;
}

export interface RawWarning {
  code: string;
  params: Record<string, string | number>;
  rows: number[];
  count: number;
}

/** A report as the importers make it: problems not yet worded in anyone's language. */
export interface RawReport extends Omit<Report, 'errors' | 'warnings'> {
  errors: RawIssue[];
  warnings: RawWarning[];
}

/** The most problems a report lists (all are counted); the CLI prints them all. */
export const MAX_LISTED_ERRORS = 10_000;

/** Collects every problem of a run, worded later in the reader's language. */
export class Issues {
  readonly list: RawIssue[] = [];
  private readonly warningsByKey = new Map<string, RawWarning>();

  constructor(private readonly columnOf: (field: string) => string | null) {}

  add(row: number | null, field: string | null, code: string, params: Record<string, string | number> = {}): void {
    this.list.push({ row, column: field ? this.columnOf(field) : null, field, code, params });
  }

  problem(row: number, field: string, problem: Problem): void {
    this.add(row, field, problem.code, problem.params);
  }

  /** A warning of many rows, listed once with the rows concerned. */
  warn(row: number, code: string, params: Record<string, string | number>): void {
    const key = `${code}\u0000${JSON.stringify(params)}`;
    let w = this.warningsByKey.get(key);
    if (!w) this.warningsByKey.set(key, (w = { code, params, rows: [], count: 0 }));
    w.count += 1;
    if (w.rows.length < 20) w.rows.push(row);
  }

  get warnings(): RawWarning[] {
    return [...this.warningsByKey.values()];
  }

  get count(): number {
    return this.list.length;
  }

  /** In row order, problems of the whole file first. */
  sorted(): RawIssue[] {
    return [...this.list].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  }
}

/** The mapping read against the file's columns: where each field's cell is, and its default. */
export class FieldReader {
  readonly index = new Map<string, number>();
  readonly defaults = new Map<string, string>();
  readonly dateOrder: DateOrder;

  constructor(
    columns: string[],
    private readonly mapping: Mapping,
    fields: readonly string[],
    required: readonly string[],
    extraCheck: (has: (field: string) => boolean) => ErrorDetail[] = () => [],
  ) {
    const details: ErrorDetail[] = [];
    const byName = new Map(columns.map((c, i) => [c, i]));
    const byLowerName = new Map(columns.map((c, i) => [c.toLowerCase().trim(), i]));
    for (const field of fields) {
      const column = mapping.columns[field];
      if (column) {
        const i = byName.get(column) ?? byLowerName.get(column.toLowerCase().trim());
        if (i === undefined) details.push({ field: `mapping.columns.${field}`, message: `the file has no column "${column}"` });
        else this.index.set(field, i);
      }
      const fallback = mapping.defaults?.[field];
      if (fallback !== undefined && fallback.trim() !== '') this.defaults.set(field, fallback.trim());
    }
    for (const field of required) {
      if (!this.has(field) && !details.some((d) => d.field === `mapping.columns.${field}`)) {
        details.push({ field: `mapping.columns.${field}`, message: 'is required: name the column that holds it, or give a default' });
      }
    }
    details.push(...extraCheck((f) => this.has(f)));
    if (details.length) throw new MappingInvalidError(details);
    this.dateOrder = mapping.dateOrder ?? 'dmy';
  }

  has(field: string): boolean {
    return this.index.has(field) || this.defaults.has(field);
  }

  /** The field's cell in a row, or its default when the cell is empty; null when neither. */
  cell(row: SheetRow, field: string): Cell {
    const i = this.index.get(field);
    if (i !== undefined) {
      const cell = row.cells[i];
      if (cell !== undefined && cell !== null && !(typeof cell === 'string' && cell.trim() === '')) return cell;
    }
    return this.defaults.get(field) ?? null;
  }

  /** The column's name for reports, or the field's when no column holds it (a default). */
  columnName(columns: string[], field: string): string | null {
    const i = this.index.get(field);
    return i !== undefined ? columns[i]! : field;
  }

  values(field: string): Record<string, string> | undefined {
    return this.mapping.values?.[field];
  }
}

/** Reports progress at most every 1% (and at each phase's end), so a listener is not called per row. */
export function progressReporter(listener: ProgressListener | undefined): ProgressListener {
  if (!listener) return () => undefined;
  let last = { phase: '', done: -1 };
  return (phase, done, total) => {
    const step = Math.max(1, Math.floor(total / 100));
    if (phase !== last.phase || done >= total || done - last.done >= step) {
      last = { phase, done };
      listener(phase, done, total);
    }
  };
}

/** Thrown to roll back a run that must write nothing (a dry run, or a file with errors). */
export class Rollback extends Error {
  constructor(readonly report: RawReport) {
    super('rollback');
  }
}

let savepoints = 0;

/**
 * Runs `work` inside a savepoint: a statement the database refuses (a unique index) undoes only
 * this step, and the caller's transaction goes on. Returns the error for the caller to classify.
 */
export async function inSavepoint<T>(trx: Executor, work: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  const name = sql.id(`import_${++savepoints}`);
  await sql`savepoint ${name}`.execute(trx);
  try {
    const value = await work();
    await sql`release savepoint ${name}`.execute(trx);
    return { ok: true, value };
  } catch (error) {
    await sql`rollback to savepoint ${name}`.execute(trx);
    await sql`release savepoint ${name}`.execute(trx);
    return { ok: false, error };
  }
}

/**
 * Runs a whole import in a transaction of its own, rolled back when `work` throws Rollback (a
 * dry run, or a file with errors). Inside a caller's transaction it is a savepoint, so that a
 * rollback undoes the import and nothing of the caller's.
 */
export async function ownTransaction(ctx: { db: Db }, work: (trx: Transaction<Database>) => Promise<RawReport>): Promise<RawReport> {
  try {
    if (!ctx.db.isTransaction) return await ctx.db.transaction().execute(work);
    const trx = ctx.db as unknown as Transaction<Database>;
    const result = await inSavepoint(trx, () => work(trx));
    if (!result.ok) throw result.error;
    return result.value;
  } catch (error) {
    if (error instanceof Rollback) return error.report;
    throw error;
  }
}

export const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === '23505';

/** A refusal by another module's service, as a problem of the row. */
export function refusal(error: unknown): { code: string; params: Record<string, string | number> } {
  if (error instanceof DomainError) {
    const detail = error.details[0];
    return { code: 'refused', params: { message: detail ? `${detail.field}: ${detail.message}` : error.message } };
  }
  throw error;
}

// ---------------------------------------------------------------- wording

function line(locale: Locale, row: number | null, column: string | null, message: string): string {
  if (row !== null && column) return translate(locale, 'imports.line.row_column', { row, column, message });
  if (row !== null) return translate(locale, 'imports.line.row', { row, message });
  if (column) return translate(locale, 'imports.line.column', { column, message });
  return message;
}

/** A problem worded in the reader's language. */
export function wordIssue(issue: RawIssue, locale: Locale): Issue {
  const message = translate(locale, `imports.issues.${issue.code}`, issue.params);
  return { row: issue.row, column: issue.column, field: issue.field, code: issue.code, message, text: line(locale, issue.row, issue.column, message) };
}

export function wordWarning(warning: RawWarning, locale: Locale): Warning {
  return { code: warning.code, message: translate(locale, `imports.warnings.${warning.code}`, warning.params), rows: warning.rows, count: warning.count };
}

/** The report in the reader's language, with at most `limit` problems listed. */
export function wordReport(report: RawReport, locale: Locale, limit = MAX_LISTED_ERRORS): Report {
  return { ...report, errors: report.errors.slice(0, limit).map((i) => wordIssue(i, locale)), warnings: report.warnings.map((w) => wordWarning(w, locale)) };
}

export function emptyReport(kind: ImportKind, options: RunOptions): RawReport {
  return { importId: options.importId ?? null, kind, dryRun: options.dryRun, committed: false, rows: 0, created: {}, skipped: {}, errorCount: 0, errors: [], warnings: [], seconds: 0 };
}
