import { sql } from 'kysely';
import { systemActor, type Executor } from '../../platform/audit/audit.js';
import { emitEvent } from '../../platform/events.js';
import { newIds } from '../../platform/ids.js';
import type { ResolvedVersion } from '../products/index.js';
import { markVersionInUse } from '../products/index.js';
import { allocate, periodDues, periodEnd, type MemberForDues } from './coverage.rules.js';

export interface BulkEnrolment {
  householdId: string;
  start: string;
  members: MemberForDues[];
  /** The household's first period: the joining fee is due, and every member's card fee. */
  firstPeriod: boolean;
  /** Ids of the members, in the order of `members`: their card fee is recorded as charged. */
  beneficiaryIds?: string[];
  /** The period this one renews (the household's previous period, ending the day before). */
  renewalOf?: string | null;
  payments: BulkPayment[];
}

/** A payment as bulk loaders give it; `groupId` when a group pays, `subsidizerId` when a subsidizer does. */
export interface BulkPayment {
  date: string;
  amount: number;
  method: string;
  payer: string;
  receipt: string | null;
  collector: string | null;
  groupId?: string | null;
  subsidizerId?: string | null;
}

/**
 * Opens many coverage periods with their dues and payments, one statement per table, for
 * generators and imports: dues by the same rules as an enrolment, payments allocated by the same
 * rules as recordPayment. Callers own the transaction and the audit record, give each household's
 * periods in date order, and check overlaps and receipts first. Returns the period ids in order.
 *
 * Each item's payments are allocated to that item's dues only, where recordPayment allocates
 * across all the household's periods: a caller that gives a household a second period (a
 * renewal) must have paid the earlier one in full, with no credit left, by payments dated no
 * later than the first payment of the next, so that both allocations agree.
 */
