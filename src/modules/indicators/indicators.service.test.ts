import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import type { ServiceContext } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { payClaimsInFull, submitClaim } from '../claims/index.js';
import { claimsScheme } from '../claims/testing.js';
import { recordPayment, renewHousehold } from '../coverage/index.js';
import { recordExpense } from '../finance/index.js';
import { updateScheme } from '../organizations/index.js';
import { indicatorSeries, indicatorsReport, putThresholds, thresholdsOf, type IndicatorScope } from './index.js';

/*
 * The world (hand-computed below): scheme A from the claims factories — product BASE (12 months,
 * 3,600 an adult, 1,800 a child, joining fee 1,000, grace 30 days, no waiting period); households
 * H1 and H2 (Awa and Modou each) enrolled on 2025-01-01 for 2025-01-01..2025-12-31 (365 days) and
 * paid 6,400 (5,400 contribution + 1,000 fee) that day. A consultation at the tariff (1,500) pays
 * 75 %: 1,125.
 * - C-1: H1-01, care 2025-03-10, submitted 2025-03-12, paid 2025-04-15 (a later period).
 * - Renewals on 2026-01-01 (5,400 each): H1 pays on 2026-01-20 (within grace), H2 on 2026-02-15 (late).
 * - C-2: H2-01, care 2026-01-10 (H2 pending: every line rejected), submitted 2026-01-12.
 * - C-3: H1-02, care 2026-01-25, submitted 2026-01-26, two consultations: 2,250.
 * - Expenses: running costs 500 on 2025-03-15, other income 200 on 2025-03-20.
 */
let database: TestDatabase;
let ctx: ServiceContext;
let schemeId: string;
let code: string;
let scope: IndicatorScope;

const consultation = (number: string, member: string, from: string, submittedOn: string, quantity = 1) => ({
  number, provider: 'CS', member, from, to: from, submittedOn, lines: [{ service: 'CONS', quantity, unitPrice: 1500 }],
});

beforeAll(async () => {
  database = await createTestDatabase();
  ({ ctx, schemeId, code } = await claimsScheme(database.db, { households: 2 }));
  scope = { kind: 'scheme', code, schemeIds: [schemeId] };
  await submitClaim(ctx, schemeId, consultation('C-1', 'H1-01', '2025-03-10', '2025-03-12'));
  await payClaimsInFull(ctx, schemeId, { provider: 'CS', date: '2025-04-15', reference: 'VIR-001', claims: ['C-1'] });
  await recordExpense(ctx, schemeId, { date: '2025-03-15', account: 'administration', amount: 500, label: 'Fournitures' });
  await recordExpense(ctx, schemeId, { date: '2025-03-20', account: 'other_income', amount: 200, label: 'Don' });
  await renewHousehold(ctx, schemeId, { household: 'H1' });
  await renewHousehold(ctx, schemeId, { household: 'H2' });
  await recordPayment(ctx, schemeId, { household: 'H1', date: '2026-01-20', amount: 5400, method: 'cash' });
  await recordPayment(ctx, schemeId, { household: 'H2', date: '2026-02-15', amount: 5400, method: 'cash' });
  await submitClaim(ctx, schemeId, consultation('C-2', 'H2-01', '2026-01-10', '2026-01-12'));
  await submitClaim(ctx, schemeId, consultation('C-3', 'H1-02', '2026-01-25', '2026-01-26', 2));
});
afterAll(async () => database?.drop());

async function indicators(from: string, to: string, s: IndicatorScope = scope, locale: 'en' | 'fr' = 'en') {
  const report = await indicatorsReport(ctx, s, { from, to }, locale);
  return new Map(report.indicators.map((i) => [i.code, i]));
}

