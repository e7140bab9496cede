import { recordAudit, type Actor, type Executor } from '../../platform/audit/audit.js';
import { inTransaction, type ServiceContext } from '../../platform/context.js';
import type { Db } from '../../platform/db/connection.js';
import { addDays, today } from '../../platform/dates.js';
import { NotFoundError, ValidationError, type ErrorDetail } from '../../platform/errors.js';
import { emitEvent, onEvent } from '../../platform/events.js';
import { translate, type Locale } from '../../platform/i18n/index.js';
import { newId } from '../../platform/ids.js';
import { cardHolderStatement, getHousehold, householdNumberById, householdSummaries, listGroups, type Household } from '../members/index.js';
import { listProducts, markVersionInUse, productVersionOn, resolveVersion, type ResolvedVersion, type VersionDefinition } from '../products/index.js';
import {
  IdempotencyConflictError,
  NoProductVersionError,
  NothingToRenewError,
  PaymentReversedError,
  PeriodOverlapError,
  ReceiptTakenError,
  ReversalNotReversibleError,
} from './coverage.errors.js';
import * as repo from './coverage.repository.js';
import {
  activationDate,
  addedMemberDue,
  ageAt,
  allocate,
  beneficiaryStatus,
  benefitWaitingEnd,
  periodDues,
  periodEnd,
  type DueFacts,
  type PaymentFacts,
  type PeriodFacts,
  type StatusResult,
} from './coverage.rules.js';
import type {
  Account,
  ArrearsList,
  CashSheet,
  CoverageView,
  CreateSubsidizer,
  DueView,
  Enrol,
  PaymentInput,
  PaymentView,
  PeriodView,
  Remittance,
  RemittanceInput,
  Renew,
  RenewalList,
  ReversalInput,
  Sponsor,
  Subsidizer,
  SubsidizerStatement,
} from './coverage.schemas.js';
import { applyRateHalfUp } from '../../platform/money.js';

type Member = Household['members'][number];

function leftOn(member: Pick<Member, 'status' | 'statusDate'>): string | null {
  return member.status === 'active' ? null : (member.statusDate ?? '0001-01-01');
}

// ---------------------------------------------------------------- facts

interface Facts {
  periods: (PeriodFacts & { productCode: string; versionId: string; effectiveFrom: string })[];
  dues: (DueFacts & { row: Awaited<ReturnType<typeof repo.duesOfHousehold>>[number] })[];
  payments: PaymentFacts[];
  paymentRows: repo.PaymentWithCodes[];
}

async function loadFacts(db: Executor, schemeId: string, householdId: string): Promise<Facts> {
  const [periodRows, dueRows, paymentRows] = await Promise.all([
    repo.periodsOfHousehold(db, schemeId, householdId),
    repo.duesOfHousehold(db, schemeId, householdId),
    repo.paymentsOfHousehold(db, schemeId, householdId),
  ]);
  const periods = periodRows.map((p) => ({
    id: p.id,
    start: p.start_date,
    end: p.end_date,
    renewalOf: p.renewal_of,
    version: resolveVersion(p.definition as VersionDefinition),
    productCode: p.product_code,
    versionId: p.product_version_id,
    effectiveFrom: p.effective_from,
  }));
  const dues = dueRows.map((d) => ({ id: d.id, periodId: d.period_id, seq: d.seq, dueDate: d.due_date, amount: d.amount, original: d.original, row: d }));
  const reversedOn = new Map(paymentRows.filter((p) => p.reversal_of).map((p) => [p.reversal_of!, p.date]));
  const payments = paymentRows
    .filter((p) => !p.reversal_of)
    .map((p, order) => ({ id: p.id, date: p.date, amount: p.amount, reversedOn: reversedOn.get(p.id) ?? null, order }));
  return { periods, dues, payments, paymentRows };
}

// Product versions used by coverage periods, by id. A version in use is never edited (products
// README), so what was read once stays true and the eligibility check reads no definitions. Only
// what is committed is kept: inside a transaction, a version just marked in use could still be
// rolled back to an editable one.
type UsedVersion = { version: ResolvedVersion; productCode: string; effectiveFrom: string };
const usedVersions = new Map<string, UsedVersion>();

async function usedVersionsOf(ctx: ServiceContext, schemeId: string, ids: string[]): Promise<Map<string, UsedVersion>> {
  if (ids.every((id) => usedVersions.has(id))) return usedVersions;
  const wanted = new Set(ids);
  const found = new Map(ids.filter((id) => usedVersions.has(id)).map((id) => [id, usedVersions.get(id)!]));
  if (usedVersions.size > 10_000) usedVersions.clear();
  for (const product of await listProducts(ctx, schemeId)) {
    for (const v of product.versions) {
      if (!wanted.has(v.id)) continue;
      const used = { version: resolveVersion(v.definition), productCode: product.code, effectiveFrom: v.definition.effectiveFrom };
      found.set(v.id, used);
      if (v.inUse && !ctx.db.isTransaction) usedVersions.set(v.id, used);
    }
  }
  return found;
}

/**
 * A card's holder (members module) and their household's status facts, in one statement: the
 * members module's look-up with this module's columns (repo.statusFactColumns).
 */
const cardHolderWithFacts = cardHolderStatement<repo.StatusFactRows>(repo.statusFactColumns);

