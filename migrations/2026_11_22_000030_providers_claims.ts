import { type Kysely, sql } from 'kysely';

// Providers (service catalogue, health facilities, agreements with their tariffs) and claims
// (guarantee letters, claims and their lines, decisions with their history, attachments, the
// review queue, provider payment batches). Scheme data carries scheme_id; references inside a
// scheme include it, so no row can point into another scheme.
export async function up(db: Kysely<unknown>): Promise<void> {
  // ---------------------------------------------------------------- providers module
  // Services, drugs and supplies a scheme pays for, each mapped to a benefit category.
  await db.schema
    .createTable('service')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('scheme_id', 'uuid', (c) => c.notNull().references('scheme.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('service').check(sql`kind in ('service', 'drug', 'supply')`))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('service_scheme_code_uq', ['scheme_id', 'code'])
    .addUniqueConstraint('service_scheme_id_uq', ['scheme_id', 'id'])
    .execute();

  // ICD-10 codes (a reference table, shared by every scheme): loaded from a file the user provides
  // (Mutua ships no codes).
  await db.schema
    .createTable('diagnosis')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('provider')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('scheme_id', 'uuid', (c) => c.notNull().references('scheme.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('type', 'text')
    .addColumn('location_id', 'uuid', (c) => c.references('location.id'))
    .addColumn('address', 'text')
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('provider_scheme_code_uq', ['scheme_id', 'code'])
    .addUniqueConstraint('provider_scheme_id_uq', ['scheme_id', 'id'])
    .execute();

  // An agreement (convention) is one version of the terms with a provider over a validity; a
  // change of tariff closes it and opens the next (`replaces`). Versions of one provider never overlap.
  await db.schema
    .createTable('agreement')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('scheme_id', 'uuid', (c) => c.notNull())
    .addColumn('provider_id', 'uuid', (c) => c.notNull())
    .addColumn('valid_from', 'date', (c) => c.notNull())
    .addColumn('valid_to', 'date')
    .addColumn('payment_method', 'text', (c) => c.notNull().check(sql`payment_method in ('fee_for_service', 'capitation', 'flat_rate')`))
    .addColumn('payment_delay_days', 'integer', (c) => c.notNull().defaultTo(30))
    // Capitation: per enrolled beneficiary per month. Flat rate: per case (claim).
    .addColumn('capitation_amount', 'bigint')
    .addColumn('flat_rate_amount', 'bigint')
    .addColumn('replaces', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('agreement_scheme_id_uq', ['scheme_id', 'id'])
    .addForeignKeyConstraint('agreement_provider_fk', ['scheme_id', 'provider_id'], 'provider', ['scheme_id', 'id'])
    .addForeignKeyConstraint('agreement_replaces_fk', ['scheme_id', 'replaces'], 'agreement', ['scheme_id', 'id'])
    .addCheckConstraint('agreement_dates_ck', sql`valid_to is null or valid_to >= valid_from`)
    .execute();
  await db.schema.createIndex('agreement_provider_idx').on('agreement').columns(['scheme_id', 'provider_id', 'valid_from']).execute();

  await db.schema
    .createTable('agreement_price')
    .addColumn('scheme_id', 'uuid', (c) => c.notNull())
    .addColumn('agreement_id', 'uuid', (c) => c.notNull())
    .addColumn('service_id', 'uuid', (c) => c.notNull())
    .addColumn('price', 'bigint', (c) => c.notNull().check(sql`price >= 0`))
    .addPrimaryKeyConstraint('agreement_price_pk', ['agreement_id', 'service_id'])
    .addForeignKeyConstraint('agreement_price_agreement_fk', ['scheme_id', 'agreement_id'], 'agreement', ['scheme_id', 'id'])
    .addForeignKeyConstraint('agreement_price_service_fk', ['scheme_id', 'service_id'], 'service', ['scheme_id', 'id'])
    .execute();

  // ---------------------------------------------------------------- claims module
  // Prior authorizations. The provider is kept by code: a letter may name a facility the scheme
  // has not registered yet (it then matches no claim until it is).
  await db.schema
    .createTable('guarantee_letter')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('scheme_id', 'uuid', (c) => c.notNull().references('scheme.id'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('beneficiary_id', 'uuid', (c) => c.notNull())
    .addColumn('provider_code', 'text')
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'date', (c) => c.notNull())
    .addColumn('valid_to', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('requested', 'approved', 'refused', 'cancelled')`))
    .addColumn('note', 'text')
    .addColumn('decision_reason', 'text')
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'timestamptz')
    // The claim that used it (a letter is used once).
    .addColumn('used_by_claim_id', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('guarantee_letter_scheme_number_uq', ['scheme_id', 'number'])
    .addForeignKeyConstraint('guarantee_letter_beneficiary_fk', ['beneficiary_id'], 'beneficiary', ['id'])
    .addCheckConstraint('guarantee_letter_dates_ck', sql`valid_to >= valid_from`)
    .execute();

  await db.schema
    .createTable('payment_batch')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('scheme_id', 'uuid', (c) => c.notNull().references('scheme.id'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('provider_id', 'uuid', (c) => c.notNull())
    .addColumn('period_from', 'date', (c) => c.notNull())
    .addColumn('period_to', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('ordered', 'paid', 'cancelled')`))
    .addColumn('claims_amount', 'bigint', (c) => c.notNull())
    .addColumn('capitation_amount', 'bigint', (c) => c.notNull())
    .addColumn('flat_rate_amount', 'bigint', (c) => c.notNull())
    .addColumn('total', 'bigint', (c) => c.notNull())
    .addColumn('due_on', 'date', (c) => c.notNull())
    .addColumn('paid_on', 'date')
    .addColumn('reference', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('payment_batch_scheme_number_uq', ['scheme_id', 'number'])
    .addUniqueConstraint('payment_batch_scheme_id_uq', ['scheme_id', 'id'])
    .addForeignKeyConstraint('payment_batch_provider_fk', ['scheme_id', 'provider_id'], 'provider', ['scheme_id', 'id'])
    .execute();

  // A claim as submitted: the provider code and card as given (the engine decides whether they
  // are known), resolved ids when they are. The number is unique per provider.
  await db.schema
    .createTable('claim')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('scheme_id', 'uuid', (c) => c.notNull().references('scheme.id'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('provider_code', 'text', (c) => c.notNull())
    .addColumn('provider_id', 'uuid')
    .addColumn('card', 'text', (c) => c.notNull())
    .addColumn('beneficiary_id', 'uuid')
    .addColumn('household_id', 'uuid')
    .addColumn('from_date', 'date', (c) => c.notNull())
    .addColumn('to_date', 'date', (c) => c.notNull())
    .addColumn('submitted_on', 'date', (c) => c.notNull())
    .addColumn('diagnosis', 'text')
    .addColumn('guarantee_letter', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('submitted', 'adjudicated', 'paid')`))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('asked', 'bigint', (c) => c.notNull())
    .addColumn('allowed', 'bigint')
    .addColumn('payable', 'bigint')
    .addColumn('member_share', 'bigint')
    .addColumn('adjudicated_at', 'timestamptz')
    .addColumn('payment_batch_id', 'uuid')
    .addColumn('paid_on', 'date')
    .addColumn('payment_reference', 'text')
    .addColumn('idempotency_key', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('claim_provider_number_uq', ['scheme_id', 'provider_code', 'number'])
    .addUniqueConstraint('claim_scheme_id_uq', ['scheme_id', 'id'])
    .addForeignKeyConstraint('claim_provider_fk', ['scheme_id', 'provider_id'], 'provider', ['scheme_id', 'id'])
    .addForeignKeyConstraint('claim_batch_fk', ['scheme_id', 'payment_batch_id'], 'payment_batch', ['scheme_id', 'id'])
    .addForeignKeyConstraint('claim_beneficiary_fk', ['beneficiary_id'], 'beneficiary', ['id'])
    .addCheckConstraint('claim_asked_ck', sql`asked >= 0`)
    .execute();
  // The engine's order: date of care, submission, number.
  await db.schema.createIndex('claim_order_idx').on('claim').columns(['scheme_id', 'status', 'from_date', 'submitted_on', 'number']).execute();
  await db.schema.createIndex('claim_household_idx').on('claim').columns(['scheme_id', 'household_id']).execute();
  await db.schema.createIndex('claim_beneficiary_idx').on('claim').columns(['scheme_id', 'beneficiary_id']).execute();
  await sql`create unique index claim_idempotency_uq on claim (scheme_id, idempotency_key) where idempotency_key is not null`.execute(db);
  await db.schema.createIndex('claim_batch_idx').on('claim').columns(['scheme_id', 'payment_batch_id']).execute();

  await db.schema
    .createTable('claim_line')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('scheme_id', 'uuid', (c) => c.notNull())
    .addColumn('claim_id', 'uuid', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('service_code', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull().check(sql`quantity > 0`))
    .addColumn('unit_price', 'bigint', (c) => c.notNull().check(sql`unit_price >= 0`))
    .addUniqueConstraint('claim_line_seq_uq', ['claim_id', 'seq'])
    .addUniqueConstraint('claim_line_scheme_id_uq', ['scheme_id', 'id'])
    .addForeignKeyConstraint('claim_line_claim_fk', ['scheme_id', 'claim_id'], 'claim', ['scheme_id', 'id'])
    .execute();

  // Every decision on a line: the engine's, then any reviewer's override or confirmation. Exactly
  // one per line is current; the others are its history.
  await db.schema
    .createTable('claim_decision')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('scheme_id', 'uuid', (c) => c.notNull())
    .addColumn('claim_id', 'uuid', (c) => c.notNull())
    .addColumn('line_id', 'uuid', (c) => c.notNull())
    .addColumn('current', 'boolean', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('engine', 'override', 'confirm')`))
    .addColumn('decision', 'text', (c) => c.notNull().check(sql`decision in ('approved', 'reduced', 'rejected')`))
    .addColumn('reasons', sql`text[]`, (c) => c.notNull())
    .addColumn('asked', 'bigint', (c) => c.notNull())
    .addColumn('allowed', 'bigint', (c) => c.notNull())
    .addColumn('payable', 'bigint', (c) => c.notNull())
    .addColumn('member_share', 'bigint', (c) => c.notNull())
    .addColumn('product_version_id', 'uuid')
    .addColumn('benefit_category', 'text')
    .addColumn('flags', sql`text[]`, (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('decided_by', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'timestamptz', (c) => c.notNull())
    .addForeignKeyConstraint('claim_decision_line_fk', ['scheme_id', 'line_id'], 'claim_line', ['scheme_id', 'id'])
    .addCheckConstraint('claim_decision_amounts_ck', sql`payable >= 0 and payable <= allowed and member_share = allowed - payable`)
    .execute();
  await sql`create unique index claim_decision_current_uq on claim_decision (line_id) where current`.execute(db);
  await db.schema.createIndex('claim_decision_claim_idx').on('claim_decision').columns(['scheme_id', 'claim_id']).execute();

  await db.schema
    .createTable('claim_attachment')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('scheme_id', 'uuid', (c) => c.notNull())
    .addColumn('claim_id', 'uuid', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('bytes', 'bytea', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addForeignKeyConstraint('claim_attachment_claim_fk', ['scheme_id', 'claim_id'], 'claim', ['scheme_id', 'id'])
    .execute();
  await db.schema.createIndex('claim_attachment_claim_idx').on('claim_attachment').columns(['scheme_id', 'claim_id']).execute();

  // The review queue: claims (or single lines) a person must look at, and why.
  await db.schema
    .createTable('review_item')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('scheme_id', 'uuid', (c) => c.notNull())
    .addColumn('claim_id', 'uuid', (c) => c.notNull())
    .addColumn('line_id', 'uuid')
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('sample', 'amount_outlier', 'provider_outlier', 'engine_flag')`))
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'closed')`))
    .addColumn('resolved_by', 'text')
    .addColumn('resolved_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addForeignKeyConstraint('review_item_claim_fk', ['scheme_id', 'claim_id'], 'claim', ['scheme_id', 'id'])
    .execute();
  await db.schema.createIndex('review_item_open_idx').on('review_item').columns(['scheme_id', 'status', 'created_at']).execute();
  await sql`create unique index review_item_once_uq on review_item (claim_id, coalesce(line_id, claim_id), source)`.execute(db);

  // Per-scheme review settings (defaults when absent: 5 % sample, 3x the average, 2x the peers).
  await db.schema
    .createTable('review_settings')
    .addColumn('scheme_id', 'uuid', (c) => c.primaryKey().references('scheme.id'))
    .addColumn('sample_rate', 'numeric(5, 4)', (c) => c.notNull().check(sql`sample_rate >= 0 and sample_rate <= 1`))
    .addColumn('amount_multiple', 'numeric(8, 3)', (c) => c.notNull().check(sql`amount_multiple > 0`))
    .addColumn('provider_multiple', 'numeric(8, 3)', (c) => c.notNull().check(sql`provider_multiple > 0`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'review_settings',
    'review_item',
    'claim_attachment',
    'claim_decision',
    'claim_line',
    'claim',
    'payment_batch',
    'guarantee_letter',
    'agreement_price',
    'agreement',
    'provider',
    'diagnosis',
    'service',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
