import { sql } from 'kysely';
import type { Executor } from '../../platform/audit/audit.js';

// Advisory lock classes (the claims engine uses 1_836_412_001 and _002).
const LOCKS = { guarantee_letter: 1_836_412_010, payment_batch: 1_836_412_011 } as const;

/**
 * Takes the scheme's lock for numbering letters or batches, until the transaction ends: two
 * requests never get the same number, and a number given by the caller is checked under it.
 */
export async function lockNumbering(trx: Executor, schemeId: string, table: keyof typeof LOCKS): Promise<void> {
  await sql`select pg_advisory_xact_lock(${LOCKS[table]}::int, hashtext(${schemeId}))`.execute(trx);
}

/**
 * The next number of a scheme's letters (GL-000001) or batches (PB-000001): one more than the
 * highest of that form, so that numbers given by a scheme file in the same form are followed.
 * Call under lockNumbering.
 */
export async function nextNumber(trx: Executor, schemeId: string, table: keyof typeof LOCKS, prefix: string): Promise<string> {
  const pattern = `^${prefix}-([0-9]{1,15})$`;
  const { rows } = await sql<{ n: string | null }>`
    select max(substring(number from ${pattern})::bigint)::text as n from ${sql.table(table)} where scheme_id = ${schemeId}`.execute(trx);
  return `${prefix}-${String(Number(rows[0]?.n ?? 0) + 1).padStart(6, '0')}`;
}