/** The facts of a household the status rules read (loadFacts without the rows the account shows), from their rows. */
async function statusFactsOf(ctx: ServiceContext, schemeId: string, rows: repo.StatusFactRows): Promise<{ periods: Facts['periods']; dues: DueFacts[]; payments: PaymentFacts[] }> {
  const versions = await usedVersionsOf(ctx, schemeId, rows.periods.map((p) => p.versionId));
  const periods = rows.periods.map((p) => {
    const v = versions.get(p.versionId)!;
    return { id: p.id, start: p.start, end: p.end, renewalOf: p.renewalOf, version: v.version, productCode: v.productCode, versionId: p.versionId, effectiveFrom: v.effectiveFrom };
  });
  const dues: DueFacts[] = rows.dues.map((d) => ({ id: d.id, periodId: d.periodId, seq: d.seq, dueDate: d.dueDate, amount: d.amount, original: d.original }));
  const reversedOn = new Map(rows.payments.filter((p) => p.reversalOf).map((p) => [p.reversalOf!, p.date]));
  const payments = rows.payments
    .filter((p) => !p.reversalOf)
    .map((p, order) => ({ id: p.id, date: p.date, amount: p.amount, reversedOn: reversedOn.get(p.id) ?? null, order }));
  return { periods, dues, payments };
}

/** Re-allocates every payment of the household to its dues and stores the result on the dues. */
async function reallocate(trx: Executor, schemeId: string, householdId: string): Promise<void> {
  const facts = await loadFacts(trx, schemeId, householdId);
  const allocation = allocate(facts.dues, facts.payments);
  for (const due of facts.dues) {
    const paid = allocation.paid.get(due.id) ?? 0;
    const paidOn = allocation.paidOn.get(due.id) ?? null;
    if (paid !== due.row.paid_amount || paidOn !== due.row.paid_on) await repo.setDueAllocation(trx, due.id, paid, paidOn);
  }
}

async function householdIn(ctx: ServiceContext, trx: Executor, schemeId: string, number: string): Promise<Household> {
  return getHousehold({ ...ctx, db: trx as Db }, schemeId, number);
}

// ---------------------------------------------------------------- enrolment and renewal

async function openPeriod(
  ctx: ServiceContext,
  trx: Executor,
  schemeId: string,
  household: Household,
  input: { product: string; start: string; renewalOf: string | null },
): Promise<PeriodView> {
  const version = await productVersionOn(trx, schemeId, input.product, input.start);
  if (!version) {
    const exists = await productVersionOn(trx, schemeId, input.product, '9999-12-31');
    if (!exists) throw new NotFoundError('product', input.product);
    throw new NoProductVersionError(input.product, input.start);
  }
  const end = periodEnd(input.start, version.version.coverageMonths);
  const facts = await loadFacts(trx, schemeId, household.id);
  const overlap = facts.periods.find((p) => p.start <= end && p.end >= input.start);
  if (overlap) throw new PeriodOverlapError(overlap.start, overlap.end);

  // Members counted: every active member (those registered with the household at enrolment,
  // whatever their joining date), as the scheme file's example does.
  const members = household.members.filter((m) => m.status === 'active');
  const charged = new Set((await repo.cardFeesCharged(trx, schemeId, members.map((m) => m.id))).map((r) => r.beneficiary_id));
  const newCards = version.version.cardFee > 0 ? members.filter((m) => !charged.has(m.id)) : [];
  const drafts = periodDues(version.version, input.start, members, { firstPeriod: facts.periods.length === 0, newCards: newCards.length });
  const periodId = newId();
  const now = new Date();
  await repo.insertPeriod(trx, {
    id: periodId,
    scheme_id: schemeId,
    household_id: household.id,
    product_version_id: version.id,
    start_date: input.start,
    end_date: end,
    renewal_of: input.renewalOf,
    created_at: now,
  });
  const dueRows = drafts
    .filter((d) => d.amount > 0)
    .map((d) => ({
      id: newId(),
      scheme_id: schemeId,
      household_id: household.id,
      period_id: periodId,
      seq: d.seq,
      due_date: d.dueDate,
      amount: d.amount,
      contribution: d.contribution,
      fees: d.fees,
      original: true,
      beneficiary_id: null,
      paid_on: null,
      created_at: now,
    }));
  await repo.insertDues(trx, dueRows);
  await emitEvent(trx, ctx.actor, 'coverage.duesCreated', { schemeId, dues: dueRows.map((d) => ({ id: d.id, dueDate: d.due_date, contribution: d.contribution, fees: d.fees })) });
  const feeDue = dueRows.find((d) => d.seq === 0 && d.fees > 0);
  if (feeDue) await repo.insertCardFeeCharges(trx, newCards.map((m) => ({ scheme_id: schemeId, beneficiary_id: m.id, due_id: feeDue.id, created_at: now })));
  await markVersionInUse(trx, schemeId, version.id);
  await reallocate(trx, schemeId, household.id);
  const view = (await accountOf(trx, schemeId, household)).periods.find((p) => p.id === periodId)!;
  await recordAudit(trx, ctx.actor, {
    action: input.renewalOf ? 'coverage.renew' : 'coverage.enrol',
    entityType: 'household',
    entityId: household.id,
    schemeId,
    after: { household: household.number, product: input.product, start: input.start, end, dues: view.dues.map((d) => ({ dueDate: d.dueDate, amount: d.amount })) },
  });
  return view;
}

/**
 * Enrols a household in a product from a date: a coverage period with its dues (spec:
 * coverage-and-adjudication.md, "Coverage periods"; scheme-file.md, contribution and instalments).
 * Errors: NotFoundError (household, product), NoProductVersionError, PeriodOverlapError. Audited.
 */
