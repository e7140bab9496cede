import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { system } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import { generateDemo } from '../../demo/index.js';
import type { Db } from '../../platform/db/connection.js';
import { adjudicatePending } from './claims.engine.js';

// A batch run outside a transaction reads and decides the next chunk on a second connection while
// the first writes the chunk before; inside one (a file being loaded) it works on that one
// transaction. Both must give the same decisions, line for line, on the same claims.
let pipelined: TestDatabase;
let inOne: TestDatabase;
let resumed: TestDatabase;
beforeAll(async () => {
  [pipelined, inOne, resumed] = await Promise.all([createTestDatabase(), createTestDatabase(), createTestDatabase()]);
  await Promise.all([pipelined, inOne, resumed].map((d) => generateDemo({ db: d.db, ...system }, { seed: 3, households: 400, adjudicate: false })));
});
afterAll(async () => {
  await Promise.all([pipelined?.drop(), inOne?.drop(), resumed?.drop()]);
});

async function schemes(db: Db) {
  return db.selectFrom('scheme').select(['id', 'code']).orderBy('code').execute();
}

/** Every line's current decision, by scheme, provider, claim number and line. */
async function decisions(db: Db) {
  const { rows } = await sql<{ key: string; decision: string }>`
    select s.code || ' ' || c.provider_code || ' ' || c.number || ' ' || l.seq as key,
           c.status || ' ' || d.decision || ' ' || array_to_string(d.reasons, '+') || ' ' || d.asked || ' ' || d.allowed || ' ' || d.payable || ' ' || d.member_share
             || ' ' || coalesce(d.benefit_category, '-') || ' ' || coalesce(g.number, '-') as decision
      from claim c join scheme s on s.id = c.scheme_id join claim_line l on l.claim_id = c.id
      join claim_decision d on d.line_id = l.id and d.current
      left join guarantee_letter g on g.used_by_claim_id = c.id
     order by 1`.execute(db);
  return rows;
}

describe('a batch run', () => {
  it('decides the same on two connections, chunk after chunk, as in one transaction', async () => {
    const progress: number[] = [];
    for (const scheme of await schemes(pipelined.db)) {
      const done = await adjudicatePending(pipelined.db, system.actor, scheme.id, { chunk: 97, onProgress: (_, remaining) => progress.push(remaining) });
      expect(done.remaining).toBe(0);
    }
    for (const scheme of await schemes(inOne.db)) {
      await inOne.db.transaction().execute((trx) => adjudicatePending(trx, system.actor, scheme.id, { chunk: 97 }));
    }
    const [a, b] = await Promise.all([decisions(pipelined.db), decisions(inOne.db)]);
    expect(a.length).toBeGreaterThan(3000);
    expect(a).toEqual(b);
    // Progress counted after each chunk's commit, in order.
    expect(progress.length).toBeGreaterThan(10);
    expect(progress.at(-1)).toBe(0);
  });

  it('stops at the limit, and the next run goes on from there to the same decisions', async () => {
    const db = resumed.db;
    for (const scheme of await schemes(db)) {
      const first = await adjudicatePending(db, system.actor, scheme.id, { chunk: 100, limit: 250 });
      expect(first.claims).toBe(250);
      expect(first.remaining).toBeGreaterThan(0);
      const rest = await adjudicatePending(db, system.actor, scheme.id, { chunk: 100 });
      expect(rest.claims).toBe(first.remaining);
      expect(rest.remaining).toBe(0);
    }
    expect(await decisions(db)).toEqual(await decisions(inOne.db));
  });
});
