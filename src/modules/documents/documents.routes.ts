import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/connection.js';
import { requestContext } from '../../platform/http/context.js';
import { SchemeParams } from '../../platform/http/schemas.js';
import type { App } from '../../platform/http/types.js';
import { validatorCompiler } from '../../platform/http/validation.js';
import { PhotoRefusedError } from './documents.errors.js';
import { CardKey, CardKeys, CardParams, CardSheetQuery, HouseholdParams, PaymentParams, PhotoView, VerifyInput, VerifyResult, binary, textBody } from './documents.schemas.js';
import * as service from './documents.service.js';
import { MAX_PHOTO_BYTES } from './photo-check.js';

/**
 * An uploaded file's bytes. Kept behind an accessor so that code walking request bodies key by
 * key (the platform's check for unstorable text) sees an empty object, not two million entries.
 */
class UploadedBytes {
  readonly #bytes: Buffer;
  constructor(bytes: Buffer) {
    this.#bytes = bytes;
  }
  get bytes(): Buffer {
    return this.#bytes;
  }
}

function sendFile(reply: FastifyReply, file: service.DocumentFile) {
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', `inline; filename="${file.filename}"`)
    // Names, birth dates and photos: no copy in shared caches or the browser's.
    .header('cache-control', 'no-store')
    .send(file.bytes);
}

export async function documentsRoutes(app: App, { db }: { db: Db }) {
  const ctx = (request: FastifyRequest) => requestContext(db, request);
  const tags = ['documents'];

  app.get('/api/schemes/:scheme/card-keys', {
    schema: { tags, summary: 'The public keys that verify the scheme’s membership cards, for devices that check cards offline', params: SchemeParams, response: { 200: CardKeys } },
    config: { scope: 'scheme', permission: 'eligibility.check' },
  }, async (request) => service.listCardKeys(ctx(request), request.scheme!));

  app.post('/api/schemes/:scheme/card-keys/rotate', {
    schema: { tags, summary: 'Make a new card signing key; the previous one is retired but still verifies the cards it signed', params: SchemeParams, response: { 201: CardKey } },
    config: { scope: 'scheme', permission: 'organizations.manage' },
  }, async (request, reply) => reply.status(201).send(await service.rotateCardKey(ctx(request), request.scheme!.id)));

  app.post('/api/schemes/:scheme/cards/verify', {
    schema: { tags, summary: 'Check the text of a card’s QR code: signed by this scheme, unaltered?', params: SchemeParams, body: VerifyInput, response: { 200: VerifyResult } },
    config: { scope: 'scheme', permission: 'eligibility.check' },
  }, async (request) => service.verifyCard(ctx(request), request.scheme!, request.body.payload, request.locale));

  app.get('/api/schemes/:scheme/households/:number/cards.pdf', {
    schema: { tags, summary: 'Membership cards of a household’s active members (PDF, A4, ten per page, with cut marks)', params: HouseholdParams, response: { 200: binary('application/pdf') } },
    config: { scope: 'scheme', permission: 'members.read' },
  }, async (request, reply) => sendFile(reply, await service.householdCards(ctx(request), request.scheme!, request.params.number, request.locale)));

  app.get('/api/schemes/:scheme/cards.pdf', {
    schema: {
      tags,
      summary: 'Membership cards of several households and single cards (PDF, A4, ten per page, with cut marks)',
      params: SchemeParams,
      querystring: CardSheetQuery,
      response: { 200: binary('application/pdf') },
    },
    config: { scope: 'scheme', permission: 'members.read' },
  }, async (request, reply) => sendFile(reply, await service.cardSheet(ctx(request), request.scheme!, request.query, request.locale)));

  app.get('/api/schemes/:scheme/beneficiaries/:card/photo', {
    schema: { tags, summary: 'A beneficiary’s photo', params: CardParams, response: { 200: binary('image/jpeg', 'image/png') } },
    config: { scope: 'scheme', permission: 'members.read' },
  }, async (request, reply) => sendFile(reply, await service.getPhoto(ctx(request), request.scheme!.id, request.params.card)));

  app.delete('/api/schemes/:scheme/beneficiaries/:card/photo', {
    schema: { tags, summary: 'Remove a beneficiary’s photo', params: CardParams, response: { 204: Type.Null() } },
    config: { scope: 'scheme', permission: 'members.write' },
  }, async (request, reply) => {
    await service.deletePhoto(ctx(request), request.scheme!.id, request.params.card);
    return reply.status(204).send(null);
  });

  // The upload takes the image itself as the body, whatever Content-Type is claimed: the bytes
  // say what they are. Its own context, so no other route accepts raw bodies.
  await app.register(async (upload: App) => {
    upload.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, new UploadedBytes(body as Buffer)));
    upload.put('/api/schemes/:scheme/beneficiaries/:card/photo', {
      schema: {
        tags,
        summary: `Store or replace a beneficiary’s photo, printed on their card: the JPEG or PNG image as the request body, at most ${MAX_PHOTO_BYTES / 1024 / 1024} MB`,
        params: CardParams,
        consumes: ['image/jpeg', 'image/png'],
        body: Type.Unsafe<unknown>({ type: 'string', format: 'binary', description: 'The image file' }),
        response: { 200: PhotoView },
      },
      // The body is bytes, checked by the service (400 naming `photo`); the path is validated as usual.
      validatorCompiler: (route) => (route.httpPart === 'body' ? () => true : validatorCompiler(route)),
      config: { scope: 'scheme', permission: 'members.write' },
    }, async (request) => {
      const body = request.body;
      // A body another parser took (JSON, text) is not an image.
      if (!(body instanceof UploadedBytes) && body !== undefined && body !== null && body !== '') throw new PhotoRefusedError('not_jpeg_or_png', request.locale);
      return service.putPhoto(ctx(request), request.scheme!.id, request.params.card, body instanceof UploadedBytes ? body.bytes : undefined, request.locale);
    });
  });

  app.get('/api/schemes/:scheme/payments/:payment/receipt.pdf', {
    schema: { tags, summary: 'A payment’s receipt (PDF, 80 mm wide for receipt printers)', params: PaymentParams, response: { 200: binary('application/pdf') } },
    config: { scope: 'scheme', permission: 'contributions.read' },
  }, async (request, reply) => sendFile(reply, await service.paymentReceipt(ctx(request), request.scheme!, request.params.payment, request.locale)));

  app.get('/api/schemes/:scheme/payments/:payment/receipt.txt', {
    schema: { tags, summary: 'A payment’s receipt as one SMS (GSM 7-bit characters, at most 160 where the codes allow)', params: PaymentParams, response: { 200: textBody('text/plain') } },
    config: { scope: 'scheme', permission: 'contributions.read' },
  }, async (request, reply) => reply.header('content-type', 'text/plain; charset=utf-8').header('cache-control', 'no-store').send(await service.paymentReceiptText(ctx(request), request.scheme!, request.params.payment, request.locale)));
}
