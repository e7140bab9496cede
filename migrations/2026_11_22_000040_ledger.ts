import { type Kysely, sql } from 'kysely';

// The double-entry ledger (the finance module, issue #5): a chart of accounts per scheme, journal
// entries and their lines, month closings and attachments. Entries are never edited or deleted
// (triggers refuse it): a correction is a reversing entry. Every entry balances (a trigger checks
// the sum of debits equals the sum of credits of the entries each insert touches). Existing
// schemes get no entries: the books start with the facts recorded after this migration.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('account')
    .addColumn('scheme_id', 'uuid', (c) => c.notNull().references('scheme.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('name_fr', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('asset', 'liability', 'equity', 'income', 'expense')`))
    .addColumn('nature', 'text', (c) => c.notNull())
    .addColumn('parent_code', 'text')
    .addColumn('system', 'boolean', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('account_pk', ['scheme_id', 'code'])
    .execute();

  await db.schema
    .createTable('ledger_counter')
    .addColumn('scheme_id', 'uuid', (c) => c.primaryKey().references('scheme.id'))
    .addColumn('last_number', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('journal_entry')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('scheme_id', 'uuid', (c) => c.notNull().references('scheme.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('date', 'date', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('memo', 'text', (c) => c.notNull())
    .addColumn('source_kind', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('reversal_of', 'uuid', (c) => c.references('journal_entry.id'))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('journal_entry_number_uq', ['scheme_id', 'number'])
    .addUniqueConstraint('journal_entry_source_uq', ['scheme_id', 'source_kind', 'source_id'])
    .execute();
  await db.schema.createIndex('journal_entry_scheme_date_idx').on('journal_entry').columns(['scheme_id', 'date']).execute();
  await sql`create unique index journal_entry_reversal_uq on journal_entry (reversal_of) where reversal_of is not null`.execute(db);

  await db.schema
    .createTable('journal_line')
    .addColumn('entry_id', 'uuid', (c) => c.notNull().references('journal_entry.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('scheme_id', 'uuid', (c) => c.notNull())
    .addColumn('account_code', 'text', (c) => c.notNull())
    .addColumn('debit', 'bigint', (c) => c.notNull().check(sql`debit >= 0`))
    .addColumn('credit', 'bigint', (c) => c.notNull().check(sql`credit >= 0`))
    .addPrimaryKeyConstraint('journal_line_pk', ['entry_id', 'seq'])
    .addForeignKeyConstraint('journal_line_account_fk', ['scheme_id', 'account_code'], 'account', ['scheme_id', 'code'])
    .addCheckConstraint('journal_line_one_side', sql`(debit = 0) <> (credit = 0)`)
    .execute();
  await db.schema.createIndex('journal_line_scheme_account_idx').on('journal_line').columns(['scheme_id', 'account_code']).execute();

  // Checked once per statement over the entries it touched (a batch posts thousands at once):
  // the lines of an entry are always inserted by one statement.
  await sql`
    create function ledger_check_balanced() returns trigger language plpgsql as $$
    declare
      bad uuid;
    begin
      select l.entry_id into bad
        from journal_line l
       where l.entry_id in (select distinct n.entry_id from new_lines n)
       group by l.entry_id
      having sum(l.debit) <> sum(l.credit)
       limit 1;
      if bad is not null then
        raise exception 'journal entry % does not balance', bad using errcode = '23514';
      end if;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger journal_line_balanced after insert on journal_line
      referencing new table as new_lines for each statement execute function ledger_check_balanced()`.execute(db);
  await sql`
    create function ledger_refuse_change() returns trigger language plpgsql as $$
    begin
      raise exception 'the ledger is append-only: correct an entry with a reversing entry' using errcode = '42501';
    end $$`.execute(db);
  await sql`create trigger journal_entry_append_only before update or delete on journal_entry for each row execute function ledger_refuse_change()`.execute(db);
  await sql`create trigger journal_line_append_only before update or delete on journal_line for each row execute function ledger_refuse_change()`.execute(db);

  await db.schema
    .createTable('ledger_period_close')
    .addColumn('scheme_id', 'uuid', (c) => c.notNull().references('scheme.id'))
    .addColumn('month', 'text', (c) => c.notNull().check(sql`month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`))
    .addColumn('closed_by', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_period_close_pk', ['scheme_id', 'month'])
    .execute();

  await db.schema
    .createTable('journal_attachment')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('scheme_id', 'uuid', (c) => c.notNull().references('scheme.id'))
    .addColumn('entry_id', 'uuid', (c) => c.notNull().references('journal_entry.id'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('bytes', 'bytea', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('journal_attachment_sha_uq', ['entry_id', 'sha256'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('journal_attachment').execute();
  await db.schema.dropTable('ledger_period_close').execute();
  await db.schema.dropTable('journal_line').execute();
  await db.schema.dropTable('journal_entry').execute();
  await db.schema.dropTable('ledger_counter').execute();
  await db.schema.dropTable('account').execute();
  await sql`drop function ledger_refuse_change()`.execute(db);
  await sql`drop function ledger_check_balanced()`.execute(db);
}
