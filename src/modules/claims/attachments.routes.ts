import type { FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Db } from '../../platform/db/connection.js';
import { requestContext } from '../../platform/http/context.js';
import type { App } from '../../platform/http/types.js';
import { AddAttachment, Attachment, AttachmentParams, MAX_ATTACHMENT_BYTES, addAttachment, attachmentTypes, getAttachment, listAttachments } from './attachments.service.js';
import { ClaimParams } from './claims.schemas.js';
import { providerRestriction } from './claims.service.js';
import { binary } from '../../platform/http/files.js';

export async function claimAttachmentsRoutes(app: App, { db }: { db: Db }) {
  const ctx = (request: FastifyRequest) => requestContext(db, request);
  const tags = ['claims'];

  app.post('/api/schemes/:scheme/claims/:id/attachments', {
    schema: {
      tags,
      summary: 'Add a scanned invoice or another paper to a claim (PDF, JPEG, PNG or WebP, base64, at most 10 MiB); the same file again returns the first',
      params: ClaimParams,
      body: AddAttachment,
      response: { 201: Attachment, 200: Attachment },
    },
    bodyLimit: Math.ceil(MAX_ATTACHMENT_BYTES / 3) * 4 + 64 * 1024,
    config: { scope: 'scheme', permission: 'claims.submit' },
  }, async (request, reply) => {
    const c = ctx(request);
    const { attachment, created } = await addAttachment(c, request.scheme!.id, request.params.id, request.body, providerRestriction(c, request.scheme!, 'claims.submit'));
    return reply.status(created ? 201 : 200).send(attachment);
  });

  app.get('/api/schemes/:scheme/claims/:id/attachments', {
    schema: { tags, summary: 'The files of a claim, oldest first', params: ClaimParams, response: { 200: Type.Array(Attachment) } },
    config: { scope: 'scheme', permission: 'claims.read' },
  }, async (request) => {
    const c = ctx(request);
    return listAttachments(c, request.scheme!.id, request.params.id, providerRestriction(c, request.scheme!, 'claims.read'));
  });

  app.get('/api/schemes/:scheme/claims/:id/attachments/:attachmentId', {
    schema: { tags, summary: 'One file of a claim, as stored', params: AttachmentParams, response: { 200: binary(...attachmentTypes) } },
    config: { scope: 'scheme', permission: 'claims.read' },
  }, async (request, reply) => {
    const c = ctx(request);
    const file = await getAttachment(c, request.scheme!.id, request.params.id, request.params.attachmentId, providerRestriction(c, request.scheme!, 'claims.read'));
    return reply
      .header('content-type', file.contentType)
      .header('content-disposition', `attachment; filename="${encodeURIComponent(file.fileName)}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
      .header('cache-control', 'no-store')
      .header('x-content-type-options', 'nosniff')
      .send(file.bytes);
  });
}
