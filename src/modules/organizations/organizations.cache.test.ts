import { Kysely, PostgresDialect } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import { systemActor } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/db/connection.js';
import type { Database } from '../../platform/db/schema.js';
import { createScheme, resolveScheme, updateScheme } from './organizations.service.js';

let firstDatabase: TestDatabase;
let secondDatabase: TestDatabase;
const actor = systemActor('test');
// Statements that read the scheme table, through `first`.
let reads = 0;
const first = { db: undefined as unknown as Db };
const second = { db: undefined as unknown as Db };

beforeAll(async () => {
  [firstDatabase, secondDatabase] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  // Over the test database's pool, counting the statements that read schemes (not destroyed: the
  // pool is the test database's).
  first.db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: firstDatabase.pool }),
    log: (event) => {
      if (event.level === 'query' && /from "scheme"/.test(event.query.sql)) reads += 1;
    },
  });
  second.db = secondDatabase.db;
});

afterAll(async () => {
  await Promise.all([firstDatabase?.drop(), secondDatabase?.drop()]);
});

describe('the scheme look-up of the HTTP layer (resolveScheme)', () => {
  it('answers from memory after the first look-up, per database; an unknown code is looked up each time, so a new scheme is found at once', async () => {
    expect(await resolveScheme({ db: first.db }, 'MUT-CACHE')).toBeUndefined();
    const created = await createScheme({ db: first.db, actor }, { code: 'MUT-CACHE', name: 'Cache', currency: 'XOF', country: 'SN' });
    const resolved = await resolveScheme({ db: first.db }, 'MUT-CACHE');
    expect(resolved).toEqual({ id: created.id, code: 'MUT-CACHE', federationId: null, currency: 'XOF' });
    // The same code in another database is another scheme.
    const other = await createScheme({ db: second.db, actor }, { code: 'MUT-CACHE', name: 'Other', currency: 'INR', country: 'IN' });
    expect((await resolveScheme({ db: second.db }, 'MUT-CACHE'))?.id).toBe(other.id);
    expect((await resolveScheme({ db: first.db }, 'MUT-CACHE'))?.id).toBe(created.id);

    const before = reads;
    for (let i = 0; i < 5; i += 1) expect((await resolveScheme({ db: first.db }, 'MUT-CACHE'))?.id).toBe(created.id);
    expect(reads).toBe(before);
  });

  it('forgets what it holds when a scheme changes', async () => {
    await resolveScheme({ db: first.db }, 'MUT-CACHE');
    const before = reads;
    await updateScheme({ db: first.db, actor }, 'MUT-CACHE', { name: 'Renamed' });
    const afterUpdate = reads;
    expect(afterUpdate).toBeGreaterThan(before);
    expect((await resolveScheme({ db: first.db }, 'MUT-CACHE'))?.code).toBe('MUT-CACHE');
    expect(reads).toBeGreaterThan(afterUpdate);
  });

  it('keeps nothing read inside a transaction (it may be rolled back)', async () => {
    await first.db
      .transaction()
      .execute(async (trx) => {
        await createScheme({ db: trx, actor }, { code: 'MUT-ROLLED-BACK', name: 'Gone', currency: 'XOF', country: 'SN' });
        expect(await resolveScheme({ db: trx }, 'MUT-ROLLED-BACK')).toBeDefined();
        throw new Error('roll back');
      })
      .catch(() => undefined);
    expect(await resolveScheme({ db: first.db }, 'MUT-ROLLED-BACK')).toBeUndefined();
  });
});
