/**
 * Coverage facts the ledger needs (the finance module posts them; it never reads coverage tables).
 */
import { sql } from 'kysely';
import type { Executor } from '../../platform/audit/audit.js';

/**
 * Contributions billed (dues falling due by `on`, fees excluded) earned by `on`: each due's
 * contribution times the days of its coverage period up to `on` over the days of the period,
 * summed over the scheme in exact decimals, then rounded half away from zero to a minor unit.
 */
export async function contributionsEarnedBy(db: Executor, schemeId: string, on: string): Promise<number> {
  const { rows } = await sql<{ earned: string | null }>`
    select round(sum(d.contribution::numeric * (least(p.end_date, ${on}::date) - p.start_date + 1) / (p.end_date - p.start_date + 1))) as earned
      from due d
      join coverage_period p on p.scheme_id = d.scheme_id and p.id = d.period_id
     where d.scheme_id = ${schemeId} and d.due_date <= ${on}::date and p.start_date <= ${on}::date`.execute(db);
  return Number(rows[0]?.earned ?? 0);
}