export async function enrolHousehold(ctx: ServiceContext, schemeId: string, input: Enrol): Promise<PeriodView> {
  const run = async (t: Executor) => {
    const household = await householdIn(ctx, t, schemeId, input.household);
    await repo.lockHousehold(t, household.id);
    // A period starting the day after the last one ended renews it, however it is entered.
    const { periods } = await loadFacts(t, schemeId, household.id);
    const previous = periods.find((p) => addDays(p.end, 1) === input.start);
    return openPeriod(ctx, t, schemeId, household, { product: input.product, start: input.start, renewalOf: previous?.id ?? null });
  };
  return inTransaction(ctx, run);
}

/**
 * Renews the household's latest period: the next period starts the day after it ends, with the
 * product version effective on that day. Errors: NothingToRenewError, as enrolHousehold. Audited.
 */
export async function renewHousehold(ctx: ServiceContext, schemeId: string, input: Renew): Promise<PeriodView> {
  const run = async (t: Executor) => {
    const household = await householdIn(ctx, t, schemeId, input.household);
    await repo.lockHousehold(t, household.id);
    const { periods } = await loadFacts(t, schemeId, household.id);
    const latest = periods[periods.length - 1];
    if (!latest) throw new NothingToRenewError(household.number);
    return openPeriod(ctx, t, schemeId, household, { product: input.product ?? latest.productCode, start: addDays(latest.end, 1), renewalOf: latest.id });
  };
  return inTransaction(ctx, run);
}

/**
 * Reaction to a beneficiary joining a household during a period: their own contribution and card
 * fee, due the day they join (see addedMemberDue for the rule).
 */
export async function chargeAddedBeneficiaryById(trx: Executor, actor: Actor, schemeId: string, householdId: string, beneficiaryId: string): Promise<void> {
  const ctx: ServiceContext = { db: trx as Db, actor };
  const household = await householdIn(ctx, trx, schemeId, await householdNumberById(ctx, schemeId, householdId));
  const member = household.members.find((m) => m.id === beneficiaryId);
  if (!member) return;
  await repo.lockHousehold(trx, household.id);
  const facts = await loadFacts(trx, schemeId, household.id);
  const period = facts.periods.find((p) => p.start <= member.joinedOn && member.joinedOn <= p.end);
  if (!period) return;
  const charged = (await repo.cardFeesCharged(trx, schemeId, [member.id])).length > 0;
  const active = household.members.filter((m) => m.status === 'active').length;
  const draft = addedMemberDue(period.version, period, member, active, !charged && period.version.cardFee > 0);
  if (!draft) return;
  const seq = Math.max(0, ...facts.dues.filter((d) => d.periodId === period.id).map((d) => d.seq)) + 1;
  const id = newId();
  const now = new Date();
  await repo.insertDues(trx, [
    { id, scheme_id: schemeId, household_id: household.id, period_id: period.id, seq, due_date: draft.dueDate, amount: draft.amount, contribution: draft.contribution, fees: draft.fees, original: false, beneficiary_id: member.id, paid_on: null, created_at: now },
  ]);
  await emitEvent(trx, actor, 'coverage.duesCreated', { schemeId, dues: [{ id, dueDate: draft.dueDate, contribution: draft.contribution, fees: draft.fees }] });
  if (draft.fees > 0) await repo.insertCardFeeCharges(trx, [{ scheme_id: schemeId, beneficiary_id: member.id, due_id: id, created_at: now }]);
  await reallocate(trx, schemeId, household.id);
  await recordAudit(trx, ctx.actor, { action: 'coverage.charge_member', entityType: 'household', entityId: household.id, schemeId, after: { card: member.card, dueDate: draft.dueDate, amount: draft.amount } });
}

// Loaded with this module, so that whoever can add a member to a household with coverage also
// charges what the member owes, in the same transaction.
onEvent('members.beneficiaryAdded', (trx, actor, event) => chargeAddedBeneficiaryById(trx, actor, event.schemeId, event.householdId, event.beneficiaryId));

// ---------------------------------------------------------------- payments

async function groupCodes(ctx: ServiceContext, db: Executor, schemeId: string): Promise<Map<string, string>> {
  const groups = await listGroups({ ...ctx, db: db as Db }, schemeId);
  return new Map(groups.map((g) => [g.id, g.code]));
}

function toPayment(row: repo.PaymentWithCodes, household: string, groups: Map<string, string>, reversedBy: string | null): PaymentView {
  return {
    id: row.id,
    household,
    date: row.date,
    amount: row.amount,
    method: row.method,
    payer: row.payer,
    group: row.group_id ? (groups.get(row.group_id) ?? null) : null,
    subsidizer: row.subsidizer_code,
    receipt: row.receipt,
    collector: row.collector,
    reversalOf: row.reversal_of,
    reversedBy,
    reason: row.reason,
    note: row.note,
    recordedBy: row.recorded_by,
    recordedAt: row.created_at.toISOString(),
  };
}

async function paymentView(ctx: ServiceContext, db: Executor, schemeId: string, id: string, householdNumber: string): Promise<PaymentView> {
  const row = await repo.findPayment(db, schemeId, id);
  if (!row) throw new NotFoundError('payment', id);
  const reversal = await repo.findReversalOf(db, schemeId, id);
  return toPayment(row, householdNumber, await groupCodes(ctx, db, schemeId), reversal?.id ?? null);
}

