/**
 * Guarantee letters (prior authorizations): a provider clerk or the scheme's staff asks for one, a
 * reviewer approves or refuses it with a reason, a claim that needs one uses it once (the engine
 * sets `used_by_claim_id`). A letter past its validity shows as `expired`; that is never stored.
 */
import { recordAudit, type Executor } from '../../platform/audit/audit.js';
import { inTransaction, type ServiceContext } from '../../platform/context.js';
import { today } from '../../platform/dates.js';
import { NotFoundError, ValidationError, type ErrorDetail } from '../../platform/errors.js';
import { translate, type Locale } from '../../platform/i18n/index.js';
import { newId } from '../../platform/ids.js';
import { cardHolders, cardsOfBeneficiaries } from '../members/index.js';
import { getScheme } from '../organizations/index.js';
import { benefitCategories, type BenefitCategory } from '../products/index.js';
import { providerCatalogue, type ProviderCatalogue } from '../providers/index.js';
import { ProviderNotYoursError } from './claims.errors.js';
import { formatDate, formatDateTime, renderDocument, safeFileName, type PrintedFile } from './claims.print.js';
import { LetterNotCancellableError, LetterNotPendingError, LetterNumberTakenError } from './letters.errors.js';
import * as repo from './letters.repository.js';
import type { ApproveLetter, CancelLetter, IssuedLetter, LetterPage, LetterQuery, LetterStatus, LetterView, RefuseLetter, RequestLetter } from './letters.schemas.js';
import { lockNumbering, nextNumber } from './numbers.js';

/** The status people see: requested or approved letters not used and past their validity are expired. */
export function letterStatus(row: Pick<repo.LetterRow, 'status' | 'valid_to' | 'used_by_claim_id'>, on: string = today()): LetterStatus {
  if ((row.status === 'requested' || row.status === 'approved') && row.used_by_claim_id === null && row.valid_to < on) return 'expired';
  return row.status;
}

/** Codes of the providers a clerk acts for (undefined: any provider). */
function providerCodes(catalogue: ProviderCatalogue, providers: Set<string> | undefined): string[] | undefined {
  if (!providers) return undefined;
  return [...catalogue.providers.values()].filter((p) => providers.has(p.id)).map((p) => p.code);
}

async function letterViews(db: Executor, schemeId: string, rows: repo.LetterRow[], catalogue?: ProviderCatalogue): Promise<LetterView[]> {
  if (rows.length === 0) return [];
  const providers = catalogue ?? (await providerCatalogue(db, schemeId));
  const cards = await cardsOfBeneficiaries(db, schemeId, rows.map((r) => r.beneficiary_id));
  const holders = await cardHolders(db, schemeId, [...cards.values()]);
  const claims = await repo.claimNumbers(db, schemeId, rows.flatMap((r) => (r.used_by_claim_id ? [r.used_by_claim_id] : [])));
  const on = today();
  return rows.map((r) => {
    const card = cards.get(r.beneficiary_id) ?? '';
    const holder = holders.get(card);
    return {
      id: r.id,
      number: r.number,
      member: card,
      memberName: holder ? `${holder.firstName} ${holder.lastName}` : null,
      household: holder?.household ?? null,
      category: r.category as BenefitCategory,
      provider: r.provider_code,
      providerName: r.provider_code ? (providers.providers.get(r.provider_code)?.name ?? null) : null,
      validFrom: r.valid_from,
      validTo: r.valid_to,
      status: letterStatus(r, on),
      note: r.note,
      decisionReason: r.decision_reason,
      requestedBy: r.requested_by,
      requestedAt: r.created_at.toISOString(),
      decidedBy: r.decided_by,
      decidedAt: r.decided_at?.toISOString() ?? null,
      usedBy: r.used_by_claim_id ? (claims.get(r.used_by_claim_id) ?? null) : null,
      usedByClaimId: r.used_by_claim_id,
    };
  });
}

async function viewOf(db: Executor, schemeId: string, row: repo.LetterRow): Promise<LetterView> {
  return (await letterViews(db, schemeId, [row]))[0]!;
}

/** The letter, if the caller may see it: a clerk sees letters naming their provider or naming none. */
async function visibleLetter(db: Executor, schemeId: string, number: string, providers: Set<string> | undefined, lock = false): Promise<repo.LetterRow> {
  const row = lock ? await repo.lockLetterByNumber(db, schemeId, number) : await repo.findLetterByNumber(db, schemeId, number);
  if (row && providers) {
    const codes = providerCodes(await providerCatalogue(db, schemeId), providers)!;
    if (row.provider_code !== null && !codes.includes(row.provider_code)) throw new NotFoundError('guarantee letter', number);
  }
  if (!row) throw new NotFoundError('guarantee letter', number);
  return row;
}

