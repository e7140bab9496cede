/**
 * Posting to the journal: one set-based statement for the entries and one for their lines,
 * whatever the number of facts (a batch adjudication posts 5,000 claims at once). An entry names
 * its source (kind and id), unique per scheme: a retried or replayed posting adds nothing.
 */
import { sql } from 'kysely';
import { recordAudit, type Actor, type Executor } from '../../platform/audit/audit.js';
import { addDays, addMonths } from '../../platform/dates.js';
import { newIds } from '../../platform/ids.js';
import { PeriodClosedError } from './finance.errors.js';
import { ensureChart } from './ledger.chart.js';

/** One line: a positive amount is a debit, a negative one a credit (minor units). */
export interface PostingLine {
  account: string;
  amount: number;
}

export interface Posting {
  sourceKind: string;
  sourceId: string;
  date: string;
  kind: string;
  memo: string;
  reversalOf?: string | null;
  lines: PostingLine[];
}

/** The last day of the latest closed month, or null when no month is closed. */
export async function closedThrough(db: Executor, schemeId: string): Promise<string | null> {
  const row = await db.selectFrom('ledger_period_close').select((eb) => eb.fn.max('month').as('month')).where('scheme_id', '=', schemeId).executeTakeFirst();
  return row?.month ? addDays(addMonths(`${row.month}-01`, 1), -1) : null;
}

/**
 * Posts entries in the caller's transaction; returns the ids of the entries written (those whose
 * source was already posted are skipped). Lines of zero are dropped and postings left empty are
 * skipped. Automatic postings (`manual: false`) dated in a closed month are dated on the first day
 * of the first open month; manual ones are refused (PeriodClosedError). An unbalanced posting is a
 * programming error (thrown as is).
 */
export async function postEntries(trx: Executor, actor: Actor, schemeId: string, postings: readonly Posting[], options: { manual?: boolean } = {}): Promise<string[]> {
  const seen = new Set<string>();
  const todo: Posting[] = [];
  for (const p of postings) {
    const lines = p.lines.filter((l) => l.amount !== 0);
    if (lines.length === 0) continue;
    const key = `${p.sourceKind}/${p.sourceId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const sum = lines.reduce((s, l) => s + l.amount, 0);
    if (sum !== 0 || lines.some((l) => !Number.isSafeInteger(l.amount))) throw new Error(`ledger: posting ${key} does not balance (${sum})`);
    todo.push({ ...p, lines });
  }
  if (todo.length === 0) return [];
  await ensureChart(trx, schemeId);
  await sql`insert into ledger_counter (scheme_id, last_number) values (${schemeId}, 0) on conflict do nothing`.execute(trx);
  // The counter row is the scheme's posting lock: numbers without gaps, and the check for sources
  // already posted cannot race with another transaction posting the same source.
  const counter = await trx.selectFrom('ledger_counter').select('last_number').where('scheme_id', '=', schemeId).forUpdate().executeTakeFirstOrThrow();
  const through = await closedThrough(trx, schemeId);
  if (through) {
    const firstOpen = addDays(through, 1);
    for (const p of todo) {
      if (p.date > through) continue;
      if (options.manual) throw new PeriodClosedError('date', p.date, through);
      p.date = firstOpen;
    }
  }
  const kinds = [...new Set(todo.map((p) => p.sourceKind))];
  const posted = await sql<{ k: string }>`
    select source_kind || '/' || source_id as k from journal_entry
     where scheme_id = ${schemeId} and source_kind = any(${kinds}::text[]) and source_id = any(${todo.map((p) => p.sourceId)}::text[])`.execute(trx);
  const already = new Set(posted.rows.map((r) => r.k));
  const fresh = todo.filter((p) => !already.has(`${p.sourceKind}/${p.sourceId}`));
  if (fresh.length === 0) return [];
  const now = new Date();
  const ids = newIds(fresh.length, now.getTime());
  const first = counter.last_number + 1;
  await sql`
    insert into journal_entry (id, scheme_id, number, date, kind, memo, source_kind, source_id, reversal_of, created_by, created_at)
    select id, ${schemeId}::uuid, number, date, kind, memo, source_kind, source_id, reversal_of, ${actor.label}, ${now}::timestamptz
      from unnest(${ids}::uuid[], ${fresh.map((_, i) => first + i)}::int[], ${fresh.map((p) => p.date)}::date[], ${fresh.map((p) => p.kind)}::text[],
                  ${fresh.map((p) => p.memo)}::text[], ${fresh.map((p) => p.sourceKind)}::text[], ${fresh.map((p) => p.sourceId)}::text[],
                  ${fresh.map((p) => p.reversalOf ?? null)}::uuid[])
        as u(id, number, date, kind, memo, source_kind, source_id, reversal_of)`.execute(trx);
  const l = { entry: [] as string[], seq: [] as number[], account: [] as string[], debit: [] as number[], credit: [] as number[] };
  fresh.forEach((p, i) =>
    p.lines.forEach((line, k) => {
      l.entry.push(ids[i]!);
      l.seq.push(k + 1);
      l.account.push(line.account);
      l.debit.push(line.amount > 0 ? line.amount : 0);
      l.credit.push(line.amount < 0 ? -line.amount : 0);
    }),
  );
  await sql`
    insert into journal_line (entry_id, seq, scheme_id, account_code, debit, credit)
    select entry_id, seq, ${schemeId}::uuid, account_code, debit, credit
      from unnest(${l.entry}::uuid[], ${l.seq}::int[], ${l.account}::text[], ${l.debit}::bigint[], ${l.credit}::bigint[]) as u(entry_id, seq, account_code, debit, credit)`.execute(trx);
  await trx.updateTable('ledger_counter').set({ last_number: counter.last_number + fresh.length }).where('scheme_id', '=', schemeId).execute();
  // One audit record per posting call: the entries themselves are append-only rows naming their source.
  const total = fresh.reduce((s, p) => s + p.lines.reduce((t, x) => t + Math.max(0, x.amount), 0), 0);
  await recordAudit(trx, actor, {
    action: 'ledger.post',
    entityType: 'journal_entry',
    entityId: fresh.length === 1 ? ids[0]! : `${ids[0]}..${ids[ids.length - 1]}`,
    schemeId,
    after: { entries: fresh.length, numbers: [first, first + fresh.length - 1], kinds: [...new Set(fresh.map((p) => p.kind))], debits: total },
  });
  return ids;
}
