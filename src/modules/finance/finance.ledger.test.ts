import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import { systemActor } from '../../platform/audit/audit.js';
import { emitEvent } from '../../platform/events.js';
import { claimsFacts, createBatch, decideLine, payBatch, submitClaim } from '../claims/index.js';
import { enrolHousehold, recordPayment, recordRemittance, reversePayment } from '../coverage/index.js';
import { createGroup } from '../members/index.js';
import { exampleVersion, newHousehold, newProduct, newScheme } from '../coverage/testing.js';
import type { ServiceContext } from '../../platform/context.js';
import type { VersionDefinition } from '../products/index.js';
import { addAgreement, createProvider, createService } from '../providers/index.js';
import {
  balanceSheet,
  closeMonth,
  correctExpense,
  generalLedger,
  incomeStatement,
  ledgerAccounts as A,
  ledgerPosition,
  listEntries,
  recordExpense,
  recordManualEntry,
  reverseEntry,
  trialBalance,
} from './index.js';
import { debitBalance, expectBalanced } from './testing.js';

// The world: a product without fees or waiting period, a health centre at agreed prices, and
// two households of an adult and a child (3,600 + 1,800 = 5,400 each) enrolled for 2025 and
// paid in cash on 2 January.
const version: VersionDefinition = {
  ...exampleVersion,
  joiningFee: 0,
  waitingPeriodDays: 0,
  claimDeadlineDays: 365,
  benefits: [
    { category: 'consultation', coverageRate: 0.75 },
    { category: 'laboratory', coverageRate: 1 },
  ],
  exclusions: [],
};
const TARIFF = { CONS: 1500, LAB: 2000 } as const;
interface World {
  ctx: ServiceContext;
  schemeId: string;
  cards: string[];
}

async function newWorld(): Promise<World> {
  const { ctx, schemeId } = await newScheme(tdb.db);
  await newProduct(ctx, schemeId, [version]);
  await createService(ctx, schemeId, { code: 'CONS', name: 'Consultation', category: 'consultation' });
  await createService(ctx, schemeId, { code: 'LAB', name: 'Analyse', category: 'laboratory' });
  await createProvider(ctx, schemeId, { code: 'CS-F', name: 'Centre CS-F', level: 'health_centre' });
  await addAgreement(ctx, schemeId, 'CS-F', { from: '2025-01-01', to: '2025-12-31', paymentMethod: 'fee_for_service', paymentDelayDays: 30, tariff: Object.entries(TARIFF).map(([service, price]) => ({ service, price })) });
  const cards: string[] = [];
  for (const number of ['H0001', 'H0002']) {
    await newHousehold(ctx, schemeId, number);
    await enrolHousehold(ctx, schemeId, { household: number, product: 'BASE', start: '2025-01-01' });
    await recordPayment(ctx, schemeId, { household: number, date: '2025-01-02', amount: 5400, method: 'cash' });
    cards.push(`${number}-01`, `${number}-02`);
  }
  return { ctx, schemeId, cards };
}

let claims = 0;
async function claim(world: World, member: string, from: string, lines: [string, number, number][] = [['CONS', 1, TARIFF.CONS]]) {
  const input = { number: `C-${++claims}`, provider: 'CS-F', member, from, to: from, submittedOn: from, guaranteeLetter: null, lines: lines.map(([service, quantity, unitPrice]) => ({ service, quantity, unitPrice })) };
  return (await submitClaim(world.ctx, world.schemeId, input, { source: 'api' })).claim;
}

let tdb: TestDatabase;
let w: World;
const entries = async () => (await listEntries({ db: tdb.db }, w.schemeId, { limit: 1000 })).total;
const balance = (account: string, on?: string) => debitBalance(tdb.db, w.schemeId, account, on);

beforeAll(async () => {
  tdb = await createTestDatabase();
  w = await newWorld();
});
afterAll(async () => tdb?.drop());

