import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import { fixedStatement, statementName } from './connection.js';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase({ empty: true });
  await sql`create table probe (id int primary key, label text)`.execute(database.db);
  await sql`insert into probe values (1, 'one'), (2, 'two')`.execute(database.db);
});

afterAll(async () => {
  await database?.drop();
});

/** Names of the statements prepared on the connection that runs this, as PostgreSQL lists them. */
async function preparedHere(db: TestDatabase['db']): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from pg_prepared_statements`.execute(db);
  return rows.map((r) => r.name);
}

describe('prepared statements', () => {
  it('names a statement text from its second use, the same name every time; never one without parameters', () => {
    const text = `select ${Math.random()} where 1 = $1`;
    expect(statementName(text)).toBeUndefined();
    const name = statementName(text);
    expect(name).toMatch(/^mutua_\d+$/);
    expect(statementName(text)).toBe(name);
    expect(statementName(`${'x'.repeat(9_000)} $1`)).toBeUndefined();
    expect(statementName(`${'x'.repeat(9_000)} $1`)).toBeUndefined();
  });

  it('runs a statement used repeatedly as a prepared one, with the same results', async () => {
    const byId = fixedStatement<{ id: number; label: string }>('select id, label from probe where id = $1');
    const results = [];
    for (let i = 0; i < 4; i += 1) results.push(await byId(database.db, 1 + (i % 2)));
    expect(results.map((r) => r[0]!.label)).toEqual(['one', 'two', 'one', 'two']);
    await database.db.connection().execute(async (db) => {
      await byId(db, 1);
      await byId(db, 2);
      expect(await preparedHere(db)).toContain(statementName('select id, label from probe where id = $1'));
    });
  });

  it('still answers when a prepared statement’s columns change under it, inside a transaction after one failure', async () => {
    const all = fixedStatement<Record<string, unknown>>('select * from probe where id = $1');
    await database.db.connection().execute(async (db) => {
      for (let i = 0; i < 3; i += 1) expect(await all(db, 1)).toEqual([{ id: 1, label: 'one' }]);
      await sql`alter table probe add column extra int default 7`.execute(db);
      // Outside a transaction: run again unnamed at once.
      expect(await all(db, 1)).toEqual([{ id: 1, label: 'one', extra: 7 }]);
      await sql`alter table probe drop column extra`.execute(db);
      expect(await all(db, 2)).toEqual([{ id: 2, label: 'two' }]);
    });
    const other = fixedStatement<Record<string, unknown>>('select *, 1 as n from probe where id = $1');
    await database.db.connection().execute(async (db) => {
      for (let i = 0; i < 3; i += 1) await other(db, 1);
      await sql`alter table probe add column extra2 int default 8`.execute(db);
      // Inside a transaction the failure cannot be hidden (the transaction is aborted); the
      // next call on this connection is sent unnamed.
      await expect(db.transaction().execute((trx) => other(trx, 1))).rejects.toMatchObject({ code: '0A000' });
      expect(await other(db, 1)).toEqual([{ id: 1, label: 'one', n: 1, extra2: 8 }]);
      await sql`alter table probe drop column extra2`.execute(db);
    });
  });
});