function samePayment(row: repo.PaymentWithCodes, householdId: string, input: PaymentInput): boolean {
  return row.household_id === householdId && row.date === input.date && row.amount === input.amount && row.method === input.method;
}

/**
 * Records a payment and allocates it to the household's oldest dues; what is left is held as
 * credit. With an idempotency key, a retried request returns the payment already recorded
 * (`replayed: true`) and records nothing. Errors: NotFoundError (household, group, subsidizer),
 * ValidationError, ReceiptTakenError, IdempotencyConflictError. Audited.
 */
export async function recordPayment(ctx: ServiceContext, schemeId: string, input: PaymentInput): Promise<{ payment: PaymentView; replayed: boolean }> {
  const payer = input.payer ?? (input.method === 'subsidy' ? 'subsidizer' : input.method === 'group_remittance' ? 'group' : 'member');
  const details: ErrorDetail[] = [];
  if (payer === 'group' && !input.group) details.push({ field: 'group', message: 'is required when a group pays' });
  if (payer === 'subsidizer' && !input.subsidizer) details.push({ field: 'subsidizer', message: 'is required when a subsidizer pays' });
  if (details.length) throw new ValidationError(details);
  const run = async (t: Executor) => {
    const household = await householdIn(ctx, t, schemeId, input.household);
    await repo.lockHousehold(t, household.id);
    if (input.idempotencyKey) {
      const existing = await repo.findPaymentByIdempotencyKey(t, schemeId, input.idempotencyKey);
      if (existing) {
        if (!samePayment(existing, household.id, input)) throw new IdempotencyConflictError();
        return { payment: await paymentView(ctx, t, schemeId, existing.id, household.number), replayed: true };
      }
    }
    let groupId: string | null = null;
    if (input.group) {
      const groups = await listGroups({ ...ctx, db: t as Db }, schemeId);
      const group = groups.find((g) => g.code === input.group);
      if (!group) throw new NotFoundError('group', input.group);
      groupId = group.id;
    }
    let subsidizerId: string | null = null;
    if (input.subsidizer) {
      const subsidizer = await repo.findSubsidizerByCode(t, schemeId, input.subsidizer);
      if (!subsidizer) throw new NotFoundError('subsidizer', input.subsidizer);
      subsidizerId = subsidizer.id;
    }
    let receipt = input.receipt ?? null;
    if (receipt) {
      if (await repo.findPaymentByReceipt(t, schemeId, receipt)) throw new ReceiptTakenError(receipt);
    } else {
      do receipt = `R-${String(await repo.nextReceiptNumber(t, schemeId)).padStart(6, '0')}`;
      while (await repo.findPaymentByReceipt(t, schemeId, receipt));
    }
    const id = newId();
    await repo.insertPayment(t, {
      id,
      scheme_id: schemeId,
      household_id: household.id,
      date: input.date,
      amount: input.amount,
      method: input.method,
      payer,
      group_id: groupId,
      subsidizer_id: subsidizerId,
      remittance_id: null,
      receipt,
      collector: input.collector ?? null,
      idempotency_key: input.idempotencyKey ?? null,
      reversal_of: null,
      reason: null,
      note: input.note ?? null,
      recorded_by: ctx.actor.label,
      created_at: new Date(),
    });
    await emitEvent(t, ctx.actor, 'coverage.paymentsRecorded', { schemeId, payments: [{ id, date: input.date, amount: input.amount, method: input.method, payer, reversalOf: null, receipt }] });
    await reallocate(t, schemeId, household.id);
    const payment = await paymentView(ctx, t, schemeId, id, household.number);
    await recordAudit(t, ctx.actor, { action: 'payment.record', entityType: 'payment', entityId: id, schemeId, after: payment });
    return { payment, replayed: false };
  };
  return inTransaction(ctx, run);
}

/**
 * Reverses a mistaken payment with a counter-entry dated `date` and a reason (never a deletion);
 * the dues are re-allocated without it. Errors: NotFoundError, PaymentReversedError,
 * ReversalNotReversibleError, ValidationError (date before the payment). Audited.
 */
export async function reversePayment(ctx: ServiceContext, schemeId: string, paymentId: string, input: ReversalInput): Promise<PaymentView> {
  return inTransaction(ctx, async (trx) => {
    const original = await repo.findPayment(trx, schemeId, paymentId);
    if (!original) throw new NotFoundError('payment', paymentId);
    await repo.lockHousehold(trx, original.household_id);
    if (original.reversal_of) throw new ReversalNotReversibleError();
    const existing = await repo.findReversalOf(trx, schemeId, paymentId);
    const household = await householdNumberOf(ctx, trx, schemeId, original.household_id);
    if (existing) {
      const reversal = await repo.findPayment(trx, schemeId, existing.id);
      if (input.idempotencyKey && reversal?.idempotency_key === input.idempotencyKey) return paymentView(ctx, trx, schemeId, existing.id, household);
      throw new PaymentReversedError();
    }
    if (input.date < original.date) throw new ValidationError([{ field: 'date', message: `is before the payment (${original.date})` }]);
    const id = newId();
    await repo.insertPayment(trx, {
      id,
      scheme_id: schemeId,
      household_id: original.household_id,
      date: input.date,
      amount: -original.amount,
      method: original.method,
      payer: original.payer,
      group_id: original.group_id,
      subsidizer_id: original.subsidizer_id,
      remittance_id: original.remittance_id,
      receipt: null,
      collector: null,
      idempotency_key: input.idempotencyKey ?? null,
      reversal_of: original.id,
      reason: input.reason,
      note: null,
      recorded_by: ctx.actor.label,
      created_at: new Date(),
    });
    await emitEvent(trx, ctx.actor, 'coverage.paymentsRecorded', {
      schemeId,
      payments: [{ id, date: input.date, amount: -original.amount, method: original.method, payer: original.payer, reversalOf: original.id, receipt: original.receipt }],
    });
    await reallocate(trx, schemeId, original.household_id);
    const reversal = await paymentView(ctx, trx, schemeId, id, household);
    await recordAudit(trx, ctx.actor, { action: 'payment.reverse', entityType: 'payment', entityId: original.id, schemeId, before: { amount: original.amount, receipt: original.receipt }, after: reversal });
    return reversal;
  });
}

