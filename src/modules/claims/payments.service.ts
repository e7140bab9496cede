/**
 * Provider payment: batches of a provider's decided claims over a period (DESIGN.md "Payment
 * batch": approved claims by provider and period -> payment order -> paid), with the capitation
 * and flat rates of their agreements; the payment order (PDF, CSV), the payment, and the
 * provider's statement.
 */
import { recordAudit, type Executor } from '../../platform/audit/audit.js';
import { emitEvent } from '../../platform/events.js';
import { inTransaction, type ServiceContext } from '../../platform/context.js';
import { addDays, today } from '../../platform/dates.js';
import { NotFoundError, ValidationError, type ErrorDetail } from '../../platform/errors.js';
import { translate, type Locale } from '../../platform/i18n/index.js';
import { newId } from '../../platform/ids.js';
import { cardHolders } from '../members/index.js';
import { getScheme } from '../organizations/index.js';
import { agreementOn, DEFAULT_PAYMENT_DELAY_DAYS, providerCatalogue, type AgreementPaymentMethod, type CatalogueAgreement, type ProviderCatalogue } from '../providers/index.js';
import { activeBeneficiaryCounts, monthStarts } from './capitation.js';
import { formatDate, formatDateTime, money, renderDocument, safeFileName, toCsv, type PrintedFile, type Section, type TableRow } from './claims.print.js';
import { claimViews } from './claims.service.js';
import { lockNumbering, nextNumber } from './numbers.js';
import { BatchAlreadyPaidError, BatchCancelledError, BatchEmptyError, CapitationAlreadyOrderedError } from './payments.errors.js';
import * as repo from './payments.repository.js';
import type { BatchPage, BatchQuery, BatchSummary, BatchView, CancelBatch, ClaimsPaidInFull, CreateBatch, PayBatch, StatementQuery, StatementView } from './payments.schemas.js';

function summary(row: repo.BatchRow, catalogue: ProviderCatalogue): BatchSummary {
  const provider = [...catalogue.providers.values()].find((p) => p.id === row.provider_id);
  return {
    id: row.id,
    number: row.number,
    provider: provider?.code ?? '',
    providerName: provider?.name ?? null,
    from: row.period_from,
    to: row.period_to,
    status: row.status,
    claimsAmount: row.claims_amount,
    capitationAmount: row.capitation_amount,
    flatRateAmount: row.flat_rate_amount,
    total: row.total,
    dueOn: row.due_on,
    paidOn: row.paid_on,
    reference: row.reference,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
  };
}

/** How a claim is paid: by the agreement in force on its date of care. */
function methodOf(catalogue: ProviderCatalogue, providerId: string, date: string): { method: AgreementPaymentMethod; agreement: CatalogueAgreement | undefined } {
  const agreement = agreementOn(catalogue, providerId, date);
  return { method: agreement?.paymentMethod ?? 'fee_for_service', agreement };
}

async function batchView(db: Executor, schemeId: string, row: repo.BatchRow, catalogue?: ProviderCatalogue): Promise<BatchView> {
  const c = catalogue ?? (await providerCatalogue(db, schemeId));
  const claims = await repo.claimsOfBatches(db, schemeId, [row.id]);
  return {
    ...summary(row, c),
    claims: claims.map((claim) => {
      const { method, agreement } = methodOf(c, row.provider_id, claim.from_date);
      // A batch pays a flat-rate claim its flat rate, unless it paid claims in full (a scheme file's claimPayments).
      const flat = method === 'flat_rate' && row.flat_rate_amount > 0;
      return { id: claim.id, number: claim.number, member: claim.card, from: claim.from_date, payable: claim.payable ?? 0, method, amount: flat ? (agreement?.flatRateAmount ?? 0) : (claim.payable ?? 0) };
    }),
  };
}

async function lockedBatch(db: Executor, schemeId: string, id: string): Promise<repo.BatchRow> {
  const row = await repo.lockBatch(db, schemeId, id);
  if (!row) throw new NotFoundError('payment batch', id);
  return row;
}

