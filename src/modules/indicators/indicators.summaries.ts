/**
 * Summary tables the indicators are summed from, so a scheme of a million beneficiaries answers
 * in SQL sums rather than by replaying the coverage rules for everyone at each request.
 *
 * - Coverage summaries by household (indicator_covered, indicator_due, indicator_due_paid,
 *   indicator_period) are derived by the coverage module (`coverageSummaryRows`), with the same
 *   rules as the direct computation; they are summed by day into indicator_covered_day,
 *   indicator_due_day, indicator_paid_day and indicator_period_day (what reports read: a few
 *   thousand rows a scheme, whatever its size), kept in step by taking a household's old rows
 *   away and adding its new ones. Claims summaries (indicator_care_day, indicator_submitted_day,
 *   indicator_claims_paid_day) are the claims module's facts by day.
 * - Kept up to date lazily: before the indicators of a scheme are read, the households whose
 *   facts were recorded since the last refresh, and the days of the claims created or changed
 *   since then, are recomputed from the facts (`refreshSummaries`). A refresh looks back
 *   REFRESH_MARGIN_MS before the last one, so a transaction committed late (its timestamps taken
 *   before the last refresh) is still seen; recomputing a household or a day twice is harmless.
 * - `rebuildSummaries` (`mutua indicators rebuild`) recomputes everything from the facts; a test
 *   proves summaries and facts give the same indicators.
 */
import { sql } from 'kysely';
import {
  claimDaysChangedSince,
  claimsDays,
  type ClaimsDays,
} from '../claims/index.js';
import {
  coverageSummaryRows,
  householdsWithCoverage,
  householdsWithCoverageChangedSince,
  type CoverageSummaryRows,
  type IndicatorWindow,
} from '../coverage/index.js';
import { listExpenses } from '../finance/index.js';
import type { SchemeForIndicators } from '../organizations/index.js';
import type { Executor } from '../../platform/audit/audit.js';
import type { ServiceContext } from '../../platform/context.js';
import { addDays } from '../../platform/dates.js';
import { addScopeFacts, emptyScopeFacts, type LedgerFigures, type ScopeFacts } from './indicators.rules.js';

type Db = Pick<ServiceContext, 'db'>;
export type LedgerReader = (db: Executor, schemeIds: readonly string[], on: string) => Promise<LedgerFigures | null>;

const REFRESH_MARGIN_MS = 5 * 60_000;
const HOUSEHOLDS_PER_BATCH = 5000;
const ROWS_PER_INSERT = 5000;

const lockScheme = (db: Executor, schemeId: string) => sql`select pg_advisory_xact_lock(hashtext(${`indicators:${schemeId}`}))`.execute(db);

async function insertChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) await insert(rows.slice(i, i + ROWS_PER_INSERT));
}

/**
 * Adds (sign 1) or takes away (sign -1) the by-household rows of these households to the by-day
 * tables. The covered days are a running sum of the stretches' starts (+1) and ends (-1 the day
 * after), applied to the days between the first and the last of them (outside, the sum is 0).
 */
