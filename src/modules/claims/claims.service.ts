/** Claims: intake, decisions, reading. The rules are in adjudication.rules.ts; this file stores and shows. */
import { recordAudit } from '../../platform/audit/audit.js';
import type { Permission } from '../../platform/auth/roles.js';
import { roleAllows } from '../../platform/auth/roles.js';
import { inTransaction, type ServiceContext } from '../../platform/context.js';
import { today } from '../../platform/dates.js';
import { NotFoundError, ValidationError } from '../../platform/errors.js';
import { translate, type Locale } from '../../platform/i18n/index.js';
import { newId, newIds } from '../../platform/ids.js';
import { beneficiaryCoverage, type CoverageView } from '../coverage/index.js';
import { cardHolders } from '../members/index.js';
import { providerCatalogue } from '../providers/index.js';
import type { ClaimInput, ReasonCode } from './adjudication.rules.js';
import { Adjudication, adjudicatePending, lockSingle, saveDecisions, type RunTotals } from './claims.engine.js';
import { ClaimIdempotencyConflictError, ClaimNumberTakenError, ProviderNotYoursError } from './claims.errors.js';
import * as repo from './claims.repository.js';
import type { ClaimLineView, ClaimPage, ClaimQuery, ClaimQuote, ClaimView, SubmitClaim } from './claims.schemas.js';
import type { ClaimTable } from './claims.table.js';
type ClaimRow = repo.ClaimRow;

export interface SchemeRef {
  id: string;
  federationId: string | null;
}

/**
 * The providers a user may act for in a scheme, when their right comes only from grants on
 * providers (a provider clerk); undefined when they may act for every provider of the scheme.
 */
export function providerRestriction(ctx: ServiceContext, scheme: SchemeRef, permission: Permission): Set<string> | undefined {
  const principal = ctx.principal;
  if (!principal) return undefined;
  const wide = principal.grants.some(
    (g) =>
      roleAllows(g.role, permission) &&
      (g.scopeType === 'platform' || (g.scopeType === 'scheme' && g.scopeId === scheme.id) || (g.scopeType === 'federation' && scheme.federationId !== null && g.scopeId === scheme.federationId)),
  );
  if (wide) return undefined;
  return new Set(principal.grants.filter((g) => g.scopeType === 'provider' && roleAllows(g.role, permission) && principal.providerSchemes.get(g.scopeId ?? '') === scheme.id).map((g) => g.scopeId!));
}

/** The most a claim (or one of its lines) may ask, in minor units: beyond it the amount is a typing error. */
const MAX_CLAIM_AMOUNT = 1_000_000_000_000;

/** Lines whose quantity x unit price, or whose sum, is beyond what any claim could ask. */
function checkAmounts(lines: { quantity: number; unitPrice: number }[]): void {
  const details = lines.flatMap((l, i) => (l.quantity * l.unitPrice > MAX_CLAIM_AMOUNT ? [{ field: `lines[${i}].unitPrice`, message: `quantity x unit price is above ${MAX_CLAIM_AMOUNT}` }] : []));
  if (details.length === 0 && lines.reduce((sum, l) => sum + l.quantity * l.unitPrice, 0) > MAX_CLAIM_AMOUNT) details.push({ field: 'lines', message: `the claim asks more than ${MAX_CLAIM_AMOUNT} in all` });
  if (details.length) throw new ValidationError(details);
}

function sameClaim(row: ClaimRow, lines: { service_code: string; quantity: number; unit_price: number }[], input: SubmitClaim): boolean {
  return (
    row.number === input.number &&
    row.provider_code === input.provider &&
    row.card === input.member.trim().toUpperCase() &&
    row.from_date === input.from &&
    row.to_date === input.to &&
    lines.length === input.lines.length &&
    lines.every((l, i) => l.service_code === input.lines[i]!.service && l.quantity === input.lines[i]!.quantity && l.unit_price === input.lines[i]!.unitPrice)
  );
}

export interface SubmitOptions {
  source?: ClaimTable['source'];
  /** Decide it at once (default); a file being loaded decides its claims together at the end. */
  adjudicate?: boolean;
  /** Providers the caller may submit for (undefined: any). */
  providers?: Set<string>;
}

/**
 * Records a submitted claim and decides it. A retried request with the same idempotency key
 * returns the first claim; a claim number is unique per provider. Errors: ValidationError (dates),
 * ClaimNumberTakenError, ClaimIdempotencyConflictError, ProviderNotYoursError.
 */
