/**
 * Claims facts for the monitoring indicators (the indicators module; spec: indicators.md). Sums
 * in SQL, in minor units, over the claims of one or more schemes (a federation pools them), one
 * statement per fact. Amounts are the lines' current decisions: "as adjudicated now".
 */
import { sql } from 'kysely';
import type { Executor } from '../../platform/audit/audit.js';

export interface CategoryCases {
  /** A benefit category; null for lines rejected before a category was found (they pay nothing). */
  category: string | null;
  /** Claims with at least one line of the category not rejected (spec: adjudication check 15's "case"). */
  cases: number;
  /** Payable of the category's lines (rejected lines pay 0). */
  payable: number;
}

export interface ClaimsFacts {
  /** Decided claims with a date of care in [from, to]: payable and cases by category. */
  incurred: number;
  categories: CategoryCases[];
  /** Claims submitted in [from, to] and decided; those whose every line is rejected. */
  adjudicated: number;
  rejected: number;
  /** Claims paid in [from, to]: days from care and from submission to payment, summed; and by delay. */
  paid: number;
  settlementDays: number;
  paymentDelayDays: number;
  /** Claims paid in [from, to] by days from care to payment: 0-7, 8-30, 31-90, over 90. */
  buckets: { upTo7: number; upTo30: number; upTo90: number; over90: number };
}

/** The claims facts of the schemes for [from, to] (both inclusive). Three statements. */
export async function claimsFacts(db: Executor, schemeIds: readonly string[], from: string, to: string): Promise<ClaimsFacts> {
  const empty: ClaimsFacts = { incurred: 0, categories: [], adjudicated: 0, rejected: 0, paid: 0, settlementDays: 0, paymentDelayDays: 0, buckets: { upTo7: 0, upTo30: 0, upTo90: 0, over90: 0 } };
  if (schemeIds.length === 0) return empty;
  const ids = [...schemeIds];
  const [byCategory, rejection, settlement] = await Promise.all([
    sql<{ category: string | null; cases: string; payable: string }>`
      select d.benefit_category as category,
             count(distinct c.id) filter (where d.decision <> 'rejected') as cases,
             coalesce(sum(d.payable), 0) as payable
        from claim c
        join claim_decision d on d.scheme_id = c.scheme_id and d.claim_id = c.id and d.current
       where c.scheme_id = any(${ids}::uuid[]) and c.status <> 'submitted' and c.from_date between ${from} and ${to}
       group by d.benefit_category order by 1`.execute(db),
    sql<{ adjudicated: string; rejected: string }>`
      select count(*) as adjudicated, count(*) filter (where every_rejected) as rejected
        from (select c.id, bool_and(d.decision = 'rejected') as every_rejected
                from claim c
                join claim_decision d on d.scheme_id = c.scheme_id and d.claim_id = c.id and d.current
               where c.scheme_id = any(${ids}::uuid[]) and c.status <> 'submitted' and c.submitted_on between ${from} and ${to}
               group by c.id) x`.execute(db),
    sql<{ paid: string; settlement: string | null; delay: string | null; b7: string; b30: string; b90: string; over: string }>`
      select count(*) as paid, sum(paid_on - from_date) as settlement, sum(paid_on - submitted_on) as delay,
             count(*) filter (where paid_on - from_date <= 7) as b7,
             count(*) filter (where paid_on - from_date between 8 and 30) as b30,
             count(*) filter (where paid_on - from_date between 31 and 90) as b90,
             count(*) filter (where paid_on - from_date > 90) as over
        from claim
       where scheme_id = any(${ids}::uuid[]) and paid_on between ${from} and ${to}`.execute(db),
  ]);
  const categories = byCategory.rows.map((r) => ({ category: r.category, cases: Number(r.cases), payable: Number(r.payable) }));
  const s = settlement.rows[0]!;
  return {
    incurred: categories.reduce((sum, c) => sum + c.payable, 0),
    categories,
    adjudicated: Number(rejection.rows[0]!.adjudicated),
    rejected: Number(rejection.rows[0]!.rejected),
    paid: Number(s.paid),
    settlementDays: Number(s.settlement ?? 0),
    paymentDelayDays: Number(s.delay ?? 0),
    buckets: { upTo7: Number(s.b7), upTo30: Number(s.b30), upTo90: Number(s.b90), over90: Number(s.over) },
  };
}

