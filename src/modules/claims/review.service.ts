/**
 * Review and control: the queue of claims and lines a person must look at, its settings, the scan
 * for providers far above their peers, and a reviewer's decision on a line (confirm or override,
 * spec: coverage-and-adjudication.md, "A reviewer may override a line with a written reason").
 */
import { recordAudit } from '../../platform/audit/audit.js';
import { emitEvent } from '../../platform/events.js';
import { inTransaction, type ServiceContext } from '../../platform/context.js';
import { NotFoundError, ValidationError, type ErrorDetail } from '../../platform/errors.js';
import type { Locale } from '../../platform/i18n/index.js';
import { newId } from '../../platform/ids.js';
import { cardHolders } from '../members/index.js';
import { agreementOn, providerCatalogue } from '../providers/index.js';
import type { LineDecision, ReasonCode } from './adjudication.rules.js';
import type { ClaimView } from './claims.schemas.js';
import { getClaim } from './claims.service.js';
import { reviewSettings } from './review.js';
import { ClaimNotDecidedError, ClaimPaidError } from './review.errors.js';
import * as repo from './review.repository.js';
import type { LineDecisionBody, ReviewItemView, ReviewPage, ReviewQuery, ReviewSettingsView, ReviewSource, ScanQuery, ScanResult } from './review.schemas.js';

// ---------------------------------------------------------------- the queue

/** Review items (open ones by default), oldest first, with their claim, line and patient. */
export async function reviewQueue(ctx: ServiceContext, schemeId: string, query: ReviewQuery): Promise<ReviewPage> {
  const { total, rows } = await repo.reviewQueue(ctx.db, schemeId, query);
  const catalogue = await providerCatalogue(ctx.db, schemeId);
  const holders = await cardHolders(ctx.db, schemeId, rows.map((r) => r.card));
  const items: ReviewItemView[] = rows.map((r) => {
    const holder = holders.get(r.card);
    return {
      id: r.id,
      claimId: r.claim_id,
      claim: r.number,
      claimStatus: r.claim_status,
      provider: r.provider_code,
      providerName: catalogue.providers.get(r.provider_code)?.name ?? null,
      member: r.card,
      memberName: holder ? `${holder.firstName} ${holder.lastName}` : null,
      from: r.from_date,
      payable: r.payable,
      source: r.source,
      detail: r.detail,
      lineId: r.line_id,
      line: r.seq ?? null,
      service: r.service_code ?? null,
      status: r.status,
      createdAt: r.created_at.toISOString(),
      resolvedBy: r.resolved_by,
      resolvedAt: r.resolved_at?.toISOString() ?? null,
    };
  });
  return { total, items };
}

// ---------------------------------------------------------------- settings

export async function getReviewSettings(ctx: ServiceContext, schemeId: string): Promise<ReviewSettingsView> {
  return reviewSettings(ctx.db, schemeId);
}

/** A number with at most `places` decimals, as an exact decimal string for a numeric column. */
function decimal(value: number, places: number, field: string, details: ErrorDetail[]): string {
  const text = value.toFixed(places);
  if (Number(text) !== value) details.push({ field, message: `must have at most ${places} decimals` });
  return text;
}

/** Sets the scheme's review settings (all three). Errors: ValidationError (decimals). Audited. */
export async function putReviewSettings(ctx: ServiceContext, schemeId: string, input: ReviewSettingsView): Promise<ReviewSettingsView> {
  const details: ErrorDetail[] = [];
  const stored = {
    sampleRate: decimal(input.sampleRate, 4, 'sampleRate', details),
    amountMultiple: decimal(input.amountMultiple, 3, 'amountMultiple', details),
    providerMultiple: decimal(input.providerMultiple, 3, 'providerMultiple', details),
  };
  if (input.sampleRate < 0 || input.sampleRate > 1) details.push({ field: 'sampleRate', message: 'must be between 0 and 1' });
  if (input.amountMultiple <= 0) details.push({ field: 'amountMultiple', message: 'must be more than 0' });
  if (input.providerMultiple <= 0) details.push({ field: 'providerMultiple', message: 'must be more than 0' });
  if (details.length) throw new ValidationError(details);
  return inTransaction(ctx, async (trx) => {
    const before = await reviewSettings(trx, schemeId);
    await repo.writeSettings(trx, schemeId, stored, new Date());
    const after = await reviewSettings(trx, schemeId);
    await recordAudit(trx, ctx.actor, { action: 'claims.review_settings', entityType: 'review_settings', entityId: schemeId, schemeId, before, after });
    return after;
  });
}

// ---------------------------------------------------------------- provider scan

/**
 * A provider is compared only with at least this many decided claims in the period, and with a
 * median of at least MIN_PEERS such providers of its level: below that, one busy week or one
 * chronic patient would decide the comparison.
 */
export const SCAN_MIN_CLAIMS = 10;
export const SCAN_MIN_PEERS = 3;

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Finds providers whose claims per patient, or payable per patient, over the period (by date of
 * care) are above `providerMultiple` times the median of their peers: the other providers of the
 * same level with at least SCAN_MIN_CLAIMS claims in the period (the provider itself needs as
 * many). Each such provider's decided claims of the period get a `provider_outlier` review item
 * (once per claim, whatever the number of scans). Errors: ValidationError (dates). Audited.
 */
