import { describe, expect, it } from 'vitest';
import { baseVersion, claim, testWorld, type WorldSpec } from './adjudication.fixtures.js';
import { adjudicateAll, adjudicateClaim, Consumption, type ClaimInput, type ClaimResult, type LetterFacts } from './adjudication.rules.js';

const decide = (c: ClaimInput, spec?: WorldSpec) => adjudicateClaim(c, testWorld(spec), new Consumption());
const line = (r: ClaimResult, i = 0) => {
  const l = r.lines[i]!;
  return { decision: l.decision, reasons: l.reasons, asked: l.asked, allowed: l.allowed, payable: l.payable, memberShare: l.memberShare };
};
const reasons = (r: ClaimResult) => r.lines.map((l) => l.reasons.join(','));

describe('claim checks (fail every line)', () => {
  it('1 INVALID_DATES: to before from, or submitted before to; same days are valid', () => {
    expect(reasons(decide(claim({ from: '2025-05-03', to: '2025-05-02', submittedOn: '2025-05-10' })))).toEqual(['INVALID_DATES']);
    expect(reasons(decide(claim({ from: '2025-05-03', to: '2025-05-05', submittedOn: '2025-05-04' })))).toEqual(['INVALID_DATES']);
    expect(line(decide(claim({ from: '2025-05-03', to: '2025-05-03', submittedOn: '2025-05-03' }))).decision).toBe('approved');
  });

  it('rejects every line of the claim, each paying 0 and allowing nothing', () => {
    const r = decide(claim({ to: '2025-05-01', lines: [{ service: 'CONS' }, { service: 'PARA', quantity: 3 }] }));
    expect(r.lines.map((l) => [l.decision, l.reasons, l.asked, l.allowed, l.payable, l.memberShare])).toEqual([
      ['rejected', ['INVALID_DATES'], 1500, 0, 0, 0],
      ['rejected', ['INVALID_DATES'], 600, 0, 0, 0],
    ]);
    expect([r.asked, r.payable]).toEqual([2100, 0]);
  });

  it('2 PROVIDER_UNKNOWN, 3 MEMBER_UNKNOWN', () => {
    expect(reasons(decide(claim({ provider: 'NOWHERE' })))).toEqual(['PROVIDER_UNKNOWN']);
    expect(reasons(decide(claim({ card: 'H9-99' })))).toEqual(['MEMBER_UNKNOWN']);
  });

  it('4 NO_AGREEMENT: the day before the agreement and the day after it; its first and last days are fine', () => {
    const spec: WorldSpec = { agreements: [{ providerId: 'p-cs', from: '2025-02-01', to: '2025-06-30', prices: { CONS: 1500 } }] };
    expect(reasons(decide(claim({ from: '2025-01-31', submittedOn: '2025-02-05' }), spec))).toEqual(['NO_AGREEMENT']);
    expect(reasons(decide(claim({ from: '2025-02-01', submittedOn: '2025-02-05' }), spec))).toEqual(['']);
    expect(reasons(decide(claim({ from: '2025-06-30', submittedOn: '2025-07-05' }), spec))).toEqual(['']);
    expect(reasons(decide(claim({ from: '2025-07-01', submittedOn: '2025-07-05' }), spec))).toEqual(['NO_AGREEMENT']);
  });

  it('5 NO_COVERAGE: before the period, after it, and for a member who joined after the date of care', () => {
    expect(reasons(decide(claim({ from: '2024-12-31', submittedOn: '2025-01-05' }), { agreements: [{ providerId: 'p-cs', from: '2024-01-01', to: null, prices: { CONS: 1500 } }] }))).toEqual(['NO_COVERAGE']);
    expect(reasons(decide(claim({ from: '2026-01-01', submittedOn: '2026-01-05' }), { agreements: [{ providerId: 'p-cs', from: '2024-01-01', to: null, prices: { CONS: 1500 } }] }))).toEqual(['NO_COVERAGE']);
    const late = { members: [{ card: 'H1-03', beneficiaryId: 'b-new', householdId: 'h1', joinedOn: '2025-05-04' }] };
    expect(reasons(decide(claim({ card: 'H1-03', from: '2025-05-03' }), late))).toEqual(['NO_COVERAGE']);
  });

  it('5 COVERAGE_PENDING until the payment that activates the period, then covered from that day', () => {
    const spec: WorldSpec = {
      households: [
        {
          id: 'h1',
          periods: [{ id: 'per-h1', start: '2025-01-01', end: '2025-12-31' }],
          dues: [{ id: 'd1', periodId: 'per-h1', seq: 0, dueDate: '2025-01-01', amount: 10_000, original: true }],
          payments: [{ id: 'pay1', date: '2025-05-03', amount: 10_000, reversedOn: null, order: 0 }],
        },
      ],
    };
    expect(reasons(decide(claim({ from: '2025-05-02' }), spec))).toEqual(['COVERAGE_PENDING']);
    expect(reasons(decide(claim({ from: '2025-05-03' }), spec))).toEqual(['']);
  });

  it('5 COVERAGE_SUSPENDED the day after grace ends on an unpaid instalment, not on its last day of grace', () => {
    const version = { ...baseVersion(), instalments: 2, activation: 'first_instalment' as const };
    const spec: WorldSpec = {
      households: [
        {
          id: 'h1',
          periods: [{ id: 'per-h1', start: '2025-01-01', end: '2025-12-31', version }],
          dues: [
            { id: 'd1', periodId: 'per-h1', seq: 0, dueDate: '2025-01-01', amount: 5_000, original: true },
            { id: 'd2', periodId: 'per-h1', seq: 1, dueDate: '2025-07-01', amount: 5_000, original: true },
          ],
          payments: [{ id: 'pay1', date: '2025-01-01', amount: 5_000, reversedOn: null, order: 0 }],
        },
      ],
    };
    // due 2025-07-01 + 30 days of grace = 2025-07-31
    expect(reasons(decide(claim({ from: '2025-07-31', submittedOn: '2025-08-02' }), spec))).toEqual(['']);
    expect(reasons(decide(claim({ from: '2025-08-01', submittedOn: '2025-08-02' }), spec))).toEqual(['COVERAGE_SUSPENDED']);
  });

  it('6 LATE_SUBMISSION: on the deadline is in time, the day after is late; no deadline means never late', () => {
    expect(reasons(decide(claim({ from: '2025-05-03', to: '2025-05-05', submittedOn: '2025-08-03' })))).toEqual(['']);
    expect(reasons(decide(claim({ from: '2025-05-03', to: '2025-05-05', submittedOn: '2025-08-04' })))).toEqual(['LATE_SUBMISSION']);
    const open = { households: [{ id: 'h1', periods: [{ id: 'per-h1', start: '2025-01-01', end: '2025-12-31', version: { ...baseVersion(), claimDeadlineDays: null } }] }] };
    expect(reasons(decide(claim({ from: '2025-05-03', submittedOn: '2027-05-03' }), open))).toEqual(['']);
  });

  it('checks run in order: the first failing one is the only reason', () => {
    // invalid dates and an unknown provider: dates first
    expect(reasons(decide(claim({ provider: 'NOWHERE', to: '2025-05-01' })))).toEqual(['INVALID_DATES']);
    // unknown member and no agreement: member first
    expect(reasons(decide(claim({ card: 'X', from: '2026-03-01', submittedOn: '2026-03-02' })))).toEqual(['MEMBER_UNKNOWN']);
  });
});

