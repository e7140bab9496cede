/** SQL of payment batches. Functions take a db or a transaction and return undefined when missing. */
import { type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Executor } from '../../platform/audit/audit.js';
import type { PaymentBatchTable } from './claims.table.js';
import type { BatchStatus } from './payments.schemas.js';

export type BatchRow = Selectable<PaymentBatchTable>;

export function findBatch(db: Executor, schemeId: string, id: string) {
  return db.selectFrom('payment_batch').selectAll().where('scheme_id', '=', schemeId).where('id', '=', id).executeTakeFirst();
}

export function lockBatch(db: Executor, schemeId: string, id: string) {
  return db.selectFrom('payment_batch').selectAll().where('scheme_id', '=', schemeId).where('id', '=', id).forUpdate().executeTakeFirst();
}

export function insertBatch(db: Executor, row: Insertable<PaymentBatchTable>) {
  return db.insertInto('payment_batch').values(row).execute();
}

export function updateBatch(db: Executor, schemeId: string, id: string, changes: Updateable<PaymentBatchTable>) {
  return db.updateTable('payment_batch').set(changes).where('scheme_id', '=', schemeId).where('id', '=', id).execute();
}

function batchFilter(db: Executor, schemeId: string, f: { providerId?: string; status?: BatchStatus }) {
  let q = db.selectFrom('payment_batch').where('scheme_id', '=', schemeId);
  if (f.providerId) q = q.where('provider_id', '=', f.providerId);
  if (f.status) q = q.where('status', '=', f.status);
  return q;
}

export async function listBatches(db: Executor, schemeId: string, f: { providerId?: string; status?: BatchStatus; limit: number; offset: number }) {
  const total = await batchFilter(db, schemeId, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await batchFilter(db, schemeId, f).selectAll().orderBy('created_at', 'desc').orderBy('number', 'desc').limit(f.limit).offset(f.offset).execute();
  return { total: Number(total.n), rows };
}

/** A provider's batches over a period: whose period overlaps it, or paid within it. */
export function batchesOfProvider(db: Executor, schemeId: string, providerId: string, from: string, to: string) {
  return db
    .selectFrom('payment_batch')
    .selectAll()
    .where('scheme_id', '=', schemeId)
    .where('provider_id', '=', providerId)
    .where((eb) => eb.or([eb.and([eb('period_from', '<=', to), eb('period_to', '>=', from)]), eb.and([eb('paid_on', '>=', from), eb('paid_on', '<=', to)])]))
    .orderBy('period_from')
    .orderBy('number')
    .execute();
}

/** Batches of the provider, not cancelled, that paid a capitation over a period holding one of these days. */
export function capitationBatchesCovering(db: Executor, schemeId: string, providerId: string, days: string[]) {
  if (days.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('payment_batch')
    .select(['number', 'period_from', 'period_to'])
    .where('scheme_id', '=', schemeId)
    .where('provider_id', '=', providerId)
    .where('status', '<>', 'cancelled')
    .where('capitation_amount', '>', 0)
    .where((eb) => eb.or(days.map((d) => eb.and([eb('period_from', '<=', d), eb('period_to', '>=', d)]))))
    .execute();
}

export function paidBatchesByReference(db: Executor, schemeId: string, providerId: string, reference: string) {
  return db.selectFrom('payment_batch').selectAll().where('scheme_id', '=', schemeId).where('provider_id', '=', providerId).where('reference', '=', reference).where('status', '=', 'paid').execute();
}

/** Claims a new batch of the provider takes: decided, not paid, in no batch, care in the period, something payable. Locked. */
export function claimsToBatch(db: Executor, schemeId: string, providerId: string, from: string, to: string) {
  return db
    .selectFrom('claim')
    .select(['id', 'number', 'card', 'from_date', 'payable'])
    .where('scheme_id', '=', schemeId)
    .where('provider_id', '=', providerId)
    .where('status', '=', 'adjudicated')
    .where('payment_batch_id', 'is', null)
    .where('payable', '>', 0)
    .where('from_date', '>=', from)
    .where('from_date', '<=', to)
    .orderBy('from_date')
    .orderBy('number')
    .forUpdate()
    .execute();
}

export function claimsOfBatches(db: Executor, schemeId: string, batchIds: string[]) {
  if (batchIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('claim')
    .select(['id', 'number', 'card', 'from_date', 'payable', 'payment_batch_id'])
    .where('scheme_id', '=', schemeId)
    .where('payment_batch_id', 'in', batchIds)
    .orderBy('from_date')
    .orderBy('number')
    .execute();
}

export function lockClaimsByNumbers(db: Executor, schemeId: string, providerCode: string, numbers: string[]) {
  if (numbers.length === 0) return Promise.resolve([]);
  return db.selectFrom('claim').selectAll().where('scheme_id', '=', schemeId).where('provider_code', '=', providerCode).where('number', 'in', [...new Set(numbers)]).forUpdate().execute();
}

export function assignClaims(db: Executor, schemeId: string, batchId: string, claimIds: string[], at: Date) {
  if (claimIds.length === 0) return Promise.resolve();
  return db.updateTable('claim').set({ payment_batch_id: batchId, updated_at: at }).where('scheme_id', '=', schemeId).where('id', 'in', claimIds).where('payment_batch_id', 'is', null).execute();
}

export function releaseClaims(db: Executor, schemeId: string, batchId: string, at: Date) {
  return db.updateTable('claim').set({ payment_batch_id: null, updated_at: at }).where('scheme_id', '=', schemeId).where('payment_batch_id', '=', batchId).returning('id').execute();
}

export function markClaimsPaid(db: Executor, schemeId: string, batchId: string, date: string, reference: string, at: Date) {
  return db
    .updateTable('claim')
    .set({ status: 'paid', paid_on: date, payment_reference: reference, updated_at: at })
    .where('scheme_id', '=', schemeId)
    .where('payment_batch_id', '=', batchId)
    .returning('id')
    .execute();
}

export function claimsOfProvider(db: Executor, schemeId: string, providerCode: string, from: string, to: string) {
  return db.selectFrom('claim').selectAll().where('scheme_id', '=', schemeId).where('provider_code', '=', providerCode).where('from_date', '>=', from).where('from_date', '<=', to).orderBy('from_date').orderBy('number').execute();
}

export async function batchNumbers(db: Executor, schemeId: string, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('payment_batch').select(['id', 'number']).where('scheme_id', '=', schemeId).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r.number]));
}
