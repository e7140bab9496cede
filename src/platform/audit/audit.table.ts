import type { ColumnType, Selectable } from 'kysely';

type Json = ColumnType<unknown, string | null, never>;

export interface AuditLogTable {
  id: string;
  occurred_at: ColumnType<Date, Date, never>;
  actor_id: string | null;
  actor: string;
  scheme_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  before: Json;
  after: Json;
  request_id: string | null;
}

export interface AuditTables {
  audit_log: AuditLogTable;
}

export type AuditLogRow = Selectable<AuditLogTable>;