async function beneficiaryOf(db: Executor, schemeId: string, card: string): Promise<string | undefined> {
  const holders = await cardHolders(db, schemeId, [card]);
  return holders.get(card.trim().toUpperCase())?.id;
}

function checkDates(validFrom: string, validTo: string, details: ErrorDetail[]): void {
  if (validTo < validFrom) details.push({ field: 'validTo', message: `is before validFrom (${validFrom})` });
}

/**
 * Asks for a guarantee letter. A provider clerk asks for their own provider (the default when they
 * have one); scheme staff may name any provider of the scheme, or none (any provider). The number
 * is the scheme's next GL-000001 unless given. Errors: ValidationError (member, provider, dates),
 * ProviderNotYoursError, LetterNumberTakenError. Audited.
 */
export async function requestLetter(ctx: ServiceContext, schemeId: string, input: RequestLetter, providers?: Set<string>): Promise<LetterView> {
  return inTransaction(ctx, async (trx) => {
    const catalogue = await providerCatalogue(trx, schemeId);
    const details: ErrorDetail[] = [];
    let provider = input.provider ?? null;
    if (providers) {
      const own = providerCodes(catalogue, providers)!;
      if (provider === null && own.length === 1) provider = own[0]!;
      else if (provider === null) details.push({ field: 'provider', message: 'is required: name the provider the letter is for' });
      else if (!own.includes(provider)) throw new ProviderNotYoursError(provider);
    }
    if (provider !== null && !catalogue.providers.has(provider)) details.push({ field: 'provider', message: `there is no provider ${provider} in this scheme` });
    const beneficiaryId = await beneficiaryOf(trx, schemeId, input.member);
    if (!beneficiaryId) details.push({ field: 'member', message: `there is no card ${input.member} in this scheme` });
    checkDates(input.validFrom, input.validTo, details);
    if (details.length) throw new ValidationError(details);
    await lockNumbering(trx, schemeId, 'guarantee_letter');
    const number = input.number ?? (await nextNumber(trx, schemeId, 'guarantee_letter', 'GL'));
    if (await repo.findLetterByNumber(trx, schemeId, number)) throw new LetterNumberTakenError(number);
    const now = new Date();
    const id = newId(now.getTime());
    await repo.insertLetter(trx, {
      id,
      scheme_id: schemeId,
      number,
      beneficiary_id: beneficiaryId!,
      provider_code: provider,
      category: input.category,
      valid_from: input.validFrom,
      valid_to: input.validTo,
      status: 'requested',
      note: input.note ?? null,
      decision_reason: null,
      requested_by: ctx.actor.label,
      decided_by: null,
      decided_at: null,
      used_by_claim_id: null,
      created_at: now,
      updated_at: now,
    });
    const view = await viewOf(trx, schemeId, (await repo.findLetterByNumber(trx, schemeId, number))!);
    await recordAudit(trx, ctx.actor, { action: 'claims.letter_requested', entityType: 'guarantee_letter', entityId: id, schemeId, after: view });
    return view;
  });
}

async function decide(ctx: ServiceContext, schemeId: string, number: string, status: 'approved' | 'refused', reason: string | null): Promise<LetterView> {
  return inTransaction(ctx, async (trx) => {
    const row = await repo.lockLetterByNumber(trx, schemeId, number);
    if (!row) throw new NotFoundError('guarantee letter', number);
    if (row.status !== 'requested') throw new LetterNotPendingError(number, row.status);
    const before = await viewOf(trx, schemeId, row);
    const now = new Date();
    await repo.updateLetter(trx, schemeId, row.id, { status, decision_reason: reason, decided_by: ctx.actor.label, decided_at: now, updated_at: now });
    const after = await viewOf(trx, schemeId, (await repo.findLetterByNumber(trx, schemeId, number))!);
    await recordAudit(trx, ctx.actor, { action: status === 'approved' ? 'claims.letter_approved' : 'claims.letter_refused', entityType: 'guarantee_letter', entityId: row.id, schemeId, before, after });
    return after;
  });
}

/**
 * Approves a requested letter (a letter past its validity may still be approved: care given in an
 * emergency is authorized afterwards). Errors: NotFoundError, LetterNotPendingError. Audited.
 */
