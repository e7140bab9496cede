import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../platform/errors.js';
import { calculatePremium, parsePricingInput, roundUpTo } from './pricing.rules.js';
import { specExample } from './testing.js';


const fieldsOf = (run: () => unknown): string[] => {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe('pricing_input_invalid');
    return (e as DomainError).details.map((d) => d.field);
  }
  throw new Error('expected the input to be refused');
};

describe('per category (steps 1-3)', () => {
  const result = calculatePremium(parsePricingInput(specExample()));
  const [consultation, hospitalization, delivery] = result.perCategory;

  it('raises the frequency by the utilization increase and applies the coverage rate', () => {
    // 1.2 x 1.2 = 1.44 cases; 2000 x 0.75 = 1500 per case; 1.44 x 1500 = 2160
    expect(consultation!.insuredFrequency).toBeCloseTo(1.44, 12);
    expect(consultation!.costPerCase).toBe(1500);
    expect(consultation!.purePremium).toBeCloseTo(2160, 9);
    expect(consultation!.costRule).toBe('rate');
  });

  it('caps the cost per case at the per-case ceiling', () => {
    // 60000 x 0.8 = 48000, capped at 40000; 0.04 x 40000 = 1600
    expect(hospitalization!.costBeforeCeiling).toBe(48000);
    expect(hospitalization!.costPerCase).toBe(40000);
    expect(hospitalization!.ceilingApplied).toBe(true);
    expect(hospitalization!.purePremium).toBeCloseTo(1600, 9);
  });

  it('takes a flat co-payment off the average cost, never below zero', () => {
    // 12000 - 2000 = 10000; 0.03 x 10000 = 300
    expect(delivery!.costPerCase).toBe(10000);
    expect(delivery!.costRule).toBe('copayment');
    expect(delivery!.purePremium).toBeCloseTo(300, 9);
    const free = calculatePremium(parsePricingInput({ ...specExample(), categories: [{ category: 'consultation', frequency: 1, averageCost: 500, copayment: 800 }] }));
    expect(free.perCategory[0]!.costPerCase).toBe(0);
  });

  it('uses a cost per case computed from the history as it is (the ceiling was applied case by case)', () => {
    const r = calculatePremium(
      parsePricingInput({ ...specExample(), categories: [{ category: 'hospitalization', frequency: 0.05, averageCost: 60000, coverageRate: 0.8, perCaseCeiling: 40000, costPerCase: 31000, cases: 12, source: 'history' }] }),
    );
    expect(r.perCategory[0]!.costPerCase).toBe(31000);
    expect(r.perCategory[0]!.costRule).toBe('history');
    expect(r.perCategory[0]!.warning).toBe('few_cases');
    expect(r.details.fewCases).toEqual(['hospitalization']);
  });
});

describe('premiums and contributions', () => {
  it('grosses up the pure premium and rounds the contributions up to roundTo', () => {
    const r = calculatePremium(parsePricingInput(specExample()));
    // pure 2160 + 1600 + 300 = 4060; loaded 4060 / (1 - 0.22) = 5205.128...
    expect(r.purePremium).toBeCloseTo(4060, 9);
    expect(r.loadedPremium).toBeCloseTo(5205.128205128, 6);
    expect(r.contributionPerPerson).toBe(5300);
    // 5205.128... x 6.2 = 32271.79 -> 32300 (from the unrounded loaded premium, not 5300 x 6.2 = 32860)
    expect(r.contributionPerHousehold).toBe(32300);
  });

  it('adds the loadings to the pure premium with the additive method', () => {
    const r = calculatePremium(parsePricingInput({ ...specExample(), loadingMethod: 'additive' }));
    // 4060 x 1.22 = 4953.2 -> 5000; x 6.2 = 30709.84 -> 30800
    expect(r.loadedPremium).toBeCloseTo(4953.2, 9);
    expect(r.contributionPerPerson).toBe(5000);
    expect(r.contributionPerHousehold).toBe(30800);
  });

  it('rounds up to the minor unit when no roundTo is given', () => {
    const { roundTo: _r, ...input } = { ...specExample(), loadingMethod: 'additive' as const };
    const r = calculatePremium(parsePricingInput(input));
    expect(r.contributionPerPerson).toBe(4954);
    expect(r.contributionPerHousehold).toBe(30710);
  });

  it('keeps an exact multiple of roundTo where it is, despite binary fractions', () => {
    // 700 x (1 + 0.1 + 0.2) is 910.0000000000001 in floating point: still 910
    const r = calculatePremium(
      parsePricingInput({ ...specExample(), categories: [{ category: 'drugs', frequency: 1, averageCost: 700 }], loadingMethod: 'additive', loadings: { administration: 0.1, reserve: 0.2 }, roundTo: 10 }),
    );
    expect(r.contributionPerPerson).toBe(910);
    expect(roundUpTo(910.0000001, 10)).toBe(920);
  });

  it('gives the break-even contribution: pure premium and running costs, no reserve or reinsurance loading', () => {
    const r = calculatePremium(parsePricingInput(specExample()));
    // 4060 / (1 - 0.15) = 4776.47 -> 4800
    expect(r.breakEven.premium).toBeCloseTo(4776.470588, 5);
    expect(r.breakEven.contributionPerPerson).toBe(4800);
    const additive = calculatePremium(parsePricingInput({ ...specExample(), loadingMethod: 'additive' }));
    expect(additive.breakEven.premium).toBeCloseTo(4669, 9); // 4060 x 1.15
  });
});

