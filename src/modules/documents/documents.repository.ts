import { type Insertable, sql } from 'kysely';
import type { Executor } from '../../platform/audit/audit.js';
import type { BeneficiaryPhotoTable, CardKeyTable } from './documents.table.js';

// ---------------------------------------------------------------- card keys

export function findActiveKey(db: Executor, schemeId: string) {
  return db.selectFrom('card_key').selectAll().where('scheme_id', '=', schemeId).where('active', '=', true).executeTakeFirst();
}

export function listKeys(db: Executor, schemeId: string) {
  return db.selectFrom('card_key').selectAll().where('scheme_id', '=', schemeId).orderBy('kid', 'desc').execute();
}

/** Serializes key creation and rotation of one scheme until the transaction ends. */
export async function lockKeys(trx: Executor, schemeId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`documents.card_key:${schemeId}`}, 0))`.execute(trx);
}

export async function lastKid(trx: Executor, schemeId: string): Promise<number> {
  const row = await trx.selectFrom('card_key').select((eb) => eb.fn.max('kid').as('kid')).where('scheme_id', '=', schemeId).executeTakeFirst();
  return row?.kid ?? 0;
}

export async function retireActiveKey(trx: Executor, schemeId: string, at: Date): Promise<void> {
  await trx.updateTable('card_key').set({ active: false, retired_at: at }).where('scheme_id', '=', schemeId).where('active', '=', true).execute();
}

export async function insertKey(trx: Executor, row: Insertable<CardKeyTable>): Promise<void> {
  await trx.insertInto('card_key').values(row).execute();
}

// ---------------------------------------------------------------- photos

const PHOTO_META = ['beneficiary_id', 'content_type', 'size', 'width', 'height', 'sha256', 'created_at', 'updated_at'] as const;

export function findPhotoMeta(db: Executor, schemeId: string, beneficiaryId: string) {
  return db.selectFrom('beneficiary_photo').select(PHOTO_META).where('scheme_id', '=', schemeId).where('beneficiary_id', '=', beneficiaryId).executeTakeFirst();
}

export function findPhoto(db: Executor, schemeId: string, beneficiaryId: string) {
  return db.selectFrom('beneficiary_photo').select([...PHOTO_META, 'bytes']).where('scheme_id', '=', schemeId).where('beneficiary_id', '=', beneficiaryId).executeTakeFirst();
}

export async function findPhotos(db: Executor, schemeId: string, beneficiaryIds: string[]): Promise<Map<string, Buffer>> {
  if (beneficiaryIds.length === 0) return new Map();
  const rows = await db.selectFrom('beneficiary_photo').select(['beneficiary_id', 'bytes']).where('scheme_id', '=', schemeId).where('beneficiary_id', 'in', beneficiaryIds).execute();
  return new Map(rows.map((r) => [r.beneficiary_id, r.bytes]));
}

export async function upsertPhoto(trx: Executor, row: Insertable<BeneficiaryPhotoTable>): Promise<void> {
  await trx
    .insertInto('beneficiary_photo')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['scheme_id', 'beneficiary_id']).doUpdateSet({
        content_type: row.content_type,
        bytes: row.bytes,
        size: row.size,
        width: row.width,
        height: row.height,
        sha256: row.sha256,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

export async function deletePhoto(trx: Executor, schemeId: string, beneficiaryId: string): Promise<void> {
  await trx.deleteFrom('beneficiary_photo').where('scheme_id', '=', schemeId).where('beneficiary_id', '=', beneficiaryId).execute();
}
