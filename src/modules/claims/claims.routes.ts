import type { FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/connection.js';
import { requestContext } from '../../platform/http/context.js';
import { SchemeParams } from '../../platform/http/schemas.js';
import type { App } from '../../platform/http/types.js';
import { today } from '../../platform/dates.js';
import { CardParams, CoverageQuery, CoverageView } from '../coverage/index.js';
import { AdjudicateBody, AdjudicationSummary, ClaimPage, ClaimParams, ClaimQuery, ClaimQuote, ClaimView, QuoteClaim, SubmitClaim } from './claims.schemas.js';
import * as service from './claims.service.js';
import { lettersRoutes } from './letters.routes.js';
import { paymentsRoutes } from './payments.routes.js';
import { reviewRoutes } from './review.routes.js';

export async function claimsRoutes(app: App, { db }: { db: Db }) {
  const ctx = (request: FastifyRequest) => requestContext(db, request);
  const tags = ['claims'];

  app.post('/api/schemes/:scheme/claims', {
    schema: {
      tags,
      summary: 'Submit a claim; it is decided at once, line by line (a retry with the same idempotency key returns the first)',
      params: SchemeParams,
      body: SubmitClaim,
      response: { 200: ClaimView, 201: ClaimView },
    },
    config: { scope: 'scheme', permission: 'claims.submit' },
  }, async (request, reply) => {
    const c = ctx(request);
    const providers = service.providerRestriction(c, request.scheme!, 'claims.submit');
    const { claim, replayed } = await service.submitClaim(c, request.scheme!.id, request.body, { source: 'api', providers });
    const view = request.locale === 'en' ? claim : await service.getClaim(c, request.scheme!.id, claim.id, request.locale);
    return reply.status(replayed ? 200 : 201).send(view);
  });

  app.post('/api/schemes/:scheme/claims/quote', {
    schema: { tags, summary: 'What a claim would be paid if submitted now (nothing is written): the claim form and the point of care show it', params: SchemeParams, body: QuoteClaim, response: { 200: ClaimQuote } },
    config: { scope: 'scheme', permission: 'claims.submit' },
  }, async (request) => {
    const c = ctx(request);
    return service.quoteClaim(c, request.scheme!.id, request.body, { providers: service.providerRestriction(c, request.scheme!, 'claims.submit'), locale: request.locale });
  });

  app.get('/api/schemes/:scheme/point-of-care/:card', {
    schema: {
      tags,
      summary: 'A member at the point of care: covered today or not, why, and what remains of each benefit after the claims already decided',
      params: CardParams,
      querystring: CoverageQuery,
      response: { 200: CoverageView },
    },
    config: { scope: 'scheme', permission: 'eligibility.check' },
  }, async (request) => service.pointOfCare(ctx(request), request.scheme!.id, request.params.card, request.query.date ?? today(), request.locale));

  app.get('/api/schemes/:scheme/claims', {
    schema: { tags, summary: 'Claims, newest care first, with filters', params: SchemeParams, querystring: ClaimQuery, response: { 200: ClaimPage } },
    config: { scope: 'scheme', permission: 'claims.read' },
  }, async (request) => {
    const c = ctx(request);
    return service.listClaims(c, request.scheme!.id, request.query, service.providerRestriction(c, request.scheme!, 'claims.read'));
  });

  app.get('/api/schemes/:scheme/claims/:id', {
    schema: { tags, summary: 'One claim with its lines, decisions, reasons and their history', params: ClaimParams, response: { 200: ClaimView } },
    config: { scope: 'scheme', permission: 'claims.read' },
  }, async (request) => {
    const c = ctx(request);
    return service.getClaim(c, request.scheme!.id, request.params.id, request.locale, service.providerRestriction(c, request.scheme!, 'claims.read'));
  });

  app.post('/api/schemes/:scheme/claims/adjudicate', {
    schema: { tags, summary: 'Decide every submitted claim of the scheme, in order (resumable; never decides a line twice)', params: SchemeParams, body: AdjudicateBody, response: { 200: AdjudicationSummary } },
    config: { scope: 'scheme', permission: 'claims.review' },
  }, async (request) => service.adjudicateSubmitted(ctx(request), request.scheme!.id, { limit: request.body.limit }));

  await app.register(lettersRoutes, { db });
  await app.register(reviewRoutes, { db });
  await app.register(paymentsRoutes, { db });
}