// Payments name their household by id; people know it by number.
function householdNumberOf(ctx: ServiceContext, db: Executor, schemeId: string, householdId: string): Promise<string> {
  return householdNumberById({ ...ctx, db: db as Db }, schemeId, householdId);
}

export async function getPayment(ctx: ServiceContext, schemeId: string, id: string): Promise<PaymentView> {
  const row = await repo.findPayment(ctx.db, schemeId, id);
  if (!row) throw new NotFoundError('payment', id);
  return paymentView(ctx, ctx.db, schemeId, id, await householdNumberOf(ctx, ctx.db, schemeId, row.household_id));
}

// ---------------------------------------------------------------- account and status

async function accountOf(db: Executor, schemeId: string, household: Household, ctx?: ServiceContext, on: string = today()): Promise<Account> {
  const facts = await loadFacts(db, schemeId, household.id);
  const allocation = allocate(facts.dues, facts.payments);
  const cards = new Map(household.members.map((m) => [m.id, m.card]));
  const periods: PeriodView[] = facts.periods.map((p) => ({
    id: p.id,
    product: p.productCode,
    versionEffectiveFrom: p.effectiveFrom,
    start: p.start,
    end: p.end,
    renewal: p.renewalOf !== null,
    activatedOn: activationDate(p, facts.dues, allocation) ?? null,
    dues: facts.dues
      .filter((d) => d.periodId === p.id)
      .map(
        (d): DueView => ({
          id: d.id,
          seq: d.seq,
          dueDate: d.dueDate,
          amount: d.amount,
          contribution: d.row.contribution,
          fees: d.row.fees,
          paid: allocation.paid.get(d.id) ?? 0,
          paidOn: allocation.paidOn.get(d.id) ?? null,
          beneficiary: d.row.beneficiary_id ? (cards.get(d.row.beneficiary_id) ?? null) : null,
        }),
      ),
  }));
  const groups = ctx ? await groupCodes(ctx, db, schemeId) : new Map<string, string>();
  const reversedBy = new Map(facts.paymentRows.filter((p) => p.reversal_of).map((p) => [p.reversal_of!, p.id]));
  const totalDue = facts.dues.reduce((s, d) => s + d.amount, 0);
  const totalPaid = facts.paymentRows.reduce((s, p) => s + p.amount, 0);
  const balance = facts.dues.filter((d) => d.dueDate <= on).reduce((s, d) => s + d.amount - (allocation.paid.get(d.id) ?? 0), 0);
  return {
    household: household.number,
    periods,
    payments: facts.paymentRows.map((p) => toPayment(p, household.number, groups, reversedBy.get(p.id) ?? null)),
    totalDue,
    totalPaid,
    credit: allocation.credit,
    balance,
  };
}

/** A household's coverage periods, dues, payments, credit and balance. Errors: NotFoundError. */
export async function householdAccount(ctx: ServiceContext, schemeId: string, number: string): Promise<Account> {
  const household = await getHousehold(ctx, schemeId, number);
  return accountOf(ctx.db, schemeId, household, ctx);
}

export interface BeneficiaryCoverage {
  status: StatusResult;
  view: CoverageView;
}

// The translated reasons, by locale, reason and date: a few hundred strings in all, each made
// once rather than by i18next on every eligibility check.
const reasonMessages = new Map<string, string>();

function reasonMessage(locale: Locale, reason: string, until: string | null): string {
  const key = `${locale}|${reason}|${until ?? ''}`;
  let message = reasonMessages.get(key);
  if (message === undefined) {
    message = translate(locale, `coverage.reasons.${reason}`, { until: until ?? '' });
    if (reasonMessages.size >= 10_000) reasonMessages.clear();
    reasonMessages.set(key, message);
  }
  return message;
}

/**
 * Coverage of a beneficiary on a date: status and reason by the spec's rules, the period, the
 * waiting end, and what each benefit of the package allows them. The claims engine and the
 * eligibility check both call this. Errors: NotFoundError (card).
 */
