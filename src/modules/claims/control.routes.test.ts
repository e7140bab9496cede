import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, json, userWithToken } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import type { App } from '../../platform/http/types.js';
import { addProvider, claim, newWorld, type World } from './control.testing.js';

let tdb: TestDatabase;
let app: App;
let w: World;
type Headers = Record<string, string>;
let clerk: Headers;
let officer: Headers;
let treasurer: Headers;
let manager: Headers;
const S = 'MUT-CTRL';

beforeAll(async () => {
  tdb = await createTestDatabase();
  app = await buildTestApp(tdb.db);
  w = await newWorld(tdb.db, 2, S);
  await addProvider(w, 'CS-1');
  await addProvider(w, 'CS-2');
  clerk = (await userWithToken(tdb.db, [{ role: 'provider_clerk', scopeType: 'provider', scope: `${S}/CS-1` }])).headers;
  officer = (await userWithToken(tdb.db, [{ role: 'claims_officer', scopeType: 'scheme', scope: S }])).headers;
  treasurer = (await userWithToken(tdb.db, [{ role: 'treasurer', scopeType: 'scheme', scope: S }])).headers;
  manager = (await userWithToken(tdb.db, [{ role: 'scheme_manager', scopeType: 'scheme', scope: S }])).headers;
});

afterAll(async () => {
  await app.close();
  await tdb.drop();
});

const get = (url: string, headers: Headers) => app.inject({ method: 'GET', url: `/api/schemes/${S}${url}`, headers });
const post = (url: string, headers: Headers, payload: object = {}) => app.inject({ method: 'POST', url: `/api/schemes/${S}${url}`, headers, payload });

describe('guarantee letters over HTTP', () => {
  it('a clerk asks for a letter for their facility, a claims officer approves it, and the clerk prints it in French', async () => {
    const asked = await post('/guarantee-letters', clerk, { member: w.cards[0], category: 'hospitalization', validFrom: '2027-02-01', validTo: '2027-02-28' });
    expect(asked.statusCode, asked.body).toBe(201);
    const letter = json<{ number: string; provider: string; status: string }>(asked);
    expect(letter).toMatchObject({ provider: 'CS-1', status: 'requested' });
    expect((await post(`/guarantee-letters/${letter.number}/approve`, clerk)).statusCode).toBe(403);
    const refused = await post(`/guarantee-letters/${letter.number}/refuse`, officer, { reason: ' ' });
    expect(refused.statusCode).toBe(400);
    const approved = await post(`/guarantee-letters/${letter.number}/approve`, officer, {});
    expect(json(approved)).toMatchObject({ status: 'approved' });
    const pdf = await get(`/guarantee-letters/${letter.number}/letter.pdf`, { ...clerk, 'accept-language': 'fr' });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toContain('lettre-de-garantie-');
    const again = await post(`/guarantee-letters/${letter.number}/approve`, officer, {});
    expect(again.statusCode).toBe(409);
    expect(json(again)).toMatchObject({ error: { code: 'letter_not_pending', message: expect.stringContaining(letter.number) } });
  });
});