// ---------------------------------------------------------------- by day, for summaries

/**
 * The same facts by day, for the indicators' summary tables: cases and payable by day of care
 * and category (`''` for lines with no category), decided and wholly rejected claims by day of
 * submission, paid claims by day of payment. `days` limits them to those days (null: every day).
 */
export interface ClaimsDays {
  care: { day: string; category: string; cases: number; payable: number }[];
  submitted: { day: string; adjudicated: number; rejected: number }[];
  paid: { day: string; paid: number; settlementDays: number; paymentDelayDays: number; upTo7: number; upTo30: number; upTo90: number; over90: number }[];
}

export async function claimsDays(db: Executor, schemeId: string, days: readonly string[] | null): Promise<ClaimsDays> {
  const only = (column: string) => (days === null ? sql`true` : sql`${sql.ref(column)} = any(${[...days]}::date[])`);
  const [care, submitted, paid] = await Promise.all([
    sql<{ day: string; category: string; cases: string; payable: string }>`
      select c.from_date as day, coalesce(d.benefit_category, '') as category,
             count(distinct c.id) filter (where d.decision <> 'rejected') as cases, coalesce(sum(d.payable), 0) as payable
        from claim c
        join claim_decision d on d.scheme_id = c.scheme_id and d.claim_id = c.id and d.current
       where c.scheme_id = ${schemeId} and c.status <> 'submitted' and ${only('c.from_date')}
       group by 1, 2`.execute(db),
    sql<{ day: string; adjudicated: string; rejected: string }>`
      select day, count(*) as adjudicated, count(*) filter (where every_rejected) as rejected
        from (select c.submitted_on as day, bool_and(d.decision = 'rejected') as every_rejected
                from claim c
                join claim_decision d on d.scheme_id = c.scheme_id and d.claim_id = c.id and d.current
               where c.scheme_id = ${schemeId} and c.status <> 'submitted' and ${only('c.submitted_on')}
               group by c.id, c.submitted_on) x
       group by day`.execute(db),
    sql<{ day: string; paid: string; settlement: string; delay: string; b7: string; b30: string; b90: string; over: string }>`
      select paid_on as day, count(*) as paid, sum(paid_on - from_date) as settlement, sum(paid_on - submitted_on) as delay,
             count(*) filter (where paid_on - from_date <= 7) as b7,
             count(*) filter (where paid_on - from_date between 8 and 30) as b30,
             count(*) filter (where paid_on - from_date between 31 and 90) as b90,
             count(*) filter (where paid_on - from_date > 90) as over
        from claim
       where scheme_id = ${schemeId} and paid_on is not null and ${only('paid_on')}
       group by paid_on`.execute(db),
  ]);
  return {
    care: care.rows.map((r) => ({ day: r.day, category: r.category, cases: Number(r.cases), payable: Number(r.payable) })),
    submitted: submitted.rows.map((r) => ({ day: r.day, adjudicated: Number(r.adjudicated), rejected: Number(r.rejected) })),
    paid: paid.rows.map((r) => ({
      day: r.day, paid: Number(r.paid), settlementDays: Number(r.settlement), paymentDelayDays: Number(r.delay),
      upTo7: Number(r.b7), upTo30: Number(r.b30), upTo90: Number(r.b90), over90: Number(r.over),
    })),
  };
}

/**
 * Days whose claims facts may have changed since `since`: the date of care, submission and
 * payment of every claim created or changed since then (a claim is written with `updated_at` =
 * `created_at`; adjudication, override, batching and payment all stamp `updated_at`; those dates
 * never change once a claim exists).
 */
export async function claimDaysChangedSince(db: Executor, schemeId: string, since: Date): Promise<string[]> {
  const { rows } = await sql<{ day: string }>`
    select distinct unnest(array[from_date, submitted_on, paid_on]) as day
      from claim where scheme_id = ${schemeId} and updated_at > ${since}`.execute(db);
  return rows.map((r) => r.day).filter((d): d is string => d !== null).sort();
}
