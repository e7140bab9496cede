import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, json, userWithToken } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import { addDays, today } from '../../platform/dates.js';
import type { App } from '../../platform/http/types.js';
import { enrolHousehold, recordPayment } from '../coverage/index.js';
import { newHousehold, newProduct, newScheme } from '../coverage/testing.js';
import { registerHousehold } from '../members/index.js';
import { createSection } from '../organizations/index.js';
import { newProvider } from '../providers/testing.js';
import type { Snapshot } from './offline.schemas.js';

let tdb: TestDatabase;
let app: App;
let agent: Awaited<ReturnType<typeof userWithToken>>;
let clerk: Awaited<ReturnType<typeof userWithToken>>;
let outsider: Awaited<ReturnType<typeof userWithToken>>;
let schemeA: Awaited<ReturnType<typeof newScheme>>;
const T = today();
const start = addDays(T, -100);

/** Every row written so far is made an hour old, as if the device had synced long after them. */
async function age() {
  const hourAgo = new Date(Date.now() - 3600_000);
  for (const table of ['household', 'beneficiary']) await sql`update ${sql.table(table)} set updated_at = ${hourAgo}`.execute(tdb.db);
  for (const table of ['coverage_period', 'due', 'payment']) await sql`update ${sql.table(table)} set created_at = ${hourAgo}`.execute(tdb.db);
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  app = await buildTestApp(tdb.db);
  const a = (schemeA = await newScheme(tdb.db, 'MUT-A'));
  const b = await newScheme(tdb.db, 'MUT-B');
  await newProduct(a.ctx, a.schemeId);
  await createSection(a.ctx, a.schemeId, { code: 'SEC-1', name: 'Ndiaffate' });
  // Per person 3,600 (adult) + 1,800 (child, Modou is 6 or 7) + joining fee 1,000 = 6,400 XOF in one due on `start`.
  await newHousehold(a.ctx, a.schemeId, 'H0001');
  await newHousehold(a.ctx, a.schemeId, 'H0002');
  await registerHousehold(a.ctx, a.schemeId, {
    number: 'H0003',
    category: 'regular',
    section: 'SEC-1',
    phone: '+221770000003',
    members: [{ card: 'H0003-01', firstName: 'Fatou', lastName: 'Diop', sex: 'F', birthYear: 1990, relationship: 'head', joinedOn: '2025-01-02' }],
  });
  await enrolHousehold(a.ctx, a.schemeId, { household: 'H0001', product: 'BASE', start });
  await enrolHousehold(a.ctx, a.schemeId, { household: 'H0002', product: 'BASE', start });
  await recordPayment(a.ctx, a.schemeId, { household: 'H0001', date: start, amount: 6400, method: 'cash', receipt: 'R-1' });
  // Another scheme with the same household number and a name that must never show in MUT-A.
  await registerHousehold(b.ctx, b.schemeId, {
    number: 'H0001',
    category: 'regular',
    members: [{ card: 'B-01', firstName: 'Other', lastName: 'Scheme', sex: 'M', birthDate: '1980-01-01', relationship: 'head', joinedOn: '2025-01-02' }],
  });
  await newProvider(a.ctx, a.schemeId, 'CS');
  agent = await userWithToken(tdb.db, [{ role: 'enrolment_agent', scopeType: 'scheme', scope: 'MUT-A' }]);
  clerk = await userWithToken(tdb.db, [{ role: 'provider_clerk', scopeType: 'provider', scope: 'MUT-A/CS' }]);
  outsider = await userWithToken(tdb.db, [{ role: 'scheme_manager', scopeType: 'scheme', scope: 'MUT-B' }]);
});

afterAll(async () => {
  await app.close();
  await tdb.drop();
});

const snapshot = async (query = '', headers = agent.headers) => app.inject({ method: 'GET', url: `/api/schemes/MUT-A/offline/snapshot${query}`, headers });

