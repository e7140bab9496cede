import type { Db } from '../../platform/db/connection.js';
import { requestContext } from '../../platform/http/context.js';
import type { App } from '../../platform/http/types.js';
import { AuditPage, AuditQuery } from './audit.schemas.js';
import { listAudit } from './audit.service.js';

export async function auditRoutes(app: App, { db }: { db: Db }) {
  app.get('/api/audit', {
    schema: { tags: ['audit'], summary: 'The audit log: who changed what, when, before and after', querystring: AuditQuery, response: { 200: AuditPage } },
    config: { scope: 'any', permission: 'audit.read' },
  }, async (request) => listAudit(requestContext(db, request), request.query));
}
