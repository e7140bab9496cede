import type { Executor } from '../../platform/audit/audit.js';

/** What the indicators need of a scheme: its currency and target population (penetration rate). */
export interface SchemeForIndicators {
  id: string;
  code: string;
  currency: string;
  targetPopulation: number | null;
}

/** The schemes with these ids, or every scheme when `ids` is undefined (platform scope); by code. */
export async function schemesForIndicators(db: Executor, ids?: readonly string[]): Promise<SchemeForIndicators[]> {
  let q = db.selectFrom('scheme').select(['id', 'code', 'currency', 'target_population']);
  if (ids) {
    if (ids.length === 0) return [];
    q = q.where('id', 'in', [...ids]);
  }
  const rows = await q.orderBy('code').execute();
  return rows.map((r) => ({ id: r.id, code: r.code, currency: r.currency, targetPopulation: r.target_population === null ? null : Number(r.target_population) }));
}
