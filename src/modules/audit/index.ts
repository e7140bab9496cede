// The audit module's public face: reading the audit log. Writing it is `platform/audit`.
export { auditRoutes } from './audit.routes.js';
export { listAudit } from './audit.service.js';
export type { AuditRecord, AuditQuery } from './audit.schemas.js';