/**
 * Orders a payment of a provider for a period. It holds, by the agreement in force on each date of
 * care: the payable of fee-for-service claims; the flat rate of flat-rate claims (per claim with
 * a line not rejected, instead of its payable) — claims decided, not paid, in no other batch,
 * with care in the period and something payable; and, for each month whose first day is in the
 * period and falls under a capitation agreement, its amount times the scheme's beneficiaries
 * `active` that day. Claims under capitation are paid by it and stay out of batches. Due on the
 * day it is made plus the agreement's payment delay.
 * Errors: NotFoundError (provider), ValidationError (dates), BatchEmptyError,
 * CapitationAlreadyOrderedError. Audited.
 */
export async function createBatch(ctx: ServiceContext, schemeId: string, input: CreateBatch): Promise<BatchView> {
  if (input.to < input.from) throw new ValidationError([{ field: 'to', message: `is before from (${input.from})` }]);
  return inTransaction(ctx, async (trx) => {
    const catalogue = await providerCatalogue(trx, schemeId);
    const provider = catalogue.providers.get(input.provider);
    if (!provider) throw new NotFoundError('provider', input.provider);
    // One batch at a time per scheme: numbers, and the claims and months a batch takes.
    await lockNumbering(trx, schemeId, 'payment_batch');
    const candidates = await repo.claimsToBatch(trx, schemeId, provider.id, input.from, input.to);
    const taken: string[] = [];
    let claimsAmount = 0;
    let flatRateAmount = 0;
    let flatCases = 0;
    for (const claim of candidates) {
      const { method, agreement } = methodOf(catalogue, provider.id, claim.from_date);
      if (method === 'capitation') continue;
      taken.push(claim.id);
      if (method === 'flat_rate') {
        // payable > 0 means a line not rejected: the claim is a case.
        flatRateAmount += agreement?.flatRateAmount ?? 0;
        flatCases += 1;
      } else claimsAmount += claim.payable ?? 0;
    }
    const months = monthStarts(input.from, input.to)
      .map((day) => ({ day, agreement: agreementOn(catalogue, provider.id, day) }))
      .filter((m) => m.agreement?.paymentMethod === 'capitation');
    const covered = await repo.capitationBatchesCovering(trx, schemeId, provider.id, months.map((m) => m.day));
    for (const m of months) {
      const other = covered.find((b) => b.period_from <= m.day && m.day <= b.period_to);
      if (other) throw new CapitationAlreadyOrderedError(m.day.slice(0, 7), other.number);
    }
    const counts = await activeBeneficiaryCounts(trx, schemeId, months.map((m) => m.day));
    const capitation = months.map((m) => ({ month: m.day.slice(0, 7), beneficiaries: counts.get(m.day) ?? 0, rate: m.agreement!.capitationAmount ?? 0 }));
    const capitationAmount = capitation.reduce((s, m) => s + m.beneficiaries * m.rate, 0);
    if (taken.length === 0 && capitationAmount === 0) throw new BatchEmptyError(input.provider, input.from, input.to);
    const delay = (agreementOn(catalogue, provider.id, input.to) ?? [...(catalogue.agreements.get(provider.id) ?? [])].reverse().find((a) => a.from <= input.to))?.paymentDelayDays ?? DEFAULT_PAYMENT_DELAY_DAYS;
    const number = await nextNumber(trx, schemeId, 'payment_batch', 'PB');
    const at = new Date();
    const id = newId(at.getTime());
    await repo.insertBatch(trx, {
      id,
      scheme_id: schemeId,
      number,
      provider_id: provider.id,
      period_from: input.from,
      period_to: input.to,
      status: 'ordered',
      claims_amount: claimsAmount,
      capitation_amount: capitationAmount,
      flat_rate_amount: flatRateAmount,
      total: claimsAmount + capitationAmount + flatRateAmount,
      due_on: addDays(today(at), delay),
      paid_on: null,
      reference: null,
      created_by: ctx.actor.label,
      created_at: at,
      updated_at: at,
    });
    await repo.assignClaims(trx, schemeId, id, taken, at);
    const view = await batchView(trx, schemeId, (await repo.findBatch(trx, schemeId, id))!, catalogue);
    const { claims: _claims, ...shown } = view;
    await recordAudit(trx, ctx.actor, {
      action: 'claims.batch_ordered',
      entityType: 'payment_batch',
      entityId: id,
      schemeId,
      after: { ...shown, claimIds: taken, flatRateCases: flatCases, capitation },
    });
    return view;
  });
}

