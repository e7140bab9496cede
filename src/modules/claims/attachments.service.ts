/**
 * Scanned invoices and other papers of a claim: stored with it (in the database, so a backup holds
 * them), listed, read back. Never changed; a wrong file is left and another one added (the claim's
 * papers are evidence). A provider clerk adds to and reads only their facility's claims.
 */
import { createHash } from 'node:crypto';
import { type Static, Type } from '@sinclair/typebox';
import { recordAudit } from '../../platform/audit/audit.js';
import { inTransaction, type ServiceContext } from '../../platform/context.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { Timestamp, Uuid } from '../../platform/http/schemas.js';
import { newId } from '../../platform/ids.js';
import { providerCatalogue } from '../providers/index.js';
import * as files from './attachments.repository.js';
import * as repo from './claims.repository.js';

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS_PER_CLAIM = 20;
export const attachmentTypes = ['application/pdf', 'image/jpeg', 'image/png', 'image/webp'] as const;

export const AddAttachment = Type.Object(
  {
    fileName: Type.String({ minLength: 1, maxLength: 200 }),
    content: Type.String({ minLength: 1, maxLength: Math.ceil(MAX_ATTACHMENT_BYTES / 3) * 4 + 100, contentEncoding: 'base64', description: 'The file’s bytes, base64 (a `data:…;base64,` prefix is accepted): a PDF, JPEG, PNG or WebP of at most 10 MiB' }),
  },
  { additionalProperties: false },
);
export type AddAttachment = Static<typeof AddAttachment>;

export const Attachment = Type.Object({
  id: Uuid(),
  fileName: Type.String(),
  contentType: Type.String(),
  size: Type.Integer(),
  sha256: Type.String(),
  createdBy: Type.String(),
  createdAt: Timestamp(),
});
export type Attachment = Static<typeof Attachment>;

export const AttachmentParams = Type.Object({ scheme: Type.String({ minLength: 1, maxLength: 64 }), id: Uuid(), attachmentId: Uuid() }, { additionalProperties: false });

/** The file's real type from its first bytes: the name and the browser's word are not trusted. */
export function sniffType(bytes: Buffer): (typeof attachmentTypes)[number] | undefined {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  return undefined;
}

/** A claim the caller may see: another scheme's, or another facility's for a provider clerk, is not found. */
async function visibleClaim(ctx: ServiceContext, schemeId: string, claimId: string, providers?: Set<string>) {
  const claim = await repo.findClaim(ctx.db, schemeId, claimId);
  if (!claim) throw new NotFoundError('claim', claimId);
  if (providers) {
    const providerId = claim.provider_id ?? (await providerCatalogue(ctx.db, schemeId)).providers.get(claim.provider_code)?.id;
    if (!providerId || !providers.has(providerId)) throw new NotFoundError('claim', claimId);
  }
  return claim;
}

const toAttachment = (r: { id: string; filename: string; content_type: string; size: number; sha256: string; created_by: string; created_at: Date }): Attachment => ({
  id: r.id,
  fileName: r.filename,
  contentType: r.content_type,
  size: r.size,
  sha256: r.sha256,
  createdBy: r.created_by,
  createdAt: r.created_at.toISOString(),
});

/**
 * Stores a file with a claim. The same file (same bytes) added again returns the first one, so a
 * retried upload stores it once. Errors: ValidationError (empty, too large, not a PDF or an image),
 * NotFoundError, ConflictError `claim_attachments_full`.
 */
export async function addAttachment(ctx: ServiceContext, schemeId: string, claimId: string, input: AddAttachment, providers?: Set<string>): Promise<{ attachment: Attachment; created: boolean }> {
  const comma = input.content.startsWith('data:') ? input.content.indexOf(',') : -1;
  const bytes = Buffer.from(comma >= 0 ? input.content.slice(comma + 1) : input.content, 'base64');
  if (bytes.length === 0) throw new ValidationError([{ field: 'content', message: 'the file is empty, or not base64' }]);
  if (bytes.length > MAX_ATTACHMENT_BYTES) throw new ValidationError([{ field: 'content', message: `the file is larger than ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MiB` }]);
  const contentType = sniffType(bytes);
  if (!contentType) throw new ValidationError([{ field: 'content', message: 'not a PDF, JPEG, PNG or WebP file' }]);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  // No path, quote or control character in a name that goes back in a header.
  const fileName = [...input.fileName].map((ch) => (ch < ' ' || ch === '"' || ch === '/' || ch === '\\' ? '_' : ch)).join('').trim() || 'attachment';
  return inTransaction(ctx, async (trx) => {
    const t = { ...ctx, db: trx };
    await visibleClaim(t, schemeId, claimId, providers);
    // One writer per claim at a time, so the count below holds.
    await files.lockClaim(trx, schemeId, claimId);
    const existing = await files.attachmentsOf(trx, schemeId, claimId);
    const same = existing.find((e) => e.sha256 === sha256);
    if (same) return { attachment: toAttachment(same), created: false };
    if (existing.length >= MAX_ATTACHMENTS_PER_CLAIM) throw new ConflictError('claim_attachments_full', `a claim holds at most ${MAX_ATTACHMENTS_PER_CLAIM} files`);
    const row = { id: newId(), scheme_id: schemeId, claim_id: claimId, filename: fileName, content_type: contentType, bytes, size: bytes.length, sha256, created_by: ctx.actor.label, created_at: new Date() };
    await files.insertAttachment(trx, row);
    const attachment = toAttachment(row);
    await recordAudit(trx, ctx.actor, { action: 'claims.attachment_added', entityType: 'claim', entityId: claimId, schemeId, after: attachment });
    return { attachment, created: true };
  });
}

/** The files of a claim, oldest first. Errors: NotFoundError. */
export async function listAttachments(ctx: ServiceContext, schemeId: string, claimId: string, providers?: Set<string>): Promise<Attachment[]> {
  await visibleClaim(ctx, schemeId, claimId, providers);
  return (await files.attachmentsOf(ctx.db, schemeId, claimId)).map(toAttachment);
}

/** One file with its bytes. Errors: NotFoundError. */
export async function getAttachment(ctx: ServiceContext, schemeId: string, claimId: string, attachmentId: string, providers?: Set<string>): Promise<{ fileName: string; contentType: string; bytes: Buffer }> {
  await visibleClaim(ctx, schemeId, claimId, providers);
  const row = await files.findAttachment(ctx.db, schemeId, claimId, attachmentId);
  if (!row) throw new NotFoundError('attachment', attachmentId);
  return { fileName: row.filename, contentType: row.content_type, bytes: row.bytes };
}
