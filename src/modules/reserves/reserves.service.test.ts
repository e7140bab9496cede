import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import { insertClaimsBulk, payClaimsInFull, submitClaim } from '../claims/index.js';
import { claimsScheme } from '../claims/testing.js';
import { claimsReserves } from './index.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.drop());

// A consultation at the tariff (1,500) pays 75 %: 1,125 per unit.
const consultation = (number: string, member: string, from: string, submittedOn: string, quantity: number) => ({
  number, provider: 'CS', member, from, to: from, submittedOn, lines: [{ service: 'CONS', quantity, unitPrice: 1500 }],
});

describe('claims reserves', () => {
  it('outstanding claims are the decided ones not paid by the date; IBNR comes from the scheme’s own reporting delays', async () => {
    const { ctx, schemeId } = await claimsScheme(database.db, { households: 3 });
    for (const c of [
      consultation('C-1', 'H1-01', '2025-01-10', '2025-01-15', 1), // Jan, reported at once: 1,125
      consultation('C-2', 'H2-01', '2025-01-20', '2025-02-05', 2), // Jan, a month later: 2,250
      consultation('C-3', 'H3-01', '2025-01-28', '2025-03-03', 1), // Jan, two months later: 1,125
      consultation('C-4', 'H1-01', '2025-02-10', '2025-02-12', 2), // Feb, at once: 2,250
      consultation('C-5', 'H2-01', '2025-02-20', '2025-03-01', 1), // Feb, a month later: 1,125
      consultation('C-6', 'H3-01', '2025-03-05', '2025-03-06', 2), // Mar, at once: 2,250
    ]) {
      await submitClaim(ctx, schemeId, c);
    }
    // Stored, not decided: reported but its amount is not known.
    const stored = { number: 'C-7', provider: 'CS', card: 'H1-01', from: '2025-03-18', to: '2025-03-18', submittedOn: '2025-03-20', diagnosis: null, guaranteeLetter: null };
    await insertClaimsBulk(ctx.db, schemeId, [{ ...stored, lines: [{ service: 'CONS', quantity: 1, unitPrice: 1500 }] }], { createdBy: 'test' });
    await payClaimsInFull(ctx, schemeId, { provider: 'CS', date: '2025-03-15', reference: 'VIR-001', claims: ['C-1', 'C-2'] });
    // Another scheme's claims never count.
    const other = await claimsScheme(database.db);
    await submitClaim(other.ctx, other.schemeId, consultation('X-1', 'H1-01', '2025-01-10', '2025-03-30', 3));

    const r = await claimsReserves(ctx, [schemeId], { on: '2025-03-31', months: 3 });
    expect(r.outstanding).toEqual({ claims: 4, payable: 1125 + 2250 + 1125 + 2250, pendingClaims: 1, pendingAsked: 1500 });
    expect(r.ibnr.origins).toEqual(['2025-01', '2025-02', '2025-03']);
    expect(r.ibnr.cumulative).toEqual([[1125, 3375, 4500], [2250, 3375, null], [2250, null, null]]);
    expect(r.ibnr.claims).toEqual([[1, 1, 1], [1, 1, null], [1, null, null]]);
    // f0 = (3375 + 3375) / (1125 + 2250) = 2; f1 = 4500 / 3375 = 4/3.
    expect(r.ibnr.factors[0]).toBe(2);
    expect(r.ibnr.ultimate).toEqual([4500, 4500, 6000]);
    expect(r.ibnr.ibnr).toEqual([0, 1125, 3750]);
    expect(r.ibnr.total).toBe(4875);

    // Before the payment and before the later reports: everything decided is owed, and the
    // triangle only knows what had been submitted.
    const earlier = await claimsReserves(ctx, [schemeId], { on: '2025-03-10', months: 3 });
    expect(earlier.outstanding).toEqual({ claims: 6, payable: 10_125, pendingClaims: 0, pendingAsked: 0 });
    const inFebruary = await claimsReserves(ctx, [schemeId], { on: '2025-02-28', months: 2 });
    expect(inFebruary.ibnr.cumulative).toEqual([[1125, 3375], [2250, null]]);
  });
});