export async function submitClaim(ctx: ServiceContext, schemeId: string, input: SubmitClaim, options: SubmitOptions = {}): Promise<{ claim: ClaimView; replayed: boolean }> {
  checkAmounts(input.lines);
  const id = await inTransaction(ctx, async (trx) => {
    if (options.providers) {
      const catalogue = await providerCatalogue(trx, schemeId);
      const provider = catalogue.providers.get(input.provider);
      if (!provider || !options.providers.has(provider.id)) throw new ProviderNotYoursError(input.provider);
    }
    if (input.idempotencyKey) {
      const earlier = await repo.findClaimByIdempotencyKey(trx, schemeId, input.idempotencyKey);
      if (earlier) {
        const lines = await repo.linesOf(trx, schemeId, [earlier.id]);
        if (!sameClaim(earlier, lines, input)) throw new ClaimIdempotencyConflictError();
        return { id: earlier.id, replayed: true };
      }
    }
    if (await repo.findClaimByNumber(trx, schemeId, input.provider, input.number)) throw new ClaimNumberTakenError(input.provider, input.number);
    const submittedOn = input.submittedOn ?? today();
    const details = [];
    if (input.to < input.from) details.push({ field: 'to', message: `is before from (${input.from})` });
    if (submittedOn < input.to) details.push({ field: 'submittedOn', message: `is before the end of care (${input.to})` });
    // Bad dates are a decision (INVALID_DATES) for claims that come in bulk; a person typing one is told at once.
    if (details.length && options.source !== 'file' && options.source !== 'upload') throw new ValidationError(details);
    const now = new Date();
    const claimId = newId();
    await trx
      .insertInto('claim')
      .values({
        id: claimId,
        scheme_id: schemeId,
        number: input.number,
        provider_code: input.provider,
        provider_id: null,
        card: input.member.trim().toUpperCase(),
        beneficiary_id: null,
        household_id: null,
        from_date: input.from,
        to_date: input.to,
        submitted_on: submittedOn,
        diagnosis: input.diagnosis ?? null,
        guarantee_letter: input.guaranteeLetter ?? null,
        status: 'submitted',
        source: options.source ?? 'api',
        asked: input.lines.reduce((s, l) => s + l.quantity * l.unitPrice, 0),
        allowed: null,
        payable: null,
        member_share: null,
        adjudicated_at: null,
        payment_batch_id: null,
        paid_on: null,
        payment_reference: null,
        idempotency_key: input.idempotencyKey ?? null,
        created_by: ctx.actor.label,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const lineIds = newIds(input.lines.length);
    await trx
      .insertInto('claim_line')
      .values(input.lines.map((l, i) => ({ id: lineIds[i]!, scheme_id: schemeId, claim_id: claimId, seq: i + 1, service_code: l.service, quantity: l.quantity, unit_price: l.unitPrice })))
      .execute();
    await recordAudit(trx, ctx.actor, { action: 'claims.submitted', entityType: 'claim', entityId: claimId, schemeId, after: { ...input, submittedOn } });
    const holder = options.adjudicate !== false ? (await cardHolders(trx, schemeId, [input.member])).get(input.member.trim().toUpperCase()) : undefined;
    if (options.adjudicate !== false && (await lockSingle(trx, schemeId, holder?.householdId ?? `${schemeId}/${input.member.trim().toUpperCase()}`))) {
      const [row] = await repo.claimInputs(trx, schemeId, [{ id: claimId, number: input.number, provider_code: input.provider, card: input.member.trim().toUpperCase(), from_date: input.from, to_date: input.to, submitted_on: submittedOn, diagnosis: input.diagnosis ?? null, guarantee_letter: input.guaranteeLetter ?? null }]);
      const run = await Adjudication.start(trx, schemeId);
      const results = await run.decide(trx, [row!]);
      await saveDecisions(trx, ctx.actor, schemeId, results, [row!]);
    }
    return { id: claimId, replayed: false };
  });
  return { claim: await getClaim(ctx, schemeId, id.id), replayed: id.replayed };
}

/**
 * What a claim would be paid if it were submitted now: the engine's decision against what the
 * member's household has consumed, without writing anything. The claim form shows it as lines are
 * typed; the point of care uses it to tell a member what they will pay.
 */
export async function quoteClaim(ctx: ServiceContext, schemeId: string, input: Omit<SubmitClaim, 'number' | 'idempotencyKey'> & { number?: string }, options: { providers?: Set<string>; locale?: Locale } = {}): Promise<ClaimQuote> {
  checkAmounts(input.lines);
  if (options.providers) {
    const catalogue = await providerCatalogue(ctx.db, schemeId);
    const provider = catalogue.providers.get(input.provider);
    if (!provider || !options.providers.has(provider.id)) throw new ProviderNotYoursError(input.provider);
  }
  const id = newId();
  const ids = newIds(input.lines.length);
  const claim: ClaimInput = {
    id,
    number: input.number ?? '\uffff',
    provider: input.provider,
    card: input.member.trim().toUpperCase(),
    from: input.from,
    to: input.to,
    submittedOn: input.submittedOn ?? today(),
    diagnosis: input.diagnosis ?? null,
    guaranteeLetter: input.guaranteeLetter ?? null,
    lines: input.lines.map((l, i) => ({ id: ids[i]!, seq: i + 1, service: l.service, quantity: l.quantity, unitPrice: l.unitPrice })),
  };
  const run = await Adjudication.start(ctx.db, schemeId);
  const [result] = await run.decide(ctx.db, [claim]);
  const locale = options.locale ?? 'en';
  return {
    asked: result!.asked,
    allowed: result!.allowed,
    payable: result!.payable,
    memberShare: result!.memberShare,
    lines: result!.lines.map((l) => ({
      seq: l.seq,
      decision: l.decision,
      reasons: l.reasons,
      messages: reasonMessages(l.reasons, locale),
      asked: l.asked,
      allowed: l.allowed,
      payable: l.payable,
      memberShare: l.memberShare,
      category: l.category,
    })),
  };
}

/**
 * A member's standing at the point of care: the coverage check (status, reason, period, waiting
 * ends) with what remains of each benefit once the claims already decided are counted — uses
 * left and ceilings left for the period. Errors: NotFoundError (card).
 */
export async function pointOfCare(ctx: ServiceContext, schemeId: string, card: string, date: string, locale: Locale = 'en'): Promise<CoverageView> {
  const { view, status } = await beneficiaryCoverage(ctx, schemeId, card, date, locale);
  const period = status.period;
  if (!period) return view;
  const holder = (await cardHolders(ctx.db, schemeId, [card])).get(card.trim().toUpperCase());
  if (!holder) return view;
  const lines = (await repo.consumedByHouseholds(ctx.db, schemeId, [holder.householdId])).filter((l) => l.from >= period.start && l.from <= period.end);
  return {
    ...view,
    benefits: view.benefits.map((b) => {
      const mine = lines.filter((l) => l.category === b.category && l.beneficiaryId === holder.id);
      const household = lines.filter((l) => l.category === b.category);
      const cases = new Set(mine.map((l) => l.claimId)).size;
      const paid = mine.reduce((s, l) => s + l.payable, 0);
      const householdPaid = household.reduce((s, l) => s + l.payable, 0);
      return {
        ...b,
        usesLeft: b.usesLeft === null ? null : Math.max(0, b.usesLeft - cases),
        beneficiaryCeilingLeft: b.beneficiaryCeilingLeft === null ? null : Math.max(0, b.beneficiaryCeilingLeft - paid),
        householdCeilingLeft: b.householdCeilingLeft === null ? null : Math.max(0, b.householdCeilingLeft - householdPaid),
      };
    }),
  };
}

/** Decides the scheme's submitted claims (see adjudicatePending). */
export function adjudicateSubmitted(ctx: ServiceContext, schemeId: string, options: { limit?: number; chunk?: number; onProgress?: (done: RunTotals, remaining: number) => void } = {}) {
  return adjudicatePending(ctx.db, ctx.actor, schemeId, options);
}

function reasonMessages(reasons: string[], locale: Locale): string[] {
  return reasons.map((r) => translate(locale, `claims.reasons.${r}`));
}

/** One claim with its lines, current decisions and their history. Errors: NotFoundError. */
export async function getClaim(ctx: ServiceContext, schemeId: string, id: string, locale: Locale = 'en', providers?: Set<string>): Promise<ClaimView> {
  const row = await repo.findClaim(ctx.db, schemeId, id);
  if (!row) throw new NotFoundError('claim', id);
  const [view] = await claimViews(ctx, schemeId, [row], locale, providers);
  if (!view) throw new NotFoundError('claim', id);
  return view;
}

/** Claims of a number (one per provider that used it). */
export async function claimsByNumber(ctx: ServiceContext, schemeId: string, number: string, locale: Locale = 'en'): Promise<ClaimView[]> {
  return claimViews(ctx, schemeId, await repo.findClaimsByNumber(ctx.db, schemeId, number), locale);
}

export async function claimViews(ctx: ServiceContext, schemeId: string, rows: ClaimRow[], locale: Locale = 'en', providers?: Set<string>): Promise<ClaimView[]> {
  if (rows.length === 0) return [];
  const catalogue = await providerCatalogue(ctx.db, schemeId);
  const visible = providers ? rows.filter((r) => r.provider_id !== null ? providers.has(r.provider_id) : providers.has(catalogue.providers.get(r.provider_code)?.id ?? '')) : rows;
  const ids = visible.map((r) => r.id);
  const [lines, decisions, holders] = await Promise.all([repo.linesOf(ctx.db, schemeId, ids), repo.decisionsOf(ctx.db, schemeId, ids), cardHolders(ctx.db, schemeId, visible.map((r) => r.card))]);
  const history = new Map<string, typeof decisions>();
  for (const d of decisions) history.set(d.line_id, [...(history.get(d.line_id) ?? []), d]);
  return visible.map((row) => {
    const holder = holders.get(row.card);
    const claimLines: ClaimLineView[] = lines
      .filter((l) => l.claim_id === row.id)
      .map((l) => {
        const all = history.get(l.id) ?? [];
        const current = all.find((d) => d.current);
        const reasons = (current?.reasons ?? []) as ReasonCode[];
        return {
          id: l.id,
          seq: l.seq,
          service: l.service_code,
          serviceName: catalogue.services.get(l.service_code)?.name ?? null,
          quantity: l.quantity,
          unitPrice: l.unit_price,
          decision: current?.decision ?? null,
          reasons,
          messages: reasonMessages(reasons, locale),
          asked: l.quantity * l.unit_price,
          allowed: current?.allowed ?? null,
          payable: current?.payable ?? null,
          memberShare: current?.member_share ?? null,
          category: (current?.benefit_category ?? catalogue.services.get(l.service_code)?.category ?? null) as ClaimLineView['category'],
          productVersionId: current?.product_version_id ?? null,
          flags: (current?.flags ?? []) as ClaimLineView['flags'],
          overridden: current?.kind === 'override',
          history: all.map((d) => ({
            kind: d.kind,
            decision: d.decision,
            reasons: d.reasons as ReasonCode[],
            asked: d.asked,
            allowed: d.allowed,
            payable: d.payable,
            memberShare: d.member_share,
            note: d.note,
            decidedBy: d.decided_by,
            decidedAt: d.decided_at.toISOString(),
          })),
        };
      });
    return {
      id: row.id,
      number: row.number,
      provider: row.provider_code,
      providerName: catalogue.providers.get(row.provider_code)?.name ?? null,
      member: row.card,
      memberName: holder ? `${holder.firstName} ${holder.lastName}` : null,
      household: holder?.household ?? null,
      from: row.from_date,
      to: row.to_date,
      submittedOn: row.submitted_on,
      diagnosis: row.diagnosis,
      guaranteeLetter: row.guarantee_letter,
      status: row.status,
      source: row.source as ClaimView['source'],
      asked: row.asked,
      allowed: row.allowed,
      payable: row.payable,
      memberShare: row.member_share,
      adjudicatedAt: row.adjudicated_at?.toISOString() ?? null,
      paidOn: row.paid_on,
      paymentReference: row.payment_reference,
      lines: claimLines,
    };
  });
}

/** Claims of a scheme, newest care first, with filters; a provider clerk sees their providers' only. */
export async function listClaims(ctx: ServiceContext, schemeId: string, query: ClaimQuery, providers?: Set<string>): Promise<ClaimPage> {
  let q = ctx.db.selectFrom('claim').where('claim.scheme_id', '=', schemeId);
  if (providers) {
    const catalogue = await providerCatalogue(ctx.db, schemeId);
    const codes = [...catalogue.providers.values()].filter((p) => providers.has(p.id)).map((p) => p.code);
    if (codes.length === 0) return { total: 0, items: [] };
    q = q.where('claim.provider_code', 'in', codes);
  }
  if (query.provider) q = q.where('claim.provider_code', '=', query.provider);
  if (query.member) q = q.where('claim.card', '=', query.member.trim().toUpperCase());
  if (query.status) q = q.where('claim.status', '=', query.status);
  if (query.from) q = q.where('claim.from_date', '>=', query.from);
  if (query.to) q = q.where('claim.from_date', '<=', query.to);
  if (query.number) q = q.where('claim.number', '=', query.number);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .select((eb) => [
      'claim.id',
      'claim.number',
      'claim.provider_code',
      'claim.card',
      'claim.from_date',
      'claim.submitted_on',
      'claim.status',
      'claim.asked',
      'claim.payable',
      eb.selectFrom('claim_line').whereRef('claim_line.claim_id', '=', 'claim.id').select((x) => x.fn.countAll<number>().as('n')).as('lines'),
      eb
        .selectFrom('claim_decision')
        .whereRef('claim_decision.claim_id', '=', 'claim.id')
        .where('claim_decision.current', '=', true)
        .where('claim_decision.decision', '=', 'rejected')
        .select((x) => x.fn.countAll<number>().as('n'))
        .as('rejected'),
    ])
    .orderBy('claim.from_date', 'desc')
    .orderBy('claim.number')
    .limit(query.limit ?? 100)
    .offset(query.offset ?? 0)
    .execute();
  return {
    total: total.n,
    items: rows.map((r) => ({
      id: r.id,
      number: r.number,
      provider: r.provider_code,
      member: r.card,
      from: r.from_date,
      submittedOn: r.submitted_on,
      status: r.status,
      asked: r.asked,
      payable: r.payable,
      lines: Number(r.lines ?? 0),
      rejectedLines: Number(r.rejected ?? 0),
    })),
  };
}

export type { ClaimInput };