describe('line checks', () => {
  it('7 SERVICE_UNKNOWN, 8 NOT_IN_TARIFF, 9 NOT_COVERED (no benefit, or an excluded service): only that line fails', () => {
    const r = decide(
      claim({ lines: [{ service: 'XRAY' }, { service: 'CONS' }, { service: 'DENT' }, { service: 'COSMETIC' }] }),
      { agreements: [{ providerId: 'p-cs', from: '2025-01-01', to: null, prices: { CONS: 1500, DENT: 2000, COSMETIC: 1 } }], services: [{ code: 'CONS', category: 'consultation' }, { code: 'DENT', category: 'dental' }, { code: 'COSMETIC', category: 'consultation' }] },
    );
    expect(reasons(r)).toEqual(['SERVICE_UNKNOWN', '', 'NOT_COVERED', 'NOT_COVERED']);
    const t = decide(claim({ lines: [{ service: 'PARA' }] }), { agreements: [{ providerId: 'p-cs', from: '2025-01-01', to: null, prices: { CONS: 1500 } }] });
    expect(reasons(t)).toEqual(['NOT_IN_TARIFF']);
  });

  it('10 WAITING_PERIOD: the general waiting period ends on start + days (the day before is refused)', () => {
    const spec: WorldSpec = { households: [{ id: 'h1', periods: [{ id: 'per-h1', start: '2025-01-01', end: '2025-12-31', version: { ...baseVersion(), waitingPeriodDays: 90 } }] }] };
    expect(reasons(decide(claim({ from: '2025-03-31', submittedOn: '2025-04-01' }), spec))).toEqual(['WAITING_PERIOD']);
    expect(reasons(decide(claim({ from: '2025-04-01', submittedOn: '2025-04-01' }), spec))).toEqual(['']);
  });

  it("10 WAITING_PERIOD: a benefit's own waiting period counts from the start of continuous coverage", () => {
    // delivery: 270 days from 2025-01-01 ends on 2025-09-28
    expect(reasons(decide(claim({ from: '2025-09-27', submittedOn: '2025-09-30', lines: [{ service: 'ACC' }] })))).toEqual(['WAITING_PERIOD']);
    expect(line(decide(claim({ from: '2025-09-28', submittedOn: '2025-09-30', lines: [{ service: 'ACC' }] })))).toEqual({ decision: 'approved', reasons: [], asked: 12_000, allowed: 12_000, payable: 12_000, memberShare: 0 });
  });

  it('11 PROVIDER_LEVEL: hospitalization only at a hospital', () => {
    const letters = [{ number: 'GL1', beneficiaryId: 'b-awa', providerCode: null, category: 'hospitalization', validFrom: '2025-05-01', validTo: '2025-05-31', approved: true, usedBy: null }];
    expect(reasons(decide(claim({ provider: 'CS', guaranteeLetter: 'GL1', lines: [{ service: 'HOSP' }] }), { letters }))).toEqual(['PROVIDER_LEVEL']);
    expect(reasons(decide(claim({ provider: 'HOP', guaranteeLetter: 'GL1', lines: [{ service: 'HOSP' }] }), { letters }))).toEqual(['']);
  });

  it('12 PATIENT_RESTRICTION: sex, and age in whole years on the date of care (the eve of a birthday is still the younger age)', () => {
    const after = { from: '2025-10-01', submittedOn: '2025-10-02', lines: [{ service: 'ACC' }] };
    expect(reasons(decide(claim({ ...after, card: 'H1-02' })))).toEqual(['PATIENT_RESTRICTION']);
    const girl = (birthDate: string) => ({ members: [{ card: 'H1-05', beneficiaryId: 'b-girl', householdId: 'h1', sex: 'F' as const, birthDate, joinedOn: '2025-01-01' }] });
    expect(reasons(decide(claim({ ...after, card: 'H1-05' }), girl('2013-10-02')))).toEqual(['PATIENT_RESTRICTION']);
    expect(reasons(decide(claim({ ...after, card: 'H1-05' }), girl('2013-10-01')))).toEqual(['']);
    // no birth date and no estimated year: an age limit cannot be passed
    expect(reasons(decide(claim({ ...after, card: 'H1-05' }), { members: [{ card: 'H1-05', beneficiaryId: 'b-girl', householdId: 'h1', sex: 'F', joinedOn: '2025-01-01' }] }))).toEqual(['PATIENT_RESTRICTION']);
  });

  it('12 PATIENT_RESTRICTION: maxAge is inclusive', () => {
    const version = { ...baseVersion(), benefits: [{ category: 'consultation' as const, coverageRate: 1, maxAge: 5 }] };
    const spec = (birthDate: string): WorldSpec => ({
      members: [{ card: 'K', beneficiaryId: 'b-k', householdId: 'h1', sex: 'M', birthDate, joinedOn: '2025-01-01' }],
      households: [{ id: 'h1', periods: [{ id: 'per-h1', start: '2025-01-01', end: '2025-12-31', version }] }],
    });
    expect(reasons(decide(claim({ card: 'K' }), spec('2019-05-04')))).toEqual(['']); // 5 years old until 2025-05-04
    expect(reasons(decide(claim({ card: 'K' }), spec('2019-05-03')))).toEqual(['PATIENT_RESTRICTION']); // 6 today
  });

  describe('13 GUARANTEE_LETTER_REQUIRED', () => {
    const hosp = (over: Partial<ClaimInput> = {}) => claim({ provider: 'HOP', guaranteeLetter: 'GL1', from: '2025-05-10', submittedOn: '2025-05-20', lines: [{ service: 'HOSP' }], ...over });
    const letter: LetterFacts = { number: 'GL1', beneficiaryId: 'b-awa', providerCode: 'HOP', category: 'hospitalization', validFrom: '2025-05-01', validTo: '2025-05-10', approved: true, usedBy: null };
    const with_ = (over: Partial<typeof letter>) => ({ letters: [{ ...letter, ...over }] });

    it('a valid letter passes on its last day; none, another member, category, provider or an expired one fails', () => {
      expect(reasons(decide(hosp(), with_({})))).toEqual(['']);
      expect(reasons(decide(hosp({ guaranteeLetter: null }), with_({})))).toEqual(['GUARANTEE_LETTER_REQUIRED']);
      expect(reasons(decide(hosp(), with_({ beneficiaryId: 'b-modou' })))).toEqual(['GUARANTEE_LETTER_REQUIRED']);
      expect(reasons(decide(hosp(), with_({ category: 'surgery' })))).toEqual(['GUARANTEE_LETTER_REQUIRED']);
      expect(reasons(decide(hosp(), with_({ providerCode: 'OTHER' })))).toEqual(['GUARANTEE_LETTER_REQUIRED']);
      expect(reasons(decide(hosp(), with_({ providerCode: null })))).toEqual(['']);
      expect(reasons(decide(hosp({ from: '2025-05-11' }), with_({})))).toEqual(['GUARANTEE_LETTER_REQUIRED']);
      expect(reasons(decide(hosp({ from: '2025-04-30' }), with_({})))).toEqual(['GUARANTEE_LETTER_REQUIRED']);
      expect(reasons(decide(hosp(), with_({ approved: false })))).toEqual(['GUARANTEE_LETTER_REQUIRED']);
    });

    it('a letter is used once: a second claim naming it fails, the claim that used it passes again', () => {
      expect(reasons(decide(hosp({ id: 'first' }), with_({ usedBy: 'first' })))).toEqual(['']);
      expect(reasons(decide(hosp({ id: 'second' }), with_({ usedBy: 'first' })))).toEqual(['GUARANTEE_LETTER_REQUIRED']);
      const world = testWorld(with_({}));
      const [a, b] = adjudicateAll([hosp({ id: 'a', number: 'A' }), hosp({ id: 'b', number: 'B', from: '2025-05-10' })], world);
      expect([reasons(a!), reasons(b!), a!.letterUsed]).toEqual([[''], ['GUARANTEE_LETTER_REQUIRED'], 'GL1']);
    });
  });

  describe('14 DUPLICATE', () => {
    it('the same service for the same member, provider and date, in the same claim or an earlier one', () => {
      const world = testWorld();
      const [a, b] = adjudicateAll([claim({ id: 'a', lines: [{ service: 'CONS' }, { service: 'CONS' }] }), claim({ id: 'b', submittedOn: '2025-05-11' })], world);
      expect(reasons(a!)).toEqual(['', 'DUPLICATE']);
      expect(reasons(b!)).toEqual(['DUPLICATE']);
    });

    it('another day, provider, member or service is not a duplicate, nor is a copy of a rejected line', () => {
      const world = testWorld();
      const results = adjudicateAll(
        [
          claim({ id: 'a' }),
          claim({ id: 'b', from: '2025-05-04', submittedOn: '2025-05-11' }),
          claim({ id: 'c', card: 'H1-02' }),
          claim({ id: 'd', provider: 'HOP' }),
          claim({ id: 'e', lines: [{ service: 'PARA' }] }),
        ],
        world,
      );
      expect(results.map(reasons).flat()).toEqual(['', '', '', '', '']);
      // x is late and rejected; y, the same line submitted again in time, is no duplicate of it.
      const found = adjudicateAll([claim({ id: 'x', from: '2025-01-05', submittedOn: '2025-09-01' }), claim({ id: 'y', from: '2025-01-05', submittedOn: '2025-09-01', to: '2025-06-10' })], testWorld());
      expect(found.map((r) => [r.claimId, reasons(r)])).toEqual([['x', ['LATE_SUBMISSION']], ['y', ['']]]);
    });
  });

  describe('15 MAX_USES', () => {
    const two = { households: [{ id: 'h1', periods: [{ id: 'per-h1', start: '2025-01-01', end: '2025-12-31', version: { ...baseVersion(), claimDeadlineDays: null, benefits: [{ category: 'consultation' as const, coverageRate: 1, maxUsesPerPeriod: 2 }, { category: 'drugs' as const, coverageRate: 1 }] } }] }] };

    it('a case is a claim with a non-rejected line in the category; the third case is refused', () => {
      const results = adjudicateAll(
        [
          claim({ id: 'a', from: '2025-02-01', lines: [{ service: 'CONS' }, { service: 'CONS', unitPrice: 1000 }] }),
          claim({ id: 'b', from: '2025-03-01' }),
          claim({ id: 'c', from: '2025-04-01', lines: [{ service: 'CONS' }, { service: 'PARA' }] }),
        ].map((c) => ({ ...c, submittedOn: '2025-04-10' })),
        testWorld(two),
      );
      expect(results.map(reasons)).toEqual([['', 'DUPLICATE'], [''], ['MAX_USES', '']]);
    });

    it('uses are per period: a renewal starts again', () => {
      const renewed = { households: [{ id: 'h1', periods: [two.households[0]!.periods[0]!, { id: 'per-2', start: '2026-01-01', end: '2026-12-31', renewalOf: 'per-h1', version: two.households[0]!.periods[0]!.version }] }] };
      const world = testWorld({ ...renewed, agreements: [{ providerId: 'p-cs', from: '2025-01-01', to: null, prices: { CONS: 1500 } }] });
      const results = adjudicateAll(['2025-10-01', '2025-11-01', '2025-12-01', '2026-01-01'].map((from, i) => claim({ id: `u${i}`, from, submittedOn: '2026-01-02' })), world);
      expect(results.map(reasons)).toEqual([[''], [''], ['MAX_USES'], ['']]);
    });
  });
});

