import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import { recordAudit } from '../../platform/audit/audit.js';
import type { ServiceContext } from '../../platform/context.js';
import type { Db } from '../../platform/db/connection.js';
import type { Database } from '../../platform/db/schema.js';
import { today } from '../../platform/dates.js';
import { DomainError } from '../../platform/errors.js';
import { householdAccount, listSubsidizers, recordPayment } from '../coverage/index.js';
import { listGroups } from '../members/index.js';
import { valueOf } from './columns.js';
import { FieldReader, Issues, Rollback, emptyReport, inSavepoint, ownTransaction, progressReporter, refusal, type RawReport, type RunOptions } from './import-run.js';
import { paymentFields, paymentValueFields, requiredPaymentFields, type Mapping } from './imports.schemas.js';
import type { OpenTable, SheetRow } from '../../platform/spreadsheet.js';
import { Problem, amountOf, codeOf, dateOf, limited, textOf } from './values.js';

type Trx = Transaction<Database>;
type Method = (typeof paymentValueFields.method)[number];
type Payer = (typeof paymentValueFields.payer)[number];

interface PaymentRow {
  row: number;
  household: string;
  date: string;
  amount: number;
  method: Method;
  payer: Payer;
  group: string | null;
  subsidizer: string | null;
  receipt: string | null;
  collector: string | null;
}

function rowReader(reader: FieldReader, issues: Issues, now: string) {
  const cache = new Map<string, string | null>();
  const enumValue = (field: keyof typeof paymentValueFields, text: string): string | null => {
    const key = `${field}\u0000${text}`;
    let value = cache.get(key);
    if (value === undefined) {
      const found = valueOf(field, text, reader.values(field));
      value = found !== undefined && (paymentValueFields[field] as readonly string[]).includes(found) ? found : null;
      cache.set(key, value);
    }
    return value;
  };

  return (r: SheetRow): PaymentRow | undefined => {
    let bad = false;
    const fail = (field: string, code: string, params: Record<string, string | number> = {}) => {
      issues.add(r.row, field, code, params);
      bad = true;
    };
    const take = <T>(field: string, value: T | Problem): T | null => {
      if (value instanceof Problem) {
        issues.problem(r.row, field, value);
        bad = true;
        return null;
      }
      return value;
    };
    const required = <T>(field: string, parse: (cell: NonNullable<ReturnType<FieldReader['cell']>>) => T | Problem): T | null => {
      const cell = reader.cell(r, field);
      if (cell === null) return (fail(field, 'required'), null);
      return take(field, parse(cell));
    };
    const enumOf = (field: keyof typeof paymentValueFields) => {
      const t = textOf(reader.cell(r, field));
      if (t === null) return null;
      const value = enumValue(field, t);
      if (value === null) fail(field, 'unknown_value', { value: t.slice(0, 60), allowed: paymentValueFields[field].join(', ') });
      return value;
    };

    const household = required('household', (c) => codeOf(c, true));
    const date = required('date', (c) => dateOf(c, reader.dateOrder));
    if (date && date > now) fail('date', 'in_future', { value: date });
    const amount = required('amount', amountOf);
    const method = textOf(reader.cell(r, 'method')) === null ? (fail('method', 'required'), null) : (enumOf('method') as Method | null);
    // As recordPayment decides when no payer is given.
    const payer = (enumOf('payer') as Payer | null) ?? (method === 'subsidy' ? 'subsidizer' : method === 'group_remittance' ? 'group' : 'member');
    const codeCell = (field: string) => {
      const cell = reader.cell(r, field);
      return cell === null ? null : take(field, codeOf(cell, false));
    };
    const group = codeCell('group');
    const subsidizer = codeCell('subsidizer');
    if (payer === 'group' && !group && !bad) fail('group', 'payer_group');
    if (payer === 'subsidizer' && !subsidizer && !bad) fail('subsidizer', 'payer_subsidizer');
    const receiptText = textOf(reader.cell(r, 'receipt'));
    const receipt = receiptText === null ? null : take('receipt', limited(receiptText, 64));
    const collectorText = textOf(reader.cell(r, 'collector'));
    const collector = collectorText === null ? null : take('collector', limited(collectorText, 100));
    if (bad || !household || !date || !amount || !method) return undefined;
    return { row: r.row, household, date, amount, method, payer, group, subsidizer, receipt, collector };
  };
}

/**
 * The idempotency key of a payment without a receipt number: its facts and how many identical
 * payments come before it in the file, so that running the same file again records nothing new.
 */
function keyOf(p: PaymentRow, occurrence: number): string {
  const facts = [p.household, p.date, p.amount, p.method, p.payer, p.group ?? '', p.subsidizer ?? '', p.collector ?? '', occurrence].join('|');
  return `import:${createHash('sha256').update(facts).digest('base64url')}`;
}

/** The mapping read against a payments file's columns. Errors: MappingInvalidError. */
export function paymentsFieldReader(columns: string[], mapping: Mapping): FieldReader {
  return new FieldReader(columns, mapping, paymentFields, [...requiredPaymentFields, 'method']);
}

/**
 * Imports payments from a file, one row per payment, each allocated to the household's oldest
 * dues by the coverage module's recordPayment. All or nothing, like importHouseholds: every row
 * is checked, then the file is written in one transaction only when no row is bad. Rows already
 * loaded (same receipt and data; without receipt, the same payment from the same file) are
 * skipped; a receipt already used for another payment is an error. Errors: MappingInvalidError.
 */
