import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import { buildTestApp, json, system, userWithToken } from '../../../test/app.js';
import type { App } from '../../platform/http/types.js';
import { createScheme } from '../organizations/index.js';
import type { BeneficiaryPage, Household, RegisteredHousehold } from './members.schemas.js';
import { newHousehold, newMember } from './testing.js';

let tdb: TestDatabase;
let app: App;
type User = Awaited<ReturnType<typeof userWithToken>>;
let manager: User;
let agent: User;
let claims: User;
let other: User;
let household: Household;

beforeAll(async () => {
  tdb = await createTestDatabase();
  app = await buildTestApp(tdb.db);
  const ctx = { db: tdb.db, ...system };
  await createScheme(ctx, { code: 'MUT-A', name: 'A', currency: 'XOF', country: 'SN', settings: { cardPattern: 'A-{household:7}-{member:2}' } });
  await createScheme(ctx, { code: 'MUT-B', name: 'B', currency: 'XOF', country: 'SN' });
  manager = await userWithToken(tdb.db, [{ role: 'scheme_manager', scopeType: 'scheme', scope: 'MUT-A' }]);
  agent = await userWithToken(tdb.db, [{ role: 'enrolment_agent', scopeType: 'scheme', scope: 'MUT-A' }]);
  claims = await userWithToken(tdb.db, [{ role: 'claims_officer', scopeType: 'scheme', scope: 'MUT-A' }]);
  other = await userWithToken(tdb.db, [{ role: 'scheme_manager', scopeType: 'scheme', scope: 'MUT-B' }]);
});

afterAll(async () => {
  await app.close();
  await tdb.drop();
});

describe('households over HTTP', () => {
  it('an enrolment agent registers a household and reads it back', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/schemes/MUT-A/households', headers: agent.headers, payload: newHousehold() });
    expect(res.statusCode).toBe(201);
    const body = json<RegisteredHousehold>(res);
    household = body.household;
    expect(household.members.map((m) => m.card)).toEqual(['A-0000001-01', 'A-0000001-02']);
    const got = await app.inject({ method: 'GET', url: `/api/schemes/MUT-A/households/${household.number}`, headers: manager.headers });
    expect(got.statusCode).toBe(200);
    expect(json<Household>(got)).toMatchObject({ number: household.number, members: [{ firstName: 'Awa', relationship: 'head' }, { firstName: 'Modou' }] });
  });

  it('two heads answer 400 naming the member’s field', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/schemes/MUT-A/households',
      headers: agent.headers,
      payload: newHousehold({ members: [newMember({ relationship: 'head' }), newMember({ relationship: 'head' })] }),
    });
    expect(res.statusCode).toBe(400);
    expect(json(res)).toMatchObject({ error: { code: 'validation_failed', details: [{ field: 'members[1].relationship' }] } });
  });

  it('a bad value or an unknown key deep in the body is named', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/schemes/MUT-A/households',
      headers: agent.headers,
      payload: { category: 'regular', members: [{ ...newMember({ relationship: 'head' }), sex: 'X', colour: 'red' }] },
    });
    expect(res.statusCode).toBe(400);
    const fields = json<{ error: { details: { field: string }[] } }>(res).error.details.map((d) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['members[0].sex', 'members[0].colour']));
  });

  it('a card taken in the scheme answers 409 naming the field', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/schemes/MUT-A/households',
      headers: agent.headers,
      payload: newHousehold({ members: [newMember({ relationship: 'head', card: 'A-0000001-01' })] }),
    });
    expect(res.statusCode).toBe(409);
    expect(json(res)).toMatchObject({ error: { code: 'duplicate_card', details: [{ field: 'members[0].card' }] } });
  });

  it('duplicate warnings come in the reader’s language', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/schemes/MUT-A/households', headers: { ...agent.headers, 'accept-language': 'fr' }, payload: newHousehold() });
    expect(res.statusCode).toBe(201);
    const { warnings } = json<RegisteredHousehold>(res);
    expect(warnings[0]).toMatchObject({ reason: 'same_name_and_birth', message: expect.stringContaining('Doublon possible') });
  });

  it('a claims officer may read members but not register them', async () => {
    expect((await app.inject({ method: 'GET', url: `/api/schemes/MUT-A/households/${household.number}`, headers: claims.headers })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/api/schemes/MUT-A/households', headers: claims.headers, payload: newHousehold() })).statusCode).toBe(403);
  });

  it('another scheme’s manager gets 404, whether through its own scheme or the other', async () => {
    expect((await app.inject({ method: 'GET', url: `/api/schemes/MUT-A/households/${household.number}`, headers: other.headers })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/api/schemes/MUT-B/households/${household.number}`, headers: other.headers })).statusCode).toBe(404);
    const card = household.members[0]!.card;
    expect((await app.inject({ method: 'GET', url: `/api/schemes/MUT-B/beneficiaries/${card}`, headers: other.headers })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/api/schemes/MUT-A/beneficiaries?search=awa`, headers: other.headers })).statusCode).toBe(404);
    expect((await app.inject({ method: 'PATCH', url: `/api/schemes/MUT-A/beneficiaries/${card}`, headers: other.headers, payload: { firstName: 'X' } })).statusCode).toBe(404);
    const b = json<BeneficiaryPage>(await app.inject({ method: 'GET', url: '/api/schemes/MUT-B/beneficiaries?search=awa', headers: other.headers }));
    expect(b.items).toEqual([]);
  });
});

