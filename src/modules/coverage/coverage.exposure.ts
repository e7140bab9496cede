/**
 * Exposure for pricing (issue #6): beneficiary-days covered in a period, the denominator of a
 * frequency (cases per beneficiary-year). A beneficiary is covered on a day when their status
 * (coverage.rules.ts, beneficiaryStatus) is `waiting`, `active` or `suspended` under a period of
 * the product: they are paid-up members of the pool, whether or not a claim would be paid that day.
 */
import { sql } from 'kysely';
import type { Executor } from '../../platform/audit/audit.js';
import { addDays, daysBetween } from '../../platform/dates.js';
import { membersOfHouseholds } from '../members/index.js';
import { householdStatusFacts, type HouseholdStatusFacts } from './coverage.facts.js';
import { beneficiaryStatus, type BeneficiaryFacts, type CoverageStatus } from './coverage.rules.js';

const COVERED: ReadonlySet<CoverageStatus> = new Set(['waiting', 'active', 'suspended']);

export interface Exposure {
  /** Sum over beneficiaries of the days they were covered in [from, to]. */
  beneficiaryDays: number;
  /** Beneficiaries and households covered on `to`. */
  beneficiariesOnLastDay: number;
  householdsOnLastDay: number;
}

/** Beneficiary-days covered by `productCode` from `from` to `to` (both included). */
export async function coveredExposure(db: Executor, schemeId: string, query: { from: string; to: string; productCode: string }): Promise<Exposure> {
  const { rows } = await sql<{ household_id: string }>`
    select distinct cp.household_id from coverage_period cp
      join product_version v on v.id = cp.product_version_id and v.scheme_id = cp.scheme_id
      join product p on p.id = v.product_id and p.scheme_id = v.scheme_id
     where cp.scheme_id = ${schemeId} and p.code = ${query.productCode}
       and cp.start_date <= ${query.to} and cp.end_date >= ${query.from}`.execute(db);
  const households = rows.map((r) => r.household_id);
  const exposure: Exposure = { beneficiaryDays: 0, beneficiariesOnLastDay: 0, householdsOnLastDay: 0 };
  const chunk = 1000;
  for (let i = 0; i < households.length; i += chunk) {
    const ids = households.slice(i, i + chunk);
    const [facts, members] = await Promise.all([householdStatusFacts(db, schemeId, ids), membersOfHouseholds(db, schemeId, ids, query.to)]);
    const coveredHouseholds = new Set<string>();
    for (const m of members) {
      const f = facts.get(m.householdId)!;
      const { days, onLastDay } = coveredDays(f, m, query);
      exposure.beneficiaryDays += days;
      if (onLastDay) {
        exposure.beneficiariesOnLastDay += 1;
        coveredHouseholds.add(m.householdId);
      }
    }
    exposure.householdsOnLastDay += coveredHouseholds.size;
  }
  return exposure;
}

/**
 * Days in [from, to] on which a beneficiary is covered by a period of the product. The status can
 * change only on the days its facts change (a period starts or ends, the member joins or leaves, a
 * payment or its reversal, a due falls past its grace, the waiting period ends); it is evaluated on
 * those days and held in between.
 */
export function coveredDays(facts: HouseholdStatusFacts, beneficiary: BeneficiaryFacts, query: { from: string; to: string; productCode: string }): { days: number; onLastDay: boolean } {
  const productPeriods = new Set(facts.periods.filter((p) => p.productCode === query.productCode).map((p) => p.id));
  const graceOf = new Map(facts.periods.map((p) => [p.id, p.version.gracePeriodDays]));
  const candidates = new Set<string>([query.from]);
  const add = (d: string | null | undefined) => {
    if (d && d > query.from && d <= query.to) candidates.add(d);
  };
  for (const p of facts.periods) {
    add(p.start);
    add(addDays(p.end, 1));
  }
  add(beneficiary.joinedOn);
  add(beneficiary.leftOn);
  for (const p of facts.payments) {
    add(p.date);
    add(p.reversedOn);
  }
  for (const d of facts.dues) add(addDays(d.dueDate, (graceOf.get(d.periodId) ?? 0) + 1));

  const covered = new Map<string, boolean>();
  for (;;) {
    const before = candidates.size;
    for (const date of [...candidates]) {
      if (covered.has(date)) continue;
      const s = beneficiaryStatus({ date, beneficiary, periods: facts.periods, dues: facts.dues, payments: facts.payments });
      covered.set(date, COVERED.has(s.status) && s.period !== undefined && productPeriods.has(s.period.id));
      add(s.waitingEnd);
    }
    if (candidates.size === before) break;
  }
  const days = [...candidates].sort();
  let total = 0;
  days.forEach((d, i) => {
    if (covered.get(d)) total += daysBetween(d, days[i + 1] ?? addDays(query.to, 1));
  });
  return { days: total, onLastDay: covered.get(days[days.length - 1]!) === true };
}
