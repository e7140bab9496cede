import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { baseVersion, testWorld } from './adjudication.fixtures.js';
import { adjudicateAll, type ClaimInput } from './adjudication.rules.js';

const categories = ['consultation', 'drugs', 'laboratory'] as const;
const serviceOf = { consultation: 'CONS', drugs: 'PARA', laboratory: 'NFS' } as const;

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const benefitArb = (category: (typeof categories)[number]) =>
  fc.record({
    category: fc.constant(category),
    share: fc.oneof(fc.record({ coverageRate: fc.integer({ min: 0, max: 100 }).map((n) => n / 100) }), fc.record({ copayment: fc.integer({ min: 0, max: 3000 }) })),
    perCaseCeiling: maybe(fc.integer({ min: 0, max: 5000 })),
    ceilingPerBeneficiary: maybe(fc.integer({ min: 0, max: 8000 })),
    extra: maybe(fc.integer({ min: 0, max: 8000 })),
    maxUsesPerPeriod: maybe(fc.integer({ min: 1, max: 4 })),
  }).map(({ share, extra, ...b }) => ({ ...b, ...share, ceilingPerHousehold: b.ceilingPerBeneficiary !== undefined && extra !== undefined ? b.ceilingPerBeneficiary + extra : undefined }));

const claimArb = fc.record({
  card: fc.constantFrom('H1-01', 'H1-02', 'H2-01'),
  provider: fc.constantFrom('CS', 'HOP'),
  day: fc.integer({ min: 0, max: 40 }),
  delay: fc.integer({ min: 0, max: 120 }),
  lines: fc.array(fc.record({ category: fc.constantFrom(...categories), quantity: fc.integer({ min: 1, max: 4 }), unitPrice: fc.integer({ min: 0, max: 4000 }) }), { minLength: 1, maxLength: 4 }),
});

function dateOf(day: number): string {
  return new Date(Date.UTC(2025, 2, 1 + day)).toISOString().slice(0, 10);
}

describe('the engine, on random products and claims', () => {
  it('payable is never negative nor above allowed, ceilings are never exceeded, and re-running or shuffling changes nothing', () => {
    fc.assert(
      fc.property(fc.tuple(...categories.map(benefitArb)), fc.array(claimArb, { minLength: 1, maxLength: 25 }), fc.integer(), (benefits, raw, seed) => {
        const version = { ...baseVersion(), benefits };
        const world = testWorld({
          households: [
            { id: 'h1', periods: [{ id: 'per-h1', start: '2025-01-01', end: '2025-12-31', version }] },
            { id: 'h2', periods: [{ id: 'per-h2', start: '2025-01-01', end: '2025-12-31', version }] },
          ],
          agreements: [
            { providerId: 'p-cs', from: '2025-01-01', to: null, prices: { CONS: 1500, PARA: 200, NFS: 1000 } },
            { providerId: 'p-hop', from: '2025-01-01', to: null, prices: { CONS: 2500, PARA: 250, NFS: 1200 } },
          ],
        });
        const claims: ClaimInput[] = raw.map((c, i) => ({
          id: `c${i}`,
          number: `N${i}`,
          provider: c.provider,
          card: c.card,
          from: dateOf(c.day),
          to: dateOf(c.day),
          submittedOn: dateOf(c.day + c.delay),
          diagnosis: null,
          guaranteeLetter: null,
          lines: c.lines.map((l, j) => ({ id: `c${i}-${j}`, seq: j + 1, service: serviceOf[l.category], quantity: l.quantity, unitPrice: l.unitPrice })),
        }));
        const results = adjudicateAll(claims, world);
        const byBeneficiary = new Map<string, number>();
        const byHousehold = new Map<string, number>();
        for (const r of results) {
          const perCase = new Map<string, number>();
          for (const l of r.lines) {
            expect(l.payable).toBeGreaterThanOrEqual(0);
            expect(l.payable).toBeLessThanOrEqual(l.allowed);
            expect(l.allowed).toBeLessThanOrEqual(l.asked);
            expect(l.memberShare).toBe(l.allowed - l.payable);
            expect(l.decision === 'rejected').toBe(l.payable === 0);
            if (!l.category || l.payable === 0) continue;
            perCase.set(l.category, (perCase.get(l.category) ?? 0) + l.payable);
            const kb = `${r.beneficiaryId}|${l.category}`;
            const kh = `${r.householdId}|${l.category}`;
            byBeneficiary.set(kb, (byBeneficiary.get(kb) ?? 0) + l.payable);
            byHousehold.set(kh, (byHousehold.get(kh) ?? 0) + l.payable);
          }
          for (const [category, paid] of perCase) {
            const limit = benefits.find((b) => b.category === category)!.perCaseCeiling;
            if (limit !== undefined) expect(paid).toBeLessThanOrEqual(limit);
          }
          expect(r.payable).toBe(r.lines.reduce((s, l) => s + l.payable, 0));
        }
        for (const b of benefits) {
          for (const [key, paid] of byBeneficiary) if (key.endsWith(`|${b.category}`) && b.ceilingPerBeneficiary !== undefined) expect(paid).toBeLessThanOrEqual(b.ceilingPerBeneficiary);
          for (const [key, paid] of byHousehold) if (key.endsWith(`|${b.category}`) && b.ceilingPerHousehold !== undefined) expect(paid).toBeLessThanOrEqual(b.ceilingPerHousehold);
        }
        // Re-running on the same facts, and on the same claims in another order, decides the same.
        expect(adjudicateAll(claims, world)).toEqual(results);
        const shuffled = [...claims].sort((a, b) => ((Number(a.id.slice(1)) * 7919 + seed) % 101) - ((Number(b.id.slice(1)) * 7919 + seed) % 101));
        expect(adjudicateAll(shuffled, world)).toEqual(results);
      }),
      { numRuns: 300 },
    );
  });
});
