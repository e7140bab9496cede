import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import { newId } from '../ids.js';

/** Who is acting: a signed-in user, an API token's user, or the system (CLI, loaders, jobs). */
export interface Actor {
  userId: string | null;
  label: string;
  requestId?: string;
}

export const systemActor = (label = 'system'): Actor => ({ userId: null, label });

export type Executor = Kysely<Database> | Transaction<Database>;

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  schemeId?: string | null;
  before?: unknown;
  after?: unknown;
}

function json(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}

/**
 * Writes audit records. Call it with the transaction that makes the change, so that the record
 * exists exactly when the change does. Secrets (password hashes, token hashes) must be left out of
 * `before`/`after` by the caller.
 */
export async function recordAudit(trx: Executor, actor: Actor, entries: AuditEntry | AuditEntry[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  const now = new Date();
  // Large imports write many records: insert in slices to stay under the parameter limit.
  for (let i = 0; i < list.length; i += 1000) {
    await trx
      .insertInto('audit_log')
      .values(
        list.slice(i, i + 1000).map((e) => ({
          id: newId(now.getTime()),
          occurred_at: now,
          actor_id: actor.userId,
          actor: actor.label,
          scheme_id: e.schemeId ?? null,
          action: e.action,
          entity_type: e.entityType,
          entity_id: e.entityId,
          before: json(e.before),
          after: json(e.after),
          request_id: actor.requestId ?? null,
        })),
      )
      .execute();
  }
}
