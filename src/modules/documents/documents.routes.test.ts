import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, json, userWithToken } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import type { ServiceContext } from '../../platform/context.js';
import { addDays, addMonths, today } from '../../platform/dates.js';
import type { App } from '../../platform/http/types.js';
import { enrolHousehold, recordPayment, reversePayment } from '../coverage/index.js';
import { registerHousehold } from '../members/index.js';
import { createProduct, type VersionDefinition } from '../products/index.js';
import { type CardPublicKey, verifyCardPayload } from './card-payload.js';
import { cardPayload } from './documents.service.js';
import { qrModules } from './qr.js';
import { gsmLength } from './text.js';
import { MAX_PHOTO_BYTES } from './photo-check.js';
import { PORTRAIT_JPEG, makePng, newScheme, pdfPageCount, pdfQrCodes, pdfTexts } from './testing.js';

let tdb: TestDatabase;
let app: App;
let a: { ctx: ServiceContext; schemeId: string; code: string };
let b: { ctx: ServiceContext; schemeId: string; code: string };
let manager: Awaited<ReturnType<typeof userWithToken>>;
let agent: Awaited<ReturnType<typeof userWithToken>>;
let clerkB: Awaited<ReturnType<typeof userWithToken>>;
let paymentA: string;
let paymentB: string;

const VERSION: VersionDefinition = {
  effectiveFrom: '2025-01-01',
  coverageMonths: 12,
  contribution: { basis: 'per_person', adult: 3600, child: 1800, childMaxAge: 17 },
  joiningFee: 1000,
  cardFee: 0,
  instalments: 1,
  activation: 'full_payment',
  gracePeriodDays: 30,
  waitingPeriodDays: 90,
  claimDeadlineDays: 90,
  benefits: [{ category: 'consultation', coverageRate: 0.75, maxUsesPerPeriod: 6 }],
  exclusions: [],
} as VersionDefinition;

// A period that covers today, started a month ago.
const START = addMonths(today(), -1);
const [Y, M, D] = START.split('-');
const START_FR = `${D}/${M}/${Y}`;
const END_FR = addDays(addMonths(START, 12), -1).split('-').reverse().join('/');

async function household(ctx: ServiceContext, schemeId: string, number: string, extra: { firstName: string; lastName: string }[] = []) {
  const { household: h } = await registerHousehold(ctx, schemeId, {
    number,
    category: 'regular',
    members: [
      { card: `${number}-01`, firstName: 'Awa', lastName: 'Ndiaye', sex: 'F', birthDate: '1986-04-12', relationship: 'head', joinedOn: START },
      { card: `${number}-02`, firstName: 'Modou', lastName: 'Sarr', sex: 'M', birthYear: 2019, relationship: 'child', joinedOn: START },
      ...extra.map((p, i) => ({ card: `${number}-${String(i + 3).padStart(2, '0')}`, ...p, sex: 'F' as const, birthYear: 1990, relationship: 'other' as const, joinedOn: START })),
    ],
  });
  return h;
}

const get = (url: string, headers: Record<string, string>, locale = 'en') => app.inject({ method: 'GET', url, headers: { ...headers, 'accept-language': locale } });
const verify = (scheme: string, payload: string, headers = agent.headers) => app.inject({ method: 'POST', url: `/api/schemes/${scheme}/cards/verify`, headers, payload: { payload } });
const putPhoto = (url: string, body: Buffer | string | object, contentType = 'image/jpeg', locale = 'en') =>
  app.inject({ method: 'PUT', url, headers: { ...manager.headers, 'content-type': contentType, 'accept-language': locale }, payload: body as Buffer });

async function keysOf(scheme: string): Promise<CardPublicKey[]> {
  const res = await get(`/api/schemes/${scheme}/card-keys`, agent.headers);
  expect(res.statusCode).toBe(200);
  return json<{ keys: { kid: number; publicKey: string }[] }>(res).keys.map((k) => ({ scheme, kid: k.kid, publicKey: k.publicKey }));
}

