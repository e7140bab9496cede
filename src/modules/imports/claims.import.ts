import type { Transaction } from 'kysely';
import { recordAudit } from '../../platform/audit/audit.js';
import type { ServiceContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import { today } from '../../platform/dates.js';
import { insertClaimsBulk, submittedClaims, type BulkClaim, type ExportedClaim } from '../claims/index.js';
import { cardHolders } from '../members/index.js';
import { normalizeDiagnosisCode, providerCatalogue } from '../providers/index.js';
import { FieldReader, Issues, Rollback, emptyReport, ownTransaction, progressReporter, type RawReport, type RunOptions } from './import-run.js';
import { claimFields, requiredClaimFields, type Mapping } from './imports.schemas.js';
import type { OpenTable, SheetRow } from '../../platform/spreadsheet.js';
import { Problem, amountOf, codeOf, dateOf, limited, textOf } from './values.js';

type Trx = Transaction<Database>;

/** The most a claim may ask, as the claims module checks on submission. */
const MAX_ASKED = 1_000_000_000_000;

interface LineRow {
  row: number;
  number: string;
  provider: string;
  card: string;
  from: string;
  to: string;
  submittedOn: string;
  diagnosis: string | null;
  guaranteeLetter: string | null;
  service: string;
  quantity: number;
  unitPrice: number;
}

/** The claim-level fields every line of a claim repeats: they must agree. */
const CLAIM_LEVEL = ['card', 'from', 'to', 'submittedOn', 'diagnosis', 'guaranteeLetter'] as const;

function rowReader(reader: FieldReader, issues: Issues, now: string) {
  return (r: SheetRow): LineRow | undefined => {
    let bad = false;
    const take = <T>(field: string, value: T | Problem): T | null => {
      if (value instanceof Problem) {
        issues.problem(r.row, field, value);
        bad = true;
        return null;
      }
      return value;
    };
    const fail = (field: string, code: string, params: Record<string, string | number> = {}) => {
      issues.add(r.row, field, code, params);
      bad = true;
    };
    const cellOf = (field: string) => reader.cell(r, field);
    const required = <T>(field: string, parse: (cell: NonNullable<ReturnType<FieldReader['cell']>>) => T | Problem): T | null => {
      const cell = cellOf(field);
      if (cell === null) return (fail(field, 'required'), null);
      return take(field, parse(cell));
    };
    const optional = <T>(field: string, parse: (cell: NonNullable<ReturnType<FieldReader['cell']>>) => T | Problem): T | null => {
      const cell = cellOf(field);
      return cell === null ? null : take(field, parse(cell));
    };

    const number = required('claimNumber', (c) => limitedCode(c, 64));
    const provider = required('provider', (c) => codeOf(c, false));
    const card = required('card', (c) => codeOf(c, true));
    const from = required('from', (c) => dateOf(c, reader.dateOrder));
    const to = optional('to', (c) => dateOf(c, reader.dateOrder)) ?? from;
    const submittedOn = optional('submittedOn', (c) => dateOf(c, reader.dateOrder)) ?? now;
    if (from && to && to < from) fail('to', 'before_care', { value: to, from });
    if (submittedOn > now) fail('submittedOn', 'in_future', { value: submittedOn });
    else if (from && submittedOn < from) fail('submittedOn', 'submitted_before_care', { value: submittedOn, from });
    const diagnosisText = textOf(cellOf('diagnosis'));
    let diagnosis: string | null = null;
    if (diagnosisText !== null) {
      diagnosis = normalizeDiagnosisCode(diagnosisText) ?? null;
      if (diagnosis === null) fail('diagnosis', 'invalid_diagnosis', { value: diagnosisText.slice(0, 40) });
    }
    const guaranteeLetter = optional('guaranteeLetter', (c) => limitedCode(c, 64));
    const service = required('service', (c) => codeOf(c, false));
    const quantity = optional('quantity', quantityOf) ?? (cellOf('quantity') === null ? 1 : null);
    const unitPrice = required('unitPrice', priceOf);
    if (quantity !== null && unitPrice !== null && quantity * unitPrice > MAX_ASKED) fail('unitPrice', 'line_too_large', { max: MAX_ASKED });
    if (bad || !number || !provider || !card || !from || !to || !service || quantity === null || unitPrice === null) return undefined;
    return { row: r.row, number, provider, card, from, to, submittedOn, diagnosis, guaranteeLetter, service, quantity, unitPrice };
  };
}

function limitedCode(cell: NonNullable<ReturnType<FieldReader['cell']>>, max: number): string | Problem {
  const code = codeOf(cell, false);
  return code instanceof Problem ? code : limited(code, max);
}

function quantityOf(cell: NonNullable<ReturnType<FieldReader['cell']>>): number | Problem {
  const text = typeof cell === 'number' ? String(cell) : String(textOf(cell) ?? '').trim();
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 100_000) return new Problem('quantity_range', { value: text.slice(0, 40), max: 100_000 });
  return Number(text);
}

