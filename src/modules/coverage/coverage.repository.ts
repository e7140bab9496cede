import { sql, type Insertable } from 'kysely';
import type { Executor } from '../../platform/audit/audit.js';
import type { CoveragePeriodTable, DueTable, PaymentTable } from './coverage.table.js';

/**
 * Serializes money and coverage changes of one household (payments, enrolments, reversals) for
 * the rest of the transaction, so two collectors recording at once cannot allocate twice.
 */
export async function lockHousehold(db: Executor, householdId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`household:${householdId}`}, 0))`.execute(db);
}

export function periodsOfHousehold(db: Executor, schemeId: string, householdId: string) {
  return db
    .selectFrom('coverage_period')
    .innerJoin('product_version', (j) => j.onRef('product_version.id', '=', 'coverage_period.product_version_id').onRef('product_version.scheme_id', '=', 'coverage_period.scheme_id'))
    .innerJoin('product', (j) => j.onRef('product.id', '=', 'product_version.product_id').onRef('product.scheme_id', '=', 'product_version.scheme_id'))
    .select([
      'coverage_period.id',
      'coverage_period.start_date',
      'coverage_period.end_date',
      'coverage_period.renewal_of',
      'coverage_period.product_version_id',
      'product_version.effective_from',
      'product_version.definition',
      'product.code as product_code',
    ])
    .where('coverage_period.scheme_id', '=', schemeId)
    .where('coverage_period.household_id', '=', householdId)
    .orderBy('coverage_period.start_date')
    .execute();
}

export type PeriodRow = Awaited<ReturnType<typeof periodsOfHousehold>>[number];

export interface StatusFactRows {
  periods: { id: string; start: string; end: string; renewalOf: string | null; versionId: string }[];
  dues: { id: string; periodId: string; seq: number; dueDate: string; amount: number; original: boolean }[];
  /** In the order payments are allocated (date, then recording). */
  payments: { id: string; date: string; amount: number; reversalOf: string | null }[];
}

/**
 * The facts the status rules read for a household as three JSON columns (periods, dues,
 * payments): periods with their version id, not the definition, and each list in the orders of
 * periodsOfHousehold, duesOfHousehold and paymentsOfHousehold. `household` is the SQL expression
 * of the household's id, $1 the scheme's id: the eligibility check adds these columns to the
 * members module's look-up of the card (cardHolderStatement), one statement in all.
 */
export function statusFactColumns(household: string): string {
  return `(select coalesce(json_agg(json_build_object('id', p.id, 'start', p.start_date, 'end', p.end_date, 'renewalOf', p.renewal_of,
                                                'versionId', p.product_version_id) order by p.start_date), '[]')
       from coverage_period p where p.scheme_id = $1 and p.household_id = ${household}) as periods,
    (select coalesce(json_agg(json_build_object('id', d.id, 'periodId', d.period_id, 'seq', d.seq, 'dueDate', d.due_date, 'amount', d.amount,
                                                'original', d.original) order by d.due_date, d.seq), '[]')
       from due d where d.scheme_id = $1 and d.household_id = ${household}) as dues,
    (select coalesce(json_agg(json_build_object('id', x.id, 'date', x.date, 'amount', x.amount, 'reversalOf', x.reversal_of)
                              order by x.date, x.created_at, x.id), '[]')
       from payment x where x.scheme_id = $1 and x.household_id = ${household}) as payments`;
}

export function insertPeriod(db: Executor, row: Insertable<CoveragePeriodTable>) {
  return db.insertInto('coverage_period').values(row).execute();
}

export function duesOfHousehold(db: Executor, schemeId: string, householdId: string) {
  return db.selectFrom('due').selectAll().where('scheme_id', '=', schemeId).where('household_id', '=', householdId).orderBy('due_date').orderBy('seq').execute();
}

export function insertDues(db: Executor, rows: Insertable<DueTable>[]) {
  if (rows.length === 0) return Promise.resolve();
  return db.insertInto('due').values(rows).execute();
}

export async function setDueAllocation(db: Executor, id: string, paid: number, paidOn: string | null) {
  await db.updateTable('due').set({ paid_amount: paid, paid_on: paidOn }).where('id', '=', id).execute();
}

export function cardFeesCharged(db: Executor, schemeId: string, beneficiaryIds: string[]) {
  if (beneficiaryIds.length === 0) return Promise.resolve([] as { beneficiary_id: string }[]);
  return db.selectFrom('card_fee_charge').select('beneficiary_id').where('scheme_id', '=', schemeId).where('beneficiary_id', 'in', beneficiaryIds).execute();
}

export function insertCardFeeCharges(db: Executor, rows: { scheme_id: string; beneficiary_id: string; due_id: string; created_at: Date }[]) {
  if (rows.length === 0) return Promise.resolve();
  return db.insertInto('card_fee_charge').values(rows).execute();
}

const paymentColumns = [
  'payment.id',
  'payment.household_id',
  'payment.date',
  'payment.amount',
  'payment.method',
  'payment.payer',
  'payment.receipt',
  'payment.collector',
  'payment.reversal_of',
  'payment.reason',
  'payment.note',
  'payment.recorded_by',
  'payment.created_at',
  'payment.idempotency_key',
  'payment.group_id',
  'payment.subsidizer_id',
  'payment.remittance_id',
  'subsidizer.code as subsidizer_code',
] as const;

function paymentsQuery(db: Executor, schemeId: string) {
  return db
    .selectFrom('payment')
    .leftJoin('subsidizer', (j) => j.onRef('subsidizer.id', '=', 'payment.subsidizer_id').onRef('subsidizer.scheme_id', '=', 'payment.scheme_id'))
    .select(paymentColumns)
    .where('payment.scheme_id', '=', schemeId);
}

export function paymentsOfHousehold(db: Executor, schemeId: string, householdId: string) {
  return paymentsQuery(db, schemeId).where('payment.household_id', '=', householdId).orderBy('payment.date').orderBy('payment.created_at').orderBy('payment.id').execute();
}

export type PaymentWithCodes = Awaited<ReturnType<typeof paymentsOfHousehold>>[number];

export function findPayment(db: Executor, schemeId: string, id: string) {
  return paymentsQuery(db, schemeId).where('payment.id', '=', id).executeTakeFirst();
}

export function findPaymentByIdempotencyKey(db: Executor, schemeId: string, key: string) {
  return paymentsQuery(db, schemeId).where('payment.idempotency_key', '=', key).executeTakeFirst();
}

export function findPaymentByReceipt(db: Executor, schemeId: string, receipt: string) {
  return db.selectFrom('payment').select('id').where('scheme_id', '=', schemeId).where('receipt', '=', receipt).executeTakeFirst();
}

export function findReversalOf(db: Executor, schemeId: string, paymentId: string) {
  return db.selectFrom('payment').select(['id', 'date']).where('scheme_id', '=', schemeId).where('reversal_of', '=', paymentId).executeTakeFirst();
}

export function insertPayment(db: Executor, row: Insertable<PaymentTable>) {
  return db.insertInto('payment').values(row).execute();
}

/** Hands out the next receipt numbers of a scheme, in order, under a row lock. */
export async function nextReceiptNumber(db: Executor, schemeId: string): Promise<number> {
  const row = await db
    .insertInto('receipt_sequence')
    .values({ scheme_id: schemeId, last_value: 1 })
    .onConflict((oc) => oc.column('scheme_id').doUpdateSet({ last_value: sql`receipt_sequence.last_value + 1` }))
    .returning('last_value')
    .executeTakeFirstOrThrow();
  return row.last_value;
}

export function findSubsidizerByCode(db: Executor, schemeId: string, code: string) {
  return db.selectFrom('subsidizer').selectAll().where('scheme_id', '=', schemeId).where('code', '=', code).executeTakeFirst();
}

export function listSubsidizers(db: Executor, schemeId: string) {
  return db.selectFrom('subsidizer').selectAll().where('scheme_id', '=', schemeId).orderBy('code').execute();
}

export function insertSubsidizer(db: Executor, row: { id: string; scheme_id: string; code: string; name: string; share: string; created_at: Date; updated_at: Date }) {
  return db.insertInto('subsidizer').values(row).execute();
}

export function insertSponsorship(db: Executor, row: { id: string; scheme_id: string; household_id: string; subsidizer_id: string; valid_from: string; valid_to: string | null; created_at: Date }) {
  return db.insertInto('sponsorship').values(row).execute();
}

export function sponsorshipsOfHousehold(db: Executor, schemeId: string, householdId: string) {
  return db
    .selectFrom('sponsorship')
    .innerJoin('subsidizer', (j) => j.onRef('subsidizer.id', '=', 'sponsorship.subsidizer_id').onRef('subsidizer.scheme_id', '=', 'sponsorship.scheme_id'))
    .select(['sponsorship.id', 'sponsorship.valid_from', 'sponsorship.valid_to', 'subsidizer.code', 'subsidizer.name', 'subsidizer.share'])
    .where('sponsorship.scheme_id', '=', schemeId)
    .where('sponsorship.household_id', '=', householdId)
    .orderBy('sponsorship.valid_from')
    .execute();
}

/**
 * Unpaid dues fallen due more than their period's grace days before `asOf`, per the allocation
 * stored on the dues (every payment recorded so far).
 */
export function overdueDues(db: Executor, schemeId: string, asOf: string) {
  return db
    .selectFrom('due')
    .innerJoin('coverage_period', (j) => j.onRef('coverage_period.id', '=', 'due.period_id').onRef('coverage_period.scheme_id', '=', 'due.scheme_id'))
    .innerJoin('product_version', (j) => j.onRef('product_version.id', '=', 'coverage_period.product_version_id').onRef('product_version.scheme_id', '=', 'coverage_period.scheme_id'))
    .select(['due.household_id', 'due.due_date', 'due.amount', 'due.paid_amount'])
    .where('due.scheme_id', '=', schemeId)
    .where('due.paid_on', 'is', null)
    .where(sql<boolean>`due.due_date + coalesce((product_version.definition->>'gracePeriodDays')::int, 0) < ${asOf}::date`)
    .orderBy('due.household_id')
    .orderBy('due.due_date')
    .execute();
}

/** The collector of each household's latest payment, for arrears rounds. */
export function lastCollectors(db: Executor, schemeId: string, householdIds: string[]) {
  if (householdIds.length === 0) return Promise.resolve([] as { household_id: string; collector: string | null }[]);
  return db
    .selectFrom('payment')
    .select(['household_id', 'collector'])
    .distinctOn('household_id')
    .where('scheme_id', '=', schemeId)
    .where('household_id', 'in', householdIds)
    .where('reversal_of', 'is', null)
    .orderBy('household_id')
    .orderBy('date', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
}

/** Each household's latest period ending in [from, to], or ended before `from` and never renewed. */
export function latestPeriodsEndingBy(db: Executor, schemeId: string, to: string) {
  return db
    .selectFrom('coverage_period as p')
    .innerJoin('product_version as v', (j) => j.onRef('v.id', '=', 'p.product_version_id').onRef('v.scheme_id', '=', 'p.scheme_id'))
    .innerJoin('product', (j) => j.onRef('product.id', '=', 'v.product_id').onRef('product.scheme_id', '=', 'v.scheme_id'))
    .select(['p.id', 'p.household_id', 'p.start_date', 'p.end_date', 'product.code as product_code', 'v.definition'])
    .where('p.scheme_id', '=', schemeId)
    .where('p.end_date', '<=', to)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('coverage_period as later').select('later.id').whereRef('later.scheme_id', '=', 'p.scheme_id').whereRef('later.household_id', '=', 'p.household_id').whereRef('later.start_date', '>', 'p.start_date'))),
    )
    .orderBy('p.end_date')
    .execute();
}

export function paymentsOnDate(db: Executor, schemeId: string, date: string, collector?: string) {
  let q = paymentsQuery(db, schemeId).where('payment.date', '=', date);
  if (collector) q = q.where('payment.collector', '=', collector);
  return q.orderBy('payment.created_at').execute();
}

export function insertRemittance(db: Executor, row: { id: string; scheme_id: string; group_id: string; date: string; amount: number; receipt: string; created_at: Date }) {
  return db.insertInto('group_remittance').values(row).execute();
}

export function findRemittanceByReceipt(db: Executor, schemeId: string, receipt: string) {
  return db.selectFrom('group_remittance').selectAll().where('scheme_id', '=', schemeId).where('receipt', '=', receipt).executeTakeFirst();
}

/** Sponsored households of a subsidizer with the dues falling due in [from, to]. */
export function sponsoredDues(db: Executor, schemeId: string, subsidizerId: string, from: string, to: string) {
  return db
    .selectFrom('due')
    .innerJoin('sponsorship', (j) =>
      j
        .onRef('sponsorship.household_id', '=', 'due.household_id')
        .onRef('sponsorship.scheme_id', '=', 'due.scheme_id')
        .onRef('sponsorship.valid_from', '<=', 'due.due_date')
        .on((eb) => eb.or([eb('sponsorship.valid_to', 'is', null), eb('sponsorship.valid_to', '>=', eb.ref('due.due_date'))])),
    )
    .select(['due.household_id', 'due.due_date', 'due.amount'])
    .where('due.scheme_id', '=', schemeId)
    .where('sponsorship.subsidizer_id', '=', subsidizerId)
    .where('due.due_date', '>=', from)
    .where('due.due_date', '<=', to)
    .execute();
}

export function subsidizerPayments(db: Executor, schemeId: string, subsidizerId: string, from: string, to: string) {
  return db
    .selectFrom('payment')
    .select(['household_id', 'date', 'amount', 'receipt'])
    .where('scheme_id', '=', schemeId)
    .where('subsidizer_id', '=', subsidizerId)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .orderBy('date')
    .execute();
}