export function approveLetter(ctx: ServiceContext, schemeId: string, number: string, input: ApproveLetter): Promise<LetterView> {
  return decide(ctx, schemeId, number, 'approved', input.reason?.trim() || null);
}

/** Refuses a requested letter, with the reason written on it. Errors: NotFoundError, LetterNotPendingError, ValidationError. Audited. */
export async function refuseLetter(ctx: ServiceContext, schemeId: string, number: string, input: RefuseLetter): Promise<LetterView> {
  const reason = input.reason.trim();
  if (!reason) throw new ValidationError([{ field: 'reason', message: 'is required: write why the letter is refused' }]);
  return decide(ctx, schemeId, number, 'refused', reason);
}

/**
 * Cancels a letter that is requested or approved and not used (a clerk: only their provider's).
 * Errors: NotFoundError, LetterNotCancellableError. Audited.
 */
export async function cancelLetter(ctx: ServiceContext, schemeId: string, number: string, input: CancelLetter, providers?: Set<string>): Promise<LetterView> {
  return inTransaction(ctx, async (trx) => {
    const row = await visibleLetter(trx, schemeId, number, providers, true);
    // A letter for any provider is the scheme's to cancel, not one provider's.
    if (providers && row.provider_code === null) throw new ProviderNotYoursError('(any provider)');
    if (row.used_by_claim_id !== null) throw new LetterNotCancellableError(number, 'a claim used it');
    if (row.status !== 'requested' && row.status !== 'approved') throw new LetterNotCancellableError(number, `it is ${row.status}`);
    const before = await viewOf(trx, schemeId, row);
    const now = new Date();
    await repo.updateLetter(trx, schemeId, row.id, {
      status: 'cancelled',
      decision_reason: input.reason?.trim() || row.decision_reason,
      decided_by: ctx.actor.label,
      decided_at: now,
      updated_at: now,
    });
    const after = await viewOf(trx, schemeId, (await repo.findLetterByNumber(trx, schemeId, number))!);
    await recordAudit(trx, ctx.actor, { action: 'claims.letter_cancelled', entityType: 'guarantee_letter', entityId: row.id, schemeId, before, after });
    return after;
  });
}

/** One letter. Errors: NotFoundError (also for a letter of another provider, to a clerk). */
export async function getLetter(ctx: ServiceContext, schemeId: string, number: string, providers?: Set<string>): Promise<LetterView> {
  return viewOf(ctx.db, schemeId, await visibleLetter(ctx.db, schemeId, number, providers));
}

/**
 * Letters, latest validity first, filtered by status (`expired` included), member, provider and a
 * date they are valid on. A provider clerk sees their providers' letters, and letters naming no
 * provider only when they ask for a member's.
 */
export async function listLetters(ctx: ServiceContext, schemeId: string, query: LetterQuery, providers?: Set<string>): Promise<LetterPage> {
  const catalogue = await providerCatalogue(ctx.db, schemeId);
  let beneficiaryId: string | undefined;
  if (query.member) {
    beneficiaryId = await beneficiaryOf(ctx.db, schemeId, query.member);
    if (!beneficiaryId) return { total: 0, items: [] };
  }
  const { total, rows } = await repo.listLetters(ctx.db, schemeId, {
    status: query.status,
    beneficiaryId,
    provider: query.provider,
    validOn: query.validOn,
    providerCodes: providerCodes(catalogue, providers),
    today: today(),
    limit: query.limit ?? 100,
    offset: query.offset ?? 0,
  });
  return { total, items: await letterViews(ctx.db, schemeId, rows, catalogue) };
}

/**
 * A letter from a scheme file (spec: scheme-file.md, `guaranteeLetters[]`): it is approved. A
 * letter of that number already there and identical is left as it is (`created: false`); one that
 * differs is a ValidationError naming the field. The provider may be one not registered yet.
 */
