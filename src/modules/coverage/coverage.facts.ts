/**
 * The status facts of many households at once (periods with their product versions, dues,
 * payments), for callers that decide many members in one go: batch adjudication, reports. Three
 * statements whatever the number of households; the rules stay in coverage.rules.ts.
 */
import { sql } from 'kysely';
import type { Executor } from '../../platform/audit/audit.js';
import { resolveVersion, type ResolvedVersion, type VersionDefinition } from '../products/index.js';
import type { DueFacts, PaymentFacts, PeriodFacts } from './coverage.rules.js';

export interface HouseholdPeriod extends PeriodFacts {
  versionId: string;
  productCode: string;
}

export interface HouseholdStatusFacts {
  periods: HouseholdPeriod[];
  dues: DueFacts[];
  payments: PaymentFacts[];
}

const versionCache = new Map<string, { version: ResolvedVersion; productCode: string }>();

/** Facts by household id; a household with no period has empty lists. */
export async function householdStatusFacts(db: Executor, schemeId: string, householdIds: string[]): Promise<Map<string, HouseholdStatusFacts>> {
  const result = new Map<string, HouseholdStatusFacts>();
  for (const id of householdIds) result.set(id, { periods: [], dues: [], payments: [] });
  if (householdIds.length === 0) return result;
  const ids = [...new Set(householdIds)];
  const [periods, dues, payments] = await Promise.all([
    sql<{ id: string; household_id: string; start_date: string; end_date: string; renewal_of: string | null; product_version_id: string }>`
      select id, household_id, start_date, end_date, renewal_of, product_version_id from coverage_period
       where scheme_id = ${schemeId} and household_id = any(${ids}::uuid[]) order by household_id, start_date`.execute(db),
    sql<{ id: string; household_id: string; period_id: string; seq: number; due_date: string; amount: number; original: boolean }>`
      select id, household_id, period_id, seq, due_date, amount, original from due
       where scheme_id = ${schemeId} and household_id = any(${ids}::uuid[]) order by household_id, due_date, seq`.execute(db),
    sql<{ id: string; household_id: string; date: string; amount: number; reversal_of: string | null }>`
      select id, household_id, date, amount, reversal_of from payment
       where scheme_id = ${schemeId} and household_id = any(${ids}::uuid[]) order by household_id, date, created_at, id`.execute(db),
  ]);
  const local = new Map<string, { version: ResolvedVersion; productCode: string }>();
  const missing = [...new Set(periods.rows.map((p) => p.product_version_id))].filter((v) => !versionCache.has(v));
  if (missing.length) {
    const rows = await sql<{ id: string; definition: VersionDefinition; code: string }>`
      select v.id, v.definition, p.code from product_version v join product p on p.id = v.product_id and p.scheme_id = v.scheme_id
       where v.scheme_id = ${schemeId} and v.id = any(${missing}::uuid[])`.execute(db);
    // Versions in use are never edited (products README), so caching them by id is safe once
    // committed; inside a transaction they are only kept for this call.
    if (versionCache.size > 10_000) versionCache.clear();
    for (const r of rows.rows) {
      const v = { version: resolveVersion(r.definition), productCode: r.code };
      local.set(r.id, v);
      if (!db.isTransaction) versionCache.set(r.id, v);
    }
  }
  for (const p of periods.rows) {
    const v = versionCache.get(p.product_version_id) ?? local.get(p.product_version_id)!;
    result.get(p.household_id)!.periods.push({ id: p.id, start: p.start_date, end: p.end_date, renewalOf: p.renewal_of, version: v.version, versionId: p.product_version_id, productCode: v.productCode });
  }
  for (const d of dues.rows) result.get(d.household_id)!.dues.push({ id: d.id, periodId: d.period_id, seq: d.seq, dueDate: d.due_date, amount: d.amount, original: d.original });
  const byHousehold = new Map<string, typeof payments.rows>();
  for (const p of payments.rows) {
    const list = byHousehold.get(p.household_id) ?? [];
    list.push(p);
    byHousehold.set(p.household_id, list);
  }
  for (const [household, rows] of byHousehold) {
    const reversedOn = new Map(rows.filter((p) => p.reversal_of).map((p) => [p.reversal_of!, p.date]));
    result.get(household)!.payments = rows.filter((p) => !p.reversal_of).map((p, order) => ({ id: p.id, date: p.date, amount: p.amount, reversedOn: reversedOn.get(p.id) ?? null, order }));
  }
  return result;
}

/** Households with a coverage period spanning at least one of these days. */
export async function householdsCoveredOn(db: Executor, schemeId: string, days: string[]): Promise<string[]> {
  if (days.length === 0) return [];
  const sorted = [...new Set(days)].sort();
  const { rows } = await sql<{ household_id: string }>`
    select distinct household_id from coverage_period
     where scheme_id = ${schemeId} and start_date <= ${sorted[sorted.length - 1]!} and end_date >= ${sorted[0]!}
       and exists (select 1 from unnest(${sorted}::date[]) as d(day) where d.day between start_date and end_date)
     order by household_id`.execute(db);
  return rows.map((r) => r.household_id);
}