async function applyHouseholds(db: Executor, schemeId: string, householdIds: string[], sign: 1 | -1) {
  if (householdIds.length === 0) return;
  const mine = sql`scheme_id = ${schemeId} and household_id = any(${householdIds}::uuid[])`;
  await sql`
    insert into indicator_covered_day (scheme_id, day, beneficiaries, households)
    select ${schemeId}, d::date, 0, 0
      from (select min(start_date) as lo, max(end_date) + 1 as hi from indicator_covered where ${mine}) r,
           generate_series(r.lo, r.hi, interval '1 day') d
     where r.lo is not null
    on conflict do nothing`.execute(db);
  await sql`
    with events as (
      select day, sum(b) as b, sum(h) as h from (
        select start_date as day, case when household then 0 else 1 end as b, case when household then 1 else 0 end as h from indicator_covered where ${mine}
        union all
        select end_date + 1, case when household then 0 else -1 end, case when household then -1 else 0 end from indicator_covered where ${mine}
      ) e group by day),
    span as (select min(day) as lo, max(day) as hi from events),
    running as (
      select t.day, sum(coalesce(events.b, 0)) over (order by t.day) as b, sum(coalesce(events.h, 0)) over (order by t.day) as h
        from indicator_covered_day t cross join span left join events on events.day = t.day
       where t.scheme_id = ${schemeId} and t.day between span.lo and span.hi)
    update indicator_covered_day t set beneficiaries = t.beneficiaries + ${sign} * running.b, households = t.households + ${sign} * running.h
      from running where t.scheme_id = ${schemeId} and t.day = running.day and (running.b <> 0 or running.h <> 0)`.execute(db);
  await sql`
    insert into indicator_due_day (scheme_id, due_date, amount)
    select ${schemeId}, due_date, ${sign} * sum(amount) from indicator_due where ${mine} group by due_date
    on conflict (scheme_id, due_date) do update set amount = indicator_due_day.amount + excluded.amount`.execute(db);
  await sql`
    insert into indicator_paid_day (scheme_id, due_date, period_start, period_end, on_date, paid, contribution, fees)
    select ${schemeId}, due_date, period_start, period_end, on_date, ${sign} * sum(paid), ${sign} * sum(contribution), ${sign} * sum(fees)
      from indicator_due_paid where ${mine} group by due_date, period_start, period_end, on_date
    on conflict (scheme_id, due_date, period_start, period_end, on_date) do update
      set paid = indicator_paid_day.paid + excluded.paid, contribution = indicator_paid_day.contribution + excluded.contribution, fees = indicator_paid_day.fees + excluded.fees`.execute(db);
  await sql`
    insert into indicator_period_day (scheme_id, end_date, ending, renewed)
    select ${schemeId}, end_date, ${sign} * count(*), ${sign} * count(*) filter (where renewed) from indicator_period where ${mine} group by end_date
    on conflict (scheme_id, end_date) do update set ending = indicator_period_day.ending + excluded.ending, renewed = indicator_period_day.renewed + excluded.renewed`.execute(db);
}

/** Replaces the coverage summaries of these households: their old rows taken away, the new ones added. */
async function writeCoverage(db: Executor, schemeId: string, householdIds: string[], rows: CoverageSummaryRows, fresh = false) {
  if (!fresh) {
    await applyHouseholds(db, schemeId, householdIds, -1);
    for (const table of ['indicator_covered', 'indicator_due', 'indicator_due_paid', 'indicator_period'] as const) {
      await db.deleteFrom(table).where('scheme_id', '=', schemeId).where('household_id', 'in', householdIds).execute();
    }
  }
  await insertChunks(rows.covered, (c) => db.insertInto('indicator_covered').values(c.map((r) => ({ scheme_id: schemeId, household_id: r.householdId, household: r.household, start_date: r.start, end_date: r.end }))).execute());
  await insertChunks(rows.dues, (c) => db.insertInto('indicator_due').values(c.map((r) => ({
    scheme_id: schemeId, household_id: r.householdId, due_id: r.dueId, period_id: r.periodId, period_start: r.periodStart, period_end: r.periodEnd, due_date: r.dueDate, amount: r.amount,
  }))).execute());
  await insertChunks(rows.paid, (c) => db.insertInto('indicator_due_paid').values(c.map((r) => ({
    scheme_id: schemeId, household_id: r.householdId, due_id: r.dueId, due_date: r.dueDate, period_start: r.periodStart, period_end: r.periodEnd, on_date: r.on, paid: r.paid, contribution: r.contribution, fees: r.fees,
  }))).execute());
  await insertChunks(rows.periods, (c) => db.insertInto('indicator_period').values(c.map((r) => ({ scheme_id: schemeId, household_id: r.householdId, period_id: r.periodId, end_date: r.end, renewed: r.renewed }))).execute());
  await applyHouseholds(db, schemeId, householdIds, 1);
}