describe('the books follow the money facts', () => {
  it('dues post a receivable against contributions received in advance; payments move it to cash', async () => {
    await expectBalanced(tdb.db, w.schemeId);
    expect(await balance(A.contributionsReceivable)).toBe(0);
    expect(await balance(A.cash)).toBe(10_800);
    expect(await balance(A.unearnedContributions)).toBe(-10_800);
    const kinds = (await listEntries({ db: tdb.db }, w.schemeId)).items.map((e) => e.kind);
    expect(kinds.sort()).toEqual(['contributions.billed', 'contributions.billed', 'payment.received', 'payment.received']);
  });

  it('fees go to fee income, a mobile money payment to mobile money, a reversal mirrors the payment', async () => {
    // a product with a joining fee of 1,000 (coverage's example version): dues 5,400 + 1,000
    await newProduct(w.ctx, w.schemeId, [exampleVersion], 'FEE');
    await newHousehold(w.ctx, w.schemeId, 'F0001');
    await enrolHousehold(w.ctx, w.schemeId, { household: 'F0001', product: 'FEE', start: '2025-01-01' });
    expect(await balance(A.feeIncome)).toBe(-1000);
    expect(await balance(A.unearnedContributions)).toBe(-16_200);
    const { payment } = await recordPayment(w.ctx, w.schemeId, { household: 'F0001', date: '2025-01-06', amount: 5400, method: 'mobile_money', idempotencyKey: 'pay-F0001' });
    expect(await balance(A.mobileMoney)).toBe(5400);
    const before = await entries();
    // a retried request (same idempotency key) posts nothing
    await recordPayment(w.ctx, w.schemeId, { household: 'F0001', date: '2025-01-06', amount: 5400, method: 'mobile_money', idempotencyKey: 'pay-F0001' });
    // a replayed event posts nothing either
    await emitEvent(tdb.db, systemActor('test'), 'coverage.paymentsRecorded', {
      schemeId: w.schemeId,
      payments: [{ id: payment.id, date: '2025-01-06', amount: 5400, method: 'mobile_money', payer: 'member', reversalOf: null, receipt: null }],
    });
    expect(await entries()).toBe(before);
    await reversePayment(w.ctx, w.schemeId, payment.id, { date: '2025-01-07', reason: 'wrong household' });
    expect(await balance(A.mobileMoney)).toBe(0);
    // receivable: the 6,400 dues of F0001, unpaid again
    expect(await balance(A.contributionsReceivable)).toBe(6400);
    await expectBalanced(tdb.db, w.schemeId);
  });

  it('claims post their payable at the date of care; an override posts the difference; a paid batch clears the payable', async () => {
    await claim(w, w.cards[0]!, '2025-02-03'); // 1,500 at 75%: 1,125
    const c2 = await claim(w, w.cards[1]!, '2025-02-10', [['CONS', 1, TARIFF.CONS], ['LAB', 1, TARIFF.LAB]]); // 1,125 + 2,000
    await claim(w, w.cards[2]!, '2025-03-05'); // 1,125
    expect(await balance(A.claimsExpense)).toBe(1125 + 3125 + 1125);
    expect(await balance(A.claimsPayable)).toBe(-(1125 + 3125 + 1125));
    await decideLine(w.ctx, w.schemeId, c2.id, c2.lines[1]!.id, { action: 'override', payable: 1500, note: 'lab price agreed at 1,500' });
    expect(await balance(A.claimsExpense)).toBe(1125 + 2625 + 1125);
    const feb = await incomeStatement({ db: tdb.db }, w.schemeId, { from: '2025-02-01', to: '2025-02-28' });
    expect(feb.claimsIncurred).toBe(1125 + 2625);
    // the acceptance: the income statement ties to the incurred_claims indicator, as adjudicated now
    expect(feb.claimsIncurred).toBe((await claimsFacts(tdb.db, [w.schemeId], '2025-02-01', '2025-02-28')).incurred);
    expect((await incomeStatement({ db: tdb.db }, w.schemeId, { from: '2025-01-01', to: '2025-12-31' })).claimsIncurred).toBe(
      (await claimsFacts(tdb.db, [w.schemeId], '2025-01-01', '2025-12-31')).incurred,
    );

    const batch = await createBatch(w.ctx, w.schemeId, { provider: 'CS-F', from: '2025-02-01', to: '2025-02-28' });
    await payBatch(w.ctx, w.schemeId, batch.id, { date: '2025-04-10', reference: 'VIR-1' });
    expect(await balance(A.bank)).toBe(-3750);
    // what is left payable is the March claim, adjudicated and not paid
    expect(await balance(A.claimsPayable)).toBe(-1125);
    await expectBalanced(tdb.db, w.schemeId);
  });

  it('expenses, other income and transfers to the reserves post against cash or the retained result; a correction posts the mirror', async () => {
    const e = await recordExpense(w.ctx, w.schemeId, { date: '2025-03-31', account: 'administration', amount: 25_000, label: 'Indemnités mars' });
    expect(await balance(A.administrativeExpenses)).toBe(25_000);
    await correctExpense(w.ctx, w.schemeId, e.id, 'recorded twice');
    expect(await balance(A.administrativeExpenses)).toBe(0);
    const [original, correction] = (await listEntries({ db: tdb.db }, w.schemeId, { account: A.administrativeExpenses })).items;
    expect(correction!.reversalOf).toBe(original!.id);
    await recordExpense(w.ctx, w.schemeId, { date: '2025-03-31', account: 'administration', amount: 8000, label: 'Impression des cartes' });
    await recordExpense(w.ctx, w.schemeId, { date: '2025-03-31', account: 'other_income', amount: 10_000, label: 'Don de la commune' });
    await recordExpense(w.ctx, w.schemeId, { date: '2025-03-31', account: 'reserve_transfer', amount: 3000, label: 'Dotation aux réserves' });
    expect(await balance(A.otherIncome)).toBe(-10_000);
    expect(await balance(A.reserves)).toBe(-3000);
    expect(await balance(A.retainedResult)).toBe(3000);
    // cash: 10,800 paid, -8,000 expense, +10,000 grant
    expect(await balance(A.cash)).toBe(10_800 - 8000 + 10_000);
    await expectBalanced(tdb.db, w.schemeId);
  });

  it('the balance sheet balances and the position sums it; the trial balance balances', async () => {
    const sheet = await balanceSheet({ db: tdb.db }, w.schemeId, '2025-12-31', 'fr');
    expect(sheet.balanced).toBe(true);
    expect(sheet.labels.balanceSheet).toBe('Bilan');
    const position = await ledgerPosition(tdb.db, [w.schemeId], '2025-12-31');
    expect(position).toEqual({
      cash: 10_800 - 8000 + 10_000 - 3750,
      claimsPayable: 1125,
      payables: 1125,
      equity: sheet.totalEquity,
      assets: sheet.totalAssets,
      liabilities: sheet.totalLiabilities,
    });
    expect(position.assets).toBe(position.liabilities + position.equity);
    // the result to date: fees 1,000 + grant 10,000 - claims 4,875 - expenses 8,000
    expect(sheet.resultToDate).toBe(1000 + 10_000 - 4875 - 8000);
    const tb = await trialBalance({ db: tdb.db }, w.schemeId, { from: '2025-02-01', to: '2025-12-31' });
    expect(tb.balanced).toBe(true);
    expect(tb.rows.find((r) => r.code === A.cash)).toMatchObject({ opening: 10_800, closing: 12_800 });
    const gl = await generalLedger({ db: tdb.db }, w.schemeId, { account: A.claimsPayable, from: '2025-01-01', to: '2025-12-31' });
    expect(gl.lines.map((l) => l.balance)).toEqual([1125, 4250, 3750, 4875, 1125]);
  });
});