/** A unit price: a whole amount, where 0 is allowed (a free item still counts as used). */
function priceOf(cell: NonNullable<ReturnType<FieldReader['cell']>>): number | Problem {
  if (cell === 0 || (typeof cell === 'string' && /^\s*0+\s*$/.test(cell))) return 0;
  return amountOf(cell);
}

/** The mapping read against a claims file's columns. Errors: MappingInvalidError. */
export function claimsFieldReader(columns: string[], mapping: Mapping): FieldReader {
  return new FieldReader(columns, mapping, claimFields, requiredClaimFields);
}

const sameClaim = (a: ExportedClaim, b: BulkClaim) =>
  a.member === b.card &&
  a.from === b.from &&
  a.to === b.to &&
  a.submittedOn === b.submittedOn &&
  (a.diagnosis ?? null) === (b.diagnosis ?? null) &&
  (a.guaranteeLetter ?? null) === (b.guaranteeLetter ?? null) &&
  a.lines.length === b.lines.length &&
  a.lines.every((l, i) => l.service === b.lines[i]!.service && l.quantity === b.lines[i]!.quantity && l.unitPrice === b.lines[i]!.unitPrice);

export interface ClaimsImportOptions extends RunOptions {
  /** Provider ids the caller may submit for (a provider clerk); undefined: any provider of the scheme. */
  providers?: Set<string>;
}

/**
 * Imports claims from a file, one row per claim line; the lines of a claim (same provider and
 * claim number) repeat its fields, which must agree. All or nothing: every row is checked, then
 * the claims are stored `submitted` in one transaction only when no row is bad, for the batch
 * adjudication to decide (the caller runs it after the commit). A claim already stored with the
 * same facts is skipped (running the file again adds nothing); another claim under its number is
 * an error. An unknown card or service is not an error: the engine rejects the line and says why
 * (`MEMBER_UNKNOWN`, `SERVICE_UNKNOWN`), as for any claim; the report warns about them.
 * Errors: MappingInvalidError.
 */
