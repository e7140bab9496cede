import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import type { ServiceContext } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { addBeneficiary } from '../members/index.js';
import { replaceVersion } from '../products/index.js';
import { beneficiaryCoverage, enrolHousehold, householdAccount, recordPayment, renewHousehold, reversePayment } from './coverage.service.js';
import { exampleVersion, newHousehold, newProduct, newScheme } from './testing.js';

let tdb: TestDatabase;
let ctx: ServiceContext;
let schemeId: string;

beforeAll(async () => {
  tdb = await createTestDatabase();
  ({ ctx, schemeId } = await newScheme(tdb.db));
  await newProduct(ctx, schemeId);
  await newProduct(ctx, schemeId, [{ ...exampleVersion, instalments: 4, activation: 'first_instalment', waitingPeriodDays: 0, joiningFee: 0 }], 'QUARTERLY');
});

afterAll(async () => {
  await tdb.drop();
});

const status = async (card: string, date: string) => (await beneficiaryCoverage(ctx, schemeId, card, date)).view;

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return 'no error';
}

describe('enrolment, payment and status, end to end on the spec example', () => {
  it('enrolling the example household makes one due of 6,400 (two members and the joining fee)', async () => {
    await newHousehold(ctx, schemeId, 'H0001');
    const period = await enrolHousehold(ctx, schemeId, { household: 'H0001', product: 'BASE', start: '2025-01-01' });
    expect(period).toMatchObject({ start: '2025-01-01', end: '2025-12-31', activatedOn: null });
    expect(period.dues.map((d) => [d.dueDate, d.amount, d.contribution, d.fees])).toEqual([['2025-01-01', 6400, 5400, 1000]]);
    expect((await status('H0001-01', '2025-01-05')).status).toBe('pending');
  });

  it('after paying, Awa waits 90 days from joining: waiting on 2025-04-01, covered on 2025-04-02', async () => {
    await recordPayment(ctx, schemeId, { household: 'H0001', date: '2025-01-02', amount: 6400, method: 'cash', receipt: 'R-000001' });
    expect(await status('H0001-01', '2025-04-01')).toMatchObject({ status: 'waiting', waitingEnd: '2025-04-02' });
    const covered = await status('H0001-01', '2025-04-02');
    expect(covered).toMatchObject({ status: 'active', reason: 'COVERED', period: { product: 'BASE' } });
    // Awa may use the delivery benefit only after its own 270-day wait; Modou never (sex, age).
    expect(covered.benefits.find((b) => b.category === 'delivery')).toMatchObject({ available: false, waitingEnd: '2025-09-29' });
    expect((await status('H0001-01', '2025-09-29')).benefits.find((b) => b.category === 'delivery')!.available).toBe(true);
    expect((await status('H0001-02', '2025-09-29')).benefits.find((b) => b.category === 'delivery')!.available).toBe(false);
  });

  it('a status looked up in the past ignores later payments', async () => {
    await newHousehold(ctx, schemeId, 'H0006', '2025-01-01');
    await enrolHousehold(ctx, schemeId, { household: 'H0006', product: 'BASE', start: '2025-01-01' });
    await recordPayment(ctx, schemeId, { household: 'H0006', date: '2025-01-10', amount: 6400, method: 'cash' });
    expect((await status('H0006-01', '2025-01-09')).status).toBe('pending');
    expect((await status('H0006-01', '2025-01-10')).status).toBe('waiting');
    // Not yet a member the day before joining, paid or not.
    expect((await status('H0001-01', '2025-01-01')).reason).toBe('NOT_YET_JOINED');
  });

  it('a version in use is never edited: a change must be a new version', async () => {
    expect(await codeOf(replaceVersion(ctx, schemeId, 'BASE', '2025-01-01', { ...exampleVersion, joiningFee: 500 }))).toBe('version_in_use');
  });

  it('an overlapping enrolment is refused', async () => {
    expect(await codeOf(enrolHousehold(ctx, schemeId, { household: 'H0001', product: 'BASE', start: '2025-06-01' }))).toBe('period_overlap');
  });
});

