import { createHash } from 'node:crypto';
import PDFDocument from 'pdfkit';
import { recordAudit, type Executor } from '../../platform/audit/audit.js';
import { type ServiceContext, inTransaction } from '../../platform/context.js';
import { today } from '../../platform/dates.js';
import { type ErrorDetail, NotFoundError, ValidationError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { type Locale, translate } from '../../platform/i18n/index.js';
import { formatMoney } from '../../platform/money.js';
import { beneficiaryCoverage, getPayment, householdAccount, type PaymentView } from '../coverage/index.js';
import { type Beneficiary, getBeneficiary, getHousehold } from '../members/index.js';
import { getScheme } from '../organizations/index.js';
import { type CardPublicKey, type CardVerification, generateCardKey, publicKeyPem, signCardPayload, verifyCardPayload } from './card-payload.js';
import { type CardFace, renderCardSheet } from './card-sheet.js';
import { NoActiveMemberError, NoPhotoError, PhotoRefusedError } from './documents.errors.js';
import * as repo from './documents.repository.js';
import { type CardKey, type CardKeys, type CardSheetQuery, MAX_CARDS, type PhotoView, type VerifyResult } from './documents.schemas.js';
import type { CardKeyTable } from './documents.table.js';
import { checkPhoto } from './photo-check.js';
import { renderReceipt } from './receipt.js';
import { formatDate, formatDateTime, formatMoneyCode, gsmLength, toGsm } from './text.js';

/** The scheme a document is for, as the HTTP layer resolves it. */
export interface SchemeRef {
  id: string;
  code: string;
  currency: string;
}

/** A file to send: its bytes and a name for Content-Disposition. */
export interface DocumentFile {
  filename: string;
  contentType: string;
  bytes: Buffer;
}

/** Test-only switches: uncompressed PDFs are readable as text. */
export interface RenderOptions {
  compress?: boolean;
}

// ---------------------------------------------------------------- card keys

type KeyRow = Pick<CardKeyTable, 'id' | 'kid' | 'public_key' | 'private_key' | 'active'> & { created_at: Date; retired_at: Date | null };

function toCardKey(row: KeyRow): CardKey {
  return {
    kid: row.kid,
    algorithm: 'Ed25519',
    publicKey: row.public_key,
    publicKeyPem: publicKeyPem(row.public_key),
    active: row.active,
    createdAt: row.created_at.toISOString(),
    retiredAt: row.retired_at ? row.retired_at.toISOString() : null,
  };
}

async function insertNewKey(ctx: ServiceContext, trx: Executor, schemeId: string, action: string, before: unknown): Promise<KeyRow> {
  const kid = (await repo.lastKid(trx, schemeId)) + 1;
  const { publicKey, privateKeyPem } = generateCardKey();
  const row = { id: newId(), scheme_id: schemeId, kid, public_key: publicKey, private_key: privateKeyPem, active: true, created_at: new Date(), retired_at: null };
  await repo.insertKey(trx, row);
  // The private key never goes into the audit log.
  await recordAudit(trx, ctx.actor, { action, entityType: 'card_key', entityId: row.id, schemeId, before, after: { kid, publicKey, active: true } });
  return row;
}

/** The key that signs new cards: made on first use (audited as `card_key.create`). */
async function signingKey(ctx: ServiceContext, schemeId: string): Promise<KeyRow> {
  const existing = await repo.findActiveKey(ctx.db, schemeId);
  if (existing) return existing;
  return inTransaction(ctx, async (trx) => {
    await repo.lockKeys(trx, schemeId);
    return (await repo.findActiveKey(trx, schemeId)) ?? insertNewKey(ctx, trx, schemeId, 'card_key.create', null);
  });
}

/** Every public key of the scheme, newest first (empty before the first card is printed). */
export async function listCardKeys(ctx: ServiceContext, scheme: Pick<SchemeRef, 'id' | 'code'>): Promise<CardKeys> {
  return { scheme: scheme.code, format: 'MUTUA1', keys: (await repo.listKeys(ctx.db, scheme.id)).map(toCardKey) };
}

/**
 * Makes a new signing key for the scheme; the previous one is retired but kept, so the cards it
 * signed still verify. Cards printed from now on carry the new key's number. Audited
 * (`card_key.rotate`, without private keys).
 */
export async function rotateCardKey(ctx: ServiceContext, schemeId: string): Promise<CardKey> {
  return inTransaction(ctx, async (trx) => {
    await repo.lockKeys(trx, schemeId);
    const previous = await repo.findActiveKey(trx, schemeId);
    if (previous) await repo.retireActiveKey(trx, schemeId, new Date());
    const row = await insertNewKey(ctx, trx, schemeId, 'card_key.rotate', previous ? { kid: previous.kid, publicKey: previous.public_key, active: true } : null);
    return toCardKey(row);
  });
}

/** The public keys of a scheme in the form `verifyCardPayload` takes. */
export async function cardPublicKeys(ctx: ServiceContext, scheme: Pick<SchemeRef, 'id' | 'code'>): Promise<CardPublicKey[]> {
  return (await repo.listKeys(ctx.db, scheme.id)).map((k) => ({ scheme: scheme.code, kid: k.kid, publicKey: k.public_key }));
}

/** The signed QR payload of a card, with the scheme's active key (made on first use). */
export async function cardPayload(ctx: ServiceContext, scheme: Pick<SchemeRef, 'id' | 'code'>, card: string): Promise<string> {
  const key = await signingKey(ctx, scheme.id);
  return signCardPayload(key.private_key, scheme.code, card, key.kid);
}

/** Checks a card's QR payload as a device would, with the scheme's keys; a payload of another scheme fails. */
export async function verifyCard(ctx: ServiceContext, scheme: Pick<SchemeRef, 'id' | 'code'>, payload: string, locale: Locale): Promise<VerifyResult> {
  const result: CardVerification = verifyCardPayload(payload, await cardPublicKeys(ctx, scheme), scheme.code);
  return { ...result, message: translate(locale, `documents.verify.${result.valid ? 'valid' : result.reason}`) };
}

// ---------------------------------------------------------------- photos

function toPhotoView(card: string, row: { content_type: PhotoView['contentType']; size: number; width: number; height: number; sha256: string; updated_at: Date }): PhotoView {
  return { card, contentType: row.content_type, size: row.size, width: row.width, height: row.height, sha256: row.sha256, updatedAt: row.updated_at.toISOString() };
}

/** Whether the PDF library can open the image too (it is stricter on some JPEG headers). */
function pdfCanOpen(bytes: Buffer): boolean {
  try {
    const doc = new PDFDocument({ autoFirstPage: false }) as unknown as { openImage(src: Buffer): { width: number; height: number } };
    const image = doc.openImage(bytes);
    return image.width > 0 && image.height > 0;
  } catch {
    return false;
  }
}

/**
 * Stores (or replaces) a beneficiary's photo, JPEG or PNG, at most 2 MB. Errors: NotFoundError
 * (card), PhotoRefusedError (400 naming `photo`). Audited (`beneficiary_photo.put`) with size,
 * dimensions and SHA-256, never the bytes.
 */
export async function putPhoto(ctx: ServiceContext, schemeId: string, card: string, bytes: Buffer | undefined, locale: Locale): Promise<PhotoView> {
  const beneficiary = await getBeneficiary(ctx, schemeId, card);
  const checked = checkPhoto(bytes);
  if ('problem' in checked) throw new PhotoRefusedError(checked.problem, locale);
  if (!pdfCanOpen(bytes!)) throw new PhotoRefusedError('unreadable', locale);
  const now = new Date();
  const row = {
    scheme_id: schemeId,
    beneficiary_id: beneficiary.id,
    content_type: checked.contentType,
    bytes: bytes!,
    size: bytes!.length,
    width: checked.width,
    height: checked.height,
    sha256: createHash('sha256').update(bytes!).digest('hex'),
    created_at: now,
    updated_at: now,
  };
  return inTransaction(ctx, async (trx) => {
    const before = await repo.findPhotoMeta(trx, schemeId, beneficiary.id);
    await repo.upsertPhoto(trx, row);
    const view = toPhotoView(beneficiary.card, row);
    const meta = (v: { contentType: string; size: number; width: number; height: number; sha256: string }) => ({ card: beneficiary.card, contentType: v.contentType, size: v.size, width: v.width, height: v.height, sha256: v.sha256 });
    await recordAudit(trx, ctx.actor, {
      action: 'beneficiary_photo.put',
      entityType: 'beneficiary',
      entityId: beneficiary.id,
      schemeId,
      before: before ? meta(toPhotoView(beneficiary.card, before)) : null,
      after: meta(view),
    });
    return view;
  });
}

/** A beneficiary's photo. Errors: NotFoundError (card, or no photo). */
export async function getPhoto(ctx: ServiceContext, schemeId: string, card: string): Promise<DocumentFile> {
  const beneficiary = await getBeneficiary(ctx, schemeId, card);
  const row = await repo.findPhoto(ctx.db, schemeId, beneficiary.id);
  if (!row) throw new NoPhotoError(card);
  return { filename: `${beneficiary.card}.${row.content_type === 'image/png' ? 'png' : 'jpg'}`, contentType: row.content_type, bytes: row.bytes };
}

/** Removes a beneficiary's photo. Errors: NotFoundError (card, or no photo). Audited. */
export async function deletePhoto(ctx: ServiceContext, schemeId: string, card: string): Promise<void> {
  const beneficiary = await getBeneficiary(ctx, schemeId, card);
  await inTransaction(ctx, async (trx) => {
    const before = await repo.findPhotoMeta(trx, schemeId, beneficiary.id);
    if (!before) throw new NoPhotoError(card);
    await repo.deletePhoto(trx, schemeId, beneficiary.id);
    const { card: _card, updatedAt: _at, ...meta } = toPhotoView(beneficiary.card, before);
    await recordAudit(trx, ctx.actor, { action: 'beneficiary_photo.delete', entityType: 'beneficiary', entityId: beneficiary.id, schemeId, before: { card: beneficiary.card, ...meta }, after: null });
  });
}

// ---------------------------------------------------------------- membership cards

const COVERED = new Set(['active', 'waiting']);

async function cardFaces(ctx: ServiceContext, scheme: SchemeRef, members: Beneficiary[], locale: Locale): Promise<CardFace[]> {
  const t = (key: string, params: Record<string, unknown> = {}) => translate(locale, key, params);
  const key = await signingKey(ctx, scheme.id);
  const photos = await repo.findPhotos(ctx.db, scheme.id, members.map((m) => m.id));
  const on = today();
  const faces: CardFace[] = [];
  for (const m of members) {
    // The period on the day of printing, when the member is covered (or in a waiting period) by it.
    const { status, view } = await beneficiaryCoverage(ctx, scheme.id, m.card, on, locale);
    const period = COVERED.has(status.status) ? view.period : null;
    faces.push({
      name: `${m.firstName} ${m.lastName.toUpperCase()}`,
      card: m.card,
      household: m.household,
      sex: t(`documents.card.sexes.${m.sex}`),
      birth: m.birthDate ? formatDate(m.birthDate, locale) : t('documents.card.bornAbout', { year: m.birthYear }),
      validity: period ? t('documents.card.validPeriod', { from: formatDate(period.start, locale), to: formatDate(period.end, locale) }) : null,
      payload: signCardPayload(key.private_key, scheme.code, m.card, key.kid),
      photo: photos.get(m.id) ?? null,
    });
  }
  return faces;
}

async function renderCards(ctx: ServiceContext, scheme: SchemeRef, members: Beneficiary[], locale: Locale, filename: string, options: RenderOptions): Promise<DocumentFile> {
  const t = (key: string, params: Record<string, unknown> = {}) => translate(locale, key, params);
  const { name } = await getScheme(ctx, scheme.code);
  const faces = await cardFaces(ctx, scheme, members, locale);
  const labels = {
    scheme: name,
    title: t('documents.card.title'),
    card: t('documents.card.card'),
    household: t('documents.card.household'),
    sex: t('documents.card.sex'),
    born: t('documents.card.born'),
    valid: t('documents.card.valid'),
    photo: t('documents.card.photo'),
    footer: t('documents.card.footer'),
    page: (page: number, pages: number) => t('documents.card.page', { page, pages }),
  };
  const bytes = await renderCardSheet(faces, labels, { lang: locale, title: t('documents.card.sheetTitle', { scheme: name }), compress: options.compress });
  return { filename, contentType: 'application/pdf', bytes };
}

/** Cards of a household's active members, on A4 sheets. Errors: NotFoundError, NoActiveMemberError. */
export async function householdCards(ctx: ServiceContext, scheme: SchemeRef, number: string, locale: Locale, options: RenderOptions = {}): Promise<DocumentFile> {
  const household = await getHousehold(ctx, scheme.id, number);
  const members = household.members.filter((m) => m.status === 'active');
  if (members.length === 0) throw new NoActiveMemberError(household.number, locale);
  return renderCards(ctx, scheme, members, locale, `cards-${safeName(household.number)}.pdf`, options);
}

/**
 * Sheets of cards for several households (their active members) and single cards, in the order
 * asked, each member once. Errors: ValidationError naming every unknown household or card and
 * every inactive card, or asking for nothing or too much; NoActiveMemberError.
 */
export async function cardSheet(ctx: ServiceContext, scheme: SchemeRef, query: CardSheetQuery, locale: Locale, options: RenderOptions = {}): Promise<DocumentFile> {
  const t = (key: string, params: Record<string, unknown> = {}) => translate(locale, key, params);
  const households = query.household ?? [];
  const cards = query.card ?? [];
  const invalid = (details: ErrorDetail[]) => new ValidationError(details, t('errors.validation_failed'));
  if (households.length === 0 && cards.length === 0) throw invalid([{ field: 'querystring.household', message: t('documents.cards.household_or_card') }]);
  const chosen = new Map<string, Beneficiary>();
  const details: ErrorDetail[] = [];
  for (const [i, number] of households.entries()) {
    const household = await orUndefined(getHousehold(ctx, scheme.id, number));
    if (!household) details.push({ field: `querystring.household[${i}]`, message: t('documents.cards.unknown_household', { number }) });
    else for (const m of household.members) if (m.status === 'active') chosen.set(m.id, m);
  }
  for (const [i, card] of cards.entries()) {
    const beneficiary = await orUndefined(getBeneficiary(ctx, scheme.id, card));
    if (!beneficiary) details.push({ field: `querystring.card[${i}]`, message: t('documents.cards.unknown_card', { card }) });
    else if (beneficiary.status !== 'active') details.push({ field: `querystring.card[${i}]`, message: t('documents.cards.inactive_card', { card: beneficiary.card }) });
    else chosen.set(beneficiary.id, beneficiary);
  }
  if (details.length) throw invalid(details);
  if (chosen.size > MAX_CARDS) throw invalid([{ field: households.length ? 'querystring.household' : 'querystring.card', message: t('documents.cards.too_many', { max: MAX_CARDS }) }]);
  if (chosen.size === 0) throw new NoActiveMemberError(households.join(', '), locale);
  const first = households[0] ?? cards[0]!;
  const filename = `cards-${safeName(first)}${households.length + cards.length > 1 ? '-etc' : ''}.pdf`;
  return renderCards(ctx, scheme, [...chosen.values()], locale, filename, options);
}

async function orUndefined<T>(promise: Promise<T>): Promise<T | undefined> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}

