import type { FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/connection.js';
import { requestContext } from '../../platform/http/context.js';
import { SchemeParams } from '../../platform/http/schemas.js';
import type { App } from '../../platform/http/types.js';
import { Snapshot, SnapshotQuery } from './offline.schemas.js';
import { offlineSnapshot } from './offline.service.js';

export async function offlineRoutes(app: App, { db }: { db: Db }) {
  const ctx = (request: FastifyRequest) => requestContext(db, request);
  const tags = ['offline'];

  app.get('/api/schemes/:scheme/offline/snapshot', {
    schema: {
      tags,
      summary: 'Households, members, coverage status, what they owe and their last payments, for devices that work offline; paged, or only what changed since a time',
      params: SchemeParams,
      querystring: SnapshotQuery,
      response: { 200: Snapshot },
    },
    config: { scope: 'scheme', permission: 'members.read' },
  }, async (request, reply) => {
    reply.header('Cache-Control', 'no-store');
    return offlineSnapshot(ctx(request), request.scheme!, request.query);
  });
}
