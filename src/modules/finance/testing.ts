/** Test helpers for the ledger, usable by any module's tests. */
import { sql } from 'kysely';
import { expect } from 'vitest';
import type { Executor } from '../../platform/audit/audit.js';

/** Every entry of the scheme balances, and so does the whole journal (sum of debits = sum of credits). */
export async function expectBalanced(db: Executor, schemeId: string): Promise<void> {
  const { rows } = await sql<{ unbalanced: string; debit: string; credit: string }>`
    select (select count(*) from (select entry_id from journal_line where scheme_id = ${schemeId} group by entry_id having sum(debit) <> sum(credit)) x) as unbalanced,
           coalesce(sum(debit), 0) as debit, coalesce(sum(credit), 0) as credit
      from journal_line where scheme_id = ${schemeId}`.execute(db);
  const r = rows[0]!;
  expect(Number(r.unbalanced), 'entries that do not balance').toBe(0);
  expect(Number(r.debit)).toBe(Number(r.credit));
}

/** The balance of an account on a date (inclusive), debit - credit. */
export async function debitBalance(db: Executor, schemeId: string, account: string, on = '9999-12-31'): Promise<number> {
  const { rows } = await sql<{ b: string | null }>`
    select sum(l.debit - l.credit) as b from journal_line l join journal_entry e on e.id = l.entry_id
     where l.scheme_id = ${schemeId} and l.account_code = ${account} and e.date <= ${on}::date`.execute(db);
  return Number(rows[0]?.b ?? 0);
}
