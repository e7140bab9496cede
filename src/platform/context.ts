import type { Actor } from './audit/audit.js';
import type { Principal } from './auth/principal.js';
import type { Db } from './db/connection.js';

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