describe('beneficiaries over HTTP', () => {
  it('search finds a member from a differently written name', async () => {
    const res = await app.inject({ method: 'GET', url: `/api/schemes/MUT-A/beneficiaries?search=${encodeURIComponent('ndiaye awa')}&limit=10`, headers: agent.headers });
    expect(res.statusCode).toBe(200);
    const page = json<BeneficiaryPage>(res);
    expect(page.items.map((b) => b.card)).toContain(household.members[0]!.card);
    expect(page).toMatchObject({ limit: 10, offset: 0, next: null, fuzzy: false });
  });

  it('a member is added, corrected and deactivated, each step checked', async () => {
    const added = await app.inject({ method: 'POST', url: `/api/schemes/MUT-A/households/${household.number}/members`, headers: agent.headers, payload: newMember({ firstName: 'Binta', sex: 'F', birthDate: null, birthYear: 2015 }) });
    expect(added.statusCode).toBe(201);
    const card = json<{ beneficiary: { card: string } }>(added).beneficiary.card;
    expect(card).toBe('A-0000001-03');
    const patched = await app.inject({ method: 'PATCH', url: `/api/schemes/MUT-A/beneficiaries/${card}`, headers: agent.headers, payload: { birthDate: '2015-05-06' } });
    expect(json(patched)).toMatchObject({ birthDate: '2015-05-06', birthYear: 2015, birthDateEstimated: false });
    const badDate = await app.inject({ method: 'POST', url: `/api/schemes/MUT-A/beneficiaries/${card}/deactivate`, headers: agent.headers, payload: { reason: 'departure', date: '2015-01-01' } });
    expect(badDate.statusCode).toBe(400);
    expect(json(badDate)).toMatchObject({ error: { details: [{ field: 'date' }] } });
    const done = await app.inject({ method: 'POST', url: `/api/schemes/MUT-A/beneficiaries/${card}/deactivate`, headers: agent.headers, payload: { reason: 'departure', date: '2025-03-01' } });
    expect(done.statusCode).toBe(200);
    expect(json<Household>(done).members.find((m) => m.card === card)).toMatchObject({ status: 'departed', statusReason: 'departure' });
  });

  it('groups are created and listed per scheme', async () => {
    const created = await app.inject({ method: 'POST', url: '/api/schemes/MUT-A/groups', headers: manager.headers, payload: { code: 'COOP-1', name: 'Coopérative des pêcheurs', kind: 'cooperative' } });
    expect(created.statusCode).toBe(201);
    const badKind = await app.inject({ method: 'POST', url: '/api/schemes/MUT-A/groups', headers: manager.headers, payload: { code: 'X', name: 'X', kind: 'club' } });
    expect(json(badKind)).toMatchObject({ error: { details: [{ field: 'kind' }] } });
    expect(json<{ code: string }[]>(await app.inject({ method: 'GET', url: '/api/schemes/MUT-A/groups', headers: claims.headers })).map((g) => g.code)).toEqual(['COOP-1']);
    expect(json<unknown[]>(await app.inject({ method: 'GET', url: '/api/schemes/MUT-B/groups', headers: other.headers }))).toEqual([]);
  });
});
