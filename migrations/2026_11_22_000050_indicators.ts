import type { Kysely } from 'kysely';

// The indicators module's tables: per-scheme threshold overrides, and the summaries the
// indicators are summed from (derived from the facts by the coverage and claims rules, refreshed
// for what changed, rebuilt by `mutua indicators rebuild`; never edited by hand).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('indicator_threshold')
    .addColumn('scheme_id', 'uuid', (c) => c.notNull().references('scheme.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('watch', 'numeric')
    .addColumn('bad', 'numeric')
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('indicator_threshold_pk', ['scheme_id', 'code'])
    .execute();

  await db.schema
    .createTable('indicator_summary_state')
    .addColumn('scheme_id', 'uuid', (c) => c.primaryKey().references('scheme.id'))
    .addColumn('seen_at', 'timestamptz', (c) => c.notNull())
    .addColumn('rebuilt_at', 'timestamptz', (c) => c.notNull())
    .execute();

  // By household: stretches of days one beneficiary (or, `household`, the household) is covered.
  await db.schema
    .createTable('indicator_covered')
    .addColumn('scheme_id', 'uuid', (c) => c.notNull())
    .addColumn('household_id', 'uuid', (c) => c.notNull())
    .addColumn('household', 'boolean', (c) => c.notNull())
    .addColumn('start_date', 'date', (c) => c.notNull())
    .addColumn('end_date', 'date', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('indicator_covered_household_idx').on('indicator_covered').columns(['scheme_id', 'household_id']).execute();

  await db.schema
    .createTable('indicator_due')
    .addColumn('scheme_id', 'uuid', (c) => c.notNull())
    .addColumn('household_id', 'uuid', (c) => c.notNull())
    .addColumn('due_id', 'uuid', (c) => c.notNull())
    .addColumn('period_id', 'uuid', (c) => c.notNull())
    .addColumn('period_start', 'date', (c) => c.notNull())
    .addColumn('period_end', 'date', (c) => c.notNull())
    .addColumn('due_date', 'date', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('indicator_due_pk', ['scheme_id', 'due_id'])
    .execute();
  await db.schema.createIndex('indicator_due_household_idx').on('indicator_due').columns(['scheme_id', 'household_id']).execute();

  // What was paid on a due as of a date, as increments.
  await db.schema
    .createTable('indicator_due_paid')
    .addColumn('scheme_id', 'uuid', (c) => c.notNull())
    .addColumn('household_id', 'uuid', (c) => c.notNull())
    .addColumn('due_id', 'uuid', (c) => c.notNull())
    .addColumn('due_date', 'date', (c) => c.notNull())
    .addColumn('period_start', 'date', (c) => c.notNull())
    .addColumn('period_end', 'date', (c) => c.notNull())
    .addColumn('on_date', 'date', (c) => c.notNull())
    .addColumn('paid', 'bigint', (c) => c.notNull())
    .addColumn('contribution', 'bigint', (c) => c.notNull())
    .addColumn('fees', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('indicator_due_paid_household_idx').on('indicator_due_paid').columns(['scheme_id', 'household_id']).execute();

  await db.schema
    .createTable('indicator_period')
    .addColumn('scheme_id', 'uuid', (c) => c.notNull())
    .addColumn('household_id', 'uuid', (c) => c.notNull())
    .addColumn('period_id', 'uuid', (c) => c.notNull())
    .addColumn('end_date', 'date', (c) => c.notNull())
    .addColumn('renewed', 'boolean', (c) => c.notNull())
    .addPrimaryKeyConstraint('indicator_period_pk', ['scheme_id', 'period_id'])
    .execute();
  await db.schema.createIndex('indicator_period_household_idx').on('indicator_period').columns(['scheme_id', 'household_id']).execute();

  // By day, summed over the households (kept in step with the tables above): what reports read.
  await db.schema
    .createTable('indicator_covered_day')
    .addColumn('scheme_id', 'uuid', (c) => c.notNull())
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('beneficiaries', 'bigint', (c) => c.notNull())
    .addColumn('households', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('indicator_covered_day_pk', ['scheme_id', 'day'])
    .execute();
  await db.schema
    .createTable('indicator_due_day')
    .addColumn('scheme_id', 'uuid', (c) => c.notNull())
    .addColumn('due_date', 'date', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('indicator_due_day_pk', ['scheme_id', 'due_date'])
    .execute();
  await db.schema
    .createTable('indicator_paid_day')
    .addColumn('scheme_id', 'uuid', (c) => c.notNull())
    .addColumn('due_date', 'date', (c) => c.notNull())
    .addColumn('period_start', 'date', (c) => c.notNull())
    .addColumn('period_end', 'date', (c) => c.notNull())
    .addColumn('on_date', 'date', (c) => c.notNull())
    .addColumn('paid', 'bigint', (c) => c.notNull())
    .addColumn('contribution', 'bigint', (c) => c.notNull())
    .addColumn('fees', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('indicator_paid_day_pk', ['scheme_id', 'due_date', 'period_start', 'period_end', 'on_date'])
    .execute();
  await db.schema
    .createTable('indicator_period_day')
    .addColumn('scheme_id', 'uuid', (c) => c.notNull())
    .addColumn('end_date', 'date', (c) => c.notNull())
    .addColumn('ending', 'bigint', (c) => c.notNull())
    .addColumn('renewed', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('indicator_period_day_pk', ['scheme_id', 'end_date'])
    .execute();

  await db.schema
    .createTable('indicator_care_day')
    .addColumn('scheme_id', 'uuid', (c) => c.notNull())
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('cases', 'bigint', (c) => c.notNull())
    .addColumn('payable', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('indicator_care_day_pk', ['scheme_id', 'day', 'category'])
    .execute();
  await db.schema
    .createTable('indicator_submitted_day')
    .addColumn('scheme_id', 'uuid', (c) => c.notNull())
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('adjudicated', 'bigint', (c) => c.notNull())
    .addColumn('rejected', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('indicator_submitted_day_pk', ['scheme_id', 'day'])
    .execute();
  await db.schema
    .createTable('indicator_claims_paid_day')
    .addColumn('scheme_id', 'uuid', (c) => c.notNull())
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('paid', 'bigint', (c) => c.notNull())
    .addColumn('settlement_days', 'bigint', (c) => c.notNull())
    .addColumn('payment_delay_days', 'bigint', (c) => c.notNull())
    .addColumn('up_to7', 'bigint', (c) => c.notNull())
    .addColumn('up_to30', 'bigint', (c) => c.notNull())
    .addColumn('up_to90', 'bigint', (c) => c.notNull())
    .addColumn('over90', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('indicator_claims_paid_day_pk', ['scheme_id', 'day'])
    .execute();

  // What a refresh looks for: facts recorded since the last one (coverage.indicators.ts,
  // claims.facts.ts, members.indicators.ts), without reading whole tables.
  for (const [table, column] of changeColumns) {
    await db.schema.createIndex(`indicator_${table}_changes_idx`).on(table).columns(['scheme_id', column]).execute();
  }
}

const changeColumns = [['coverage_period', 'created_at'], ['due', 'created_at'], ['payment', 'created_at'], ['beneficiary', 'updated_at'], ['claim', 'updated_at']] as const;

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [table] of changeColumns) await db.schema.dropIndex(`indicator_${table}_changes_idx`).execute();
  for (const table of ['indicator_claims_paid_day', 'indicator_submitted_day', 'indicator_care_day', 'indicator_period_day', 'indicator_paid_day', 'indicator_due_day', 'indicator_covered_day',
    'indicator_period', 'indicator_due_paid', 'indicator_due', 'indicator_covered', 'indicator_summary_state', 'indicator_threshold']) {
    await db.schema.dropTable(table).execute();
  }
}
