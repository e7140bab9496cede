import type { Insertable } from 'kysely';
import type { Executor } from '../../platform/audit/audit.js';
import type { ProductTable, ProductVersionTable } from './products.table.js';

export function findProductByCode(db: Executor, schemeId: string, code: string) {
  return db.selectFrom('product').selectAll().where('scheme_id', '=', schemeId).where('code', '=', code).executeTakeFirst();
}

export function listProducts(db: Executor, schemeId: string) {
  return db.selectFrom('product').selectAll().where('scheme_id', '=', schemeId).orderBy('code').execute();
}

export function insertProduct(db: Executor, row: Insertable<ProductTable>) {
  return db.insertInto('product').values(row).execute();
}

export function listVersions(db: Executor, schemeId: string, productIds: string[]) {
  if (productIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('product_version').selectAll().where('scheme_id', '=', schemeId).where('product_id', 'in', productIds).orderBy('effective_from').execute();
}

export function findVersion(db: Executor, schemeId: string, productId: string, effectiveFrom: string) {
  return db
    .selectFrom('product_version')
    .selectAll()
    .where('scheme_id', '=', schemeId)
    .where('product_id', '=', productId)
    .where('effective_from', '=', effectiveFrom)
    .forUpdate()
    .executeTakeFirst();
}

export function findVersionById(db: Executor, schemeId: string, id: string) {
  return db.selectFrom('product_version').selectAll().where('scheme_id', '=', schemeId).where('id', '=', id).executeTakeFirst();
}

export function findVersionsByIds(db: Executor, schemeId: string, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('product_version').selectAll().where('scheme_id', '=', schemeId).where('id', 'in', ids).execute();
}

/** The version of a product effective on a date: the latest starting on or before it. */
export function findVersionOn(db: Executor, schemeId: string, productId: string, date: string) {
  return db
    .selectFrom('product_version')
    .selectAll()
    .where('scheme_id', '=', schemeId)
    .where('product_id', '=', productId)
    .where('effective_from', '<=', date)
    .orderBy('effective_from', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function insertVersion(db: Executor, row: Insertable<ProductVersionTable>) {
  return db.insertInto('product_version').values(row).execute();
}

export function replaceVersionDefinition(db: Executor, id: string, definition: string) {
  return db.updateTable('product_version').set({ definition, updated_at: new Date() }).where('id', '=', id).where('in_use', '=', false).executeTakeFirst();
}

export function markInUse(db: Executor, schemeId: string, id: string) {
  return db.updateTable('product_version').set({ in_use: true }).where('scheme_id', '=', schemeId).where('id', '=', id).where('in_use', '=', false).execute();
}