export async function importPayments(ctx: ServiceContext, scheme: { id: string; code: string }, table: OpenTable, mapping: Mapping, options: RunOptions): Promise<RawReport> {
  const started = performance.now();
  const columns = table.columns.map((c) => c.name);
  const reader = paymentsFieldReader(columns, mapping);
  const issues = new Issues((field) => reader.columnName(columns, field));
  const progress = progressReporter(options.onProgress);
  const now = today();
  const report = emptyReport('payments', options);

  const convert = rowReader(reader, issues, now);
  const payments: PaymentRow[] = [];
  const expected = options.expectedRows ?? 0;
  for await (const chunk of table.rows) {
    for (const row of chunk) {
      const payment = convert(row);
      if (payment) payments.push(payment);
    }
    report.rows += chunk.length;
    progress('reading', report.rows, Math.max(expected, report.rows));
  }
  const total = report.rows;
  progress('checking', 0, total);

  // Across rows: receipts once in the file, groups and subsidizers of the scheme.
  const receipts = new Map<string, number>();
  const good = new Set(payments);
  for (const p of payments) {
    if (!p.receipt) continue;
    const first = receipts.get(p.receipt);
    if (first !== undefined) {
      issues.add(p.row, 'receipt', 'duplicate_receipt', { receipt: p.receipt, firstRow: first });
      good.delete(p);
    } else receipts.set(p.receipt, p.row);
  }
  const groups = new Set((await listGroups(ctx, scheme.id)).map((g) => g.code.toUpperCase()));
  const subsidizers = new Set((await listSubsidizers(ctx, scheme.id)).map((s) => s.code.toUpperCase()));
  for (const p of payments) {
    if (p.group && !groups.has(p.group.toUpperCase())) {
      issues.add(p.row, 'group', 'unknown_group', { value: p.group });
      good.delete(p);
    }
    if (p.subsidizer && !subsidizers.has(p.subsidizer.toUpperCase())) {
      issues.add(p.row, 'subsidizer', 'unknown_subsidizer', { value: p.subsidizer });
      good.delete(p);
    }
  }
  progress('checking', total, total);

  let created = 0;
  let skipped = 0;
  const write = async (trx: Trx) => {
    const t: ServiceContext = { ...ctx, db: trx as unknown as Db };
    // What each household of the file has paid already, by receipt.
    const loaded = new Map<string, { household: string; date: string; amount: number }>();
    const unknown = new Set<string>();
    for (const number of new Set([...good].map((p) => p.household))) {
      try {
        for (const p of (await householdAccount(t, scheme.id, number)).payments) if (p.receipt) loaded.set(p.receipt, p);
      } catch (error) {
        if (!(error instanceof DomainError && error.kind === 'not_found')) throw error;
        unknown.add(number);
      }
    }
    // In date order, as they were paid: each pays the oldest dues left.
    const ordered = [...good].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.row - b.row));
    const occurrences = new Map<string, number>();
    let done = total - ordered.length;
    for (const p of ordered) {
      done += 1;
      progress('writing', done, total);
      if (unknown.has(p.household)) {
        issues.add(p.row, 'household', 'unknown_household', { value: p.household });
        continue;
      }
      let idempotencyKey: string | null = null;
      if (p.receipt) {
        const already = loaded.get(p.receipt);
        if (already) {
          if (already.household !== p.household || already.date !== p.date || already.amount !== p.amount) {
            issues.add(p.row, 'receipt', 'receipt_differs', { receipt: p.receipt, household: already.household, date: already.date, amount: already.amount });
          } else skipped += 1;
          continue;
        }
      } else {
        const facts = keyOf(p, 0);
        const n = (occurrences.get(facts) ?? 0) + 1;
        occurrences.set(facts, n);
        idempotencyKey = keyOf(p, n);
      }
      const recorded = await inSavepoint(trx, () =>
        recordPayment(t, scheme.id, {
          household: p.household,
          date: p.date,
          amount: p.amount,
          method: p.method,
          payer: p.payer,
          group: p.group,
          subsidizer: p.subsidizer,
          receipt: p.receipt,
          collector: p.collector,
          idempotencyKey,
        }),
      );
      if (recorded.ok) {
        if (recorded.value.replayed) skipped += 1;
        else created += 1;
      } else if (recorded.error instanceof DomainError && recorded.error.code === 'receipt_taken') {
        issues.add(p.row, 'receipt', 'receipt_taken', { receipt: p.receipt ?? '' });
      } else {
        const { code, params } = refusal(recorded.error);
        issues.add(p.row, null, code, params);
      }
    }
    report.created = { payments: created };
    report.skipped = { payments: skipped };
    report.errors = issues.sorted();
    report.errorCount = issues.count;
    report.warnings = issues.warnings;
    report.seconds = (performance.now() - started) / 1000;
    if (options.dryRun || issues.count) throw new Rollback(report);
    report.committed = true;
    await recordAudit(trx, ctx.actor, {
      action: 'import.commit',
      entityType: 'import',
      entityId: options.importId ?? `file:${options.fileName}`,
      schemeId: scheme.id,
      after: { kind: 'payments', file: options.fileName, rows: report.rows, created: report.created, skipped: report.skipped },
    });
    return report;
  };
  return ownTransaction(ctx, write);
}
