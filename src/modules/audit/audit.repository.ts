import type { Executor } from '../../platform/audit/audit.js';
import { addDays } from '../../platform/dates.js';

export interface AuditFilter {
  schemeIds?: string[];
  actor?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  from?: string;
  to?: string;
  before?: string;
  limit: number;
}

/** Newest first; `before` is the id of the last record of the previous page (ids sort by time). */
export function listAudit(db: Executor, f: AuditFilter) {
  let q = db
    .selectFrom('audit_log')
    .leftJoin('scheme', 'scheme.id', 'audit_log.scheme_id')
    .select([
      'audit_log.id',
      'audit_log.occurred_at',
      'audit_log.actor',
      'audit_log.actor_id',
      'audit_log.action',
      'audit_log.entity_type',
      'audit_log.entity_id',
      'audit_log.before',
      'audit_log.after',
      'audit_log.request_id',
      'scheme.code as scheme_code',
    ])
    .orderBy('audit_log.id', 'desc')
    .limit(f.limit);
  if (f.schemeIds) q = q.where('audit_log.scheme_id', 'in', f.schemeIds.length ? f.schemeIds : ['00000000-0000-0000-0000-000000000000']);
  if (f.actor) q = q.where('audit_log.actor', '=', f.actor);
  if (f.action) q = q.where('audit_log.action', '=', f.action);
  if (f.entityType) q = q.where('audit_log.entity_type', '=', f.entityType);
  if (f.entityId) q = q.where('audit_log.entity_id', '=', f.entityId);
  if (f.from) q = q.where('audit_log.occurred_at', '>=', new Date(`${f.from}T00:00:00Z`));
  if (f.to) q = q.where('audit_log.occurred_at', '<', new Date(`${addDays(f.to, 1)}T00:00:00Z`));
  if (f.before) q = q.where('audit_log.id', '<', f.before);
  return q.execute();
}
