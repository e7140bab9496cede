import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import { submitClaim } from '../claims/index.js';
import { claimsScheme, claimsVersion } from '../claims/testing.js';
import { enrolHousehold, recordPayment } from '../coverage/index.js';
import { newHousehold } from '../coverage/testing.js';
import type { VersionDefinition } from '../products/index.js';
import { caseCostToScheme, pricingHistory } from './pricing.history.js';
import { calculatePremium, parsePricingInput } from './pricing.rules.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.drop());

/** Consultations at 75 %, deliveries in full up to 15 000 a case, drugs less 100 a line up to 500 a case. */
const version: VersionDefinition = {
  ...claimsVersion,
  benefits: [
    { category: 'consultation', coverageRate: 0.75, maxUsesPerPeriod: 6 },
    { category: 'delivery', coverageRate: 1, perCaseCeiling: 15_000 },
    { category: 'drugs', copayment: 100, perCaseCeiling: 500 },
  ],
};

const claim = (number: string, member: string, from: string, lines: { service: string; quantity: number; unitPrice: number }[], provider = 'CS') => ({
  number,
  provider,
  member,
  from,
  to: from,
  submittedOn: from,
  lines,
});

describe('pricing inputs from the scheme’s own history', () => {
  it('counts cases per beneficiary-year and costs each case with the product’s rules, as a hand count does', async () => {
    // H1 and H2 (2 members each) covered all year from 2025-01-01; H3 (2 members) enrolled on
    // 2025-04-01 but paid only on 2025-04-10: covered from then.
    const { ctx, schemeId, code } = await claimsScheme(database.db, { version });
    await newHousehold(ctx, schemeId, 'H3', '2025-04-01');
    await enrolHousehold(ctx, schemeId, { household: 'H3', product: 'BASE', start: '2025-04-01' });
    await recordPayment(ctx, schemeId, { household: 'H3', date: '2025-04-10', amount: 6400, method: 'cash' });

    const cons = (quantity = 1, unitPrice = 1500) => ({ service: 'CONS', quantity, unitPrice });
    // A: a consultation asked 2000 (tariff 1500) and 4 tablets of 200: a consultation case and a drugs case
    await submitClaim(ctx, schemeId, claim('A', 'H1-01', '2025-02-03', [cons(1, 2000), { service: 'PARA', quantity: 4, unitPrice: 200 }]));
    // B: a consultation, and a service not in the catalogue (rejected: not a case)
    await submitClaim(ctx, schemeId, claim('B', 'H1-02', '2025-03-05', [cons(), { service: 'XRAY', quantity: 1, unitPrice: 5000 }]));
    // C: a consultation and a delivery (12 000 at the tariff)
    await submitClaim(ctx, schemeId, claim('C', 'H2-01', '2025-05-03', [cons(), { service: 'ACC', quantity: 1, unitPrice: 12_000 }]));
    // D: a delivery of 2 x 20 000 asked, allowed 2 x 12 000 = 24 000, paid up to the 15 000 ceiling
    await submitClaim(ctx, schemeId, claim('D', 'H2-01', '2025-06-10', [{ service: 'ACC', quantity: 2, unitPrice: 20_000 }], 'HOP'));
    // E: H3 before their payment (not covered: no case); F: after the period
    await submitClaim(ctx, schemeId, claim('E', 'H3-01', '2025-04-05', [cons()]));
    await submitClaim(ctx, schemeId, claim('F', 'H1-01', '2025-07-15', [cons()]));

    const history = await pricingHistory(ctx, { id: schemeId, code, currency: 'XOF' }, { from: '2025-01-01', to: '2025-06-30', product: 'BASE' });

    // 4 members x 181 days (January to June) + 2 members x 82 days (10 April to 30 June) = 888 days
    const years = 888 / 365;
    expect(history.beneficiaryYears).toBeCloseTo(years, 12);
    expect([history.coveredBeneficiaries, history.coveredHouseholds]).toEqual([6, 3]);
    const by = Object.fromEntries(history.categories.map((c) => [c.category, c]));
    // consultations: A, B, C; asked 2000 + 1500 + 1500, allowed 1500 each, 75 % = 1125 each
    expect(by.consultation).toMatchObject({ cases: 3, averageAllowed: 1500, costPerCase: 1125, warning: 'few_cases' });
    expect(by.consultation!.averageAsked).toBeCloseTo(5000 / 3, 9);
    expect(by.consultation!.frequency).toBeCloseTo(3 / years, 12);
    // drugs: A only; 800 - 100 co-payment = 700, capped at 500
    expect(by.drugs).toMatchObject({ cases: 1, averageAsked: 800, averageAllowed: 800, costPerCase: 500, copayment: 100, coverageRate: null });
    // deliveries: C (12 000) and D (24 000 allowed, capped at 15 000): (12 000 + 15 000) / 2 = 13 500,
    // where the ceiling applied to the average allowed (18 000) would say 15 000
    expect(by.delivery).toMatchObject({ cases: 2, averageAsked: 26_000, averageAllowed: 18_000, costPerCase: 13_500, perCaseCeiling: 15_000 });
    expect(by.delivery!.frequency).toBeCloseTo(2 / years, 12);

    // The prepared input prices with the case-by-case costs.
    const input = parsePricingInput(history.input);
    expect([input.persons, input.averageHouseholdSize, input.currency]).toEqual([6, 2, 'XOF']);
    const result = calculatePremium(input);
    const delivery = result.perCategory.find((c) => c.category === 'delivery')!;
    expect([delivery.costPerCase, delivery.costRule, delivery.source, delivery.cases]).toEqual([13_500, 'history', 'history', 2]);
    // pure premium = (3 x 1125 + 1 x 500 + 2 x 13 500) / (888 / 365)
    expect(result.purePremium).toBeCloseTo((3 * 1125 + 500 + 2 * 13_500) / years, 9);
  });

  it('refuses a period that ends before it starts, and an unknown product', async () => {
    const { ctx, schemeId, code } = await claimsScheme(database.db, { households: 1 });
    const scheme = { id: schemeId, code, currency: 'XOF' };
    await expect(pricingHistory(ctx, scheme, { from: '2025-06-30', to: '2025-01-01', product: 'BASE' })).rejects.toMatchObject({ code: 'pricing_period_invalid' });
    await expect(pricingHistory(ctx, scheme, { from: '2025-01-01', to: '2025-06-30', product: 'NOPE' })).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('cost of a case to the scheme', () => {
  it('applies the rate line by line, rounded half up, then the per-case ceiling', () => {
    expect(caseCostToScheme([{ asked: 0, allowed: 1001 }, { asked: 0, allowed: 1001 }], { category: 'drugs', coverageRate: 0.75 })).toBe(1502); // 750.75 -> 751, twice
    expect(caseCostToScheme([{ asked: 0, allowed: 60_000 }], { category: 'hospitalization', coverageRate: 0.8, perCaseCeiling: 40_000 })).toBe(40_000);
    expect(caseCostToScheme([{ asked: 0, allowed: 50 }], { category: 'drugs', copayment: 100 })).toBe(0);
  });
});