const coverageTables = ['indicator_covered', 'indicator_due', 'indicator_due_paid', 'indicator_period', 'indicator_covered_day', 'indicator_due_day', 'indicator_paid_day', 'indicator_period_day'] as const;

/** Replaces the claims summaries of these days (every day when `days` is null). */
async function writeClaims(db: Executor, schemeId: string, days: string[] | null, rows: ClaimsDays) {
  for (const table of ['indicator_care_day', 'indicator_submitted_day', 'indicator_claims_paid_day'] as const) {
    let q = db.deleteFrom(table).where('scheme_id', '=', schemeId);
    if (days !== null) {
      if (days.length === 0) continue;
      q = q.where('day', 'in', days);
    }
    await q.execute();
  }
  await insertChunks(rows.care, (c) => db.insertInto('indicator_care_day').values(c.map((r) => ({ scheme_id: schemeId, day: r.day, category: r.category, cases: r.cases, payable: r.payable }))).execute());
  await insertChunks(rows.submitted, (c) => db.insertInto('indicator_submitted_day').values(c.map((r) => ({ scheme_id: schemeId, day: r.day, adjudicated: r.adjudicated, rejected: r.rejected }))).execute());
  await insertChunks(rows.paid, (c) => db.insertInto('indicator_claims_paid_day').values(c.map((r) => ({
    scheme_id: schemeId, day: r.day, paid: r.paid, settlement_days: r.settlementDays, payment_delay_days: r.paymentDelayDays, up_to7: r.upTo7, up_to30: r.upTo30, up_to90: r.upTo90, over90: r.over90,
  }))).execute());
}

async function rebuildScheme(db: Executor, schemeId: string, onHouseholds?: (n: number) => void): Promise<{ households: number; claimDays: number }> {
  const startedAt = new Date();
  for (const table of coverageTables) await db.deleteFrom(table).where('scheme_id', '=', schemeId).execute();
  const households = await householdsWithCoverage(db, schemeId);
  for (let i = 0; i < households.length; i += HOUSEHOLDS_PER_BATCH) {
    const batch = households.slice(i, i + HOUSEHOLDS_PER_BATCH);
    await writeCoverage(db, schemeId, batch, await coverageSummaryRows(db, schemeId, batch), true);
    onHouseholds?.(batch.length);
  }
  const claims = await claimsDays(db, schemeId, null);
  await writeClaims(db, schemeId, null, claims);
  await db.insertInto('indicator_summary_state').values({ scheme_id: schemeId, seen_at: startedAt, rebuilt_at: startedAt })
    .onConflict((oc) => oc.column('scheme_id').doUpdateSet({ seen_at: startedAt, rebuilt_at: startedAt })).execute();
  return { households: households.length, claimDays: new Set([...claims.care, ...claims.submitted, ...claims.paid].map((r) => r.day)).size };
}

/**
 * Recomputes the summaries of these schemes (every scheme when undefined) from the facts, one
 * transaction per scheme. Derived data: not audited. Returns what was read.
 */
export async function rebuildSummaries(ctx: Db, schemeIds?: readonly string[], onProgress?: (done: number, total: number) => void): Promise<{ schemes: number; households: number; claimDays: number }> {
  const ids = schemeIds ?? (await ctx.db.selectFrom('scheme').select('id').orderBy('code').execute()).map((r) => r.id);
  let households = 0;
  let claimDays = 0;
  onProgress?.(0, ids.length);
  for (const [k, id] of ids.entries()) {
    const r = await ctx.db.transaction().execute(async (trx) => {
      await lockScheme(trx, id);
      return rebuildScheme(trx, id);
    });
    households += r.households;
    claimDays += r.claimDays;
    onProgress?.(k + 1, ids.length);
  }
  return { schemes: ids.length, households, claimDays };
}

/**
 * Brings the summaries of these schemes up to date with the facts recorded since their last
 * refresh (a scheme never summarized is rebuilt). One transaction per scheme.
 */
