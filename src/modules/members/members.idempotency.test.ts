import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import { buildTestApp, json, system, userWithToken } from '../../../test/app.js';
import type { App } from '../../platform/http/types.js';
import { createScheme } from '../organizations/index.js';
import type { RegisteredHousehold } from './members.schemas.js';
import { newHousehold, newMember } from './testing.js';

let tdb: TestDatabase;
let app: App;
let agent: Awaited<ReturnType<typeof userWithToken>>;
let other: Awaited<ReturnType<typeof userWithToken>>;

beforeAll(async () => {
  tdb = await createTestDatabase();
  app = await buildTestApp(tdb.db);
  const ctx = { db: tdb.db, ...system };
  await createScheme(ctx, { code: 'MUT-A', name: 'A', currency: 'XOF', country: 'SN' });
  await createScheme(ctx, { code: 'MUT-B', name: 'B', currency: 'XOF', country: 'SN' });
  agent = await userWithToken(tdb.db, [{ role: 'enrolment_agent', scopeType: 'scheme', scope: 'MUT-A' }]);
  other = await userWithToken(tdb.db, [{ role: 'enrolment_agent', scopeType: 'scheme', scope: 'MUT-B' }]);
});

afterAll(async () => {
  await app.close();
  await tdb.drop();
});

const register = (payload: object, headers = agent.headers, scheme = 'MUT-A') => app.inject({ method: 'POST', url: `/api/schemes/${scheme}/households`, headers, payload });
const count = async () => Number((await tdb.db.selectFrom('household').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('a household registered from a device with an idempotency key', () => {
  it('is registered once: a retry with the same content answers 200 with the first household', async () => {
    const body = newHousehold({ idempotencyKey: 'device-1:0001' });
    const first = await register(body);
    expect(first.statusCode).toBe(201);
    // The same content spelled with its keys in another order is the same registration.
    const retry = await register(Object.fromEntries(Object.entries(body).reverse()));
    expect(retry.statusCode).toBe(200);
    expect(json<RegisteredHousehold>(retry).household).toEqual(json<RegisteredHousehold>(first).household);
    expect(await count()).toBe(1);
  });

  it('refuses the same key with other content, naming the field, and writes nothing', async () => {
    const res = await register(newHousehold({ idempotencyKey: 'device-1:0001', members: [newMember({ firstName: 'Fatou', relationship: 'head', sex: 'F', birthDate: '1990-01-01' })] }));
    expect(res.statusCode).toBe(409);
    expect(json<{ error: { code: string; details: { field: string }[] } }>(res).error).toMatchObject({ code: 'household_idempotency_conflict', details: [{ field: 'idempotencyKey' }] });
    expect(await count()).toBe(1);
  });

  it('keys are per scheme: another scheme may use the same key', async () => {
    expect((await register(newHousehold({ idempotencyKey: 'device-1:0001' }), other.headers, 'MUT-B')).statusCode).toBe(201);
    expect(await count()).toBe(2);
  });
});