describe('payments', () => {
  it('a retried payment with the same idempotency key is recorded once', async () => {
    await newHousehold(ctx, schemeId, 'H0002');
    await enrolHousehold(ctx, schemeId, { household: 'H0002', product: 'BASE', start: '2025-01-01' });
    const input = { household: 'H0002', date: '2025-01-03', amount: 3000, method: 'mobile_money' as const, idempotencyKey: 'device-1-000042' };
    const first = await recordPayment(ctx, schemeId, input);
    const again = await recordPayment(ctx, schemeId, input);
    expect(first.replayed).toBe(false);
    expect(again).toMatchObject({ replayed: true, payment: { id: first.payment.id } });
    const account = await householdAccount(ctx, schemeId, 'H0002');
    expect(account.payments).toHaveLength(1);
    expect(account.periods[0]!.dues[0]).toMatchObject({ amount: 6400, paid: 3000, paidOn: null });
  });

  it('the same idempotency key with a different payment is refused', async () => {
    expect(await codeOf(recordPayment(ctx, schemeId, { household: 'H0002', date: '2025-01-03', amount: 9999, method: 'cash', idempotencyKey: 'device-1-000042' }))).toBe('idempotency_conflict');
  });

  it('a receipt number is unique in the scheme, and a refused payment writes nothing', async () => {
    const before = (await householdAccount(ctx, schemeId, 'H0002')).payments.length;
    expect(await codeOf(recordPayment(ctx, schemeId, { household: 'H0002', date: '2025-01-04', amount: 100, method: 'cash', receipt: 'R-000001' }))).toBe('receipt_taken');
    expect((await householdAccount(ctx, schemeId, 'H0002')).payments).toHaveLength(before);
  });

  it('receipts are numbered in order when not given, skipping numbers already used', async () => {
    const { payment } = await recordPayment(ctx, schemeId, { household: 'H0002', date: '2025-01-05', amount: 3400, method: 'cash' });
    expect(payment.receipt).toMatch(/^R-\d{6}$/);
    expect(payment.receipt).not.toBe('R-000001');
  });

  it('an overpayment is held as credit and pays the renewal', async () => {
    await recordPayment(ctx, schemeId, { household: 'H0002', date: '2025-02-01', amount: 6000, method: 'cash' });
    let account = await householdAccount(ctx, schemeId, 'H0002');
    expect(account.credit).toBe(6000);
    const renewal = await renewHousehold(ctx, schemeId, { household: 'H0002' });
    expect(renewal).toMatchObject({ start: '2026-01-01', end: '2026-12-31', renewal: true });
    // No joining fee on a renewal: 3,600 + 1,800.
    expect(renewal.dues.map((d) => d.amount)).toEqual([5400]);
    account = await householdAccount(ctx, schemeId, 'H0002');
    expect(account.credit).toBe(600);
    expect(account.periods[1]).toMatchObject({ activatedOn: '2025-02-01' });
    // Paid in advance: coverage continues on the first day of the renewal.
    expect((await status('H0002-01', '2026-01-01')).status).toBe('active');
  });

  it('reversing a mistaken payment re-opens the dues it paid, from the reversal date on', async () => {
    await newHousehold(ctx, schemeId, 'H0003');
    await enrolHousehold(ctx, schemeId, { household: 'H0003', product: 'BASE', start: '2025-01-01' });
    const { payment } = await recordPayment(ctx, schemeId, { household: 'H0003', date: '2025-01-02', amount: 6400, method: 'cash' });
    const reversal = await reversePayment(ctx, schemeId, payment.id, { date: '2025-05-10', reason: 'entered twice by mistake' });
    expect(reversal).toMatchObject({ amount: -6400, reversalOf: payment.id });
    expect((await status('H0003-01', '2025-05-09')).status).toBe('active');
    expect((await status('H0003-01', '2025-05-10')).status).toBe('pending');
    const account = await householdAccount(ctx, schemeId, 'H0003');
    expect(account.periods[0]!.dues[0]).toMatchObject({ paid: 0, paidOn: null });
    expect(account.payments.find((p) => p.id === payment.id)!.reversedBy).toBe(reversal.id);
    expect(await codeOf(reversePayment(ctx, schemeId, payment.id, { date: '2025-05-11', reason: 'again' }))).toBe('payment_reversed');
    expect(await codeOf(reversePayment(ctx, schemeId, reversal.id, { date: '2025-05-11', reason: 'undo' }))).toBe('reversal_not_reversible');
  });
});

describe('instalments and late payment', () => {
  it('four instalments, first-instalment activation: covered once the first is paid, suspended after grace on a missed one', async () => {
    await newHousehold(ctx, schemeId, 'H0004', '2025-01-01');
    const period = await enrolHousehold(ctx, schemeId, { household: 'H0004', product: 'QUARTERLY', start: '2025-01-01' });
    expect(period.dues.map((d) => [d.dueDate, d.amount])).toEqual([
      ['2025-01-01', 1350],
      ['2025-04-01', 1350],
      ['2025-07-01', 1350],
      ['2025-10-01', 1350],
    ]);
    await recordPayment(ctx, schemeId, { household: 'H0004', date: '2025-01-01', amount: 1350, method: 'cash' });
    expect((await status('H0004-01', '2025-01-01')).status).toBe('active');
    expect((await status('H0004-01', '2025-05-01')).status).toBe('active');
    expect(await status('H0004-01', '2025-05-02')).toMatchObject({ status: 'suspended', overdue: [{ dueDate: '2025-04-01', unpaid: 1350 }] });
    await recordPayment(ctx, schemeId, { household: 'H0004', date: '2025-05-20', amount: 1350, method: 'cash' });
    expect((await status('H0004-01', '2025-05-20')).status).toBe('active');
  });
});

describe('members added during a period', () => {
  it('a child added mid-period owes their own contribution from the day they join, and waits from that day', async () => {
    await newHousehold(ctx, schemeId, 'H0005', '2025-01-01');
    await enrolHousehold(ctx, schemeId, { household: 'H0005', product: 'BASE', start: '2025-01-01' });
    await recordPayment(ctx, schemeId, { household: 'H0005', date: '2025-01-01', amount: 6400, method: 'cash' });
    await addBeneficiary(ctx, schemeId, 'H0005', { card: 'H0005-03', firstName: 'Fatou', lastName: 'Sarr', sex: 'F', birthDate: '2025-03-01', relationship: 'child', joinedOn: '2025-03-10' });
    const account = await householdAccount(ctx, schemeId, 'H0005');
    expect(account.periods[0]!.dues.find((d) => d.beneficiary === 'H0005-03')).toMatchObject({ dueDate: '2025-03-10', amount: 1800, paid: 0 });
    expect(await status('H0005-03', '2025-03-11')).toMatchObject({ status: 'waiting', waitingEnd: '2025-06-08' });
  });
});