describe('the offline snapshot', () => {
  it('carries the scheme’s households with members, status today, what they owe and their last payments', async () => {
    const res = await snapshot();
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = json<Snapshot>(res);
    expect(body).toMatchObject({ scheme: 'MUT-A', currency: 'XOF', asOf: T, since: null, next: null });
    expect(Date.parse(body.serverTime)).toBeGreaterThan(Date.now() - 60_000);
    expect(body.households.map((h) => h.number)).toEqual(['H0001', 'H0002', 'H0003']);
    const [paid, unpaid, none] = body.households as [Snapshot['households'][number], Snapshot['households'][number], Snapshot['households'][number]];
    // Paid in full on the period's first day, joined before it: the 90 waiting days ended 10 days ago.
    expect(paid.coverage).toMatchObject({ status: 'active', reason: 'COVERED', owed: 0, arrears: 0, credit: 0, nextDue: null, period: { start, product: 'BASE' } });
    expect(paid.members.map((m) => [m.card, m.firstName, m.relationship, m.coverage.status])).toEqual([
      ['H0001-01', 'Awa', 'head', 'active'],
      ['H0001-02', 'Modou', 'child', 'active'],
    ]);
    expect(paid.lastPayments).toEqual([expect.objectContaining({ date: start, amount: 6400, method: 'cash', receipt: 'R-1', reversalOf: null })]);
    expect(unpaid.coverage).toMatchObject({ status: 'pending', reason: 'NOT_ACTIVATED', owed: 6400, nextDue: null });
    expect(none).toMatchObject({ section: 'SEC-1', phone: '+221770000003', coverage: { status: 'none', reason: 'NO_PERIOD', owed: 0, period: null } });
    expect(none.members[0]).toMatchObject({ birthDate: null, birthYear: 1990, memberStatus: 'active' });
    expect(JSON.stringify(body)).not.toContain('Scheme');
  });

  it('pages by household number and filters a section', async () => {
    const first = json<Snapshot>(await snapshot('?limit=2'));
    expect(first.households.map((h) => h.number)).toEqual(['H0001', 'H0002']);
    expect(first.next).toBe('H0002');
    const second = json<Snapshot>(await snapshot(`?limit=2&after=${first.next}`));
    expect(second.households.map((h) => h.number)).toEqual(['H0003']);
    expect(second.next).toBeNull();
    expect(json<Snapshot>(await snapshot('?section=SEC-1')).households.map((h) => h.number)).toEqual(['H0003']);
    const unknown = await snapshot('?section=NOPE');
    expect(unknown.statusCode).toBe(400);
    expect(json<{ error: { details: { field: string }[] } }>(unknown).error.details[0]!.field).toBe('section');
  });

  it('since a time, carries only the households changed after it: a payment, a member’s correction', async () => {
    await age();
    const before = json<Snapshot>(await snapshot());
    expect(json<Snapshot>(await snapshot(`?since=${encodeURIComponent(before.serverTime)}`)).households).toEqual([]);
    await recordPayment(schemeA.ctx, schemeA.schemeId, { household: 'H0002', date: T, amount: 6400, method: 'mobile_money', idempotencyKey: 'device-key-0001' });
    await tdb.db.updateTable('beneficiary').set({ phone: '+221770000009', updated_at: new Date() }).where('card', '=', 'H0003-01').execute();
    const changed = json<Snapshot>(await snapshot(`?since=${encodeURIComponent(before.serverTime)}`));
    expect(changed.since).toBe(before.serverTime);
    expect(changed.households.map((h) => h.number)).toEqual(['H0002', 'H0003']);
    // Paid today: activated today, waiting 90 days from today.
    expect(changed.households[0]!.coverage).toMatchObject({ status: 'waiting', waitingEnd: addDays(T, 90), owed: 0 });
    expect(changed.households[1]!.members[0]!.phone).toBe('+221770000009');
  });

  it('is refused to a provider clerk (no members.read) and hidden from another scheme’s manager', async () => {
    expect((await snapshot('', clerk.headers)).statusCode).toBe(403);
    expect((await snapshot('', outsider.headers)).statusCode).toBe(404);
    expect((await snapshot('?limit=0')).statusCode).toBe(400);
  });
});
