import { describe, expect, it } from 'vitest';
import {
  addScopeFacts,
  computeIndicators,
  defaultThresholds,
  emptyScopeFacts,
  ledgerIndicators,
  levelOf,
  monthlyWindows,
  monthsIn,
  previousYear,
  ratio,
  roundFractions,
  thresholdProblem,
  type ScopeFacts,
} from './indicators.rules.js';

const byCode = (facts: ScopeFacts) => new Map(computeIndicators(facts).map((i) => [i.code, i]));

describe('ratios and rounding', () => {
  it('a ratio over nothing is null, never 0 or infinity', () => {
    expect(ratio(5, 0)).toBeNull();
    expect(ratio(0, 0)).toBeNull();
    expect(ratio(3, 4)).toBe(0.75);
  });

  it('earned contributions are summed exactly, then rounded once, half up', () => {
    // 5,400 x 31/365 twice = 334,800 / 365 = 917.26… → 917
    expect(roundFractions(new Map([[365, 2n * 5400n * 31n]]))).toBe(917);
    // 1/2 + 0 → 0.5 → 1 (half up); 1/3 + 1/6 = 1/2 → 1, exactly, whatever floats would say
    expect(roundFractions(new Map([[2, 1n]]))).toBe(1);
    expect(roundFractions(new Map([[3, 1n], [6, 1n]]))).toBe(1);
    expect(roundFractions(new Map([[3, 1n]]))).toBe(0);
    expect(roundFractions(new Map())).toBe(0);
  });

  it('months in a period are whole calendar months plus the leftover days of the next', () => {
    expect(monthsIn('2025-01-01', '2025-03-31')).toBe(3);
    expect(monthsIn('2025-01-15', '2025-02-14')).toBe(1);
    expect(monthsIn('2025-01-01', '2025-01-10')).toBeCloseTo(10 / 31, 12);
    expect(monthsIn('2025-01-01', '2025-12-31')).toBe(12);
    expect(monthsIn('2025-02-01', '2025-02-14')).toBe(0.5);
  });

  it('a year earlier keeps the dates; monthly windows are clipped to the period', () => {
    expect(previousYear('2025-03-01', '2025-03-31')).toEqual({ from: '2024-03-01', to: '2024-03-31' });
    expect(previousYear('2024-02-29', '2024-02-29')).toEqual({ from: '2023-02-28', to: '2023-02-28' });
    expect(monthlyWindows('2025-01-15', '2025-03-10')).toEqual([
      { month: '2025-01', from: '2025-01-15', to: '2025-01-31' },
      { month: '2025-02', from: '2025-02-01', to: '2025-02-28' },
      { month: '2025-03', from: '2025-03-01', to: '2025-03-10' },
    ]);
  });
});

describe('indicators from facts (hand-computed)', () => {
  const facts = (): ScopeFacts => ({
    ...emptyScopeFacts('2025-01-01', '2025-03-31'),
    beneficiaries: 110, households: 40, beneficiariesBefore: 100, beneficiaryDays: 9125, periodsEnding: 10, periodsRenewed: 7,
    penetration: { covered: 110, target: 1000 }, duesAmount: 50_000, duesPaid: 40_000,
    earned: new Map([[365, 365n * 20_000n]]), feesPaid: 1000, incurred: 15_000,
    categories: new Map([['consultation', { cases: 50, payable: 10_000 }], ['hospitalization', { cases: 2, payable: 5000 }]]),
    adjudicated: 40, rejected: 4, paid: 4, settlementDays: 100, paymentDelayDays: 60, buckets: { upTo7: 1, upTo30: 1, upTo90: 2, over90: 0 },
    administration: 3000, otherIncome: 500,
  });

  it('every indicator of the spec, with its numerator and denominator', () => {
    const got = byCode(facts());
    expect(got.get('beneficiaries')).toEqual({ code: 'beneficiaries', value: 110, numerator: 110, denominator: null });
    expect(got.get('households')!.value).toBe(40);
    expect(got.get('growth_rate')).toMatchObject({ value: 0.1, numerator: 10, denominator: 100 });
    expect(got.get('renewal_rate')).toMatchObject({ value: 0.7, numerator: 7, denominator: 10 });
    expect(got.get('penetration_rate')).toMatchObject({ value: 0.11, numerator: 110, denominator: 1000 });
    expect(got.get('collection_rate')).toMatchObject({ value: 0.8, numerator: 40_000, denominator: 50_000 });
    expect(got.get('earned_contributions')!.value).toBe(20_000);
    expect(got.get('incurred_claims')!.value).toBe(15_000);
    expect(got.get('claims_ratio')).toMatchObject({ value: 0.75, numerator: 15_000, denominator: 20_000 });
    expect(got.get('expense_ratio')).toMatchObject({ value: 0.15, numerator: 3000, denominator: 20_000 });
    // (20,000 + 1,000 fees + 500 other income - 15,000 - 3,000) / 20,000
    expect(got.get('net_income_ratio')).toMatchObject({ value: 0.175, numerator: 3500, denominator: 20_000 });
    expect(got.get('rejection_rate')).toMatchObject({ value: 0.1, numerator: 4, denominator: 40 });
    expect(got.get('settlement_days')).toEqual({ code: 'settlement_days', value: 25, numerator: 100, denominator: 4, extra: { upTo7: 1, upTo30: 1, upTo90: 2, over90: 0 } });
    expect(got.get('provider_payment_delay')).toMatchObject({ value: 15, numerator: 60, denominator: 4 });
    // 9,125 beneficiary-days = 25 beneficiary-years: 50 consultations / 25 = 2 a year.
    expect(got.get('utilization_rate.consultation')).toMatchObject({ value: 2, numerator: 50, denominator: 25 });
    expect(got.get('utilization_rate.surgery')).toMatchObject({ value: 0, numerator: 0 });
    expect(got.get('average_cost.consultation')).toMatchObject({ value: 200, numerator: 10_000, denominator: 50 });
    expect(got.get('average_cost.hospitalization')!.value).toBe(2500);
    expect(got.get('average_cost.surgery')).toMatchObject({ value: null, numerator: 0, denominator: 0 });
    expect(got.get('liquidity_ratio')!.value).toBeNull();
  });

  it('an empty period gives counts of 0 and null ratios', () => {
    const got = byCode(emptyScopeFacts('2025-01-01', '2025-01-31'));
    expect(got.get('beneficiaries')!.value).toBe(0);
    expect(got.get('earned_contributions')!.value).toBe(0);
    for (const code of ['growth_rate', 'renewal_rate', 'penetration_rate', 'collection_rate', 'claims_ratio', 'expense_ratio', 'net_income_ratio', 'rejection_rate', 'settlement_days',
      'provider_payment_delay', 'utilization_rate.consultation', 'average_cost.consultation', 'liquidity_ratio', 'reserve_months', 'solvency_ratio']) {
      expect(got.get(code)!.value, code).toBeNull();
    }
  });

  it('a federation sums numerators and denominators, never averages the ratios', () => {
    const a = { ...emptyScopeFacts('2025-01-01', '2025-12-31'), duesAmount: 1000, duesPaid: 1000, incurred: 100, earned: new Map([[365, 365n * 1000n]]) };
    const b = { ...emptyScopeFacts('2025-01-01', '2025-12-31'), duesAmount: 9000, duesPaid: 0, incurred: 900, earned: new Map([[366, 366n * 500n]]), penetration: { covered: 5, target: 50 } };
    const total = byCode(addScopeFacts(addScopeFacts(emptyScopeFacts('2025-01-01', '2025-12-31'), a), b));
    expect(total.get('collection_rate')).toMatchObject({ value: 0.1, numerator: 1000, denominator: 10_000 }); // not (1 + 0) / 2
    expect(total.get('claims_ratio')).toMatchObject({ value: 1000 / 1500, numerator: 1000, denominator: 1500 });
    // Only the scheme with a target population counts for penetration.
    expect(total.get('penetration_rate')).toMatchObject({ value: 0.1, numerator: 5, denominator: 50 });
  });
});

