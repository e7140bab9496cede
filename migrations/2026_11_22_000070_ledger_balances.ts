import { type Kysely, sql } from 'kysely';

// Daily balances of the ledger's accounts, so that a position on a date (the indicators'
// liquidity, reserve months and solvency; the balance sheet) sums a few thousand rows per scheme
// instead of every journal line since the books began. Kept by a statement-level trigger on
// journal_line: every insert, whatever its path (a posting, a manual entry, a reversal, a batch of
// 5,000 claims), adds its lines' debits and credits to the day of their entry. Lines are never
// updated or deleted (the ledger's triggers refuse it), so additions are all there is. A restore
// loads the table as it was and does not fire the trigger (see platform/db/backup.ts).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('ledger_balance')
    .addColumn('scheme_id', 'uuid', (c) => c.notNull())
    .addColumn('account_code', 'text', (c) => c.notNull())
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('debit', 'bigint', (c) => c.notNull())
    .addColumn('credit', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_balance_pk', ['scheme_id', 'account_code', 'day'])
    .addForeignKeyConstraint('ledger_balance_account_fk', ['scheme_id', 'account_code'], 'account', ['scheme_id', 'code'])
    .execute();
  await db.schema.createIndex('ledger_balance_scheme_day_idx').on('ledger_balance').columns(['scheme_id', 'day']).execute();

  await sql`
    create function ledger_balance_add() returns trigger language plpgsql as $$
    begin
      insert into ledger_balance (scheme_id, account_code, day, debit, credit)
      select l.scheme_id, l.account_code, e.date, sum(l.debit), sum(l.credit)
        from new_lines l join journal_entry e on e.id = l.entry_id
       group by l.scheme_id, l.account_code, e.date
      on conflict (scheme_id, account_code, day)
        do update set debit = ledger_balance.debit + excluded.debit, credit = ledger_balance.credit + excluded.credit;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger journal_line_balance after insert on journal_line
      referencing new table as new_lines for each statement execute function ledger_balance_add()`.execute(db);

  // The books already kept.
  await sql`
    insert into ledger_balance (scheme_id, account_code, day, debit, credit)
    select l.scheme_id, l.account_code, e.date, sum(l.debit), sum(l.credit)
      from journal_line l join journal_entry e on e.id = l.entry_id
     group by l.scheme_id, l.account_code, e.date`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger journal_line_balance on journal_line`.execute(db);
  await sql`drop function ledger_balance_add()`.execute(db);
  await db.schema.dropTable('ledger_balance').execute();
}
