import type { ServiceContext } from '../../platform/context.js';
import { resolveScheme, schemeIdsOfFederations } from '../organizations/index.js';
import * as repo from './audit.repository.js';
import type { AuditPage, AuditQuery } from './audit.schemas.js';

/**
 * Lists audit records, newest first. A user sees the records of the schemes where they hold
 * `audit.read` (platform-wide holders see everything, including records tied to no scheme).
 */
export async function listAudit(ctx: ServiceContext, query: AuditQuery): Promise<AuditPage> {
  let schemeIds: string[] | undefined;
  const scopes = ctx.principal?.scopesFor('audit.read');
  if (scopes) schemeIds = [...scopes.schemeIds, ...(await schemeIdsOfFederations(ctx, scopes.federationIds))];
  if (query.scheme) {
    const scheme = await resolveScheme(ctx, query.scheme);
    const id = scheme?.id ?? '00000000-0000-0000-0000-000000000000';
    schemeIds = schemeIds ? schemeIds.filter((s) => s === id) : [id];
  }
  const limit = query.limit ?? 100;
  const rows = await repo.listAudit(ctx.db, { ...query, schemeIds, limit });
  return {
    records: rows.map((r) => ({
      id: r.id,
      occurredAt: r.occurred_at.toISOString(),
      actor: r.actor,
      actorId: r.actor_id,
      scheme: r.scheme_code,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      before: r.before,
      after: r.after,
      requestId: r.request_id,
    })),
    next: rows.length === limit ? rows[rows.length - 1]!.id : null,
  };
}
