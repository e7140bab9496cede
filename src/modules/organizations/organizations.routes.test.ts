import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import { buildTestApp, json, userWithToken } from '../../../test/app.js';
import type { App } from '../../platform/http/types.js';

let tdb: TestDatabase;
let app: App;
let admin: Awaited<ReturnType<typeof userWithToken>>;

beforeAll(async () => {
  tdb = await createTestDatabase();
  app = await buildTestApp(tdb.db);
  admin = await userWithToken(tdb.db, [{ role: 'platform_admin', scopeType: 'platform' }], 'admin');
});

afterAll(async () => {
  await app.close();
  await tdb.drop();
});

describe('schemes over HTTP', () => {
  it('an administrator creates a federation and a scheme in it, and reads it back', async () => {
    const fed = await app.inject({ method: 'POST', url: '/api/federations', headers: admin.headers, payload: { code: 'UNION-KAOLACK', name: 'Union de Kaolack', country: 'SN' } });
    expect(fed.statusCode).toBe(201);
    const created = await app.inject({
      method: 'POST',
      url: '/api/schemes',
      headers: admin.headers,
      payload: { code: 'MUT-NDIAFFATE', name: 'Mutuelle de Ndiaffate', federation: 'UNION-KAOLACK', currency: 'XOF', country: 'SN', targetPopulation: 12000 },
    });
    expect(created.statusCode).toBe(201);
    const got = await app.inject({ method: 'GET', url: '/api/schemes/MUT-NDIAFFATE', headers: admin.headers });
    expect(json(got)).toMatchObject({ code: 'MUT-NDIAFFATE', federation: 'UNION-KAOLACK', currency: 'XOF', targetPopulation: 12000 });
  });

  it('a scheme with a made-up currency is refused, naming the field, and nothing is written', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/schemes', headers: admin.headers, payload: { code: 'BAD', name: 'Bad', currency: 'ZZZ', country: 'SN' } });
    expect(res.statusCode).toBe(400);
    expect(json(res)).toMatchObject({ error: { code: 'invalid_currency', details: [{ field: 'currency' }] } });
    const list = json<{ code: string }[]>(await app.inject({ method: 'GET', url: '/api/schemes', headers: admin.headers }));
    expect(list.map((s) => s.code)).not.toContain('BAD');
  });

  it('an unknown field in a body is an error that names it', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/federations', headers: admin.headers, payload: { code: 'F2', name: 'F2', colour: 'red' } });
    expect(res.statusCode).toBe(400);
    expect(json(res)).toMatchObject({ error: { code: 'validation_failed', details: [{ field: 'colour' }] } });
  });

  it('errors are in French when the reader asks for French', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/federations', headers: { ...admin.headers, 'accept-language': 'fr-SN,fr;q=0.9' }, payload: { name: 'F2' } });
    expect(res.statusCode).toBe(400);
    expect(json(res)).toMatchObject({ error: { message: 'La requête contient des champs invalides', details: [{ field: 'code', message: 'est obligatoire' }] } });
  });

  it('a request without credentials is refused with 401', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/schemes' });
    expect(res.statusCode).toBe(401);
  });

  it('a scheme manager cannot see another scheme: it answers 404, as if it did not exist', async () => {
    await app.inject({ method: 'POST', url: '/api/schemes', headers: admin.headers, payload: { code: 'MUT-OTHER', name: 'Other', currency: 'XOF', country: 'SN' } });
    const manager = await userWithToken(tdb.db, [{ role: 'scheme_manager', scopeType: 'scheme', scope: 'MUT-NDIAFFATE' }]);
    expect((await app.inject({ method: 'GET', url: '/api/schemes/MUT-NDIAFFATE', headers: manager.headers })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/schemes/MUT-OTHER', headers: manager.headers })).statusCode).toBe(404);
    expect((await app.inject({ method: 'PATCH', url: '/api/schemes/MUT-OTHER', headers: manager.headers, payload: { name: 'Mine' } })).statusCode).toBe(404);
    const list = json<{ code: string }[]>(await app.inject({ method: 'GET', url: '/api/schemes', headers: manager.headers }));
    expect(list.map((s) => s.code)).toEqual(['MUT-NDIAFFATE']);
  });

  it('every change is in the audit log with before and after', async () => {
    await app.inject({ method: 'PATCH', url: '/api/schemes/MUT-NDIAFFATE', headers: admin.headers, payload: { targetPopulation: 15000 } });
    const page = json<{ records: { action: string; before: { targetPopulation: number }; after: { targetPopulation: number }; actor: string }[] }>(
      await app.inject({ method: 'GET', url: '/api/audit?scheme=MUT-NDIAFFATE&action=scheme.update', headers: admin.headers }),
    );
    expect(page.records[0]).toMatchObject({ action: 'scheme.update', actor: 'admin', before: { targetPopulation: 12000 }, after: { targetPopulation: 15000 } });
  });
});