function fieldsOf(res: LightMyRequestResponse): string[] {
  return json<{ error: { details: { field: string }[] } }>(res).error.details.map((d) => d.field);
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  app = await buildTestApp(tdb.db);
  a = await newScheme(tdb.db, 'MUT-A', 'Mutuelle de santé de Ndiaffate');
  b = await newScheme(tdb.db, 'MUT-B', 'Mutuelle de Kaffrine');
  for (const s of [a, b]) {
    await createProduct(s.ctx, s.schemeId, { code: 'BASE', name: 'Garantie de base', versions: [VERSION] });
    await household(s.ctx, s.schemeId, 'H0001');
    await enrolHousehold(s.ctx, s.schemeId, { household: 'H0001', product: 'BASE', start: START });
  }
  paymentA = (await recordPayment(a.ctx, a.schemeId, { household: 'H0001', date: START, amount: 6400, method: 'cash', collector: 'Fatou' })).payment.id;
  paymentB = (await recordPayment(b.ctx, b.schemeId, { household: 'H0001', date: START, amount: 6400, method: 'cash' })).payment.id;
  manager = await userWithToken(tdb.db, [{ role: 'scheme_manager', scopeType: 'scheme', scope: 'MUT-A' }]);
  agent = await userWithToken(tdb.db, [{ role: 'enrolment_agent', scopeType: 'scheme', scope: 'MUT-A' }]);
  clerkB = await userWithToken(tdb.db, [{ role: 'scheme_manager', scopeType: 'scheme', scope: 'MUT-B' }]);
});

afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