/** Batches, newest first, by provider and status. */
export async function listBatches(ctx: ServiceContext, schemeId: string, query: BatchQuery): Promise<BatchPage> {
  const catalogue = await providerCatalogue(ctx.db, schemeId);
  let providerId: string | undefined;
  if (query.provider) {
    providerId = catalogue.providers.get(query.provider)?.id;
    if (!providerId) return { total: 0, items: [] };
  }
  const { total, rows } = await repo.listBatches(ctx.db, schemeId, { providerId, status: query.status, limit: query.limit ?? 100, offset: query.offset ?? 0 });
  return { total, items: rows.map((r) => summary(r, catalogue)) };
}

/** One batch with its claims. Errors: NotFoundError. */
export async function getBatch(ctx: ServiceContext, schemeId: string, id: string): Promise<BatchView> {
  const row = await repo.findBatch(ctx.db, schemeId, id);
  if (!row) throw new NotFoundError('payment batch', id);
  return batchView(ctx.db, schemeId, row);
}

/**
 * Records the payment of an ordered batch: it becomes paid, and so do its claims (date and
 * reference). Repeated with the same date and reference it changes nothing (`replayed`).
 * Errors: NotFoundError, ValidationError (date in the future, empty reference),
 * BatchAlreadyPaidError (paid with another date or reference), BatchCancelledError. Audited.
 */
export async function payBatch(ctx: ServiceContext, schemeId: string, id: string, input: PayBatch): Promise<{ batch: BatchView; replayed: boolean }> {
  const reference = input.reference.trim();
  const details: ErrorDetail[] = [];
  if (!reference) details.push({ field: 'reference', message: 'is required' });
  if (input.date > today()) details.push({ field: 'date', message: `is in the future (today is ${today()})` });
  if (details.length) throw new ValidationError(details);
  return inTransaction(ctx, async (trx) => {
    const row = await lockedBatch(trx, schemeId, id);
    if (row.status === 'paid') {
      if (row.paid_on === input.date && row.reference === reference) return { batch: await batchView(trx, schemeId, row), replayed: true };
      throw new BatchAlreadyPaidError(row.number, row.paid_on ?? '', row.reference ?? '');
    }
    if (row.status === 'cancelled') throw new BatchCancelledError(row.number);
    const at = new Date();
    await repo.updateBatch(trx, schemeId, id, { status: 'paid', paid_on: input.date, reference, updated_at: at });
    const claims = await repo.markClaimsPaid(trx, schemeId, id, input.date, reference, at);
    const after = await batchView(trx, schemeId, (await repo.findBatch(trx, schemeId, id))!);
    await emitEvent(trx, ctx.actor, 'claims.batchPaid', {
      schemeId,
      batches: [{ id, number: row.number, paidOn: input.date, claimsPayable: after.claims.reduce((sum, c) => sum + c.payable, 0), total: row.total }],
    });
    await recordAudit(trx, ctx.actor, {
      action: 'claims.batch_paid',
      entityType: 'payment_batch',
      entityId: id,
      schemeId,
      before: { number: row.number, status: row.status },
      after: { number: row.number, status: 'paid', paidOn: input.date, reference, total: row.total, claimIds: claims.map((c) => c.id) },
    });
    return { batch: after, replayed: false };
  });
}

/**
 * Cancels an ordered batch: its claims are released for another batch. Cancelling a cancelled
 * batch changes nothing. Errors: NotFoundError, BatchAlreadyPaidError. Audited.
 */
export async function cancelBatch(ctx: ServiceContext, schemeId: string, id: string, input: CancelBatch = {}): Promise<BatchView> {
  return inTransaction(ctx, async (trx) => {
    const row = await lockedBatch(trx, schemeId, id);
    if (row.status === 'paid') throw new BatchAlreadyPaidError(row.number, row.paid_on ?? '', row.reference ?? '');
    if (row.status === 'cancelled') return batchView(trx, schemeId, row);
    const at = new Date();
    const released = await repo.releaseClaims(trx, schemeId, id, at);
    await repo.updateBatch(trx, schemeId, id, { status: 'cancelled', updated_at: at });
    const after = await batchView(trx, schemeId, (await repo.findBatch(trx, schemeId, id))!);
    await recordAudit(trx, ctx.actor, {
      action: 'claims.batch_cancelled',
      entityType: 'payment_batch',
      entityId: id,
      schemeId,
      before: { number: row.number, status: row.status, total: row.total, claimIds: released.map((c) => c.id) },
      after: { number: row.number, status: 'cancelled', reason: input.reason?.trim() || null },
    });
    return after;
  });
}

