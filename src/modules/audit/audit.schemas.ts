import { type Static, Type } from '@sinclair/typebox';
import { Code, Nullable, Timestamp, Uuid } from '../../platform/http/schemas.js';

export const AuditRecord = Type.Object({
  id: Uuid(),
  occurredAt: Timestamp(),
  actor: Type.String(),
  actorId: Nullable(Uuid()),
  scheme: Nullable(Type.String({ description: 'Scheme code' })),
  action: Type.String(),
  entityType: Type.String(),
  entityId: Type.String(),
  before: Type.Unknown(),
  after: Type.Unknown(),
  requestId: Nullable(Type.String()),
});
export type AuditRecord = Static<typeof AuditRecord>;

export const AuditQuery = Type.Object(
  {
    scheme: Type.Optional(Code('Scheme code')),
    actor: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Username' })),
    action: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'e.g. scheme.update' })),
    entityType: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    entityId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    from: Type.Optional(Type.String({ format: 'date', description: 'First day, inclusive' })),
    to: Type.Optional(Type.String({ format: 'date', description: 'Last day, inclusive' })),
    before: Type.Optional(Uuid()),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuery>;

export const AuditPage = Type.Object({
  records: Type.Array(AuditRecord),
  next: Nullable(Type.String({ description: 'Pass as `before` to get the next (older) page' })),
});
export type AuditPage = Static<typeof AuditPage>;
