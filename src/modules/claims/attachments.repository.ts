import type { Insertable } from 'kysely';
import type { Executor } from '../../platform/audit/audit.js';
import type { ClaimAttachmentTable } from './claims.table.js';

const LISTED = ['id', 'filename', 'content_type', 'size', 'sha256', 'created_by', 'created_at'] as const;

export function attachmentsOf(db: Executor, schemeId: string, claimId: string) {
  return db.selectFrom('claim_attachment').select(LISTED).where('scheme_id', '=', schemeId).where('claim_id', '=', claimId).orderBy('created_at').orderBy('id').execute();
}

export function findAttachment(db: Executor, schemeId: string, claimId: string, id: string) {
  return db.selectFrom('claim_attachment').select(['filename', 'content_type', 'bytes']).where('scheme_id', '=', schemeId).where('claim_id', '=', claimId).where('id', '=', id).executeTakeFirst();
}

export async function insertAttachment(db: Executor, row: Insertable<ClaimAttachmentTable>): Promise<void> {
  await db.insertInto('claim_attachment').values(row).execute();
}

/** Locks the claim's row: one writer of its attachments at a time. */
export async function lockClaim(db: Executor, schemeId: string, claimId: string): Promise<void> {
  await db.selectFrom('claim').select('id').where('scheme_id', '=', schemeId).where('id', '=', claimId).forUpdate().execute();
}