/**
 * Pays the named claims of a provider in full on a date (spec: scheme-file.md, `claimPayments[]`):
 * one paid batch holding them, for their payable. The same provider and reference with the same
 * claims and date, already paid, is left as it is (`created: false`). Errors: ValidationError
 * naming the field — the provider, a claim not found, not adjudicated, paid under another
 * reference or in an unpaid batch, the reference used for other claims. Audited.
 */
export async function payClaimsInFull(ctx: ServiceContext, schemeId: string, input: ClaimsPaidInFull): Promise<{ created: boolean; batch: BatchView }> {
  const reference = input.reference.trim();
  return inTransaction(ctx, async (trx) => {
    const catalogue = await providerCatalogue(trx, schemeId);
    const provider = catalogue.providers.get(input.provider);
    if (!provider) throw new ValidationError([{ field: 'provider', message: `there is no provider ${input.provider} in this scheme` }]);
    if (input.claims.length === 0) throw new ValidationError([{ field: 'claims', message: 'name at least one claim' }]);
    if (!reference) throw new ValidationError([{ field: 'reference', message: 'is required' }]);
    await lockNumbering(trx, schemeId, 'payment_batch');
    const rows = await repo.lockClaimsByNumbers(trx, schemeId, input.provider, input.claims);
    const byNumber = new Map(rows.map((r) => [r.number, r]));
    const earlier = await repo.paidBatchesByReference(trx, schemeId, provider.id, reference);
    if (earlier.length) {
      const theirs = await repo.claimsOfBatches(trx, schemeId, earlier.map((b) => b.id));
      const same =
        earlier.length === 1 &&
        earlier[0]!.paid_on === input.date &&
        theirs.length === new Set(input.claims).size &&
        input.claims.every((n) => byNumber.get(n)?.payment_batch_id === earlier[0]!.id);
      if (same) return { created: false, batch: await batchView(trx, schemeId, earlier[0]!, catalogue) };
    }
    const batchNumbers = await repo.batchNumbers(trx, schemeId, rows.flatMap((r) => (r.payment_batch_id ? [r.payment_batch_id] : [])));
    const details: ErrorDetail[] = [];
    if (earlier.length) details.push({ field: 'reference', message: `${reference} already pays other claims of ${input.provider} (${earlier.map((b) => b.number).join(', ')})` });
    input.claims.forEach((number, i) => {
      const claim = byNumber.get(number);
      const field = `claims[${i}]`;
      if (!claim) details.push({ field, message: `there is no claim ${number} of provider ${input.provider}` });
      else if (claim.status === 'submitted') details.push({ field, message: `claim ${number} is not adjudicated` });
      else if (claim.status === 'paid') details.push({ field, message: `claim ${number} is already paid (${claim.payment_reference ?? ''}, ${claim.paid_on ?? ''})` });
      else if (claim.payment_batch_id) details.push({ field, message: `claim ${number} is in payment batch ${batchNumbers.get(claim.payment_batch_id) ?? ''}, not paid yet` });
    });
    if (details.length) throw new ValidationError(details);
    const claims = [...new Set(input.claims)].map((n) => byNumber.get(n)!);
    const dates = claims.map((c) => c.from_date).sort();
    const amount = claims.reduce((s, c) => s + (c.payable ?? 0), 0);
    const number = await nextNumber(trx, schemeId, 'payment_batch', 'PB');
    const at = new Date();
    const id = newId(at.getTime());
    await repo.insertBatch(trx, {
      id,
      scheme_id: schemeId,
      number,
      provider_id: provider.id,
      period_from: dates[0]!,
      period_to: dates[dates.length - 1]!,
      status: 'paid',
      claims_amount: amount,
      capitation_amount: 0,
      flat_rate_amount: 0,
      total: amount,
      due_on: input.date,
      paid_on: input.date,
      reference,
      created_by: ctx.actor.label,
      created_at: at,
      updated_at: at,
    });
    await repo.assignClaims(trx, schemeId, id, claims.map((c) => c.id), at);
    await repo.markClaimsPaid(trx, schemeId, id, input.date, reference, at);
    const batch = await batchView(trx, schemeId, (await repo.findBatch(trx, schemeId, id))!, catalogue);
    await emitEvent(trx, ctx.actor, 'claims.batchPaid', { schemeId, batches: [{ id, number, paidOn: input.date, claimsPayable: amount, total: amount }] });
    const { claims: _claims, ...shown } = batch;
    await recordAudit(trx, ctx.actor, { action: 'claims.paid_in_full', entityType: 'payment_batch', entityId: id, schemeId, after: { ...shown, claimIds: claims.map((c) => c.id) } });
    return { created: true, batch };
  });
}

