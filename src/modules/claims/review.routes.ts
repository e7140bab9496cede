import type { FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/connection.js';
import { requestContext } from '../../platform/http/context.js';
import { SchemeParams } from '../../platform/http/schemas.js';
import type { App } from '../../platform/http/types.js';
import { ClaimParams, ClaimView } from './claims.schemas.js';
import { providerRestriction } from './claims.service.js';
import * as eob from './eob.service.js';
import { binary, sendFile } from '../../platform/http/files.js';
import { EobQuery, EobView, LineDecisionBody, LineParams, ReviewPage, ReviewQuery, ReviewSettingsView, ScanQuery, ScanResult } from './review.schemas.js';
import * as service from './review.service.js';

export async function reviewRoutes(app: App, { db }: { db: Db }) {
  const ctx = (request: FastifyRequest) => requestContext(db, request);
  const tags = ['claims review'];

  app.get('/api/schemes/:scheme/review/items', {
    schema: { tags, summary: 'The review queue: claims and lines to look at (open ones by default), oldest first, with why', params: SchemeParams, querystring: ReviewQuery, response: { 200: ReviewPage } },
    config: { scope: 'scheme', permission: 'claims.review' },
  }, async (request) => service.reviewQueue(ctx(request), request.scheme!.id, request.query));

  app.get('/api/schemes/:scheme/review/settings', {
    schema: { tags, summary: 'What sends claims to review: random sample rate, amount and provider multiples', params: SchemeParams, response: { 200: ReviewSettingsView } },
    config: { scope: 'scheme', permission: 'claims.review' },
  }, async (request) => service.getReviewSettings(ctx(request), request.scheme!.id));

  app.put('/api/schemes/:scheme/review/settings', {
    schema: { tags, summary: 'Change the review settings (they apply to claims decided from now on)', params: SchemeParams, body: ReviewSettingsView, response: { 200: ReviewSettingsView } },
    config: { scope: 'scheme', permission: 'claims.review' },
  }, async (request) => service.putReviewSettings(ctx(request), request.scheme!.id, request.body));

  app.post('/api/schemes/:scheme/review/scan-providers', {
    schema: {
      tags,
      summary: 'Find providers far above their peers (claims or payable per patient over the period) and put their claims of the period in the review queue',
      params: SchemeParams,
      querystring: ScanQuery,
      response: { 200: ScanResult },
    },
    config: { scope: 'scheme', permission: 'claims.review' },
  }, async (request) => service.scanProviders(ctx(request), request.scheme!.id, request.query));

  app.post('/api/schemes/:scheme/claims/:id/lines/:lineId/decision', {
    schema: {
      tags,
      summary: 'Confirm or override the decision of a claim line, with a written note (the earlier decision stays in the history)',
      params: LineParams,
      body: LineDecisionBody,
      response: { 200: ClaimView },
    },
    config: { scope: 'scheme', permission: 'claims.review' },
  }, async (request) => service.decideLine(ctx(request), request.scheme!.id, request.params.id, request.params.lineId, request.body, request.locale));

  app.get('/api/schemes/:scheme/claims/:id/eob', {
    schema: { tags, summary: 'Explanation of benefits for the member: each service, what was asked, what the scheme pays, what is left, and why', params: ClaimParams, querystring: EobQuery, response: { 200: EobView } },
    config: { scope: 'scheme', permission: 'claims.read' },
  }, async (request) => {
    const c = ctx(request);
    return eob.explanationOfBenefits(c, request.scheme!, request.params.id, request.query.lang ?? request.locale, providerRestriction(c, request.scheme!, 'claims.read'));
  });

  app.get('/api/schemes/:scheme/claims/:id/eob.pdf', {
    schema: { tags, summary: 'The explanation of benefits to print or send (A4 PDF, in the member’s language)', params: ClaimParams, querystring: EobQuery, response: { 200: binary('application/pdf') } },
    config: { scope: 'scheme', permission: 'claims.read' },
  }, async (request, reply) => {
    const c = ctx(request);
    return sendFile(reply, await eob.explanationOfBenefitsPdf(c, request.scheme!, request.params.id, request.query.lang ?? request.locale, providerRestriction(c, request.scheme!, 'claims.read')));
  });
}
