/**
 * Claims facts for pricing from the scheme's own history (pricing module, issue #6): the cases of
 * a period, line by line, so their cost to the scheme can be recomputed with a product's rules.
 */
import { sql } from 'kysely';
import type { Executor } from '../../platform/audit/audit.js';

/**
 * Reasons that make a line `rejected` only because of its amount: the care was given to a covered
 * member and counts as use, even if nothing more was payable (spec: coverage-and-adjudication.md).
 */
const AMOUNT_ONLY_REASONS = ['PER_CASE_CEILING', 'BENEFICIARY_CEILING', 'HOUSEHOLD_CEILING', 'NOTHING_PAYABLE', 'PRICE_ABOVE_TARIFF'];

export interface ClaimCase {
  claimId: string;
  beneficiaryId: string | null;
  /** First day of care. */
  from: string;
  category: string;
  /** The case's lines: amount asked and allowed (agreed tariff) of each. */
  lines: { asked: number; allowed: number }[];
}

/**
 * Cases with a first day of care in [from, to], decided under one of `productVersionIds`. A case is
 * a claim's lines of one benefit category that count as use: not rejected, or rejected only for
 * their amount (a ceiling used up, nothing payable after the co-payment) — the definition of the
 * adjudication spec (check 15), widened to lines whose amount alone made them rejected.
 * Claims still `submitted` (not decided) are left out.
 */
export async function claimCases(db: Executor, schemeId: string, query: { from: string; to: string; productVersionIds: string[] }): Promise<ClaimCase[]> {
  if (query.productVersionIds.length === 0) return [];
  const { rows } = await sql<{ claim_id: string; beneficiary_id: string | null; from_date: string; category: string; asked: number; allowed: number }>`
    select c.id as claim_id, c.beneficiary_id, c.from_date, d.benefit_category as category, d.asked, d.allowed
      from claim c
      join claim_decision d on d.scheme_id = c.scheme_id and d.claim_id = c.id and d.current
     where c.scheme_id = ${schemeId} and c.status <> 'submitted'
       and c.from_date >= ${query.from} and c.from_date <= ${query.to}
       and d.benefit_category is not null
       and d.product_version_id = any(${query.productVersionIds}::uuid[])
       and (d.decision <> 'rejected' or (cardinality(d.reasons) > 0 and d.reasons <@ ${AMOUNT_ONLY_REASONS}::text[]))
     order by c.from_date, c.id, d.benefit_category, d.line_id`.execute(db);
  const cases = new Map<string, ClaimCase>();
  for (const r of rows) {
    const key = `${r.claim_id}:${r.category}`;
    let c = cases.get(key);
    if (!c) {
      c = { claimId: r.claim_id, beneficiaryId: r.beneficiary_id, from: r.from_date, category: r.category, lines: [] };
      cases.set(key, c);
    }
    c.lines.push({ asked: Number(r.asked), allowed: Number(r.allowed) });
  }
  return [...cases.values()];
}