function safeName(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]/g, '_');
}

// ---------------------------------------------------------------- receipts

interface ReceiptFacts {
  scheme: { code: string; name: string; currency: string };
  payment: PaymentView;
  /** The receipt number people know the payment by: its own, the reversed payment's, or a short id. */
  reference: string;
  reversal: boolean;
  head: string | null;
  balance: number;
  credit: number;
}

async function receiptFacts(ctx: ServiceContext, scheme: SchemeRef, paymentId: string): Promise<ReceiptFacts> {
  const payment = await getPayment(ctx, scheme.id, paymentId);
  const account = await householdAccount(ctx, scheme.id, payment.household);
  const household = await getHousehold(ctx, scheme.id, payment.household);
  const head = household.members.find((m) => m.relationship === 'head' && m.status === 'active');
  const original = payment.reversalOf ? account.payments.find((p) => p.id === payment.reversalOf) : undefined;
  const { name } = await getScheme(ctx, scheme.code);
  return {
    scheme: { code: scheme.code, name, currency: scheme.currency },
    payment,
    reference: payment.receipt ?? original?.receipt ?? payment.id.slice(-8).toUpperCase(),
    reversal: payment.reversalOf !== null,
    head: head ? `${head.firstName} ${head.lastName.toUpperCase()}` : null,
    balance: account.balance,
    credit: account.credit,
  };
}