export async function importClaims(ctx: ServiceContext, scheme: { id: string; code: string }, table: OpenTable, mapping: Mapping, options: ClaimsImportOptions): Promise<RawReport> {
  const started = performance.now();
  const columns = table.columns.map((c) => c.name);
  const reader = claimsFieldReader(columns, mapping);
  const issues = new Issues((field) => reader.columnName(columns, field));
  const progress = progressReporter(options.onProgress);
  const report = emptyReport('claims', options);
  const convert = rowReader(reader, issues, today());

  // Claims by provider and number, in the order of their first row; rows kept for messages.
  const claims = new Map<string, { claim: BulkClaim; rows: number[]; firstRow: LineRow }>();
  const badClaims = new Set<string>();
  const expected = options.expectedRows ?? 0;
  for await (const chunk of table.rows) {
    for (const row of chunk) {
      const line = convert(row);
      if (!line) continue;
      const key = `${line.provider}/${line.number}`;
      const entry = claims.get(key);
      if (!entry) {
        claims.set(key, {
          claim: { number: line.number, provider: line.provider, card: line.card, from: line.from, to: line.to, submittedOn: line.submittedOn, diagnosis: line.diagnosis, guaranteeLetter: line.guaranteeLetter, lines: [{ service: line.service, quantity: line.quantity, unitPrice: line.unitPrice }] },
          rows: [line.row],
          firstRow: line,
        });
        continue;
      }
      const differs = CLAIM_LEVEL.find((f) => entry.firstRow[f] !== line[f]);
      if (differs) {
        const field = differs === 'card' ? 'card' : differs;
        issues.add(line.row, field, 'claim_inconsistent', { claim: line.number, firstRow: entry.firstRow.row, first: String(entry.firstRow[differs] ?? '') });
        badClaims.add(key);
        continue;
      }
      if (entry.claim.lines.length >= 500) {
        issues.add(line.row, 'claimNumber', 'too_many_lines', { claim: line.number, max: 500 });
        badClaims.add(key);
        continue;
      }
      entry.claim.lines.push({ service: line.service, quantity: line.quantity, unitPrice: line.unitPrice });
      entry.rows.push(line.row);
    }
    report.rows += chunk.length;
    progress('reading', report.rows, Math.max(expected, report.rows));
  }
  const total = report.rows;
  progress('checking', 0, total);

  // Against the scheme: providers registered (and the caller's), claims already stored.
  const catalogue = await providerCatalogue(ctx.db, scheme.id);
  for (const [key, { claim, firstRow }] of claims) {
    const provider = catalogue.providers.get(claim.provider);
    if (!provider) {
      issues.add(firstRow.row, 'provider', 'unknown_provider', { value: claim.provider });
      badClaims.add(key);
    } else if (options.providers && !options.providers.has(provider.id)) {
      issues.add(firstRow.row, 'provider', 'provider_not_yours', { value: claim.provider });
      badClaims.add(key);
    }
  }
  const stored = await submittedClaims(ctx.db, scheme.id, [...claims.values()].map((c) => ({ provider: c.claim.provider, number: c.claim.number })));
  const toWrite: BulkClaim[] = [];
  let skipped = 0;
  for (const [key, { claim, firstRow }] of claims) {
    if (badClaims.has(key)) continue;
    const earlier = stored.get(key);
    if (!earlier) toWrite.push(claim);
    else if (sameClaim(earlier, claim)) skipped += 1;
    else issues.add(firstRow.row, 'claimNumber', 'claim_number_taken', { claim: claim.number, provider: claim.provider });
  }
  // Warnings: what the engine will reject, so that a typo is seen before the commit.
  const holders = await cardHolders(ctx.db, scheme.id, [...new Set(toWrite.map((c) => c.card))]);
  for (const c of toWrite) {
    const first = claims.get(`${c.provider}/${c.number}`)!;
    if (!holders.has(c.card)) issues.warn(first.firstRow.row, 'unknown_card', { value: c.card });
    c.lines.forEach((l, i) => {
      if (!catalogue.services.has(l.service)) issues.warn(first.rows[i]!, 'unknown_service', { value: l.service });
    });
  }
  progress('checking', total, total);

  const lines = toWrite.reduce((n, c) => n + c.lines.length, 0);
  report.created = { claims: toWrite.length, lines };
  report.skipped = { claims: skipped };
  const write = async (trx: Trx) => {
    report.errors = issues.sorted();
    report.errorCount = issues.count;
    report.warnings = issues.warnings;
    report.seconds = (performance.now() - started) / 1000;
    if (options.dryRun || issues.count) throw new Rollback(report);
    progress('writing', 0, total);
    await insertClaimsBulk(trx, scheme.id, toWrite, { createdBy: ctx.actor.label, source: 'upload' });
    progress('writing', total, total);
    report.committed = true;
    report.seconds = (performance.now() - started) / 1000;
    await recordAudit(trx, ctx.actor, {
      action: 'import.commit',
      entityType: 'import',
      entityId: options.importId ?? `file:${options.fileName}`,
      schemeId: scheme.id,
      after: { kind: 'claims', file: options.fileName, rows: report.rows, created: report.created, skipped: report.skipped },
    });
    return report;
  };
  return ownTransaction(ctx, write);
}