describe('indicators of a scheme (hand-computed)', () => {
  it('a month inside the coverage period: earned pro rata by days, claims, expenses, use', async () => {
    const got = await indicators('2025-03-01', '2025-03-31');
    expect(got.get('beneficiaries')).toMatchObject({ value: 4, numerator: 4, denominator: null });
    expect(got.get('households')!.value).toBe(4 / 2);
    expect(got.get('growth_rate')).toMatchObject({ value: 0, numerator: 0, denominator: 4 });
    // 2 x 5,400 x 31 / 365 = 917.26… → 917
    expect(got.get('earned_contributions')!.value).toBe(917);
    expect(got.get('incurred_claims')!.value).toBe(1125);
    expect(got.get('claims_ratio')).toMatchObject({ value: 1125 / 917, numerator: 1125, denominator: 917 });
    expect(got.get('claims_ratio')!.threshold.level).toBe('bad');
    expect(got.get('expense_ratio')).toMatchObject({ numerator: 500, denominator: 917 });
    // 917 + 0 fees + 200 other income - 1,125 - 500
    expect(got.get('net_income_ratio')).toMatchObject({ numerator: -508, denominator: 917 });
    // No due fell due, no period ended, the claim was paid in April.
    expect(got.get('collection_rate')!.value).toBeNull();
    expect(got.get('renewal_rate')!.value).toBeNull();
    expect(got.get('settlement_days')!.value).toBeNull();
    expect(got.get('rejection_rate')).toMatchObject({ value: 0, numerator: 0, denominator: 1 });
    // 4 beneficiaries x 31 days = 124 beneficiary-days; 1 case → 365 / 124 a year.
    expect(got.get('utilization_rate.consultation')).toMatchObject({ value: 365 / 124, numerator: 1, denominator: 124 / 365 });
    expect(got.get('average_cost.consultation')).toMatchObject({ value: 1125, numerator: 1125, denominator: 1 });
    expect(got.get('penetration_rate')!.value).toBeNull();
    // A year earlier nobody was covered.
    expect(got.get('beneficiaries')!.previousYear).toEqual({ value: 0, numerator: 0, denominator: null });
    expect(got.get('claims_ratio')!.previousYear.value).toBeNull();
  });

  it('claims paid in a later period count in the period of payment', async () => {
    const got = await indicators('2025-04-01', '2025-04-30');
    // 2025-04-15 - 2025-03-10 = 36 days from care; - 2025-03-12 = 34 days from submission.
    expect(got.get('settlement_days')).toMatchObject({ value: 36, numerator: 36, denominator: 1, extra: { upTo7: 0, upTo30: 0, upTo90: 1, over90: 0 } });
    expect(got.get('provider_payment_delay')).toMatchObject({ value: 34, numerator: 34, denominator: 1 });
    expect(got.get('incurred_claims')!.value).toBe(0);
  });

  it('the whole year: dues collected, fees apart, every period ending renewed on time or not', async () => {
    const got = await indicators('2025-01-01', '2025-12-31');
    expect(got.get('collection_rate')).toMatchObject({ value: 1, numerator: 12_800, denominator: 12_800 });
    expect(got.get('earned_contributions')!.value).toBe(10_800);
    // Both periods end on 2025-12-31; H1's renewal was activated on 2026-01-20 (grace ends 2026-01-31), H2's on 2026-02-15.
    expect(got.get('renewal_rate')).toMatchObject({ value: 0.5, numerator: 1, denominator: 2 });
    // 0.5 sits on the bad limit: strict limits leave it on the better side.
    expect(got.get('renewal_rate')!.threshold.level).toBe('watch');
    // 10,800 + 2,000 fees + 200 - 1,125 - 500
    expect(got.get('net_income_ratio')).toMatchObject({ numerator: 11_375, denominator: 10_800 });
    // Nobody was covered on 2024-12-31.
    expect(got.get('growth_rate')).toMatchObject({ value: null, numerator: 4, denominator: 0 });
    expect(got.get('beneficiaries')!.value).toBe(4);
  });

  it('a period across the renewal: earned from both periods pro rata, coverage only once activated', async () => {
    const got = await indicators('2025-12-01', '2026-01-31');
    // Dec: 2 x 5,400 x 31/365; Jan: H1's and H2's new periods are paid by 01-31 only for H1: 5,400 x 31/365.
    // (10,800 + 5,400) x 31 / 365 = 1,375.89… → 1,376
    expect(got.get('earned_contributions')!.value).toBe(1376);
    // H1 pending until its payment on 01-20: covered 01-20..01-31 (12 days); H2 pending all January.
    // 4 x 31 (December) + 2 x 12 = 148 beneficiary-days.
    expect(got.get('utilization_rate.consultation')).toMatchObject({ numerator: 1, denominator: 148 / 365 });
    expect(got.get('beneficiaries')!.value).toBe(2);
    expect(got.get('households')!.value).toBe(1);
    // C-2 (pending coverage) is rejected in full; C-3 is paid.
    expect(got.get('rejection_rate')).toMatchObject({ value: 0.5, numerator: 1, denominator: 2 });
    expect(got.get('incurred_claims')!.value).toBe(2250);
    // Dues of 2026-01-01 (2 x 5,400): only H1's paid by 01-31.
    expect(got.get('collection_rate')).toMatchObject({ value: 0.5, numerator: 5400, denominator: 10_800 });
    expect(got.get('collection_rate')!.threshold.level).toBe('bad');
    // 2025-12-01..2026-01-31 against 2024-12-01..2025-01-31.
    expect(got.get('beneficiaries')!.previousYear.value).toBe(4);
  });

  it('growth uses the day before the period; the later payment covers H2 from then on', async () => {
    const got = await indicators('2026-01-01', '2026-02-28');
    expect(got.get('growth_rate')).toMatchObject({ value: 0, numerator: 0, denominator: 4 });
    const january = await indicators('2026-01-01', '2026-01-31');
    expect(january.get('growth_rate')).toMatchObject({ value: -0.5, numerator: -2, denominator: 4 });
  });

  it('an empty period (nothing covered, nothing claimed) gives null ratios', async () => {
    const got = await indicators('2024-01-01', '2024-06-30');
    expect(got.get('beneficiaries')!.value).toBe(0);
    for (const c of ['growth_rate', 'renewal_rate', 'collection_rate', 'claims_ratio', 'expense_ratio', 'rejection_rate', 'settlement_days', 'utilization_rate.consultation', 'average_cost.consultation']) {
      expect(got.get(c)!.value, c).toBeNull();
      expect(got.get(c)!.threshold.level, c).toBeNull();
    }
    expect(got.get('claims_ratio')!.threshold.meaning).toBe('No claims ratio: no contribution was earned in the period.');
  });

  it('penetration needs the scheme’s target population', async () => {
    await updateScheme(ctx, code, { targetPopulation: 100 });
    const got = await indicators('2025-03-01', '2025-03-31');
    expect(got.get('penetration_rate')).toMatchObject({ value: 0.04, numerator: 4, denominator: 100 });
  });

  it('says what a value means in the request’s language', async () => {
    const en = await indicators('2025-01-01', '2025-12-31');
    expect(en.get('renewal_rate')!.threshold.meaning).toBe('50% of the coverage periods that ended in the period were renewed on time. To watch: below 70%.');
    const fr = await indicators('2025-01-01', '2025-12-31', scope, 'fr');
    expect(fr.get('collection_rate')!.threshold.meaning).toMatch(/^100\s%.*échues.*Dans les limites\.$/);
  });
});

