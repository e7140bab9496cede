import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, json, userWithToken } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import type { App } from '../../platform/http/types.js';
import { exampleVersion, newHousehold, newScheme } from './testing.js';

let tdb: TestDatabase;
let app: App;
let manager: Awaited<ReturnType<typeof userWithToken>>;
let agent: Awaited<ReturnType<typeof userWithToken>>;
let outsider: Awaited<ReturnType<typeof userWithToken>>;

beforeAll(async () => {
  tdb = await createTestDatabase();
  app = await buildTestApp(tdb.db);
  const a = await newScheme(tdb.db, 'MUT-A');
  await newScheme(tdb.db, 'MUT-B');
  await newHousehold(a.ctx, a.schemeId, 'H0001');
  manager = await userWithToken(tdb.db, [{ role: 'scheme_manager', scopeType: 'scheme', scope: 'MUT-A' }]);
  agent = await userWithToken(tdb.db, [{ role: 'enrolment_agent', scopeType: 'scheme', scope: 'MUT-A' }]);
  outsider = await userWithToken(tdb.db, [{ role: 'scheme_manager', scopeType: 'scheme', scope: 'MUT-B' }]);
});

afterAll(async () => {
  await app.close();
  await tdb.drop();
});

describe('products over HTTP', () => {
  it('an incoherent package is refused with every problem named by field, and nothing is written', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/schemes/MUT-A/products',
      headers: manager.headers,
      payload: {
        code: 'BAD',
        name: 'Bad',
        versions: [{ ...exampleVersion, instalments: 5, benefits: [{ category: 'consultation', coverageRate: 0.8, copayment: 500 }, { category: 'surgery', coverageRate: 0.5, minAge: 40, maxAge: 20 }] }],
      },
    });
    expect(res.statusCode).toBe(400);
    const fields = json<{ error: { details: { field: string }[] } }>(res).error.details.map((d) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['versions[0].instalments', 'versions[0].benefits[0]', 'versions[0].benefits[1].maxAge']));
    expect(json<unknown[]>(await app.inject({ method: 'GET', url: '/api/schemes/MUT-A/products', headers: manager.headers }))).toEqual([]);
  });

  it('a coverage rate above 1 is refused by the schema, naming the field', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/schemes/MUT-A/products',
      headers: manager.headers,
      payload: { code: 'BAD', name: 'Bad', versions: [{ ...exampleVersion, benefits: [{ category: 'consultation', coverageRate: 1.5 }] }] },
    });
    expect(res.statusCode).toBe(400);
    expect(json<{ error: { details: { field: string }[] } }>(res).error.details.some((d) => d.field === 'versions[0].benefits[0].coverageRate')).toBe(true);
  });

  it('a manager creates a package; an enrolment agent can read it but not change it', async () => {
    const created = await app.inject({ method: 'POST', url: '/api/schemes/MUT-A/products', headers: manager.headers, payload: { code: 'BASE', name: 'Garantie de base', versions: [exampleVersion] } });
    expect(created.statusCode).toBe(201);
    expect((await app.inject({ method: 'GET', url: '/api/schemes/MUT-A/products/BASE', headers: agent.headers })).statusCode).toBe(200);
    const change = await app.inject({ method: 'POST', url: '/api/schemes/MUT-A/products/BASE/versions', headers: agent.headers, payload: { ...exampleVersion, effectiveFrom: '2026-01-01' } });
    expect(change.statusCode).toBe(403);
  });
});

describe('enrolment, payments and eligibility over HTTP', () => {
  it('an agent enrols a household and records a payment; a retry with the same key answers 200 with the same payment', async () => {
    const enrol = await app.inject({ method: 'POST', url: '/api/schemes/MUT-A/enrolments', headers: agent.headers, payload: { household: 'H0001', product: 'BASE', start: '2025-01-01' } });
    expect(enrol.statusCode).toBe(201);
    const payload = { household: 'H0001', date: '2025-01-02', amount: 6400, method: 'cash', idempotencyKey: 'phone-7-0001' };
    const first = await app.inject({ method: 'POST', url: '/api/schemes/MUT-A/payments', headers: agent.headers, payload });
    const retry = await app.inject({ method: 'POST', url: '/api/schemes/MUT-A/payments', headers: agent.headers, payload });
    expect(first.statusCode).toBe(201);
    expect(retry.statusCode).toBe(200);
    expect(json<{ id: string }>(retry).id).toBe(json<{ id: string }>(first).id);
    const account = json<{ totalPaid: number; balance: number }>(await app.inject({ method: 'GET', url: '/api/schemes/MUT-A/households/H0001/account', headers: agent.headers }));
    expect(account).toMatchObject({ totalPaid: 6400, balance: 0 });
  });

  it('the eligibility check answers status, reason and message in the reader’s language', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/schemes/MUT-A/coverage/H0001-01?date=2025-03-01', headers: { ...agent.headers, 'accept-language': 'fr' } });
    expect(res.statusCode).toBe(200);
    expect(json(res)).toMatchObject({ status: 'waiting', reason: 'WAITING_PERIOD', waitingEnd: '2025-04-02', message: 'En période de stage jusqu’au 2025-04-02' });
  });

  it('a bad date names the field', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/schemes/MUT-A/coverage/H0001-01?date=2025-02-30', headers: agent.headers });
    expect(res.statusCode).toBe(400);
    expect(json(res)).toMatchObject({ error: { details: [{ field: 'querystring.date' }] } });
  });

  it('a manager of another scheme gets 404 for this scheme’s members, payments and accounts', async () => {
    for (const url of ['/api/schemes/MUT-A/coverage/H0001-01', '/api/schemes/MUT-A/households/H0001/account', '/api/schemes/MUT-A/products']) {
      expect((await app.inject({ method: 'GET', url, headers: outsider.headers })).statusCode).toBe(404);
    }
    const pay = await app.inject({ method: 'POST', url: '/api/schemes/MUT-A/payments', headers: outsider.headers, payload: { household: 'H0001', date: '2025-01-02', amount: 100, method: 'cash' } });
    expect(pay.statusCode).toBe(404);
    // And their own scheme does not know this household.
    expect((await app.inject({ method: 'GET', url: '/api/schemes/MUT-B/coverage/H0001-01', headers: outsider.headers })).statusCode).toBe(404);
  });
});
