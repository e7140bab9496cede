import type { Actor } from './audit/audit.js';
import type { Principal } from './auth/principal.js';
import type { Transaction } from 'kysely';
import type { Db } from './db/connection.js';
import type { Database } from './db/schema.js';

/**
 * What every service call receives: the database, who acts (for the audit log) and, for calls
 * made on behalf of a signed-in user, their principal (for list filtering). CLI commands and
 * loaders act as the system and have no principal: they see everything.
 */
export interface ServiceContext {
  db: Db;
  actor: Actor;
  principal?: Principal;
}

export type { Principal };

/**
 * Runs `work` in a new transaction, or in the caller's when `ctx.db` already is one: a loader
 * that writes a whole file calls many services inside one transaction, all or nothing.
 */
export function inTransaction<T>(ctx: Pick<ServiceContext, 'db'>, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return ctx.db.isTransaction ? work(ctx.db as Transaction<Database>) : ctx.db.transaction().execute(work);
}
