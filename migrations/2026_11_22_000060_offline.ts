import { type Kysely, sql } from 'kysely';

// A household registered from a device that works offline carries the device's idempotency key:
// a retried registration (the answer was lost) finds the first household instead of making a
// second. The hash of what was sent tells a retry from another registration reusing the key.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('household').addColumn('idempotency_key', 'text').addColumn('idempotency_hash', 'text').execute();
  await sql`create unique index household_idempotency_key_idx on household (scheme_id, idempotency_key) where idempotency_key is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index household_idempotency_key_idx`.execute(db);
  await db.schema.alterTable('household').dropColumn('idempotency_key').dropColumn('idempotency_hash').execute();
}