// ---------------------------------------------------------------- the provider's statement

/**
 * Every claim of the provider with care in the period, line by line (decision, reasons, amounts),
 * and its batches and payments. A provider clerk sees their own provider only (another answers
 * as missing). Errors: NotFoundError, ValidationError (dates).
 */
export async function providerStatement(ctx: ServiceContext, scheme: { id: string; currency: string }, providerCode: string, query: StatementQuery, locale: Locale, providers?: Set<string>): Promise<StatementView> {
  if (query.to < query.from) throw new ValidationError([{ field: 'to', message: `is before from (${query.from})` }]);
  const catalogue = await providerCatalogue(ctx.db, scheme.id);
  const provider = catalogue.providers.get(providerCode);
  if (!provider || (providers && !providers.has(provider.id))) throw new NotFoundError('provider', providerCode);
  const rows = await repo.claimsOfProvider(ctx.db, scheme.id, providerCode, query.from, query.to);
  const views = await claimViews(ctx, scheme.id, rows, locale);
  const batches = await repo.batchesOfProvider(ctx.db, scheme.id, provider.id, query.from, query.to);
  const numbers = await repo.batchNumbers(ctx.db, scheme.id, rows.flatMap((r) => (r.payment_batch_id ? [r.payment_batch_id] : [])));
  const batchOf = new Map(rows.map((r) => [r.id, r.payment_batch_id ? (numbers.get(r.payment_batch_id) ?? null) : null]));
  const claims = views.map((c) => ({
    id: c.id,
    number: c.number,
    member: c.member,
    memberName: c.memberName,
    from: c.from,
    to: c.to,
    submittedOn: c.submittedOn,
    status: c.status,
    asked: c.asked,
    allowed: c.allowed,
    payable: c.payable,
    memberShare: c.memberShare,
    batch: batchOf.get(c.id) ?? null,
    paidOn: c.paidOn,
    paymentReference: c.paymentReference,
    lines: c.lines.map((l) => ({
      seq: l.seq,
      service: l.service,
      serviceName: l.serviceName,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      asked: l.asked,
      allowed: l.allowed,
      payable: l.payable,
      memberShare: l.memberShare,
      decision: l.decision,
      reasons: l.reasons,
      messages: l.messages,
      overridden: l.overridden,
    })),
  }));
  const summaries = batches.map((b) => summary(b, catalogue));
  return {
    provider: provider.code,
    providerName: provider.name,
    from: query.from,
    to: query.to,
    currency: scheme.currency,
    claims,
    batches: summaries,
    totals: {
      claims: claims.length,
      asked: claims.reduce((s, c) => s + c.asked, 0),
      payable: claims.reduce((s, c) => s + (c.payable ?? 0), 0),
      ordered: summaries.filter((b) => b.status === 'ordered').reduce((s, b) => s + b.total, 0),
      paid: summaries.filter((b) => b.status === 'paid').reduce((s, b) => s + b.total, 0),
    },
  };
}

// ---------------------------------------------------------------- paper and files

type Translate = (key: string, params?: Record<string, unknown>) => string;

function translator(locale: Locale): Translate {
  return (key, params = {}) => translate(locale, `claims.payments.${key}`, params);
}

