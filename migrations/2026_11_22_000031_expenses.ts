import { type Kysely, sql } from 'kysely';

// Expenses and other income recorded by a scheme (the scheme file's `expenses[]`): the facts the
// books module posts to the ledger. Never edited: a mistake is corrected by a counter-entry.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('expense')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('scheme_id', 'uuid', (c) => c.notNull().references('scheme.id'))
    .addColumn('date', 'date', (c) => c.notNull())
    .addColumn('account', 'text', (c) => c.notNull().check(sql`account in ('administration', 'other_income', 'reserve_transfer')`))
    .addColumn('amount', 'bigint', (c) => c.notNull().check(sql`amount <> 0`))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('reference', 'text')
    .addColumn('correction_of', 'uuid', (c) => c.references('expense.id'))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('expense_scheme_date_idx').on('expense').columns(['scheme_id', 'date']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('expense').execute();
}