export async function beneficiaryCoverage(ctx: ServiceContext, schemeId: string, card: string, date: string, locale: Locale = 'en'): Promise<BeneficiaryCoverage> {
  // One statement in all (the card's holder and the household's facts): this answers every
  // eligibility check and every claim.
  const found = await cardHolderWithFacts(ctx.db, schemeId, card);
  if (!found) throw new NotFoundError('beneficiary', card);
  const member = found.holder;
  const facts = await statusFactsOf(ctx, schemeId, found.extra);
  const status = beneficiaryStatus({ date, beneficiary: { joinedOn: member.joinedOn, leftOn: leftOn(member) }, periods: facts.periods, dues: facts.dues, payments: facts.payments });
  const period = status.period ? facts.periods.find((p) => p.id === status.period!.id) : undefined;
  const age = ageAt(member, date);
  const benefits = (period?.version.benefits ?? []).map((b) => {
    const waitingEnd = benefitWaitingEnd(status, b.waitingPeriodDays);
    const restricted = (b.sex != null && b.sex !== member.sex) || (b.minAge != null && (age === null || age < b.minAge)) || (b.maxAge != null && (age === null || age > b.maxAge));
    return {
      category: b.category,
      coverageRate: b.coverageRate ?? null,
      copayment: b.copayment ?? null,
      waitingEnd,
      available: status.status === 'active' && waitingEnd !== null && date >= waitingEnd && !restricted,
      // Consumption by claims is subtracted by the claims module (issue #4); with no claims recorded the limits are whole.
      usesLeft: b.maxUsesPerPeriod ?? null,
      beneficiaryCeilingLeft: b.ceilingPerBeneficiary ?? null,
      householdCeilingLeft: b.ceilingPerHousehold ?? null,
      perCaseCeiling: b.perCaseCeiling ?? null,
      requiresGuaranteeLetter: b.requiresGuaranteeLetter ?? false,
      providerLevels: b.providerLevels ?? null,
    };
  });
  const view: CoverageView = {
    card: member.card,
    household: member.household,
    name: `${member.firstName} ${member.lastName}`,
    date,
    status: status.status,
    reason: status.reason,
    message: reasonMessage(locale, status.reason, status.waitingEnd),
    period: period ? { start: period.start, end: period.end, product: period.productCode, versionEffectiveFrom: period.effectiveFrom } : null,
    activatedOn: status.activatedOn,
    waitingEnd: status.waitingEnd,
    continuousSince: status.continuousSince,
    overdue: status.overdue.map((o) => ({ dueDate: o.dueDate, unpaid: o.unpaid })),
    benefits,
  };
  return { status, view };
}

// ---------------------------------------------------------------- subsidizers

function toSubsidizer(row: { id: string; code: string; name: string; share: string }): Subsidizer {
  return { id: row.id, code: row.code, name: row.name, share: Number(row.share) };
}

export async function listSubsidizers(ctx: ServiceContext, schemeId: string): Promise<Subsidizer[]> {
  return (await repo.listSubsidizers(ctx.db, schemeId)).map(toSubsidizer);
}

/** Registers a subsidizer (state, donor, solidarity trust) and the share of dues it pays. Audited. */
export async function createSubsidizer(ctx: ServiceContext, schemeId: string, input: CreateSubsidizer): Promise<Subsidizer> {
  const run = async (t: Executor) => {
    if (await repo.findSubsidizerByCode(t, schemeId, input.code)) throw new ValidationError([{ field: 'code', message: `${input.code} is already used` }]);
    const now = new Date();
    const row = { id: newId(), scheme_id: schemeId, code: input.code, name: input.name, share: String(input.share), created_at: now, updated_at: now };
    await repo.insertSubsidizer(t, row);
    const subsidizer = toSubsidizer(row);
    await recordAudit(t, ctx.actor, { action: 'subsidizer.create', entityType: 'subsidizer', entityId: row.id, schemeId, after: subsidizer });
    return subsidizer;
  };
  return inTransaction(ctx, run);
}

/** A subsidizer sponsors a household's dues from a date. Errors: NotFoundError. Audited. */
export async function sponsorHousehold(ctx: ServiceContext, schemeId: string, number: string, input: Sponsor): Promise<void> {
  const run = async (t: Executor) => {
    const household = await householdIn(ctx, t, schemeId, number);
    const subsidizer = await repo.findSubsidizerByCode(t, schemeId, input.subsidizer);
    if (!subsidizer) throw new NotFoundError('subsidizer', input.subsidizer);
    if (input.to && input.to < input.from) throw new ValidationError([{ field: 'to', message: 'is before from' }]);
    const id = newId();
    await repo.insertSponsorship(t, { id, scheme_id: schemeId, household_id: household.id, subsidizer_id: subsidizer.id, valid_from: input.from, valid_to: input.to ?? null, created_at: new Date() });
    await recordAudit(t, ctx.actor, { action: 'household.sponsor', entityType: 'household', entityId: household.id, schemeId, after: { subsidizer: input.subsidizer, from: input.from, to: input.to ?? null } });
  };
  return inTransaction(ctx, run);
}

/** The subsidizers that sponsor a household, with their dates. Errors: NotFoundError. */
export async function listSponsorships(ctx: ServiceContext, schemeId: string, number: string): Promise<{ subsidizer: string; name: string; share: number; from: string; to: string | null }[]> {
  const household = await getHousehold(ctx, schemeId, number);
  const rows = await repo.sponsorshipsOfHousehold(ctx.db, schemeId, household.id);
  return rows.map((r) => ({ subsidizer: r.code, name: r.name, share: Number(r.share), from: r.valid_from, to: r.valid_to }));
}

// ---------------------------------------------------------------- group remittances

/**
 * Records one payment by a group split across its households by a list: a remittance (with the
 * receipt) and one payment per household, each allocated to that household's oldest dues.
 * Errors: ValidationError (the parts do not add up), NotFoundError, ReceiptTakenError. Audited.
 */