/** The payment order of a batch, to sign and send to the bank (A4 PDF). Errors: NotFoundError. */
export async function batchOrderPdf(ctx: ServiceContext, scheme: { id: string; code: string; currency: string }, id: string, locale: Locale, options: { compress?: boolean } = {}): Promise<PrintedFile> {
  const batch = await getBatch(ctx, scheme.id, id);
  const { name } = await getScheme(ctx, scheme.code);
  const t = translator(locale);
  const m = (amount: number) => money(amount, scheme.currency, locale);
  const holders = await cardHolders(ctx.db, scheme.id, batch.claims.map((c) => c.member));
  const rows: TableRow[] = batch.claims.map((c) => {
    const holder = holders.get(c.member);
    return { cells: [c.number, holder ? `${holder.firstName} ${holder.lastName} (${c.member})` : c.member, formatDate(c.from, locale), translate(locale, `providers.paymentMethods.${c.method}`), m(c.amount)] };
  });
  const sections: Section[] = [
    {
      kind: 'fields',
      rows: [
        [t('provider'), batch.providerName ? `${batch.providerName} (${batch.provider})` : batch.provider],
        [t('period'), t('periodValue', { from: formatDate(batch.from, locale), to: formatDate(batch.to, locale) })],
        [t('dueOn'), formatDate(batch.dueOn, locale)],
        [t('status'), t(`statuses.${batch.status}`)],
        ...(batch.paidOn ? [[t('paidOn'), `${formatDate(batch.paidOn, locale)} (${batch.reference ?? ''})`] as [string, string]] : []),
        [t('prepared'), t('byAt', { who: batch.createdBy, at: formatDateTime(new Date(batch.createdAt), locale) })],
      ],
    },
    { kind: 'heading', text: t('claims') },
    {
      kind: 'table',
      columns: [
        { header: t('claim'), width: 0.16 },
        { header: t('member'), width: 0.36 },
        { header: t('care'), width: 0.14 },
        { header: t('method'), width: 0.16 },
        { header: t('amount'), width: 0.18, align: 'right' },
      ],
      rows,
      empty: t('noClaims'),
    },
    { kind: 'heading', text: t('totals') },
    {
      kind: 'fields',
      rows: [
        [t('claimsAmount'), m(batch.claimsAmount)],
        [t('flatRateAmount'), m(batch.flatRateAmount)],
        [t('capitationAmount'), m(batch.capitationAmount)],
        [t('total'), m(batch.total)],
      ],
    },
    { kind: 'paragraph', text: t('signatures') },
  ];
  const bytes = await renderDocument(
    {
      scheme: name,
      title: t('orderTitle'),
      subtitle: t('number', { number: batch.number }),
      stamp: t(`statuses.${batch.status}`).toUpperCase(),
      sections,
      footer: [t('printed', { at: formatDateTime(new Date(), locale) })],
      pageLabel: (page, pages) => translate(locale, 'claims.print.page', { page, pages }),
    },
    { lang: locale, title: `${t('orderTitle')} ${batch.number}`, compress: options.compress },
  );
  return { filename: `${safeFileName(t('orderFileName'))}-${safeFileName(batch.number)}.pdf`, contentType: 'application/pdf', bytes };
}

/**
 * The payment order as CSV: one row per claim, then one per kind of amount and the total.
 * Amounts are whole minor units of the scheme's currency (named in a column), for machines.
 */
export async function batchOrderCsv(ctx: ServiceContext, scheme: { id: string; currency: string }, id: string, locale: Locale): Promise<PrintedFile> {
  const batch = await getBatch(ctx, scheme.id, id);
  const t = translator(locale);
  const head = [t('csv.batch'), t('csv.provider'), t('csv.item'), t('csv.claim'), t('csv.member'), t('csv.care'), t('csv.method'), t('csv.amount'), t('csv.currency')];
  const row = (item: string, amount: number, claim: (typeof batch.claims)[number] | null = null) => [
    batch.number,
    batch.provider,
    item,
    claim?.number ?? null,
    claim?.member ?? null,
    claim?.from ?? null,
    claim?.method ?? null,
    amount,
    scheme.currency,
  ];
  const rows = [
    head,
    ...batch.claims.map((c) => row(t('csv.items.claim'), c.amount, c)),
    ...(batch.capitationAmount > 0 ? [row(t('csv.items.capitation'), batch.capitationAmount)] : []),
    row(t('csv.items.total'), batch.total),
  ];
  return { filename: `${safeFileName(t('orderFileName'))}-${safeFileName(batch.number)}.csv`, contentType: 'text/csv; charset=utf-8', bytes: toCsv(rows) };
}

