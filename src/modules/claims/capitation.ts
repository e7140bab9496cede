/**
 * Capitation counts: how many beneficiaries of a scheme are `active` on given days, by the
 * coverage module's rules (spec: coverage-and-adjudication.md, "Status of a beneficiary on date
 * D"), so that a capitation payment and the eligibility check never disagree.
 *
 * How, for a scheme of any size: one query finds the households with a coverage period spanning
 * one of the days (no other household can have an active member); they are then read in slices
 * of HOUSEHOLDS_PER_SLICE — their members in one query, their periods, dues and payments in the
 * three queries of householdStatusFacts — and each member's status is decided on each day in
 * memory. Memory stays bounded by the slice; the work is one status per member and day.
 */
import type { Executor } from '../../platform/audit/audit.js';
import { addMonths } from '../../platform/dates.js';
import { beneficiaryStatus, householdsCoveredOn, householdStatusFacts } from '../coverage/index.js';
import { membersOfHouseholds } from '../members/index.js';

const HOUSEHOLDS_PER_SLICE = 2000;

/** The first day of each month whose first day lies in [from, to]. */
export function monthStarts(from: string, to: string): string[] {
  const days: string[] = [];
  let day = from.endsWith('-01') ? from : addMonths(`${from.slice(0, 7)}-01`, 1);
  while (day <= to) {
    days.push(day);
    day = addMonths(day, 1);
  }
  return days;
}

/** Beneficiaries of the scheme whose status is `active` on each day, by day. */
export async function activeBeneficiaryCounts(db: Executor, schemeId: string, days: string[]): Promise<Map<string, number>> {
  const counts = new Map(days.map((d) => [d, 0]));
  if (days.length === 0) return counts;
  const sorted = [...new Set(days)].sort();
  const households = await householdsCoveredOn(db, schemeId, sorted);
  for (let i = 0; i < households.length; i += HOUSEHOLDS_PER_SLICE) {
    const ids = households.slice(i, i + HOUSEHOLDS_PER_SLICE);
    const members = await membersOfHouseholds(db, schemeId, ids, sorted[sorted.length - 1]!);
    const facts = await householdStatusFacts(db, schemeId, ids);
    for (const m of members) {
      const f = facts.get(m.householdId);
      if (!f) continue;
      const beneficiary = { joinedOn: m.joinedOn, leftOn: m.leftOn };
      for (const day of sorted) {
        if (beneficiaryStatus({ date: day, beneficiary, periods: f.periods, dues: f.dues, payments: f.payments }).status === 'active') counts.set(day, counts.get(day)! + 1);
      }
    }
  }
  return counts;
}