export async function recordRemittance(ctx: ServiceContext, schemeId: string, input: RemittanceInput): Promise<{ remittance: Remittance; replayed: boolean }> {
  const sum = input.parts.reduce((s, p) => s + p.amount, 0);
  const details: ErrorDetail[] = [];
  if (sum !== input.amount) details.push({ field: 'parts', message: `add up to ${sum}, not ${input.amount}` });
  const seen = new Set<string>();
  input.parts.forEach((p, i) => {
    if (seen.has(p.household)) details.push({ field: `parts[${i}].household`, message: `${p.household} is listed twice` });
    seen.add(p.household);
  });
  if (details.length) throw new ValidationError(details);
  return inTransaction(ctx, async (trx) => {
    const group = (await listGroups({ ...ctx, db: trx }, schemeId)).find((g) => g.code === input.group);
    if (!group) throw new NotFoundError('group', input.group);
    const key = input.idempotencyKey ?? null;
    if (key) {
      const first = await repo.findPaymentByIdempotencyKey(trx, schemeId, `${key}#0`);
      if (first?.remittance_id) return { remittance: await remittanceView(ctx, trx, schemeId, first.remittance_id), replayed: true };
    }
    let receipt = input.receipt ?? null;
    if (receipt) {
      if ((await repo.findRemittanceByReceipt(trx, schemeId, receipt)) || (await repo.findPaymentByReceipt(trx, schemeId, receipt))) throw new ReceiptTakenError(receipt);
    } else {
      do receipt = `R-${String(await repo.nextReceiptNumber(trx, schemeId)).padStart(6, '0')}`;
      while ((await repo.findPaymentByReceipt(trx, schemeId, receipt)) || (await repo.findRemittanceByReceipt(trx, schemeId, receipt)));
    }
    const id = newId();
    await repo.insertRemittance(trx, { id, scheme_id: schemeId, group_id: group.id, date: input.date, amount: input.amount, receipt, created_at: new Date() });
    for (const [i, part] of input.parts.entries()) {
      const household = await householdIn(ctx, trx, schemeId, part.household).catch((error: unknown) => {
        throw error instanceof NotFoundError ? new ValidationError([{ field: `parts[${i}].household`, message: `no household ${part.household}` }]) : error;
      });
      await repo.lockHousehold(trx, household.id);
      await repo.insertPayment(trx, {
        id: newId(),
        scheme_id: schemeId,
        household_id: household.id,
        date: input.date,
        amount: part.amount,
        method: 'group_remittance',
        payer: 'group',
        group_id: group.id,
        subsidizer_id: null,
        remittance_id: id,
        receipt: null,
        collector: input.collector ?? null,
        idempotency_key: key ? `${key}#${i}` : null,
        reversal_of: null,
        reason: null,
        note: `${receipt} (${group.code})`,
        recorded_by: ctx.actor.label,
        created_at: new Date(),
      });
      await reallocate(trx, schemeId, household.id);
    }
    // One posting for the remittance: the money arrived once, whatever the households it pays.
    await emitEvent(trx, ctx.actor, 'coverage.paymentsRecorded', { schemeId, payments: [{ id, date: input.date, amount: input.amount, method: 'group_remittance', payer: 'group', reversalOf: null, receipt }] });
    const remittance = await remittanceView(ctx, trx, schemeId, id);
    await recordAudit(trx, ctx.actor, { action: 'payment.remittance', entityType: 'group_remittance', entityId: id, schemeId, after: remittance });
    return { remittance, replayed: false };
  });
}

async function remittanceView(ctx: ServiceContext, db: Executor, schemeId: string, id: string): Promise<Remittance> {
  const row = await db.selectFrom('group_remittance').selectAll().where('scheme_id', '=', schemeId).where('id', '=', id).executeTakeFirstOrThrow();
  const payments = await db.selectFrom('payment').select(['id', 'household_id']).where('scheme_id', '=', schemeId).where('remittance_id', '=', id).orderBy('idempotency_key').orderBy('created_at').execute();
  const groups = await groupCodes(ctx, db, schemeId);
  const views: PaymentView[] = [];
  for (const p of payments) views.push(await paymentView(ctx, db, schemeId, p.id, await householdNumberOf(ctx, db, schemeId, p.household_id)));
  return { id, group: groups.get(row.group_id) ?? '', date: row.date, amount: row.amount, receipt: row.receipt, payments: views };
}

// ---------------------------------------------------------------- lists for the office and the field

type Summary = Awaited<ReturnType<typeof householdSummaries>> extends Map<string, infer S> ? S : never;

function line(summary: Summary | undefined) {
  return { household: summary?.number ?? '?', head: summary?.head ?? null, phone: summary?.phone ?? null, section: summary?.section ?? null };
}

/**
 * Households with dues unpaid beyond grace on `asOf`, largest arrears first, by section and by
 * the collector of their latest payment.
 */
