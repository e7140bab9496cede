import type { FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/connection.js';
import { requestContext } from '../../platform/http/context.js';
import { SchemeParams } from '../../platform/http/schemas.js';
import type { App } from '../../platform/http/types.js';
import { Reserves, ReservesQuery } from './reserves.schemas.js';
import { claimsReserves } from './reserves.service.js';

export async function reservesRoutes(app: App, { db }: { db: Db }) {
  const ctx = (request: FastifyRequest) => requestContext(db, request);
  app.get('/api/schemes/:scheme/reserves', {
    schema: {
      tags: ['finance'],
      summary: 'Claims reserves on a date: outstanding claims and claims incurred but not reported (chain-ladder, with its triangle)',
      params: SchemeParams,
      querystring: ReservesQuery,
      response: { 200: Reserves },
    },
    config: { scope: 'scheme', permission: 'finance.read' },
  }, async (request) => claimsReserves(ctx(request), [request.scheme!.id], request.query));
}