describe('sensitivity', () => {
  it('gives the contribution when frequency, cost or both move', () => {
    const r = calculatePremium(parsePricingInput(specExample()));
    const at = (change: number) => r.sensitivity.find((s) => Math.abs(s.change - change) < 1e-9)!;
    expect(r.sensitivity.map((s) => s.change)).toEqual([-0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.3]);
    expect(at(0)).toMatchObject({ frequency: 5300, cost: 5300, both: 5300 });
    // 4060 x 1.1 = 4466 / 0.78 = 5725.6 -> 5800; 4060 x 1.21 = 4912.6 / 0.78 = 6298.2 -> 6300
    expect(at(0.1)).toMatchObject({ frequency: 5800, cost: 5800, both: 6300 });
    // 4060 x 0.7 = 2842 / 0.78 = 3643.6 -> 3700; 4060 x 0.49 = 1989.4 / 0.78 = 2550.5 -> 2600
    expect(at(-0.3)).toMatchObject({ frequency: 3700, cost: 3700, both: 2600 });
  });
});

describe('projection', () => {
  it('projects members, contributions, claims, running costs and reserves year by year without repricing', () => {
    const r = calculatePremium(parsePricingInput(specExample()));
    expect(r.projection).toEqual(r.scenarios.noRepricing);
    const [y1, y2, y3] = r.projection;
    // running costs per person: 0.15 x 5205.128... = 780.769...
    expect(y1).toMatchObject({ year: 1, members: 5000, contributions: 26_500_000, claims: 20_300_000, runningCosts: 3_903_846, result: 2_296_154, reserve: 2_296_154 });
    expect(y1!.claimsRatio).toBeCloseTo(20_300_000 / 26_500_000, 12);
    expect(y1!.balancingContribution).toBeCloseTo(4840.769231, 5);
    // 5000 x 0.8 = 4000 renew, 1500 join: 5500; pure premium 4060 x 1.05 = 4263
    expect(y2).toMatchObject({ year: 2, members: 5500, renewingMembers: 4000, newMembers: 1500, contributions: 29_150_000, claims: 23_446_500, runningCosts: 4_294_231, result: 1_409_269, reserve: 3_705_423 });
    expect(y2!.balancingContribution).toBeCloseTo(5043.769231, 5);
    // 6050 members; 4060 x 1.05^2 = 4476.15; claims 27,080,707.5 -> 27,080,708; running 4,723,653.8 -> 4,723,654;
    // result 32,065,000 - 27,080,708 - 4,723,654 = 260,638
    expect(y3).toMatchObject({ year: 3, members: 6050, renewingMembers: 4400, newMembers: 1650, contributions: 32_065_000, claims: 27_080_708, runningCosts: 4_723_654, result: 260_638, reserve: 3_966_061 });
  });

  it('reprices from year 2 at the balancing contribution rounded up, when asked', () => {
    const input = specExample();
    input.projection!.reprice = true;
    const r = calculatePremium(parsePricingInput(input));
    expect(r.projection).toEqual(r.scenarios.repriced);
    const [y1, y2, y3] = r.projection;
    expect(y1!.contributionPerPerson).toBe(5300);
    // 5043.77 -> 5100 x 5500 = 28,050,000; result 28,050,000 - 23,446,500 - 4,294,231
    expect(y2).toMatchObject({ contributionPerPerson: 5100, contributions: 28_050_000, result: 309_269, reserve: 2_605_423 });
    // 4476.15 + 780.77 = 5256.92 -> 5300
    expect(y3).toMatchObject({ contributionPerPerson: 5300, contributions: 32_065_000, result: 260_638, reserve: 2_866_061 });
  });

  it('takes the running costs as the administration share of the pure premium with the additive method', () => {
    const r = calculatePremium(parsePricingInput({ ...specExample(), loadingMethod: 'additive' }));
    // 0.15 x 4060 = 609 per person; 5000 x 5000 - 5000 x 4060 - 5000 x 609 = 1,655,000
    expect(r.details.runningCostsPerPerson).toBeCloseTo(609, 9);
    expect(r.projection[0]).toMatchObject({ contributions: 25_000_000, claims: 20_300_000, runningCosts: 3_045_000, result: 1_655_000 });
    expect(r.projection[0]!.balancingContribution).toBeCloseTo(4669, 9);
  });

  it('starts from the starting reserve and gives year 1 alone when no projection is asked', () => {
    const { projection: _p, ...input } = specExample();
    const r = calculatePremium(parsePricingInput(input));
    expect(r.projection).toHaveLength(1);
    expect(r.projection[0]!.reserve).toBe(2_296_154);
    const withReserve = calculatePremium(parsePricingInput({ ...specExample(), projection: { years: 1, startingReserve: 1_000_000 } }));
    expect(withReserve.projection[0]!.reserve).toBe(3_296_154);
  });
});