describe('review over HTTP', () => {
  it('a claims officer overrides a line with a note; the explanation of benefits follows the reader’s language', async () => {
    const c = await claim(w, 'CS-1', w.cards[1]!, '2025-02-03');
    const missingNote = await post(`/claims/${c.id}/lines/${c.lines[0]!.id}/decision`, officer, { action: 'override', payable: 1000 });
    expect(missingNote.statusCode).toBe(400);
    const res = await post(`/claims/${c.id}/lines/${c.lines[0]!.id}/decision`, officer, { action: 'override', payable: 1000, note: 'partial: follow-up visit' });
    expect(res.statusCode, res.body).toBe(200);
    expect(json(res)).toMatchObject({ payable: 1000, lines: [{ overridden: true, history: [{ kind: 'engine' }, { kind: 'override', note: 'partial: follow-up visit' }] }] });
    const eob = json<{ language: string; lines: { decisionLabel: string; memberPays: number }[] }>(await get(`/claims/${c.id}/eob`, { ...clerk, 'accept-language': 'fr' }));
    expect(eob).toMatchObject({ language: 'fr', lines: [{ decisionLabel: 'Pris en charge en partie', memberPays: 500 }] });
    expect(json(await get(`/claims/${c.id}/eob?lang=en`, { ...clerk, 'accept-language': 'fr' }))).toMatchObject({ language: 'en' });
    expect((await get(`/claims/${c.id}/eob.pdf`, officer)).headers['content-type']).toBe('application/pdf');
  });

  it('the settings and the scan need claims.review', async () => {
    expect((await get('/review/settings', treasurer)).statusCode).toBe(403);
    const put = await app.inject({ method: 'PUT', url: `/api/schemes/${S}/review/settings`, headers: manager, payload: { sampleRate: 0.1, amountMultiple: 4, providerMultiple: 2.5 } });
    expect(json(put)).toEqual({ sampleRate: 0.1, amountMultiple: 4, providerMultiple: 2.5 });
    const scan = await post('/review/scan-providers?from=2025-01-01&to=2025-12-31', manager);
    expect(scan.statusCode, scan.body).toBe(200);
    expect(json(scan)).toMatchObject({ providerMultiple: 2.5, outliers: 0 });
    expect((await get('/review/items', manager)).statusCode).toBe(200);
  });
});

describe('provider payment over HTTP', () => {
  it('a treasurer orders, prints and pays a batch; paying again with the same reference answers the same', async () => {
    await claim(w, 'CS-2', w.cards[0]!, '2025-03-03');
    expect((await post('/payment-batches', officer, { provider: 'CS-2', from: '2025-03-01', to: '2025-03-31' })).statusCode).toBe(403);
    const created = await post('/payment-batches', treasurer, { provider: 'CS-2', from: '2025-03-01', to: '2025-03-31' });
    expect(created.statusCode, created.body).toBe(201);
    const batch = json<{ id: string; number: string; total: number }>(created);
    expect(batch.total).toBe(1125);
    const csv = await get(`/payment-batches/${batch.id}/order.csv`, { ...treasurer, 'accept-language': 'fr' });
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.body).toContain('bordereau;prestataire;element');
    expect((await get(`/payment-batches/${batch.id}/order.pdf`, treasurer)).headers['content-type']).toBe('application/pdf');
    const pay = { date: '2025-04-15', reference: 'OM-778899' };
    const first = await post(`/payment-batches/${batch.id}/pay`, treasurer, pay);
    const second = await post(`/payment-batches/${batch.id}/pay`, treasurer, pay);
    expect(first.statusCode).toBe(200);
    expect(json(second)).toEqual(json(first));
    const other = await post(`/payment-batches/${batch.id}/pay`, treasurer, { ...pay, reference: 'OM-000000' });
    expect(other.statusCode).toBe(409);
    expect(json(other)).toMatchObject({ error: { code: 'batch_already_paid' } });
  });

  it('a provider clerk reads their own statement and not another provider’s', async () => {
    const own = await get('/providers/CS-1/statement?from=2025-01-01&to=2025-12-31', clerk);
    expect(own.statusCode, own.body).toBe(200);
    expect(json<{ provider: string }>(own).provider).toBe('CS-1');
    const other = await get('/providers/CS-2/statement?from=2025-01-01&to=2025-12-31', clerk);
    expect(other.statusCode).toBe(404);
    expect((await get('/providers/CS-2/statement.pdf?from=2025-01-01&to=2025-12-31', clerk)).statusCode).toBe(404);
    const byTreasurer = await get('/providers/CS-2/statement?from=2025-01-01&to=2025-12-31', treasurer);
    expect(json(byTreasurer)).toMatchObject({ provider: 'CS-2', totals: { paid: 1125 } });
    expect((await get('/payment-batches', clerk)).statusCode).toBe(403);
  });
});