describe('closing a month', () => {
  it('earns the contributions of the month, refuses manual entries dated in it and moves late automatic postings to the first open day', async () => {
    // contributions 3 x 5,400 = 16,200 for 2025 (365 days); by 31 January, 31 days: 1,375.89 -> 1,376
    const january = await closeMonth(w.ctx, w.schemeId, '2025-01');
    expect(january.earned).toBe(1376);
    expect(await balance(A.contributionIncome)).toBe(-1376);
    await expect(recordManualEntry(w.ctx, w.schemeId, { date: '2025-01-20', memo: 'Petty cash', lines: [{ account: A.bank, credit: 500 }, { account: A.cash, debit: 500 }] })).rejects.toMatchObject({
      code: 'ledger_period_closed',
    });
    await expect(closeMonth(w.ctx, w.schemeId, '2025-01')).rejects.toMatchObject({ code: 'ledger_month_closed' });
    await recordExpense(w.ctx, w.schemeId, { date: '2025-01-20', account: 'administration', amount: 700, label: 'Late invoice of January' });
    const late = (await listEntries({ db: tdb.db }, w.schemeId, { account: A.administrativeExpenses })).items.find((e) => e.memo === 'Late invoice of January');
    expect(late!.date).toBe('2025-02-01');
    // February: 16,200 x 59 / 365 = 2,618.63 -> 2,619 earned by its end, 1,243 of it in February
    expect((await closeMonth(w.ctx, w.schemeId, '2025-02')).earned).toBe(2619 - 1376);
    expect(await balance(A.unearnedContributions)).toBe(-(16_200 - 2619));
    await expectBalanced(tdb.db, w.schemeId);
  });

  it('a manual entry is recorded once per idempotency key, balanced, and cancelled by its reversal', async () => {
    await expect(recordManualEntry(w.ctx, w.schemeId, { date: '2025-03-02', memo: 'Unbalanced', lines: [{ account: A.bank, credit: 500 }, { account: A.cash, debit: 400 }] })).rejects.toMatchObject({
      code: 'validation_failed',
    });
    const input = { date: '2025-03-02', memo: 'Cash to bank', lines: [{ account: A.bank, debit: 2000 }, { account: A.cash, credit: 2000 }], idempotencyKey: 'dep-1' };
    const { entry } = await recordManualEntry(w.ctx, w.schemeId, input);
    expect((await recordManualEntry(w.ctx, w.schemeId, input)).replayed).toBe(true);
    await expect(recordManualEntry(w.ctx, w.schemeId, { ...input, memo: 'Another' })).rejects.toMatchObject({ code: 'ledger_idempotency_conflict' });
    const reversal = await reverseEntry(w.ctx, w.schemeId, entry.id, { reason: 'deposit bounced' });
    expect(reversal.lines).toEqual([
      { account: A.bank, debit: 0, credit: 2000 },
      { account: A.cash, debit: 2000, credit: 0 },
    ]);
    await expect(reverseEntry(w.ctx, w.schemeId, entry.id, { reason: 'again' })).rejects.toMatchObject({ code: 'ledger_entry_reversed' });
    const automatic = (await listEntries({ db: tdb.db }, w.schemeId, { account: A.claimsExpense })).items[0]!;
    await expect(reverseEntry(w.ctx, w.schemeId, automatic.id, { reason: 'no' })).rejects.toMatchObject({ code: 'ledger_entry_automatic' });
    await expectBalanced(tdb.db, w.schemeId);
  });

  it('the database refuses an entry that does not balance, and to edit or delete one', async () => {
    const id = '01900000-0000-7000-8000-000000000001';
    await sql`insert into journal_entry (id, scheme_id, number, date, kind, memo, source_kind, source_id, created_by, created_at)
              values (${id}, ${w.schemeId}, 999999, '2025-03-01', 'manual', 'x', 'test', 'x', 'test', now())`.execute(tdb.db);
    await expect(
      sql`insert into journal_line (entry_id, seq, scheme_id, account_code, debit, credit) values (${id}, 1, ${w.schemeId}, ${A.cash}, 10, 0), (${id}, 2, ${w.schemeId}, ${A.bank}, 0, 9)`.execute(tdb.db),
    ).rejects.toThrow(/does not balance/);
    await expect(sql`update journal_line set debit = debit + 1 where scheme_id = ${w.schemeId}`.execute(tdb.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from journal_entry where scheme_id = ${w.schemeId}`.execute(tdb.db)).rejects.toThrow(/append-only/);
  });
});

describe('group remittances and flat rates', () => {
  it('a group remittance posts once for the money received; reversing one household’s part posts its mirror', async () => {
    const { ctx, schemeId } = await newScheme(tdb.db);
    await newProduct(ctx, schemeId, [version]);
    await createGroup(ctx, schemeId, { code: 'GIE-1', name: 'GIE des femmes', kind: 'association' });
    for (const number of ['G0001', 'G0002']) {
      await newHousehold(ctx, schemeId, number);
      await enrolHousehold(ctx, schemeId, { household: number, product: 'BASE', start: '2025-01-01' });
    }
    const { remittance } = await recordRemittance(ctx, schemeId, { group: 'GIE-1', date: '2025-01-10', amount: 10_800, parts: [{ household: 'G0001', amount: 5400 }, { household: 'G0002', amount: 5400 }] });
    expect(await debitBalance(tdb.db, schemeId, A.bank)).toBe(10_800);
    expect(await debitBalance(tdb.db, schemeId, A.contributionsReceivable)).toBe(0);
    expect((await listEntries({ db: tdb.db }, schemeId)).items.filter((e) => e.kind === 'payment.received')).toHaveLength(1);
    await reversePayment(ctx, schemeId, remittance.payments[0]!.id, { date: '2025-01-12', reason: 'paid twice by the group' });
    expect(await debitBalance(tdb.db, schemeId, A.bank)).toBe(5400);
    expect(await debitBalance(tdb.db, schemeId, A.contributionsReceivable)).toBe(5400);
    await expectBalanced(tdb.db, schemeId);
  });

  it('a batch paying a flat rate clears the claims’ payable and books the difference as capitation and flat-rate payments', async () => {
    await createProvider(w.ctx, w.schemeId, { code: 'CS-FLAT', name: 'Centre forfaitaire', level: 'health_centre' });
    await addAgreement(w.ctx, w.schemeId, 'CS-FLAT', {
      from: '2025-01-01',
      to: '2025-12-31',
      paymentMethod: 'flat_rate',
      flatRateAmount: 1000,
      paymentDelayDays: 30,
      tariff: Object.entries(TARIFF).map(([service, price]) => ({ service, price })),
    });
    const input = { number: 'FLAT-1', provider: 'CS-FLAT', member: w.cards[3]!, from: '2025-05-06', to: '2025-05-06', submittedOn: '2025-05-06', guaranteeLetter: null, lines: [{ service: 'CONS', quantity: 1, unitPrice: 1500 }] };
    await submitClaim(w.ctx, w.schemeId, input, { source: 'api' }); // payable 1,125
    const payable = await balance(A.claimsPayable);
    const capitation = await balance(A.capitationExpense);
    const batch = await createBatch(w.ctx, w.schemeId, { provider: 'CS-FLAT', from: '2025-05-01', to: '2025-05-31' });
    expect(batch.total).toBe(1000);
    await payBatch(w.ctx, w.schemeId, batch.id, { date: '2025-06-10', reference: 'VIR-FLAT' });
    expect(await balance(A.claimsPayable)).toBe(payable + 1125);
    expect(await balance(A.capitationExpense)).toBe(capitation - 125);
    await expectBalanced(tdb.db, w.schemeId);
  });
});
