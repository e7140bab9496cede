import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import { generateDemo } from '../../demo/index.js';
import { systemActor } from '../../platform/audit/audit.js';
import { claimsFacts } from '../claims/index.js';
import { ledgerAccounts as A, ledgerPosition } from './index.js';
import { debitBalance, expectBalanced } from './testing.js';

// The demo generator writes through the bulk paths (enrolments with their payments, claims
// adjudicated in batches, claims paid in full): its books must be the sum of its facts.
let tdb: TestDatabase;
let schemeIds: string[];

beforeAll(async () => {
  tdb = await createTestDatabase();
  await generateDemo({ db: tdb.db, actor: systemActor('test') }, { seed: 11, households: 240, schemes: 2 });
  schemeIds = (await tdb.db.selectFrom('scheme').select('id').orderBy('code').execute()).map((s) => s.id);
}, 120_000);
afterAll(async () => tdb?.drop());

const one = async (query: ReturnType<typeof sql<{ v: string | null }>>) => Number((await query.execute(tdb.db)).rows[0]?.v ?? 0);

describe('the books equal the sum of the facts they come from', () => {
  it('for every scheme: balanced; money, receivables, received in advance, fees, claims incurred and payable are the facts summed', async () => {
    expect(schemeIds.length).toBe(2);
    for (const id of schemeIds) {
      await expectBalanced(tdb.db, id);
      const payments = await one(sql`select sum(amount) as v from payment where scheme_id = ${id}`);
      const dues = await one(sql`select sum(amount) as v from due where scheme_id = ${id}`);
      const contributions = await one(sql`select sum(contribution) as v from due where scheme_id = ${id}`);
      const fees = await one(sql`select sum(fees) as v from due where scheme_id = ${id}`);
      const paidOut = await one(sql`select sum(total) as v from payment_batch where scheme_id = ${id} and status = 'paid'`);
      const unpaid = await one(sql`select sum(payable) as v from claim where scheme_id = ${id} and status = 'adjudicated'`);
      expect(payments).toBeGreaterThan(0);
      const money = (await debitBalance(tdb.db, id, A.cash)) + (await debitBalance(tdb.db, id, A.bank)) + (await debitBalance(tdb.db, id, A.mobileMoney));
      expect(money).toBe(payments - paidOut);
      expect(await debitBalance(tdb.db, id, A.contributionsReceivable)).toBe(dues - payments);
      expect(await debitBalance(tdb.db, id, A.unearnedContributions)).toBe(-contributions);
      expect(await debitBalance(tdb.db, id, A.feeIncome)).toBe(-fees);
      expect(await debitBalance(tdb.db, id, A.claimsExpense)).toBe((await claimsFacts(tdb.db, [id], '0001-01-01', '9999-12-31')).incurred);
      expect(await debitBalance(tdb.db, id, A.claimsPayable)).toBe(-unpaid);
    }
    const position = await ledgerPosition(tdb.db, schemeIds, '9999-12-31');
    expect(position.assets).toBe(position.liabilities + position.equity);
  });

  it('the daily balances a position is read from are the journal lines summed, on any date', async () => {
    const byLines = await sql<{ scheme_id: string; account_code: string; day: string; debit: string; credit: string }>`
      select l.scheme_id, l.account_code, e.date as day, sum(l.debit) as debit, sum(l.credit) as credit
        from journal_line l join journal_entry e on e.id = l.entry_id
       group by 1, 2, 3 order by 1, 2, 3`.execute(tdb.db);
    const kept = await sql<{ scheme_id: string; account_code: string; day: string; debit: string; credit: string }>`
      select scheme_id, account_code, day, debit, credit from ledger_balance order by 1, 2, 3`.execute(tdb.db);
    const plain = (rows: { scheme_id: string; account_code: string; day: string; debit: string; credit: string }[]) =>
      rows.map((r) => [r.scheme_id, r.account_code, r.day, Number(r.debit), Number(r.credit)]);
    expect(kept.rows.length).toBeGreaterThan(100);
    expect(plain(kept.rows)).toEqual(plain(byLines.rows));
    // A position on a day inside the history: assets still equal liabilities and equity.
    const days = kept.rows.map((r) => r.day).sort();
    const middle = days[Math.floor(days.length / 2)]!;
    const position = await ledgerPosition(tdb.db, schemeIds, middle);
    expect(position.assets).toBe(position.liabilities + position.equity);
    const cash = await one(sql`
      select sum(l.debit - l.credit) as v from journal_line l join journal_entry e on e.id = l.entry_id
       where e.date <= ${middle} and l.account_code in (${A.cash}, ${A.bank}, ${A.mobileMoney})`);
    expect(position.cash).toBe(cash);
  });
});