describe('membership cards as PDF', () => {
  it('a household’s cards carry the names, numbers, period and photo, and QR codes that hold valid signed payloads', async () => {
    expect((await putPhoto('/api/schemes/MUT-A/beneficiaries/H0001-01/photo', PORTRAIT_JPEG)).statusCode).toBe(200);
    const res = await get('/api/schemes/MUT-A/households/H0001/cards.pdf', agent.headers, 'fr');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe('inline; filename="cards-H0001.pdf"');
    expect(res.headers['cache-control']).toBe('no-store');
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdfPageCount(pdf)).toBe(1);
    const texts = pdfTexts(pdf);
    expect(texts).toEqual(expect.arrayContaining(['Mutuelle de santé de Ndiaffate', 'CARTE DE MEMBRE', 'Awa NDIAYE', 'Modou SARR', 'H0001-01', 'H0001-02', 'N° de carte']));
    expect(texts).toContain(`du ${START_FR} au ${END_FR}`);
    expect(texts.some((t) => t.includes('12/04/1986'))).toBe(true);
    expect(texts.some((t) => t.includes('vers 2019'))).toBe(true);
    // One photo embedded (the head's); the child gets a frame to glue one in.
    expect(pdf.toString('latin1').match(/\/Subtype \/Image/g)).toHaveLength(1);
    expect(texts).toContain('Photo');

    const codes = pdfQrCodes(pdf);
    expect(codes).toHaveLength(2);
    const keys = await keysOf('MUT-A');
    for (const [i, card] of ['H0001-01', 'H0001-02'].entries()) {
      // Ed25519 signatures are deterministic: the payload signed again is the one printed.
      const payload = await cardPayload(a.ctx, { id: a.schemeId, code: a.code }, card);
      expect(codes[i]).toEqual(qrModules(payload));
      expect(verifyCardPayload(payload, keys, 'MUT-A')).toMatchObject({ valid: true, card });
      expect(json(await verify('MUT-A', payload))).toMatchObject({ valid: true, card, reason: null });
    }
  });

  it('the period is printed on the card in the reader’s language', async () => {
    const pdf = (await get('/api/schemes/MUT-A/households/H0001/cards.pdf', agent.headers, 'en')).rawPayload;
    const texts = pdfTexts(pdf);
    expect(texts).toEqual(expect.arrayContaining(['MEMBERSHIP CARD', 'Card no.', 'Sex / Born', 'M  ·  about 2019']));
    expect(texts).toContain(`${START_FR} to ${END_FR}`);
  });

  it('a sheet of several households puts ten cards on a page, each member once', async () => {
    await household(a.ctx, a.schemeId, 'H0002', [{ firstName: 'Coumba', lastName: 'Faye' }, { firstName: 'Rokhaya', lastName: 'Diop' }]);
    await household(a.ctx, a.schemeId, 'H0003', [{ firstName: 'Aminata', lastName: 'Sow' }, { firstName: 'Mariama', lastName: 'Ba' }, { firstName: 'Khady', lastName: 'Gueye' }]);
    const url = '/api/schemes/MUT-A/cards.pdf?household=H0001&household=H0002&household=h0003&card=H0002-03';
    const res = await get(url, agent.headers);
    expect(res.statusCode, res.body).toBe(200);
    expect(pdfPageCount(res.rawPayload)).toBe(2);
    expect(pdfQrCodes(res.rawPayload)).toHaveLength(11);
    const texts = pdfTexts(res.rawPayload);
    for (const name of ['Coumba FAYE', 'Rokhaya DIOP', 'Aminata SOW', 'Mariama BA', 'Khady GUEYE']) expect(texts).toContain(name);
    expect(texts).toContain('Page 2 of 2');
    // Not covered (no period): the validity line is left blank.
    expect(texts.filter((t) => / to \d\d\//.test(t))).toHaveLength(2);
  });

  it('asking for nothing, or for households and cards that do not exist, is refused naming each one', async () => {
    expect(fieldsOf(await get('/api/schemes/MUT-A/cards.pdf', agent.headers))).toEqual(['querystring.household']);
    const res = await get('/api/schemes/MUT-A/cards.pdf?household=H0001&household=NOPE&card=ZZZ', agent.headers);
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toEqual(['querystring.household[1]', 'querystring.card[0]']);
  });

  it('another scheme’s household and cards are not found; a user of another scheme sees nothing', async () => {
    await household(b.ctx, b.schemeId, 'B0009');
    expect((await get('/api/schemes/MUT-A/households/B0009/cards.pdf', agent.headers)).statusCode).toBe(404);
    expect(fieldsOf(await get('/api/schemes/MUT-A/cards.pdf?card=B0009-01', agent.headers))).toEqual(['querystring.card[0]']);
    expect((await get('/api/schemes/MUT-A/households/H0001/cards.pdf', clerkB.headers)).statusCode).toBe(404);
    expect((await get('/api/schemes/MUT-A/card-keys', clerkB.headers)).statusCode).toBe(404);
  });
});

describe('card signing keys and verification', () => {
  it('a key made on first use signs the cards; after rotation old cards still verify and new ones carry the new key', async () => {
    const before = await keysOf('MUT-A');
    expect(before.map((k) => k.kid)).toEqual([1]);
    const old = await cardPayload(a.ctx, { id: a.schemeId, code: a.code }, 'H0001-01');
    expect(old.split('.')[3]).toBe('1');

    expect((await app.inject({ method: 'POST', url: '/api/schemes/MUT-A/card-keys/rotate', headers: agent.headers })).statusCode).toBe(403);
    const rotated = await app.inject({ method: 'POST', url: '/api/schemes/MUT-A/card-keys/rotate', headers: manager.headers });
    expect(rotated.statusCode).toBe(201);
    expect(json(rotated)).toMatchObject({ kid: 2, active: true, algorithm: 'Ed25519' });

    const listed = json<{ keys: { kid: number; active: boolean; retiredAt: string | null; publicKeyPem: string }[] }>(await get('/api/schemes/MUT-A/card-keys', agent.headers)).keys;
    expect(listed.map((k) => [k.kid, k.active, k.retiredAt !== null])).toEqual([
      [2, true, false],
      [1, false, true],
    ]);
    expect(listed[0]!.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);

    const fresh = await cardPayload(a.ctx, { id: a.schemeId, code: a.code }, 'H0001-01');
    expect(fresh.split('.')[3]).toBe('2');
    const keys = await keysOf('MUT-A');
    expect(verifyCardPayload(old, keys, 'MUT-A').valid).toBe(true);
    expect(verifyCardPayload(fresh, keys, 'MUT-A').valid).toBe(true);
    expect(json(await verify('MUT-A', old))).toMatchObject({ valid: true, kid: 1 });
    // The rotation is audited, without any private key.
    const audit = await tdb.db.selectFrom('audit_log').select(['action', 'after']).where('entity_type', '=', 'card_key').where('scheme_id', '=', a.schemeId).orderBy('occurred_at').execute();
    expect(audit.map((r) => r.action)).toEqual(['card_key.create', 'card_key.rotate']);
    expect(JSON.stringify(audit)).not.toMatch(/PRIVATE KEY/);
  });

  it('a forged or altered payload fails, and says why in the reader’s language', async () => {
    const genuine = await cardPayload(a.ctx, { id: a.schemeId, code: a.code }, 'H0001-02');
    const altered = genuine.replace('H0001-02', 'H0001-01');
    expect(json(await verify('MUT-A', altered))).toMatchObject({ valid: false, card: 'H0001-01', reason: 'bad_signature' });
    const sig = genuine.split('.')[4]!;
    const flipped = genuine.slice(0, -sig.length) + (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1);
    expect(json(await verify('MUT-A', flipped))).toMatchObject({ valid: false, reason: 'bad_signature' });
    const fr = await app.inject({ method: 'POST', url: '/api/schemes/MUT-A/cards/verify', headers: { ...agent.headers, 'accept-language': 'fr' }, payload: { payload: 'not a card' } });
    expect(json(fr)).toMatchObject({ valid: false, reason: 'malformed', message: 'Ce n’est pas un code de carte Mutua' });
  });

  it('a card of another scheme fails at this scheme, though it is valid at its own', async () => {
    const ofB = await cardPayload(b.ctx, { id: b.schemeId, code: b.code }, 'H0001-01');
    expect(json(await verify('MUT-B', ofB, clerkB.headers))).toMatchObject({ valid: true });
    expect(json(await verify('MUT-A', ofB))).toMatchObject({ valid: false, reason: 'other_scheme', scheme: 'MUT-B' });
    expect(json(await verify('MUT-A', ofB.replace('MUT-B', 'MUT-A')))).toMatchObject({ valid: false, reason: 'bad_signature' });
  });
});

describe('photos', () => {
  const url = '/api/schemes/MUT-A/beneficiaries/H0001-02/photo';

  it('a JPEG or PNG up to 2 MB is stored, returned as it was, and audited without its bytes', async () => {
    const png = makePng(90, 110, { alpha: true });
    const res = await putPhoto(url, png, 'image/png');
    expect(res.statusCode, res.body).toBe(200);
    expect(json(res)).toMatchObject({ card: 'H0001-02', contentType: 'image/png', size: png.length, width: 90, height: 110 });
    const back = await get(url, agent.headers);
    expect(back.statusCode).toBe(200);
    expect(back.headers['content-type']).toBe('image/png');
    expect(back.rawPayload.equals(png)).toBe(true);
    // The bytes claim their type, not the header: a JPEG sent as octet-stream is a JPEG.
    expect(json(await putPhoto(url, PORTRAIT_JPEG, 'application/octet-stream'))).toMatchObject({ contentType: 'image/jpeg', width: 96, height: 120 });
    const audit = await tdb.db.selectFrom('audit_log').select(['action', 'before', 'after']).where('action', '=', 'beneficiary_photo.put').execute();
    expect(audit.length).toBeGreaterThanOrEqual(2);
    const text = JSON.stringify(audit);
    expect(text).toContain('sha256');
    expect(text).not.toContain(PORTRAIT_JPEG.toString('base64').slice(0, 40));
    expect(text.length).toBeLessThan(5000);
    // Both photos print: the sheet embeds two images now.
    const pdf = (await get('/api/schemes/MUT-A/households/H0001/cards.pdf', agent.headers)).rawPayload;
    expect(pdf.toString('latin1').match(/\/Subtype \/Image/g)).toHaveLength(2);
  });

  it('too large, not an image, damaged or empty: 400 naming the field photo, and nothing changes', async () => {
    const before = (await get(url, agent.headers)).rawPayload;
    const tooLarge = Buffer.concat([PORTRAIT_JPEG, Buffer.alloc(MAX_PHOTO_BYTES)]);
    const cases: [Buffer | string | object, string, string][] = [
      [tooLarge, 'image/jpeg', 'must be at most 2 MB'],
      [Buffer.from('GIF89a\x01\x00\x01\x00'), 'image/gif', 'must be a JPEG or PNG image'],
      [PORTRAIT_JPEG.subarray(0, 600), 'image/jpeg', 'is damaged, or a kind of JPEG or PNG that cannot be printed'],
      [makePng(20, 20).subarray(0, 60), 'image/png', 'is damaged, or a kind of JPEG or PNG that cannot be printed'],
      [{ photo: 'base64…' }, 'application/json', 'must be a JPEG or PNG image'],
      [Buffer.alloc(0), 'image/jpeg', 'is required: send the JPEG or PNG image as the request body'],
    ];
    for (const [body, type, message] of cases) {
      const res = await putPhoto(url, body, type);
      expect(res.statusCode, `${type}: ${res.body}`).toBe(400);
      expect(json(res)).toMatchObject({ error: { code: 'validation_failed', details: [{ field: 'photo', message }] } });
    }
    const fr = await putPhoto(url, tooLarge, 'image/jpeg', 'fr');
    expect(json(fr)).toMatchObject({ error: { details: [{ field: 'photo', message: 'doit faire au plus 2 Mo' }] } });
    expect((await get(url, agent.headers)).rawPayload.equals(before)).toBe(true);
  });

  it('only those who may change members upload; another scheme’s card is not found', async () => {
    const clerk = await userWithToken(tdb.db, [{ role: 'claims_officer', scopeType: 'scheme', scope: 'MUT-A' }]);
    const res = await app.inject({ method: 'PUT', url, headers: { ...clerk.headers, 'content-type': 'image/jpeg' }, payload: PORTRAIT_JPEG });
    expect(res.statusCode).toBe(403);
    expect((await putPhoto('/api/schemes/MUT-A/beneficiaries/B0009-01/photo', PORTRAIT_JPEG)).statusCode).toBe(404);
    expect((await get('/api/schemes/MUT-A/beneficiaries/B0009-01/photo', agent.headers)).statusCode).toBe(404);
  });

  it('a photo can be removed; then there is none', async () => {
    expect((await app.inject({ method: 'DELETE', url, headers: manager.headers })).statusCode).toBe(204);
    expect((await get(url, agent.headers)).statusCode).toBe(404);
    expect((await app.inject({ method: 'DELETE', url, headers: manager.headers })).statusCode).toBe(404);
  });
});

describe('payment receipts', () => {
  const date = START_FR;

  it('as an SMS in French and in English: short, GSM characters only, money and dates for the locale', async () => {
    const fr = await get(`/api/schemes/MUT-A/payments/${paymentA}/receipt.txt`, agent.headers, 'fr');
    expect(fr.statusCode).toBe(200);
    expect(fr.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(fr.body).toBe(`MUT-A recu R-000001 : 6 400 XOF recu le ${date} pour menage H0001. Merci.`);
    const en = await get(`/api/schemes/MUT-A/payments/${paymentA}/receipt.txt`, agent.headers, 'en');
    expect(en.body).toBe(`MUT-A receipt R-000001: XOF 6,400 received on ${date} for household H0001. Thank you.`);
    for (const text of [fr.body, en.body]) expect(gsmLength(text)).toBeLessThanOrEqual(160);
  });

  it('as a PDF for an 80 mm printer, in French and in English', async () => {
    const fr = await get(`/api/schemes/MUT-A/payments/${paymentA}/receipt.pdf`, agent.headers, 'fr');
    expect(fr.statusCode).toBe(200);
    expect(fr.headers['content-type']).toBe('application/pdf');
    expect(fr.headers['content-disposition']).toBe('inline; filename="recu-R-000001.pdf"');
    expect(pdfPageCount(fr.rawPayload)).toBe(1);
    // 80 mm wide = 226.77 points.
    expect(fr.rawPayload.toString('latin1')).toMatch(/\/MediaBox \[0 0 226\.77/);
    const textsFr = pdfTexts(fr.rawPayload);
    expect(textsFr).toEqual(expect.arrayContaining(['Mutuelle de santé de Ndiaffate', 'Reçu de paiement', 'N° R-000001', '6 400 F CFA', 'Espèces', 'Fatou', 'Awa NDIAYE', date, 'Merci.']));
    const en = await get(`/api/schemes/MUT-A/payments/${paymentA}/receipt.pdf`, agent.headers, 'en');
    expect(en.headers['content-disposition']).toBe('inline; filename="receipt-R-000001.pdf"');
    expect(pdfTexts(en.rawPayload)).toEqual(expect.arrayContaining(['Payment receipt', 'No. R-000001', 'F CFA 6,400', 'Cash', 'Thank you.']));
  });

  it('a reversal has its own receipt naming the one it cancels, and the cancelled receipt says so', async () => {
    const { id } = await recordPayment(a.ctx, a.schemeId, { household: 'H0001', date: START, amount: 500, method: 'mobile_money', receipt: 'R-XTRA' }).then((r) => r.payment);
    const reversal = await reversePayment(a.ctx, a.schemeId, id, { date: START, reason: 'entered twice' });
    const text = await get(`/api/schemes/MUT-A/payments/${reversal.id}/receipt.txt`, agent.headers, 'fr');
    expect(text.body).toBe(`MUT-A recu R-XTRA : paiement de 500 XOF pour menage H0001 annule le ${date}. Merci.`);
    const pdf = await get(`/api/schemes/MUT-A/payments/${reversal.id}/receipt.pdf`, agent.headers, 'en');
    expect(pdfTexts(pdf.rawPayload)).toEqual(expect.arrayContaining(['Reversal of a payment', 'R-XTRA', 'entered twice']));
    const cancelled = await get(`/api/schemes/MUT-A/payments/${id}/receipt.pdf`, agent.headers, 'en');
    expect(pdfTexts(cancelled.rawPayload)).toContain('CANCELLED: this payment was reversed');
  });

  it('a payment of another scheme is not found; a user without contributions.read is refused', async () => {
    expect((await get(`/api/schemes/MUT-A/payments/${paymentB}/receipt.pdf`, agent.headers)).statusCode).toBe(404);
    expect((await get(`/api/schemes/MUT-A/payments/${paymentB}/receipt.txt`, agent.headers)).statusCode).toBe(404);
    const clerk = await userWithToken(tdb.db, [{ role: 'claims_officer', scopeType: 'scheme', scope: 'MUT-A' }]);
    expect((await get(`/api/schemes/MUT-A/payments/${paymentA}/receipt.txt`, clerk.headers)).statusCode).toBe(403);
  });
});