export async function refreshSummaries(ctx: Db, schemeIds: readonly string[], marginMs = REFRESH_MARGIN_MS): Promise<void> {
  for (const id of schemeIds) {
    await ctx.db.transaction().execute(async (trx) => {
      await lockScheme(trx, id);
      const state = await trx.selectFrom('indicator_summary_state').selectAll().where('scheme_id', '=', id).executeTakeFirst();
      if (!state) {
        await rebuildScheme(trx, id);
        return;
      }
      const now = new Date();
      const since = new Date(state.seen_at.getTime() - marginMs);
      const [households, days] = await Promise.all([householdsWithCoverageChangedSince(trx, id, since), claimDaysChangedSince(trx, id, since)]);
      if (households.length > 0) {
        for (let i = 0; i < households.length; i += HOUSEHOLDS_PER_BATCH) {
          const batch = households.slice(i, i + HOUSEHOLDS_PER_BATCH);
          await writeCoverage(trx, id, batch, await coverageSummaryRows(trx, id, batch));
        }
      }
      if (days.length > 0) await writeClaims(trx, id, days, await claimsDays(trx, id, days));
      await trx.updateTable('indicator_summary_state').set({ seen_at: now }).where('scheme_id', '=', id).execute();
    });
  }
}

/**
 * The facts of a scope for each window, summed from the summaries (refreshed first). Gives the
 * same figures as `directScopeFacts` (indicators.service.ts), which replays the rules on the facts.
 */
