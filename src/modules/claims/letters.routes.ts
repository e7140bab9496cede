import type { FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/connection.js';
import { requestContext } from '../../platform/http/context.js';
import { SchemeParams } from '../../platform/http/schemas.js';
import type { App } from '../../platform/http/types.js';
import { providerRestriction } from './claims.service.js';
import { binary, sendFile } from '../../platform/http/files.js';
import { ApproveLetter, CancelLetter, LetterPage, LetterParams, LetterQuery, LetterView, RefuseLetter, RequestLetter } from './letters.schemas.js';
import * as service from './letters.service.js';

export async function lettersRoutes(app: App, { db }: { db: Db }) {
  const ctx = (request: FastifyRequest) => requestContext(db, request);
  const tags = ['guarantee letters'];

  app.post('/api/schemes/:scheme/guarantee-letters', {
    schema: {
      tags,
      summary: 'Ask for a guarantee letter (prior authorization); a provider clerk asks for their own provider. Numbered GL-000001 unless given',
      params: SchemeParams,
      body: RequestLetter,
      response: { 201: LetterView },
    },
    config: { scope: 'scheme', permission: 'claims.submit' },
  }, async (request, reply) => {
    const c = ctx(request);
    const letter = await service.requestLetter(c, request.scheme!.id, request.body, providerRestriction(c, request.scheme!, 'claims.submit'));
    return reply.status(201).send(letter);
  });

  app.get('/api/schemes/:scheme/guarantee-letters', {
    schema: { tags, summary: 'Guarantee letters, latest validity first, by status (expired included), member, provider or a date they are valid on', params: SchemeParams, querystring: LetterQuery, response: { 200: LetterPage } },
    config: { scope: 'scheme', permission: 'claims.read' },
  }, async (request) => {
    const c = ctx(request);
    return service.listLetters(c, request.scheme!.id, request.query, providerRestriction(c, request.scheme!, 'claims.read'));
  });

  app.get('/api/schemes/:scheme/guarantee-letters/:number', {
    schema: { tags, summary: 'One guarantee letter, with its decision and the claim that used it', params: LetterParams, response: { 200: LetterView } },
    config: { scope: 'scheme', permission: 'claims.read' },
  }, async (request) => {
    const c = ctx(request);
    return service.getLetter(c, request.scheme!.id, request.params.number, providerRestriction(c, request.scheme!, 'claims.read'));
  });

  app.get('/api/schemes/:scheme/guarantee-letters/:number/letter.pdf', {
    schema: { tags, summary: 'The letter to print (A4 PDF, in the reader’s language)', params: LetterParams, response: { 200: binary('application/pdf') } },
    config: { scope: 'scheme', permission: 'claims.read' },
  }, async (request, reply) => {
    const c = ctx(request);
    return sendFile(reply, await service.letterPdf(c, request.scheme!, request.params.number, request.locale, providerRestriction(c, request.scheme!, 'claims.read')));
  });

  app.post('/api/schemes/:scheme/guarantee-letters/:number/approve', {
    schema: { tags, summary: 'Approve a requested letter', params: LetterParams, body: ApproveLetter, response: { 200: LetterView } },
    config: { scope: 'scheme', permission: 'claims.review' },
  }, async (request) => service.approveLetter(ctx(request), request.scheme!.id, request.params.number, request.body));

  app.post('/api/schemes/:scheme/guarantee-letters/:number/refuse', {
    schema: { tags, summary: 'Refuse a requested letter, with a written reason', params: LetterParams, body: RefuseLetter, response: { 200: LetterView } },
    config: { scope: 'scheme', permission: 'claims.review' },
  }, async (request) => service.refuseLetter(ctx(request), request.scheme!.id, request.params.number, request.body));

  app.post('/api/schemes/:scheme/guarantee-letters/:number/cancel', {
    schema: { tags, summary: 'Cancel a letter that is requested or approved and not used', params: LetterParams, body: CancelLetter, response: { 200: LetterView } },
    config: { scope: 'scheme', permission: 'claims.submit' },
  }, async (request) => {
    const c = ctx(request);
    return service.cancelLetter(c, request.scheme!.id, request.params.number, request.body, providerRestriction(c, request.scheme!, 'claims.submit'));
  });
}