describe('bad input', () => {
  it('names the JSON path of every bad field', () => {
    const input = specExample() as unknown as Record<string, unknown> & { categories: Record<string, unknown>[] };
    input.categories[1]!.coverageRate = 1.5;
    input.categories[0]!.freq = 2;
    delete input.persons;
    expect(fieldsOf(() => parsePricingInput(input)).sort()).toEqual(['categories[0].freq', 'categories[1].coverageRate', 'persons']);
  });

  it('refuses a wrong format, a text where a number is due, an unknown currency', () => {
    expect(fieldsOf(() => parsePricingInput({ ...specExample(), format: 'mutua.pricing/2' }))).toEqual(['format']);
    expect(fieldsOf(() => parsePricingInput({ ...specExample(), persons: '5000' }))).toEqual(['persons']);
    expect(fieldsOf(() => parsePricingInput({ ...specExample(), currency: 'ABC' }))).toEqual(['currency']);
    expect(fieldsOf(() => parsePricingInput([]))).toEqual(['(body)']);
  });

  it('refuses a rate and a co-payment together, a category twice, loadings of 100 % or more', () => {
    const input = specExample();
    input.categories[2]!.coverageRate = 0.5;
    input.categories.push({ category: 'consultation', frequency: 1, averageCost: 1 });
    input.loadings = { administration: 0.5, reserve: 0.3, reinsurance: 0.2 };
    expect(fieldsOf(() => parsePricingInput(input))).toEqual(['categories[2].copayment', 'categories[3].category', 'loadings']);
  });

  it('refuses more renewals than the growth allows', () => {
    expect(fieldsOf(() => parsePricingInput({ ...specExample(), projection: { years: 2, membershipGrowth: -0.2, renewalRate: 0.9 } }))).toEqual(['projection.renewalRate']);
  });
});

describe('properties', () => {
  const category = fc.record({
    category: fc.constantFrom('consultation', 'drugs', 'delivery', 'hospitalization', 'laboratory'),
    frequency: fc.double({ min: 0, max: 5, noNaN: true }),
    averageCost: fc.integer({ min: 0, max: 500_000 }),
    coverageRate: fc.double({ min: 0, max: 1, noNaN: true }),
    perCaseCeiling: fc.option(fc.integer({ min: 0, max: 200_000 }), { nil: undefined }),
  });
  const input = fc.record({
    categories: fc.uniqueArray(category, { minLength: 1, maxLength: 5, selector: (c) => c.category }),
    administration: fc.double({ min: 0, max: 0.3, noNaN: true }),
    reserve: fc.double({ min: 0, max: 0.3, noNaN: true }),
    roundTo: fc.constantFrom(1, 5, 25, 100, 500),
    loadingMethod: fc.constantFrom('gross_up' as const, 'additive' as const),
    averageHouseholdSize: fc.double({ min: 1, max: 12, noNaN: true }),
  });

  it('the contribution is the smallest multiple of roundTo not below the loaded premium, and grows with frequency and cost', () => {
    fc.assert(
      fc.property(input, (i) => {
        const categories = i.categories.map(({ perCaseCeiling, ...c }) => (perCaseCeiling === undefined ? c : { ...c, perCaseCeiling }));
        const r = calculatePremium(
          parsePricingInput({ ...specExample(), categories, loadings: { administration: i.administration, reserve: i.reserve }, roundTo: i.roundTo, loadingMethod: i.loadingMethod, averageHouseholdSize: i.averageHouseholdSize }),
        );
        const eps = 1e-6 * Math.max(1, r.loadedPremium);
        expect(r.contributionPerPerson % i.roundTo).toBe(0);
        expect(r.contributionPerPerson).toBeGreaterThanOrEqual(r.loadedPremium - eps);
        expect(r.contributionPerPerson).toBeLessThan(r.loadedPremium + i.roundTo + eps);
        expect(r.breakEven.contributionPerPerson).toBeLessThanOrEqual(r.contributionPerPerson);
        for (let k = 1; k < r.sensitivity.length; k++) {
          expect(r.sensitivity[k]!.both).toBeGreaterThanOrEqual(r.sensitivity[k - 1]!.both);
        }
        for (const c of r.perCategory) expect(c.costPerCase).toBeLessThanOrEqual(c.perCaseCeiling ?? Infinity);
      }),
    );
  });
});