export async function summaryScopeFacts(ctx: Db, schemes: SchemeForIndicators[], windows: IndicatorWindow[], ledger: LedgerReader, refreshMarginMs?: number): Promise<ScopeFacts[]> {
  const ids = schemes.map((s) => s.id);
  await refreshSummaries(ctx, ids, refreshMarginMs);
  const targets = new Map(schemes.filter((s) => s.targetPopulation !== null).map((s) => [s.id, s.targetPopulation!]));
  const first = windows.reduce((m, w) => (w.from < m ? w.from : m), windows[0]?.from ?? '');
  const last = windows.reduce((m, w) => (w.to > m ? w.to : m), windows[0]?.to ?? '');
  const expenses = windows.length ? await Promise.all(schemes.map((s) => listExpenses(ctx, s.id, { from: first, to: last }))) : [];
  return Promise.all(windows.map(async (w) => {
    const f = emptyScopeFacts(w.from, w.to);
    if (ids.length === 0) return f;
    const before = addDays(w.from, -1);
    const db = ctx.db;
    const [covered, days, periods, dues, earned, fees, care, submitted, paid, position] = await Promise.all([
      sql<{ scheme_id: string; on_to: string; households: string; before: string }>`
        select scheme_id,
               coalesce(sum(beneficiaries) filter (where day = ${w.to}), 0) as on_to,
               coalesce(sum(households) filter (where day = ${w.to}), 0) as households,
               coalesce(sum(beneficiaries) filter (where day = ${before}), 0) as before
          from indicator_covered_day
         where scheme_id = any(${ids}::uuid[]) and day in (${w.to}, ${before})
         group by scheme_id`.execute(db),
      sql<{ days: string | null }>`
        select sum(beneficiaries) as days from indicator_covered_day where scheme_id = any(${ids}::uuid[]) and day between ${w.from} and ${w.to}`.execute(db),
      sql<{ ending: string | null; renewed: string | null }>`
        select sum(ending) as ending, sum(renewed) as renewed
          from indicator_period_day where scheme_id = any(${ids}::uuid[]) and end_date between ${w.from} and ${w.to}`.execute(db),
      sql<{ amount: string | null; paid: string | null }>`
        select (select sum(amount) from indicator_due_day where scheme_id = any(${ids}::uuid[]) and due_date between ${w.from} and ${w.to}) as amount,
               (select sum(paid) from indicator_paid_day where scheme_id = any(${ids}::uuid[]) and due_date between ${w.from} and ${w.to} and on_date <= ${w.to}) as paid`.execute(db),
      sql<{ length: number; weighted: string }>`
        select period_end - period_start + 1 as length,
               sum(contribution * (least(period_end, ${w.to}::date) - greatest(period_start, ${w.from}::date) + 1)) as weighted
          from indicator_paid_day
         where scheme_id = any(${ids}::uuid[]) and on_date <= ${w.to} and period_start <= ${w.to} and period_end >= ${w.from}
         group by 1`.execute(db),
      sql<{ fees: string | null }>`
        select sum(fees) as fees from indicator_paid_day where scheme_id = any(${ids}::uuid[]) and on_date between ${w.from} and ${w.to}`.execute(db),
      sql<{ category: string; cases: string; payable: string }>`
        select category, sum(cases) as cases, sum(payable) as payable
          from indicator_care_day where scheme_id = any(${ids}::uuid[]) and day between ${w.from} and ${w.to} group by category`.execute(db),
      sql<{ adjudicated: string | null; rejected: string | null }>`
        select sum(adjudicated) as adjudicated, sum(rejected) as rejected
          from indicator_submitted_day where scheme_id = any(${ids}::uuid[]) and day between ${w.from} and ${w.to}`.execute(db),
      sql<{ paid: string | null; settlement: string | null; delay: string | null; b7: string | null; b30: string | null; b90: string | null; over: string | null }>`
        select sum(paid) as paid, sum(settlement_days) as settlement, sum(payment_delay_days) as delay,
               sum(up_to7) as b7, sum(up_to30) as b30, sum(up_to90) as b90, sum(over90) as over
          from indicator_claims_paid_day where scheme_id = any(${ids}::uuid[]) and day between ${w.from} and ${w.to}`.execute(db),
      ledger(db, ids, w.to),
    ]);
    for (const r of covered.rows) {
      f.beneficiaries += Number(r.on_to);
      f.households += Number(r.households);
      f.beneficiariesBefore += Number(r.before);
    }
    // Penetration: the covered and the targets of the schemes that have a target.
    for (const [id, target] of targets) {
      const row = covered.rows.find((r) => r.scheme_id === id);
      f.penetration = { covered: (f.penetration?.covered ?? 0) + Number(row?.on_to ?? 0), target: (f.penetration?.target ?? 0) + target };
    }
    f.beneficiaryDays = Number(days.rows[0]?.days ?? 0);
    f.periodsEnding = Number(periods.rows[0]?.ending ?? 0);
    f.periodsRenewed = Number(periods.rows[0]?.renewed ?? 0);
    f.duesAmount = Number(dues.rows[0]?.amount ?? 0);
    f.duesPaid = Number(dues.rows[0]?.paid ?? 0);
    for (const r of earned.rows) if (BigInt(r.weighted) !== 0n) f.earned.set(Number(r.length), BigInt(r.weighted));
    f.feesPaid = Number(fees.rows[0]?.fees ?? 0);
    for (const r of care.rows) {
      f.incurred += Number(r.payable);
      if (r.category !== '') f.categories.set(r.category, { cases: Number(r.cases), payable: Number(r.payable) });
    }
    f.adjudicated = Number(submitted.rows[0]?.adjudicated ?? 0);
    f.rejected = Number(submitted.rows[0]?.rejected ?? 0);
    const p = paid.rows[0]!;
    f.paid = Number(p.paid ?? 0);
    f.settlementDays = Number(p.settlement ?? 0);
    f.paymentDelayDays = Number(p.delay ?? 0);
    f.buckets = { upTo7: Number(p.b7 ?? 0), upTo30: Number(p.b30 ?? 0), upTo90: Number(p.b90 ?? 0), over90: Number(p.over ?? 0) };
    for (const list of expenses) {
      for (const e of list) {
        if (e.date < w.from || e.date > w.to) continue;
        if (e.account === 'administration') f.administration += e.amount;
        if (e.account === 'other_income') f.otherIncome += e.amount;
      }
    }
    f.ledger = position;
    return addScopeFacts(emptyScopeFacts(w.from, w.to), f);
  }));
}