describe('ledger-based indicators from a position', () => {
  it('liquidity, reserve months and solvency (hand-made position)', () => {
    const position = { cash: 300_000, payables: 150_000, claimsPayable: 100_000, equity: 240_000, assets: 400_000, liabilities: 160_000 };
    // 3 months with 210,000 of claims and 30,000 of running costs: 80,000 a month.
    const [liquidity, reserve, solvency] = ledgerIndicators(position, 210_000, 30_000, 3);
    expect(liquidity).toMatchObject({ code: 'liquidity_ratio', value: 2, numerator: 300_000, denominator: 150_000 });
    expect(reserve).toMatchObject({ code: 'reserve_months', value: 3, numerator: 240_000, denominator: 80_000 });
    expect(solvency).toMatchObject({ code: 'solvency_ratio', value: 2.5, numerator: 400_000, denominator: 160_000 });
  });

  it('without expenses or liabilities the ratios are null', () => {
    const position = { cash: 0, payables: 0, claimsPayable: 0, equity: 10, assets: 10, liabilities: 0 };
    expect(ledgerIndicators(position, 0, 0, 3).map((i) => i.value)).toEqual([null, null, null]);
    expect(ledgerIndicators(null, 100, 0, 3).map((i) => i.value)).toEqual([null, null, null]);
  });
});

describe('thresholds', () => {
  it('claims ratio: above 0.75 is bad, above 0.6 to watch, a value on a limit is on the better side', () => {
    const t = defaultThresholds.claims_ratio;
    expect(levelOf(0.8, t)).toBe('bad');
    expect(levelOf(0.75, t)).toBe('watch');
    expect(levelOf(0.7, t)).toBe('watch');
    expect(levelOf(0.6, t)).toBe('good');
    expect(levelOf(null, t)).toBeNull();
  });

  it('reserve months below 3 are bad; collection below 0.6 bad, below 0.8 to watch', () => {
    expect(levelOf(2.9, defaultThresholds.reserve_months)).toBe('bad');
    expect(levelOf(3, defaultThresholds.reserve_months)).toBe('watch');
    expect(levelOf(0.5, defaultThresholds.collection_rate)).toBe('bad');
    expect(levelOf(0.7, defaultThresholds.collection_rate)).toBe('watch');
    expect(levelOf(0.9, defaultThresholds.collection_rate)).toBe('good');
    expect(levelOf(0.9, undefined)).toBeNull();
  });

  it('a limit left empty is not checked; watch must stay on the better side of bad', () => {
    expect(levelOf(0.1, { direction: 'below', watch: null, bad: 0.05 })).toBe('good');
    expect(levelOf(0.01, { direction: 'below', watch: null, bad: 0.05 })).toBe('bad');
    expect(thresholdProblem({ direction: 'above', watch: 0.8, bad: 0.75 })).toBe('watch');
    expect(thresholdProblem({ direction: 'below', watch: 0.5, bad: 0.6 })).toBe('watch');
    expect(thresholdProblem({ direction: 'below', watch: 0.8, bad: 0.6 })).toBeUndefined();
  });
});
