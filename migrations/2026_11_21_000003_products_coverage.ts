import { type Kysely, sql } from 'kysely';

// Products (benefit packages with dated versions) and coverage: periods, dues, payments,
// subsidizers and sponsorships, group remittances. Every table carries scheme_id; references
// inside a scheme include it, so no row can point into another scheme.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('product')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('scheme_id', 'uuid', (c) => c.notNull().references('scheme.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('product_scheme_code_uq', ['scheme_id', 'code'])
    .addUniqueConstraint('product_scheme_id_uq', ['scheme_id', 'id'])
    .execute();

  await db.schema
    .createTable('product_version')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('scheme_id', 'uuid', (c) => c.notNull())
    .addColumn('product_id', 'uuid', (c) => c.notNull())
    .addColumn('effective_from', 'date', (c) => c.notNull())
    .addColumn('definition', 'jsonb', (c) => c.notNull())
    // Set when a coverage period first uses the version: from then on it is never edited.
    .addColumn('in_use', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('product_version_date_uq', ['scheme_id', 'product_id', 'effective_from'])
    .addUniqueConstraint('product_version_scheme_id_uq', ['scheme_id', 'id'])
    .addForeignKeyConstraint('product_version_product_fk', ['scheme_id', 'product_id'], 'product', ['scheme_id', 'id'])
    .execute();

  await db.schema
    .createTable('subsidizer')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('scheme_id', 'uuid', (c) => c.notNull().references('scheme.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    // Share of the dues of sponsored households the subsidizer pays, 0 to 1.
    .addColumn('share', 'numeric(7, 6)', (c) => c.notNull().check(sql`share >= 0 and share <= 1`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('subsidizer_scheme_code_uq', ['scheme_id', 'code'])
    .addUniqueConstraint('subsidizer_scheme_id_uq', ['scheme_id', 'id'])
    .execute();

  await db.schema
    .createTable('sponsorship')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('scheme_id', 'uuid', (c) => c.notNull())
    .addColumn('household_id', 'uuid', (c) => c.notNull())
    .addColumn('subsidizer_id', 'uuid', (c) => c.notNull())
    .addColumn('valid_from', 'date', (c) => c.notNull())
    .addColumn('valid_to', 'date')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addForeignKeyConstraint('sponsorship_household_fk', ['scheme_id', 'household_id'], 'household', ['scheme_id', 'id'])
    .addForeignKeyConstraint('sponsorship_subsidizer_fk', ['scheme_id', 'subsidizer_id'], 'subsidizer', ['scheme_id', 'id'])
    .execute();
  await db.schema.createIndex('sponsorship_household_idx').on('sponsorship').columns(['scheme_id', 'household_id']).execute();
  await db.schema.createIndex('sponsorship_subsidizer_idx').on('sponsorship').columns(['scheme_id', 'subsidizer_id']).execute();

  await db.schema
    .createTable('coverage_period')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('scheme_id', 'uuid', (c) => c.notNull())
    .addColumn('household_id', 'uuid', (c) => c.notNull())
    .addColumn('product_version_id', 'uuid', (c) => c.notNull())
    .addColumn('start_date', 'date', (c) => c.notNull())
    .addColumn('end_date', 'date', (c) => c.notNull())
    .addColumn('renewal_of', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('coverage_period_start_uq', ['scheme_id', 'household_id', 'start_date'])
    .addUniqueConstraint('coverage_period_scheme_id_uq', ['scheme_id', 'id'])
    .addForeignKeyConstraint('coverage_period_household_fk', ['scheme_id', 'household_id'], 'household', ['scheme_id', 'id'])
    .addForeignKeyConstraint('coverage_period_version_fk', ['scheme_id', 'product_version_id'], 'product_version', ['scheme_id', 'id'])
    .addForeignKeyConstraint('coverage_period_renewal_fk', ['scheme_id', 'renewal_of'], 'coverage_period', ['scheme_id', 'id'])
    .addCheckConstraint('coverage_period_dates_ck', sql`end_date >= start_date`)
    .execute();
  // Renewal campaigns look periods up by their end.
  await db.schema.createIndex('coverage_period_end_idx').on('coverage_period').columns(['scheme_id', 'end_date']).execute();

  await db.schema
    .createTable('due')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('scheme_id', 'uuid', (c) => c.notNull())
    .addColumn('household_id', 'uuid', (c) => c.notNull())
    .addColumn('period_id', 'uuid', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('due_date', 'date', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull().check(sql`amount >= 0`))
    .addColumn('contribution', 'bigint', (c) => c.notNull())
    .addColumn('fees', 'bigint', (c) => c.notNull())
    .addColumn('original', 'boolean', (c) => c.notNull())
    // For the dues of a beneficiary added during a period.
    .addColumn('beneficiary_id', 'uuid')
    // The allocation of every payment recorded so far (kept up to date on each payment).
    .addColumn('paid_amount', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('paid_on', 'date')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('due_period_seq_uq', ['scheme_id', 'period_id', 'seq'])
    .addForeignKeyConstraint('due_period_fk', ['scheme_id', 'period_id'], 'coverage_period', ['scheme_id', 'id'])
    .addCheckConstraint('due_parts_ck', sql`amount = contribution + fees`)
    .execute();
  await db.schema.createIndex('due_household_idx').on('due').columns(['scheme_id', 'household_id', 'due_date']).execute();
  await sql`create index due_unpaid_idx on due (scheme_id, due_date) where paid_on is null`.execute(db);

  await db.schema
    .createTable('group_remittance')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('scheme_id', 'uuid', (c) => c.notNull())
    .addColumn('group_id', 'uuid', (c) => c.notNull())
    .addColumn('date', 'date', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull().check(sql`amount > 0`))
    .addColumn('receipt', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('group_remittance_scheme_id_uq', ['scheme_id', 'id'])
    .addForeignKeyConstraint('group_remittance_group_fk', ['scheme_id', 'group_id'], 'member_group', ['scheme_id', 'id'])
    .execute();

  await db.schema
    .createTable('payment')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('scheme_id', 'uuid', (c) => c.notNull())
    .addColumn('household_id', 'uuid', (c) => c.notNull())
    .addColumn('date', 'date', (c) => c.notNull())
    // Negative on a reversal (the counter-entry of a mistaken payment).
    .addColumn('amount', 'bigint', (c) => c.notNull().check(sql`amount <> 0`))
    .addColumn('method', 'text', (c) => c.notNull().check(sql`method in ('cash', 'mobile_money', 'bank', 'group_remittance', 'subsidy')`))
    .addColumn('payer', 'text', (c) => c.notNull().check(sql`payer in ('member', 'group', 'subsidizer')`))
    .addColumn('group_id', 'uuid')
    .addColumn('subsidizer_id', 'uuid')
    .addColumn('remittance_id', 'uuid')
    .addColumn('receipt', 'text')
    .addColumn('collector', 'text')
    .addColumn('idempotency_key', 'text')
    .addColumn('reversal_of', 'uuid')
    .addColumn('reason', 'text')
    .addColumn('note', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('payment_scheme_id_uq', ['scheme_id', 'id'])
    .addForeignKeyConstraint('payment_household_fk', ['scheme_id', 'household_id'], 'household', ['scheme_id', 'id'])
    .addForeignKeyConstraint('payment_group_fk', ['scheme_id', 'group_id'], 'member_group', ['scheme_id', 'id'])
    .addForeignKeyConstraint('payment_subsidizer_fk', ['scheme_id', 'subsidizer_id'], 'subsidizer', ['scheme_id', 'id'])
    .addForeignKeyConstraint('payment_remittance_fk', ['scheme_id', 'remittance_id'], 'group_remittance', ['scheme_id', 'id'])
    .addForeignKeyConstraint('payment_reversal_fk', ['scheme_id', 'reversal_of'], 'payment', ['scheme_id', 'id'])
    .execute();
  await db.schema.createIndex('payment_household_idx').on('payment').columns(['scheme_id', 'household_id', 'date']).execute();
  await db.schema.createIndex('payment_date_idx').on('payment').columns(['scheme_id', 'date']).execute();
  // A receipt number is unique in a scheme (receipts of remittances live on the remittance).
  await sql`create unique index payment_receipt_uq on payment (scheme_id, receipt) where receipt is not null`.execute(db);
  await sql`create unique index group_remittance_receipt_uq on group_remittance (scheme_id, receipt)`.execute(db);
  await sql`create unique index payment_idempotency_uq on payment (scheme_id, idempotency_key) where idempotency_key is not null`.execute(db);
  // A payment is reversed at most once.
  await sql`create unique index payment_reversal_uq on payment (scheme_id, reversal_of) where reversal_of is not null`.execute(db);

  // The card fee is due once per beneficiary: which due carries each beneficiary's.
  await db.schema
    .createTable('card_fee_charge')
    .addColumn('scheme_id', 'uuid', (c) => c.notNull())
    .addColumn('beneficiary_id', 'uuid', (c) => c.notNull())
    .addColumn('due_id', 'uuid', (c) => c.notNull().references('due.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('card_fee_charge_pk', ['scheme_id', 'beneficiary_id'])
    .execute();

  // The last receipt number handed out per scheme (receipts are numbered in order).
  await db.schema
    .createTable('receipt_sequence')
    .addColumn('scheme_id', 'uuid', (c) => c.primaryKey().references('scheme.id'))
    .addColumn('last_value', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['receipt_sequence', 'card_fee_charge', 'payment', 'group_remittance', 'due', 'coverage_period', 'sponsorship', 'subsidizer', 'product_version', 'product']) {
    await db.schema.dropTable(table).execute();
  }
}