describe('series, scopes and thresholds', () => {
  it('a monthly series gives each month’s value', async () => {
    const series = await indicatorSeries(ctx, scope, { from: '2025-03-01', to: '2025-05-31', code: 'incurred_claims' });
    expect(series.points.map((p) => [p.month, p.value])).toEqual([['2025-03', 1125], ['2025-04', 0], ['2025-05', 0]]);
    await expect(indicatorSeries(ctx, scope, { from: '2025-03-01', to: '2025-05-31', code: 'nonsense' })).rejects.toBeInstanceOf(DomainError);
  });

  it('a federation’s figures are the sums of its schemes’ numerators and denominators', async () => {
    const other = await claimsScheme(database.db, { households: 1 });
    await submitClaim(other.ctx, other.schemeId, consultation('X-1', 'H1-01', '2025-03-05', '2025-03-06', 4));
    const both = await indicators('2025-03-01', '2025-03-31', { kind: 'federation', code: 'FED', schemeIds: [schemeId, other.schemeId] });
    // Earned: 3 x 5,400 x 31 / 365 = 1,375.89… → 1,376 (summed, then rounded once).
    expect(both.get('earned_contributions')!.value).toBe(1376);
    expect(both.get('incurred_claims')!.value).toBe(1125 + 4500);
    expect(both.get('claims_ratio')).toMatchObject({ numerator: 5625, denominator: 1376 });
    expect(both.get('beneficiaries')!.value).toBe(6);
    expect(both.get('utilization_rate.consultation')).toMatchObject({ numerator: 2, denominator: (6 * 31) / 365 });
  });

  it('a scheme’s own thresholds change the colour; a bad order is refused and nothing is written', async () => {
    expect((await thresholdsOf(ctx, schemeId)).find((t) => t.code === 'claims_ratio')).toMatchObject({ watch: 0.6, bad: 0.75, custom: false });
    await expect(putThresholds(ctx, schemeId, { thresholds: [{ code: 'claims_ratio', watch: 0.9, bad: 0.8 }] })).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(putThresholds(ctx, schemeId, { thresholds: [{ code: 'beneficiaries', watch: 1, bad: 0 }] })).rejects.toMatchObject({ code: 'validation_failed' });
    await putThresholds(ctx, schemeId, { thresholds: [{ code: 'claims_ratio', watch: 1.2, bad: 1.5 }] });
    expect((await indicators('2025-03-01', '2025-03-31')).get('claims_ratio')!.threshold.level).toBe('watch');
    await putThresholds(ctx, schemeId, { thresholds: [], reset: ['claims_ratio'] });
    expect((await indicators('2025-03-01', '2025-03-31')).get('claims_ratio')!.threshold.level).toBe('bad');
  });

  it('ledger indicators come from the books’ position on the last day', async () => {
    const position = { cash: 2000, payables: 1000, claimsPayable: 800, equity: 3250, assets: 5000, liabilities: 4000 };
    const seen: string[] = [];
    const report = await indicatorsReport(ctx, scope, { from: '2025-03-01', to: '2025-03-31' }, 'en', {
      ledger: async (_db, ids, on) => {
        seen.push(`${ids.join()}@${on}`);
        return position;
      },
    });
    const got = new Map(report.indicators.map((i) => [i.code, i]));
    expect(seen).toEqual([`${schemeId}@2025-03-31`, `${schemeId}@2024-03-31`]);
    expect(got.get('liquidity_ratio')).toMatchObject({ value: 2, numerator: 2000, denominator: 1000 });
    // One month of 1,125 claims + 500 running costs = 1,625 a month; 3,250 of equity = 2 months.
    expect(got.get('reserve_months')).toMatchObject({ value: 2, numerator: 3250, denominator: 1625 });
    expect(got.get('reserve_months')!.threshold).toEqual({ level: 'bad', meaning: 'The reserves would pay 2 months of claims and running costs. Alert: below 3.' });
    expect(got.get('solvency_ratio')).toMatchObject({ value: 1.25, numerator: 5000, denominator: 4000 });
    // By default the position is the scheme's books (the finance module posts every payment and claim).
    const real = new Map((await indicatorsReport(ctx, scope, { from: '2025-03-01', to: '2025-03-31' }, 'en')).indicators.map((i) => [i.code, i]));
    expect(real.get('solvency_ratio')!.denominator).toBeGreaterThan(0);
  });

  it('a period ending before it starts is refused', async () => {
    await expect(indicatorsReport(ctx, scope, { from: '2025-03-31', to: '2025-03-01' }, 'en')).rejects.toMatchObject({ code: 'validation_failed' });
  });
});
