import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, json, userWithToken } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import type { App } from '../../platform/http/types.js';
import type { ClaimPage, ClaimView } from './claims.schemas.js';
import { claimsScheme } from './testing.js';

let tdb: TestDatabase;
let app: App;
let scheme: string;
let clerk: Awaited<ReturnType<typeof userWithToken>>;
let officer: Awaited<ReturnType<typeof userWithToken>>;
let outsider: Awaited<ReturnType<typeof userWithToken>>;

const body = (number: string, provider = 'CS') => ({
  number,
  provider,
  member: 'H1-02',
  from: '2025-05-03',
  to: '2025-05-03',
  submittedOn: '2025-05-10',
  lines: [{ service: 'CONS', quantity: 1, unitPrice: 1500 }],
});

beforeAll(async () => {
  tdb = await createTestDatabase();
  app = await buildTestApp(tdb.db);
  scheme = (await claimsScheme(tdb.db)).code;
  const other = await claimsScheme(tdb.db);
  clerk = await userWithToken(tdb.db, [{ role: 'provider_clerk', scopeType: 'provider', scope: `${scheme}/CS` }]);
  officer = await userWithToken(tdb.db, [{ role: 'claims_officer', scopeType: 'scheme', scope: scheme }]);
  outsider = await userWithToken(tdb.db, [{ role: 'claims_officer', scopeType: 'scheme', scope: other.code }]);
});

afterAll(async () => {
  await app.close();
  await tdb.drop();
});

describe('claims over HTTP', () => {
  it('a clinic clerk submits a claim for their facility and reads the decision, in French when asked', async () => {
    const res = await app.inject({ method: 'POST', url: `/api/schemes/${scheme}/claims`, headers: { ...clerk.headers, 'accept-language': 'fr' }, payload: { ...body('F-1'), lines: [{ service: 'CONS', quantity: 1, unitPrice: 1800 }] } });
    expect(res.statusCode, res.body).toBe(201);
    const claim = json<ClaimView>(res);
    expect(claim.lines[0]).toMatchObject({ decision: 'reduced', reasons: ['PRICE_ABOVE_TARIFF'], allowed: 1500, payable: 1125, memberShare: 375 });
    expect(claim.lines[0]!.messages[0]).toMatch(/tarif conventionné/);
  });

  it('a clerk may not submit for another facility, nor see its claims', async () => {
    const refused = await app.inject({ method: 'POST', url: `/api/schemes/${scheme}/claims`, headers: clerk.headers, payload: body('F-2', 'HOP') });
    expect(refused.statusCode).toBe(403);
    expect(json<{ error: { details: { field: string }[] } }>(refused).error.details[0]!.field).toBe('provider');
    const theirs = json<ClaimView>(await app.inject({ method: 'POST', url: `/api/schemes/${scheme}/claims`, headers: officer.headers, payload: body('F-3', 'HOP') }));
    const list = json<ClaimPage>(await app.inject({ method: 'GET', url: `/api/schemes/${scheme}/claims`, headers: clerk.headers }));
    expect(list.items.map((c) => c.provider)).not.toContain('HOP');
    expect((await app.inject({ method: 'GET', url: `/api/schemes/${scheme}/claims/${theirs.id}`, headers: clerk.headers })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/api/schemes/${scheme}/claims/${theirs.id}`, headers: officer.headers })).statusCode).toBe(200);
  });

  it('another scheme’s officer gets 404, and a bad line is named by field', async () => {
    expect((await app.inject({ method: 'GET', url: `/api/schemes/${scheme}/claims`, headers: outsider.headers })).statusCode).toBe(404);
    const bad = await app.inject({ method: 'POST', url: `/api/schemes/${scheme}/claims`, headers: officer.headers, payload: { ...body('F-4'), lines: [{ service: 'CONS', quantity: 0, unitPrice: 1500 }] } });
    expect(bad.statusCode).toBe(400);
    expect(json<{ error: { details: { field: string }[] } }>(bad).error.details.map((d) => d.field)).toContain('lines[0].quantity');
    // Each number is allowed, their product is not: a typing error, refused before anything is written.
    const huge = await app.inject({ method: 'POST', url: `/api/schemes/${scheme}/claims`, headers: officer.headers, payload: { ...body('F-5'), lines: [{ service: 'CONS', quantity: 100_000, unitPrice: 1_000_000_000_000 }] } });
    expect(huge.statusCode).toBe(400);
    expect(json<{ error: { details: { field: string }[] } }>(huge).error.details[0]!.field).toBe('lines[0].unitPrice');
  });
});