describe('amounts', () => {
  const only = (benefit: object, spec: WorldSpec = {}): WorldSpec => ({
    households: [
      { id: 'h1', periods: [{ id: 'per-h1', start: '2025-01-01', end: '2025-12-31', version: { ...baseVersion(), benefits: [{ category: 'consultation', ...benefit }] as never } }] },
      { id: 'h2', periods: [{ id: 'per-h2', start: '2025-01-01', end: '2025-12-31' }] },
    ],
    ...spec,
  });

  it('the tariff caps the unit price: allowed = quantity x min(asked, tariff), reduced with PRICE_ABOVE_TARIFF', () => {
    expect(line(decide(claim({ lines: [{ service: 'CONS', quantity: 2, unitPrice: 2000 }] })))).toEqual({ decision: 'reduced', reasons: ['PRICE_ABOVE_TARIFF'], asked: 4000, allowed: 3000, payable: 2250, memberShare: 750 });
    expect(line(decide(claim({ lines: [{ service: 'CONS', quantity: 2, unitPrice: 1000 }] })))).toEqual({ decision: 'approved', reasons: [], asked: 2000, allowed: 2000, payable: 1500, memberShare: 500 });
  });

  it('the rate is applied with rounding half up', () => {
    // 1001 x 0.75 = 750.75 -> 751; 1002 x 0.75 = 751.5 -> 752; 1003 x 0.75 = 752.25 -> 752
    const paid = (unitPrice: number) => line(decide(claim({ lines: [{ service: 'CONS', unitPrice }] }))).payable;
    expect([paid(1001), paid(1002), paid(1003)]).toEqual([751, 752, 752]);
  });

  it('a flat co-payment per line instead of a rate; at or above the allowed amount nothing is payable', () => {
    expect(line(decide(claim({ lines: [{ service: 'NFS' }] })))).toEqual({ decision: 'approved', reasons: [], asked: 1000, allowed: 1000, payable: 500, memberShare: 500 });
    expect(line(decide(claim({ lines: [{ service: 'NFS', unitPrice: 400 }] })))).toEqual({ decision: 'rejected', reasons: ['NOTHING_PAYABLE'], asked: 400, allowed: 400, payable: 0, memberShare: 400 });
  });

  it('the per-case ceiling holds across the lines of one claim, and starts again with the next claim', () => {
    const world = testWorld(only({ coverageRate: 1, perCaseCeiling: 2000 }));
    const [a, b] = adjudicateAll([claim({ id: 'a', lines: [{ service: 'CONS' }, { service: 'CONS', unitPrice: 1000, quantity: 1 }] }), claim({ id: 'b', card: 'H1-02' })], world);
    expect(a!.lines.map((l) => [l.decision, l.reasons, l.payable, l.memberShare])).toEqual([
      ['approved', [], 1500, 0],
      ['rejected', ['DUPLICATE'], 0, 0],
    ]);
    const [c] = adjudicateAll([claim({ id: 'c', lines: [{ service: 'CONS' }, { service: 'PARA', quantity: 1 }] })], testWorld(only({ coverageRate: 1, perCaseCeiling: 2000 })));
    expect(c!.lines[0]!.payable).toBe(1500);
    expect(line(b!)).toMatchObject({ decision: 'approved', payable: 1500 });
  });

  it('per-case, beneficiary and household ceilings apply in that order, each that lowers the amount adding its code', () => {
    const spec = only({ coverageRate: 1, perCaseCeiling: 1400, ceilingPerBeneficiary: 2500, ceilingPerHousehold: 3500 }, {
      members: [
        { card: 'H1-01', beneficiaryId: 'b-awa', householdId: 'h1', sex: 'F', birthDate: '1986-04-12', joinedOn: '2025-01-01' },
        { card: 'H1-02', beneficiaryId: 'b-modou', householdId: 'h1', sex: 'M', birthDate: '2019-09-30', joinedOn: '2025-01-01' },
      ],
    });
    const results = adjudicateAll(
      [
        claim({ id: 'a', from: '2025-02-01' }), // 1500 -> per case 1400
        claim({ id: 'b', from: '2025-03-01' }), // 1500 -> per case 1400 -> beneficiary left 1100
        claim({ id: 'c', from: '2025-04-01' }), // beneficiary ceiling reached: 0, rejected
        claim({ id: 'd', from: '2025-04-02', card: 'H1-02' }), // per case 1400 -> household left 3500-2500 = 1000
      ].map((c) => ({ ...c, submittedOn: '2025-04-15' })),
      testWorld(spec),
    );
    expect(results.map((r) => [r.lines[0]!.decision, r.lines[0]!.reasons, r.lines[0]!.payable, r.lines[0]!.memberShare])).toEqual([
      ['reduced', ['PER_CASE_CEILING'], 1400, 100],
      ['reduced', ['PER_CASE_CEILING', 'BENEFICIARY_CEILING'], 1100, 400],
      ['rejected', ['PER_CASE_CEILING', 'BENEFICIARY_CEILING'], 0, 1500],
      ['reduced', ['PER_CASE_CEILING', 'HOUSEHOLD_CEILING'], 1000, 500],
    ]);
  });

  it('a line capped to 0 is not a case: it does not count towards maxUses and is no duplicate', () => {
    const spec = only({ coverageRate: 1, ceilingPerBeneficiary: 1500, maxUsesPerPeriod: 2 });
    const results = adjudicateAll(
      [claim({ id: 'a', from: '2025-02-01', submittedOn: '2025-04-10' }), claim({ id: 'b', from: '2025-03-01', submittedOn: '2025-04-10' }), claim({ id: 'c', from: '2025-03-01', submittedOn: '2025-04-11' })],
      testWorld(spec),
    );
    expect(results.map((r) => `${r.lines[0]!.decision}:${r.lines[0]!.reasons.join(',')}`)).toEqual(['approved:', 'rejected:BENEFICIARY_CEILING', 'rejected:BENEFICIARY_CEILING']);
  });

  it('the claim totals are the sums of its lines', () => {
    const r = decide(claim({ lines: [{ service: 'CONS', unitPrice: 2000 }, { service: 'PARA', quantity: 5 }, { service: 'XRAY' }] }));
    expect([r.asked, r.allowed, r.payable, r.memberShare]).toEqual([2000 + 1000 + 1000, 1500 + 1000, 1125 + 800, 375 + 200]);
  });
});

