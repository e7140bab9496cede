import { sql } from 'kysely';
import type { Executor } from '../../platform/audit/audit.js';

/**
 * Households with a member added or changed (joined, died, left) since `since`: the indicators'
 * summaries recompute the coverage of these households (coverage.indicators.ts). A member is
 * written with `updated_at` = `created_at`, and every change stamps `updated_at`.
 */
export async function householdsWithMembersChangedSince(db: Executor, schemeId: string, since: Date): Promise<string[]> {
  const { rows } = await sql<{ household_id: string }>`
    select distinct household_id from beneficiary where scheme_id = ${schemeId} and updated_at > ${since}`.execute(db);
  return rows.map((r) => r.household_id);
}