export async function arrearsList(ctx: ServiceContext, schemeId: string, query: { asOf?: string; section?: string; collector?: string }): Promise<ArrearsList> {
  const asOf = query.asOf ?? today();
  const dues = await repo.overdueDues(ctx.db, schemeId, asOf);
  const byHousehold = new Map<string, { overdue: number; oldest: string; dues: number }>();
  for (const d of dues) {
    const entry = byHousehold.get(d.household_id) ?? { overdue: 0, oldest: d.due_date, dues: 0 };
    entry.overdue += d.amount - d.paid_amount;
    entry.dues += 1;
    if (d.due_date < entry.oldest) entry.oldest = d.due_date;
    byHousehold.set(d.household_id, entry);
  }
  const ids = [...byHousehold.keys()];
  const summaries = await householdSummaries(ctx, schemeId, ids);
  const collectors = new Map((await repo.lastCollectors(ctx.db, schemeId, ids)).map((r) => [r.household_id, r.collector]));
  const households = ids
    .map((id) => ({ ...line(summaries.get(id)), collector: collectors.get(id) ?? null, overdue: byHousehold.get(id)!.overdue, oldestDueDate: byHousehold.get(id)!.oldest, dues: byHousehold.get(id)!.dues }))
    .filter((h) => (!query.section || h.section === query.section) && (!query.collector || h.collector === query.collector))
    .sort((a, b) => b.overdue - a.overdue || (a.household < b.household ? -1 : 1));
  return { asOf, total: households.reduce((s, h) => s + h.overdue, 0), households };
}

/**
 * The renewal campaign for a window: households whose latest period ends in [from, to] (due),
 * or ended before and are still within grace (in_grace) or beyond it (lapsed), with what the
 * renewal would cost with today's members.
 */
export async function renewalList(ctx: ServiceContext, schemeId: string, query: { from: string; to: string; section?: string }): Promise<RenewalList> {
  if (query.to < query.from) throw new ValidationError([{ field: 'to', message: 'is before from' }]);
  const periods = await repo.latestPeriodsEndingBy(ctx.db, schemeId, query.to);
  const summaries = await householdSummaries(ctx, schemeId, periods.map((p) => p.household_id));
  const asOf = today();
  const households: RenewalList['households'] = [];
  for (const p of periods) {
    const summary = summaries.get(p.household_id);
    if (!summary || (query.section && summary.section !== query.section)) continue;
    const renewalStart = addDays(p.end_date, 1);
    const version = await productVersionOn(ctx.db, schemeId, p.product_code, renewalStart);
    const resolved = version?.version ?? resolveVersion(p.definition as VersionDefinition);
    const state = p.end_date >= query.from ? 'due' : addDays(renewalStart, resolved.gracePeriodDays) >= asOf ? 'in_grace' : 'lapsed';
    const amount = periodDues(resolved, renewalStart, summary.activeMembers, { firstPeriod: false, newCards: 0 }).reduce((s, d) => s + d.amount, 0);
    households.push({ ...line(summary), product: p.product_code, periodEnd: p.end_date, renewalStart, state, amount });
  }
  return { from: query.from, to: query.to, households };
}

/**
 * What a subsidizer owes and paid for a period: its share of the dues of the households it
 * sponsors that fall due in [from, to] (each due's share rounded half up), and its payments
 * dated in the period.
 */
export async function subsidizerStatement(ctx: ServiceContext, schemeId: string, code: string, query: { from: string; to: string }): Promise<SubsidizerStatement> {
  if (query.to < query.from) throw new ValidationError([{ field: 'to', message: 'is before from' }]);
  const subsidizer = await repo.findSubsidizerByCode(ctx.db, schemeId, code);
  if (!subsidizer) throw new NotFoundError('subsidizer', code);
  const dues = await repo.sponsoredDues(ctx.db, schemeId, subsidizer.id, query.from, query.to);
  const payments = await repo.subsidizerPayments(ctx.db, schemeId, subsidizer.id, query.from, query.to);
  const lines = new Map<string, { dues: number; owed: number; paid: number }>();
  for (const d of dues) {
    const entry = lines.get(d.household_id) ?? { dues: 0, owed: 0, paid: 0 };
    entry.dues += d.amount;
    entry.owed += applyRateHalfUp(d.amount, subsidizer.share);
    lines.set(d.household_id, entry);
  }
  for (const p of payments) {
    const entry = lines.get(p.household_id) ?? { dues: 0, owed: 0, paid: 0 };
    entry.paid += p.amount;
    lines.set(p.household_id, entry);
  }
  const summaries = await householdSummaries(ctx, schemeId, [...lines.keys()]);
  const households = [...lines.entries()].map(([id, l]) => ({ household: summaries.get(id)?.number ?? id, ...l })).sort((a, b) => (a.household < b.household ? -1 : 1));
  const owed = households.reduce((s, h) => s + h.owed, 0);
  const paid = households.reduce((s, h) => s + h.paid, 0);
  return { subsidizer: subsidizer.code, name: subsidizer.name, share: Number(subsidizer.share), from: query.from, to: query.to, households, owed, paid, balance: owed - paid };
}

/** A collector's (or everyone's) payments of a day, with totals by method: the daily cash sheet. */
export async function cashSheet(ctx: ServiceContext, schemeId: string, query: { date: string; collector?: string }): Promise<CashSheet> {
  const rows = await repo.paymentsOnDate(ctx.db, schemeId, query.date, query.collector);
  const groups = await groupCodes(ctx, ctx.db, schemeId);
  const summaries = await householdSummaries(ctx, schemeId, rows.map((r) => r.household_id));
  const payments = rows.map((r) => toPayment(r, summaries.get(r.household_id)?.number ?? '?', groups, null));
  const byMethod: Record<string, number> = {};
  for (const p of payments) byMethod[p.method] = (byMethod[p.method] ?? 0) + p.amount;
  return { date: query.date, collector: query.collector ?? null, payments, byMethod, total: payments.reduce((s, p) => s + p.amount, 0) };
}