export async function scanProviders(ctx: ServiceContext, schemeId: string, query: ScanQuery): Promise<ScanResult> {
  if (query.to < query.from) throw new ValidationError([{ field: 'to', message: `is before from (${query.from})` }]);
  return inTransaction(ctx, async (trx) => {
    const settings = await reviewSettings(trx, schemeId);
    const catalogue = await providerCatalogue(trx, schemeId);
    const byId = new Map([...catalogue.providers.values()].map((p) => [p.id, p]));
    const activity = (await repo.providerActivity(trx, schemeId, query.from, query.to))
      .filter((a) => byId.has(a.providerId))
      .map((a) => ({ ...a, provider: byId.get(a.providerId)!, claimsPerMember: a.claims / a.members, payablePerMember: a.payable / a.members }));
    const scanned = activity.map((a) => {
      const peers = activity.filter((p) => p.providerId !== a.providerId && p.provider.level === a.provider.level && p.claims >= SCAN_MIN_CLAIMS);
      const comparable = a.claims >= SCAN_MIN_CLAIMS && peers.length >= SCAN_MIN_PEERS;
      const peerClaims = comparable ? median(peers.map((p) => p.claimsPerMember)) : null;
      const peerPayable = comparable ? median(peers.map((p) => p.payablePerMember)) : null;
      const above: ('claimsPerMember' | 'payablePerMember')[] = [];
      if (peerClaims !== null && a.claimsPerMember > settings.providerMultiple * peerClaims) above.push('claimsPerMember');
      if (peerPayable !== null && peerPayable > 0 && a.payablePerMember > settings.providerMultiple * peerPayable) above.push('payablePerMember');
      return { a, peers: peers.length, peerClaims, peerPayable, above };
    });
    const outliers = scanned.filter((s) => s.above.length > 0);
    const at = new Date();
    const detail = (s: (typeof scanned)[number]) =>
      `${s.a.provider.code}: ` +
      s.above
        .map((m) =>
          m === 'claimsPerMember'
            ? `${round2(s.a.claimsPerMember)} claims per patient, peers' median ${round2(s.peerClaims!)}`
            : `${Math.round(s.a.payablePerMember)} payable per patient, peers' median ${Math.round(s.peerPayable!)}`,
        )
        .join('; ') +
      ` (${s.a.provider.level}, ${query.from} to ${query.to}, above ${settings.providerMultiple}x)`;
    const created = await repo.queueProviderClaims(trx, schemeId, outliers.map((s) => ({ providerId: s.a.providerId, detail: detail(s) })), query.from, query.to, 'provider_outlier' satisfies ReviewSource, at);
    const result: ScanResult = {
      from: query.from,
      to: query.to,
      providerMultiple: settings.providerMultiple,
      minClaims: SCAN_MIN_CLAIMS,
      minPeers: SCAN_MIN_PEERS,
      providers: scanned
        .map((s) => ({
          provider: s.a.provider.code,
          name: s.a.provider.name,
          level: s.a.provider.level,
          claims: s.a.claims,
          members: s.a.members,
          payable: s.a.payable,
          claimsPerMember: round2(s.a.claimsPerMember),
          payablePerMember: round2(s.a.payablePerMember),
          peers: s.peers,
          peerClaimsPerMember: s.peerClaims === null ? null : round2(s.peerClaims),
          peerPayablePerMember: s.peerPayable === null ? null : round2(s.peerPayable),
          outlier: s.above.length > 0,
          above: s.above,
          itemsCreated: created.get(s.a.providerId) ?? 0,
        }))
        .sort((x, y) => (x.provider < y.provider ? -1 : x.provider > y.provider ? 1 : 0)),
      outliers: outliers.length,
      itemsCreated: [...created.values()].reduce((s, n) => s + n, 0),
    };
    await recordAudit(trx, ctx.actor, {
      action: 'claims.provider_scan',
      entityType: 'review_item',
      entityId: `${query.from}..${query.to}`,
      schemeId,
      after: { from: query.from, to: query.to, outliers: result.providers.filter((p) => p.outlier).map((p) => p.provider), itemsCreated: result.itemsCreated },
    });
    return result;
  });
}

// ---------------------------------------------------------------- a reviewer's decision

/**
 * Confirms or overrides the current decision of a claim line, with a written note. The new
 * decision becomes current and the one before stays in the history; an override sets the payable
 * (0 to allowed; a rejected line may be given an allowed amount, by default the tariff's), the
 * claim's totals are summed again from its current decisions, and the line's review items are
 * closed (the claim's own too when none of its lines' is still open).
 * Errors: NotFoundError (claim, line), ClaimNotDecidedError, ClaimPaidError (override of a claim
 * paid or in a payment batch), ValidationError (amounts, decision). Audited.
 */