describe('order', () => {
  it('claims are decided by date of care, then submission date, then number, whatever order they come in', () => {
    const spec = { households: [{ id: 'h1', periods: [{ id: 'per-h1', start: '2025-01-01', end: '2025-12-31', version: { ...baseVersion(), benefits: [{ category: 'consultation' as const, coverageRate: 1, maxUsesPerPeriod: 1 }] } }] }] };
    const claims = [claim({ id: 'k3', number: 'B', from: '2025-03-01', submittedOn: '2025-03-05' }), claim({ id: 'k2', number: 'A', from: '2025-03-01', submittedOn: '2025-03-05' }), claim({ id: 'k1', number: 'Z', from: '2025-03-01', submittedOn: '2025-03-04' })];
    const results = adjudicateAll(claims, testWorld(spec));
    expect(results.map((r) => [r.claimId, r.lines[0]!.reasons.join(',')])).toEqual([
      ['k1', ''],
      ['k2', 'DUPLICATE'],
      ['k3', 'DUPLICATE'],
    ]);
    expect(adjudicateAll([claims[1]!, claims[2]!, claims[0]!], testWorld(spec))).toEqual(results);
  });

  it('lines decided before count only against claims after them in the order', () => {
    const spec = { households: [{ id: 'h1', periods: [{ id: 'per-h1', start: '2025-01-01', end: '2025-12-31', version: { ...baseVersion(), benefits: [{ category: 'consultation' as const, coverageRate: 1, maxUsesPerPeriod: 1 }] } }] }] };
    const earlier = { claimId: 'old', claimKey: '2025-04-01|2025-04-02|OLD\u0000CS\u0000old', beneficiaryId: 'b-awa', householdId: 'h1', periodId: 'per-h1', category: 'consultation', provider: 'CS', service: 'CONS', from: '2025-04-01', payable: 1500 };
    const results = adjudicateAll([claim({ id: 'before', from: '2025-03-01' }), claim({ id: 'after', from: '2025-05-01' })], testWorld(spec), [earlier]);
    expect(results.map((r) => r.lines[0]!.reasons.join(','))).toEqual(['', 'MAX_USES']);
  });
});

describe('flags', () => {
  it('an unknown diagnosis and a benefit that needs a referral are flagged for review without changing amounts', () => {
    const version = { ...baseVersion(), benefits: [{ category: 'consultation' as const, coverageRate: 0.75, requiresReferral: true }] };
    const r = decide(claim({ diagnosis: 'Q99.9' }), { diagnoses: ['A09'], households: [{ id: 'h1', periods: [{ id: 'per-h1', start: '2025-01-01', end: '2025-12-31', version }] }] });
    expect(r.lines[0]).toMatchObject({ decision: 'approved', payable: 1125, flags: ['REFERRAL_REQUIRED', 'DIAGNOSIS_UNKNOWN'] });
  });
});
