import { type Kysely, sql } from 'kysely';

// Documents: the keys that sign membership cards, and members' photos printed on them. Both are
// scheme data (scheme_id first), owned by the documents module.
export async function up(db: Kysely<unknown>): Promise<void> {
  // Ed25519 key pairs, one active per scheme; retired keys stay so that cards they signed still
  // verify. `kid` is the key's number in its scheme (1, 2, …): it is printed in every card's QR.
  await db.schema
    .createTable('card_key')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('scheme_id', 'uuid', (c) => c.notNull().references('scheme.id'))
    .addColumn('kid', 'integer', (c) => c.notNull().check(sql`kid > 0`))
    // The raw 32-byte public key, base64url (as in a JWK's `x`).
    .addColumn('public_key', 'text', (c) => c.notNull())
    // PKCS#8 PEM. Never leaves the server, never in an audit record.
    .addColumn('private_key', 'text', (c) => c.notNull())
    .addColumn('active', 'boolean', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('retired_at', 'timestamptz')
    .addUniqueConstraint('card_key_scheme_kid_uq', ['scheme_id', 'kid'])
    .execute();
  await sql`create unique index card_key_one_active_uq on card_key (scheme_id) where active`.execute(db);

  // One photo per beneficiary, as uploaded (JPEG or PNG, checked on upload).
  await db.schema
    .createTable('beneficiary_photo')
    .addColumn('scheme_id', 'uuid', (c) => c.notNull().references('scheme.id'))
    .addColumn('beneficiary_id', 'uuid', (c) => c.notNull().references('beneficiary.id'))
    .addColumn('content_type', 'text', (c) => c.notNull().check(sql`content_type in ('image/jpeg', 'image/png')`))
    .addColumn('bytes', 'bytea', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('beneficiary_photo_pk', ['scheme_id', 'beneficiary_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('beneficiary_photo').execute();
  await db.schema.dropTable('card_key').execute();
}