export async function insertEnrolmentsBulk(db: Executor, schemeId: string, version: { id: string; version: ResolvedVersion }, items: BulkEnrolment[]): Promise<string[]> {
  if (items.length === 0) return [];
  const now = new Date();
  // Ids for the whole call at once: a period, its dues (at most one per instalment) and payments.
  const ids = newIds(items.reduce((n, item) => n + 1 + version.version.instalments + item.payments.length, 0), now.getTime());
  let nextId = 0;
  const newId = () => ids[nextId++]!;
  const p = { id: [] as string[], household: [] as string[], start: [] as string[], end: [] as string[], renewalOf: [] as (string | null)[] };
  const d = { id: [] as string[], household: [] as string[], period: [] as string[], seq: [] as number[], dueDate: [] as string[], amount: [] as number[], contribution: [] as number[], fees: [] as number[], paid: [] as number[], paidOn: [] as (string | null)[] };
  const pay = {
    id: [] as string[],
    household: [] as string[],
    date: [] as string[],
    amount: [] as number[],
    method: [] as string[],
    payer: [] as string[],
    group: [] as (string | null)[],
    subsidizer: [] as (string | null)[],
    receipt: [] as (string | null)[],
    collector: [] as (string | null)[],
  };
  const charges = { beneficiary: [] as string[], due: [] as string[] };
  for (const item of items) {
    const periodId = newId();
    p.id.push(periodId);
    p.household.push(item.householdId);
    p.start.push(item.start);
    p.end.push(periodEnd(item.start, version.version.coverageMonths));
    p.renewalOf.push(item.renewalOf ?? null);
    const drafts = periodDues(version.version, item.start, item.members, { firstPeriod: item.firstPeriod, newCards: item.firstPeriod ? item.members.length : 0 }).filter((x) => x.amount > 0);
    const dues = drafts.map((x) => ({ id: newId(), periodId, seq: x.seq, dueDate: x.dueDate, amount: x.amount, original: true }));
    const payments = item.payments.map((x, order) => ({ id: newId(), date: x.date, amount: x.amount, reversedOn: null, order }));
    const allocation = allocate(dues, payments);
    drafts.forEach((x, i) => {
      const due = dues[i]!;
      d.id.push(due.id);
      d.household.push(item.householdId);
      d.period.push(periodId);
      d.seq.push(x.seq);
      d.dueDate.push(x.dueDate);
      d.amount.push(x.amount);
      d.contribution.push(x.contribution);
      d.fees.push(x.fees);
      d.paid.push(allocation.paid.get(due.id) ?? 0);
      d.paidOn.push(allocation.paidOn.get(due.id) ?? null);
    });
    item.payments.forEach((x, i) => {
      pay.id.push(payments[i]!.id);
      pay.household.push(item.householdId);
      pay.date.push(x.date);
      pay.amount.push(x.amount);
      pay.method.push(x.method);
      pay.payer.push(x.payer);
      pay.group.push(x.groupId ?? null);
      pay.subsidizer.push(x.subsidizerId ?? null);
      pay.receipt.push(x.receipt);
      pay.collector.push(x.collector);
    });
    const feeDue = dues.find((x, i) => drafts[i]!.fees > 0 && x.seq === 0);
    if (item.firstPeriod && feeDue && version.version.cardFee > 0) {
      for (const beneficiaryId of item.beneficiaryIds ?? []) {
        charges.beneficiary.push(beneficiaryId);
        charges.due.push(feeDue.id);
      }
    }
  }
  await sql`
    insert into coverage_period (id, scheme_id, household_id, product_version_id, start_date, end_date, renewal_of, created_at)
    select id, ${schemeId}::uuid, household_id, ${version.id}::uuid, start_date, end_date, renewal_of, ${now}::timestamptz
    from unnest(${p.id}::uuid[], ${p.household}::uuid[], ${p.start}::date[], ${p.end}::date[], ${p.renewalOf}::uuid[]) as u(id, household_id, start_date, end_date, renewal_of)`.execute(db);
  if (d.id.length) {
    await sql`
      insert into due (id, scheme_id, household_id, period_id, seq, due_date, amount, contribution, fees, original, beneficiary_id, paid_amount, paid_on, created_at)
      select id, ${schemeId}::uuid, household_id, period_id, seq, due_date, amount, contribution, fees, true, null, paid, paid_on, ${now}::timestamptz
      from unnest(${d.id}::uuid[], ${d.household}::uuid[], ${d.period}::uuid[], ${d.seq}::int[], ${d.dueDate}::date[], ${d.amount}::bigint[],
                  ${d.contribution}::bigint[], ${d.fees}::bigint[], ${d.paid}::bigint[], ${d.paidOn}::date[])
        as u(id, household_id, period_id, seq, due_date, amount, contribution, fees, paid, paid_on)`.execute(db);
  }
  if (pay.id.length) {
    await sql`
      insert into payment (id, scheme_id, household_id, date, amount, method, payer, group_id, subsidizer_id, receipt, collector, recorded_by, created_at)
      select id, ${schemeId}::uuid, household_id, date, amount, method, payer, group_id, subsidizer_id, receipt, collector, 'bulk', ${now}::timestamptz
      from unnest(${pay.id}::uuid[], ${pay.household}::uuid[], ${pay.date}::date[], ${pay.amount}::bigint[], ${pay.method}::text[], ${pay.payer}::text[],
                  ${pay.group}::uuid[], ${pay.subsidizer}::uuid[], ${pay.receipt}::text[], ${pay.collector}::text[])
        as u(id, household_id, date, amount, method, payer, group_id, subsidizer_id, receipt, collector)`.execute(db);
  }
  if (charges.beneficiary.length) {
    await sql`
      insert into card_fee_charge (scheme_id, beneficiary_id, due_id, created_at)
      select ${schemeId}::uuid, beneficiary_id, due_id, ${now}::timestamptz from unnest(${charges.beneficiary}::uuid[], ${charges.due}::uuid[]) as u(beneficiary_id, due_id)`.execute(db);
  }
  // The ledger's postings, set-based like the rows (payments recorded by 'bulk', as above).
  const actor = systemActor('bulk');
  await emitEvent(db, actor, 'coverage.duesCreated', { schemeId, dues: d.id.map((id, i) => ({ id, dueDate: d.dueDate[i]!, contribution: d.contribution[i]!, fees: d.fees[i]! })) });
  await emitEvent(db, actor, 'coverage.paymentsRecorded', {
    schemeId,
    payments: pay.id.map((id, i) => ({ id, date: pay.date[i]!, amount: pay.amount[i]!, method: pay.method[i]!, payer: pay.payer[i]!, reversalOf: null, receipt: pay.receipt[i]! })),
  });
  await markVersionInUse(db, schemeId, version.id);
  return p.id;
}

export interface BulkSponsorship {
  householdId: string;
  subsidizerId: string;
  from: string;
  to: string | null;
}

/**
 * Records many sponsorships (a subsidizer paying its share of a household's dues from a date) in
 * one statement, as sponsorHousehold does one by one. Callers own the transaction and the audit
 * record, and check that households and subsidizers are the scheme's (the database refuses
 * others) and that `to` is not before `from`. Returns how many were written.
 */
export async function insertSponsorshipsBulk(db: Executor, schemeId: string, items: BulkSponsorship[]): Promise<number> {
  if (items.length === 0) return 0;
  const now = new Date();
  const ids = newIds(items.length, now.getTime());
  await sql`
    insert into sponsorship (id, scheme_id, household_id, subsidizer_id, valid_from, valid_to, created_at)
    select id, ${schemeId}::uuid, household_id, subsidizer_id, valid_from, valid_to, ${now}::timestamptz
    from unnest(${ids}::uuid[], ${items.map((i) => i.householdId)}::uuid[], ${items.map((i) => i.subsidizerId)}::uuid[],
                ${items.map((i) => i.from)}::date[], ${items.map((i) => i.to)}::date[]) as u(id, household_id, subsidizer_id, valid_from, valid_to)`.execute(db);
  return items.length;
}

/**
 * Refreshes the planner's statistics after a bulk load: without them a freshly loaded table of
 * a million dues looks empty, and the eligibility check's look-ups by household get poor plans
 * until autovacuum comes by.
 */
export async function analyzeCoverageTables(db: Executor): Promise<void> {
  for (const table of ['coverage_period', 'due', 'payment', 'card_fee_charge', 'sponsorship']) await sql`analyze ${sql.table(table)}`.execute(db);
}