export async function issueApprovedLetter(ctx: ServiceContext, schemeId: string, input: IssuedLetter): Promise<{ created: boolean; letter: LetterView }> {
  return inTransaction(ctx, async (trx) => {
    const details: ErrorDetail[] = [];
    if (!(benefitCategories as readonly string[]).includes(input.category)) details.push({ field: 'category', message: `not a benefit category: "${input.category}"` });
    checkDates(input.validFrom, input.validTo, details);
    const beneficiaryId = await beneficiaryOf(trx, schemeId, input.member);
    if (!beneficiaryId) details.push({ field: 'member', message: `there is no card ${input.member} in this scheme` });
    if (details.length) throw new ValidationError(details);
    await lockNumbering(trx, schemeId, 'guarantee_letter');
    const existing = await repo.findLetterByNumber(trx, schemeId, input.number);
    if (existing) {
      const view = await viewOf(trx, schemeId, existing);
      const differs: [string, string, string][] = [
        ['member', view.member, input.member.trim().toUpperCase()],
        ['provider', existing.provider_code ?? '(any)', input.provider ?? '(any)'],
        ['category', existing.category, input.category],
        ['validFrom', existing.valid_from, input.validFrom],
        ['validTo', existing.valid_to, input.validTo],
      ];
      const field = differs.find(([, loaded, given]) => loaded !== given);
      if (field) throw new ValidationError([{ field: field[0], message: `letter ${input.number} is loaded with ${field[0]} ${field[1]}, not ${field[2]}` }]);
      if (existing.status !== 'approved') throw new ValidationError([{ field: 'number', message: `letter ${input.number} is loaded as ${existing.status}, not approved` }]);
      return { created: false, letter: view };
    }
    const now = new Date();
    const id = newId(now.getTime());
    await repo.insertLetter(trx, {
      id,
      scheme_id: schemeId,
      number: input.number,
      beneficiary_id: beneficiaryId!,
      provider_code: input.provider,
      category: input.category,
      valid_from: input.validFrom,
      valid_to: input.validTo,
      status: 'approved',
      note: null,
      decision_reason: null,
      requested_by: ctx.actor.label,
      decided_by: ctx.actor.label,
      decided_at: now,
      used_by_claim_id: null,
      created_at: now,
      updated_at: now,
    });
    const letter = await viewOf(trx, schemeId, (await repo.findLetterByNumber(trx, schemeId, input.number))!);
    await recordAudit(trx, ctx.actor, { action: 'claims.letter_issued', entityType: 'guarantee_letter', entityId: id, schemeId, after: letter });
    return { created: true, letter };
  });
}

/**
 * The letter as a printed A4 page in the reader's language: number, member, category, provider,
 * validity and the decision. Errors: NotFoundError.
 */
export async function letterPdf(ctx: ServiceContext, scheme: { id: string; code: string }, number: string, locale: Locale, providers?: Set<string>, options: { compress?: boolean } = {}): Promise<PrintedFile> {
  const letter = await getLetter(ctx, scheme.id, number, providers);
  const { name } = await getScheme(ctx, scheme.code);
  const t = (key: string, params: Record<string, unknown> = {}) => translate(locale, `claims.letters.${key}`, params);
  const member = letter.memberName ? `${letter.memberName} (${letter.member})` : letter.member;
  const provider = letter.provider ? (letter.providerName ? `${letter.providerName} (${letter.provider})` : letter.provider) : t('anyProvider');
  const rows: [string, string][] = [
    [t('member'), member],
    ...(letter.household ? [[t('household'), letter.household] as [string, string]] : []),
    [t('category'), translate(locale, `claims.categories.${letter.category}`)],
    [t('provider'), provider],
    [t('validity'), t('validityPeriod', { from: formatDate(letter.validFrom, locale), to: formatDate(letter.validTo, locale) })],
    [t('status'), t(`statuses.${letter.status}`)],
    [t('requested'), t('byAt', { who: letter.requestedBy, at: formatDateTime(new Date(letter.requestedAt), locale) })],
    ...(letter.decidedBy && letter.decidedAt ? [[t('decided'), t('byAt', { who: letter.decidedBy, at: formatDateTime(new Date(letter.decidedAt), locale) })] as [string, string]] : []),
    ...(letter.decisionReason ? [[t('reason'), letter.decisionReason] as [string, string]] : []),
    ...(letter.usedBy ? [[t('usedBy'), letter.usedBy] as [string, string]] : []),
  ];
  const bytes = await renderDocument(
    {
      scheme: name,
      title: t('title'),
      subtitle: t('number', { number: letter.number }),
      stamp: t(`statuses.${letter.status}`).toUpperCase(),
      sections: [
        { kind: 'fields', rows },
        { kind: 'paragraph', text: t(`meaning.${letter.status}`), bold: letter.status === 'approved' },
      ],
      footer: [t('printed', { at: formatDateTime(new Date(), locale) })],
      pageLabel: (page, pages) => translate(locale, 'claims.print.page', { page, pages }),
    },
    { lang: locale, title: `${t('title')} ${letter.number}`, compress: options.compress },
  );
  return { filename: `${safeFileName(t('fileName'))}-${safeFileName(letter.number)}.pdf`, contentType: 'application/pdf', bytes };
}
