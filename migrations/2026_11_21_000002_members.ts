import { type Kysely, sql } from 'kysely';

// Members: groups (associations, cooperatives, unions), households and beneficiaries, and the
// per-scheme counter of household numbers. Every table carries scheme_id, the tenant key; keys
// that point inside a scheme include it (beneficiary -> household, household -> group), so a row
// can never point into another scheme, and the tables stay distributable by scheme_id.
export async function up(db: Kysely<unknown>): Promise<void> {
  // Trigram search on names. pg_trgm ships with PostgreSQL and is a trusted extension (any user
  // with CREATE on the database may create it), but a server built without contrib modules lacks
  // it: then the name search falls back to word-prefix matching without the GIN index (slower on
  // very large schemes, same results; see src/modules/members/README.md). The exception block
  // runs in a subtransaction, so a refusal does not abort the migration.
  await sql`
    do $$ begin
      create extension if not exists pg_trgm;
    exception when others then
      raise notice 'pg_trgm is not available (%); name search will not use a trigram index', sqlerrm;
    end $$`.execute(db);

  await db.schema
    .createTable('member_group')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('scheme_id', 'uuid', (c) => c.notNull().references('scheme.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('association', 'cooperative', 'union', 'other')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('member_group_scheme_code_uq', ['scheme_id', 'code'])
    .addUniqueConstraint('member_group_scheme_id_uq', ['scheme_id', 'id'])
    .execute();

  await db.schema
    .createTable('household')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('scheme_id', 'uuid', (c) => c.notNull().references('scheme.id'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull().check(sql`category in ('regular', 'indigent', 'group')`))
    .addColumn('group_id', 'uuid')
    .addColumn('section_id', 'uuid', (c) => c.references('section.id'))
    .addColumn('location_id', 'uuid', (c) => c.references('location.id'))
    .addColumn('phone', 'text')
    .addColumn('address', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'inactive')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('household_scheme_number_uq', ['scheme_id', 'number'])
    .addUniqueConstraint('household_scheme_id_uq', ['scheme_id', 'id'])
    .addForeignKeyConstraint('household_group_fk', ['scheme_id', 'group_id'], 'member_group', ['scheme_id', 'id'])
    .execute();
  await sql`create index household_phone_idx on household (scheme_id, phone) where phone is not null`.execute(db);
  await db.schema.createIndex('household_location_idx').on('household').columns(['scheme_id', 'location_id']).execute();
  await sql`create index household_group_idx on household (scheme_id, group_id) where group_id is not null`.execute(db);

  await db.schema
    .createTable('beneficiary')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    // No key of its own to scheme: the one to (scheme_id, household_id) implies it, and bulk
    // loads of a million members feel every key checked.
    .addColumn('scheme_id', 'uuid', (c) => c.notNull())
    .addColumn('household_id', 'uuid', (c) => c.notNull())
    .addColumn('card', 'text', (c) => c.notNull())
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull().check(sql`sex in ('F', 'M')`))
    .addColumn('birth_date', 'date')
    // Always set: the year of birth_date, or an estimate when the date is unknown.
    .addColumn('birth_year', 'integer', (c) => c.notNull())
    .addColumn('relationship', 'text', (c) => c.notNull().check(sql`relationship in ('head', 'spouse', 'child', 'parent', 'other')`))
    .addColumn('id_document', 'text')
    .addColumn('phone', 'text')
    .addColumn('joined_on', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'deceased', 'departed', 'inactive')`))
    .addColumn('status_reason', 'text', (c) => c.check(sql`status_reason in ('death', 'departure', 'other')`))
    .addColumn('status_date', 'date')
    .addColumn('status_note', 'text')
    // Normalized names for spelling-tolerant search (see src/modules/members/search-key.ts).
    .addColumn('search_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('beneficiary_scheme_card_uq', ['scheme_id', 'card'])
    .addForeignKeyConstraint('beneficiary_household_fk', ['scheme_id', 'household_id'], 'household', ['scheme_id', 'id'])
    .addCheckConstraint('beneficiary_birth_year_ck', sql`birth_date is null or extract(year from birth_date) = birth_year`)
    .execute();
  await db.schema.createIndex('beneficiary_household_idx').on('beneficiary').columns(['scheme_id', 'household_id']).execute();
  // text_pattern_ops: equality (duplicate checks) and LIKE 'prefix%' whatever the collation.
  await sql`create index beneficiary_search_key_idx on beneficiary (scheme_id, search_key text_pattern_ops)`.execute(db);
  await sql`create index beneficiary_phone_idx on beneficiary (scheme_id, phone) where phone is not null`.execute(db);
  // The database keeps the rule that a household has one head at most among its active members.
  await sql`create unique index beneficiary_one_head_uq on beneficiary (scheme_id, household_id) where relationship = 'head' and status = 'active'`.execute(db);
  const trgm = await sql<{ ok: boolean }>`select exists (select 1 from pg_extension where extname = 'pg_trgm') as ok`.execute(db);
  if (trgm.rows[0]?.ok) {
    await sql`create index beneficiary_search_key_trgm_idx on beneficiary using gin (search_key gin_trgm_ops)`.execute(db);
  }

  // The last household number handed out per scheme; the row lock serializes concurrent
  // registrations of one scheme, and bulk loaders reserve whole blocks.
  await db.schema
    .createTable('household_sequence')
    .addColumn('scheme_id', 'uuid', (c) => c.primaryKey().references('scheme.id'))
    .addColumn('last_value', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // pg_trgm stays: other objects may use it, and it holds no data.
  for (const table of ['household_sequence', 'beneficiary', 'household', 'member_group']) {
    await db.schema.dropTable(table).execute();
  }
}