export async function decideLine(ctx: ServiceContext, schemeId: string, claimId: string, lineId: string, input: LineDecisionBody, locale: Locale = 'en'): Promise<ClaimView> {
  const note = input.note.trim();
  if (!note) throw new ValidationError([{ field: 'note', message: 'is required: write why' }]);
  await inTransaction(ctx, async (trx) => {
    const claim = await repo.lockClaim(trx, schemeId, claimId);
    if (!claim) throw new NotFoundError('claim', claimId);
    const line = await repo.findLine(trx, schemeId, claimId, lineId);
    if (!line) throw new NotFoundError('claim line', lineId);
    if (claim.status === 'submitted') throw new ClaimNotDecidedError(claim.number);
    const current = await repo.currentDecision(trx, schemeId, lineId);
    if (!current) throw new ClaimNotDecidedError(claim.number);
    const asked = line.quantity * line.unit_price;
    let decision: LineDecision = current.decision;
    let reasons = current.reasons as ReasonCode[];
    let allowed = current.allowed;
    let payable = current.payable;
    if (input.action === 'confirm') {
      const extra = (['decision', 'payable', 'allowed', 'reasons'] as const).filter((k) => input[k] !== undefined);
      if (extra.length) throw new ValidationError(extra.map((field) => ({ field, message: 'is only for an override: a confirmation keeps the decision as it is' })));
    } else {
      if (claim.status === 'paid' || claim.payment_batch_id !== null) throw new ClaimPaidError(claim.number);
      const details: ErrorDetail[] = [];
      if (input.allowed !== undefined && input.allowed !== current.allowed) {
        if (current.decision !== 'rejected') details.push({ field: 'allowed', message: `can only be set when overriding a rejected line; the tariff set it to ${current.allowed}` });
        else if (input.allowed > asked) details.push({ field: 'allowed', message: `must be at most what was asked (${asked})` });
        else allowed = input.allowed;
      } else if (current.decision === 'rejected' && input.decision !== 'rejected' && (input.payable ?? 0) > 0) {
        // A rejected line allowed nothing: by default, what the tariff allows (or what was asked, with no price in the tariff).
        const catalogue = await providerCatalogue(trx, schemeId);
        const provider = catalogue.providers.get(claim.provider_code);
        const price = provider ? agreementOn(catalogue, provider.id, claim.from_date)?.prices.get(line.service_code) : undefined;
        allowed = line.quantity * Math.min(line.unit_price, price ?? line.unit_price);
      }
      if (input.payable !== undefined) payable = input.payable;
      else if (input.decision === 'rejected') payable = 0;
      else if (input.decision === undefined) details.push({ field: 'payable', message: 'is required for an override (or give the decision rejected)' });
      if (payable > allowed) details.push({ field: 'payable', message: `must be at most the allowed amount (${allowed})` });
      if (input.decision === 'rejected' && payable > 0) details.push({ field: 'decision', message: 'a rejected line pays 0' });
      if (input.decision && input.decision !== 'rejected' && payable === 0) details.push({ field: 'decision', message: `a line that pays 0 is rejected, not ${input.decision}` });
      if (details.length) throw new ValidationError(details);
      const wasPaying = current.decision !== 'rejected';
      decision = payable === 0 ? 'rejected' : (input.decision ?? (!wasPaying ? 'approved' : payable < current.payable ? 'reduced' : current.decision));
      // The engine's reasons explain its amounts; when the override turns a refusal into a payment
      // (or the reverse) they no longer do, and the reviewer's note says why.
      reasons = input.reasons ?? (wasPaying === (payable > 0) ? reasons : []);
    }
    const at = new Date();
    const decisionId = newId(at.getTime());
    await repo.replaceDecision(trx, schemeId, current.id, {
      id: decisionId,
      scheme_id: schemeId,
      claim_id: claimId,
      line_id: lineId,
      current: true,
      kind: input.action,
      decision,
      reasons,
      asked: current.asked,
      allowed,
      payable,
      member_share: allowed - payable,
      product_version_id: current.product_version_id,
      benefit_category: current.benefit_category,
      flags: current.flags,
      note,
      decided_by: ctx.actor.label,
      decided_at: at,
    });
    await repo.recomputeClaimTotals(trx, schemeId, claimId, at);
    await emitEvent(trx, ctx.actor, 'claims.payableChanged', {
      schemeId,
      changes: [{ sourceId: decisionId, kind: 'override', claimNumber: claim.number, dateOfCare: claim.from_date, amount: payable - current.payable }],
    });
    const closed = await repo.closeItems(trx, schemeId, claimId, lineId, ctx.actor.label, at);
    const shown = (d: { decision: string; reasons: string[]; allowed: number; payable: number }) => ({ decision: d.decision, reasons: d.reasons, allowed: d.allowed, payable: d.payable });
    await recordAudit(trx, ctx.actor, {
      action: input.action === 'override' ? 'claims.line_overridden' : 'claims.line_confirmed',
      entityType: 'claim',
      entityId: claimId,
      schemeId,
      before: { claim: claim.number, line: line.seq, ...shown(current), claimPayable: claim.payable },
      after: { claim: claim.number, line: line.seq, ...shown({ decision, reasons, allowed, payable }), note, reviewItemsClosed: closed },
    });
  });
  return getClaim(ctx, schemeId, claimId, locale);
}