/** A payment's receipt as a PDF for an 80 mm printer. Errors: NotFoundError (payment). */
export async function paymentReceipt(ctx: ServiceContext, scheme: SchemeRef, paymentId: string, locale: Locale, options: RenderOptions = {}): Promise<DocumentFile> {
  const facts = await receiptFacts(ctx, scheme, paymentId);
  const { payment } = facts;
  const t = (key: string, params: Record<string, unknown> = {}) => translate(locale, key, params);
  const money = (amount: number) => formatMoney(amount, facts.scheme.currency, locale);
  const rows: [string, string][] = [
    [t('documents.receipt.date'), formatDate(payment.date, locale)],
    [t('documents.receipt.household'), payment.household],
    ...(facts.head ? [[t('documents.receipt.head'), facts.head] as [string, string]] : []),
    [t('documents.receipt.method'), t(`documents.receipt.methods.${payment.method}`)],
    [t('documents.receipt.payer'), t(`documents.receipt.payers.${payment.payer}`, { code: payment.group ?? payment.subsidizer ?? '' })],
    ...(payment.collector ? [[t('documents.receipt.collector'), payment.collector] as [string, string]] : []),
    ...(facts.reversal ? [[t('documents.receipt.cancels'), facts.reference] as [string, string]] : []),
    ...(facts.reversal && payment.reason ? [[t('documents.receipt.reason'), payment.reason] as [string, string]] : []),
  ];
  const bytes = await renderReceipt(
    {
      scheme: facts.scheme.name,
      title: t(facts.reversal ? 'documents.receipt.reversalTitle' : 'documents.receipt.title'),
      number: facts.reversal ? null : t('documents.receipt.number', { receipt: facts.reference }),
      amount: money(payment.amount),
      rows,
      account: [
        [t('documents.receipt.balance', { date: formatDate(today(), locale) }), money(facts.balance)],
        ...(facts.credit > 0 ? [[t('documents.receipt.credit'), money(facts.credit)] as [string, string]] : []),
      ],
      notice: payment.reversedBy ? t('documents.receipt.reversed') : null,
      footer: [t('documents.receipt.recorded', { who: payment.recordedBy, at: formatDateTime(new Date(payment.recordedAt), locale) }), t('documents.receipt.thanks')],
    },
    { lang: locale, title: `${t('documents.receipt.fileName')} ${facts.reference}`, compress: options.compress },
  );
  return { filename: `${t('documents.receipt.fileName')}-${safeName(facts.reference)}.pdf`, contentType: 'application/pdf', bytes };
}

const SMS_LENGTH = 160;

/**
 * A payment's receipt as one SMS: GSM 7-bit characters only, at most 160 when the scheme code and
 * numbers allow (the thanks are dropped first). Errors: NotFoundError (payment).
 */
export async function paymentReceiptText(ctx: ServiceContext, scheme: SchemeRef, paymentId: string, locale: Locale): Promise<string> {
  const facts = await receiptFacts(ctx, scheme, paymentId);
  const { payment } = facts;
  const params = {
    scheme: facts.scheme.code,
    receipt: facts.reference,
    amount: formatMoneyCode(Math.abs(payment.amount), facts.scheme.currency, locale),
    date: formatDate(payment.date, locale),
    household: payment.household,
  };
  const text = toGsm(translate(locale, facts.reversal ? 'documents.receipt.smsReversal' : 'documents.receipt.sms', params));
  const withThanks = `${text} ${toGsm(translate(locale, 'documents.receipt.smsThanks'))}`;
  return (gsmLength(withThanks) ?? Infinity) <= SMS_LENGTH ? withThanks : text;
}