/** The provider's statement as an A4 PDF. Errors as providerStatement. */
export async function providerStatementPdf(
  ctx: ServiceContext,
  scheme: { id: string; code: string; currency: string },
  providerCode: string,
  query: StatementQuery,
  locale: Locale,
  providers?: Set<string>,
  options: { compress?: boolean } = {},
): Promise<PrintedFile> {
  const statement = await providerStatement(ctx, scheme, providerCode, query, locale, providers);
  const { name } = await getScheme(ctx, scheme.code);
  const t = translator(locale);
  const m = (amount: number | null) => (amount === null ? '-' : money(amount, scheme.currency, locale));
  const decision = (d: string | null) => (d ? translate(locale, `claims.eob.decisions.${d}`) : t('undecided'));
  const claimRows: TableRow[] = statement.claims.map((c) => ({
    cells: [c.number, formatDate(c.from, locale), c.memberName ? `${c.memberName} (${c.member})` : c.member, t(`claimStatuses.${c.status}`), m(c.asked), m(c.payable), c.batch ?? ''],
    notes: c.lines.map(
      (l) =>
        `${l.seq}. ${l.serviceName ?? l.service} x${l.quantity}: ${decision(l.decision)}, ${m(l.asked)} -> ${m(l.payable)}` +
        (l.messages.length ? ` - ${l.messages.join('; ')}` : '') +
        (l.overridden ? ` (${t('overridden')})` : ''),
    ),
  }));
  const batchRows: TableRow[] = statement.batches.map((b) => ({
    cells: [b.number, t('periodValue', { from: formatDate(b.from, locale), to: formatDate(b.to, locale) }), t(`statuses.${b.status}`), formatDate(b.dueOn, locale), b.paidOn ? `${formatDate(b.paidOn, locale)} ${b.reference ?? ''}` : '', m(b.total)],
  }));
  const bytes = await renderDocument(
    {
      scheme: name,
      title: t('statementTitle'),
      subtitle: `${statement.providerName} (${statement.provider}) - ${t('periodValue', { from: formatDate(statement.from, locale), to: formatDate(statement.to, locale) })}`,
      sections: [
        { kind: 'heading', text: t('claims') },
        {
          kind: 'table',
          columns: [
            { header: t('claim'), width: 0.13 },
            { header: t('care'), width: 0.12 },
            { header: t('member'), width: 0.27 },
            { header: t('status'), width: 0.12 },
            { header: t('asked'), width: 0.13, align: 'right' },
            { header: t('payable'), width: 0.13, align: 'right' },
            { header: t('batch'), width: 0.1 },
          ],
          rows: claimRows,
          total: { cells: [t('total'), '', '', '', m(statement.totals.asked), m(statement.totals.payable), ''] },
          empty: t('noClaims'),
        },
        { kind: 'heading', text: t('batches') },
        {
          kind: 'table',
          columns: [
            { header: t('batch'), width: 0.14 },
            { header: t('period'), width: 0.27 },
            { header: t('status'), width: 0.12 },
            { header: t('dueOn'), width: 0.13 },
            { header: t('paidOn'), width: 0.18 },
            { header: t('amount'), width: 0.16, align: 'right' },
          ],
          rows: batchRows,
          empty: t('noBatches'),
        },
        {
          kind: 'fields',
          rows: [
            [t('ordered'), m(statement.totals.ordered)],
            [t('paid'), m(statement.totals.paid)],
          ],
        },
      ],
      footer: [t('printed', { at: formatDateTime(new Date(), locale) })],
      pageLabel: (page, pages) => translate(locale, 'claims.print.page', { page, pages }),
    },
    { lang: locale, title: `${t('statementTitle')} ${statement.provider}`, compress: options.compress },
  );
  return { filename: `${safeFileName(t('statementFileName'))}-${safeFileName(statement.provider)}-${statement.from}-${statement.to}.pdf`, contentType: 'application/pdf', bytes };
}
