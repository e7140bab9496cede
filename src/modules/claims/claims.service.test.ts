import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import { adjudicateSubmitted, getClaim, listClaims, pointOfCare, quoteClaim, simulateProductChange, submitClaim } from './index.js';
import { claimsScheme, claimsVersion } from './testing.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.drop());

const consultation = (number: string, over: Record<string, unknown> = {}) => ({
  number,
  provider: 'CS',
  member: 'H1-01',
  from: '2025-05-03',
  to: '2025-05-03',
  submittedOn: '2025-05-10',
  lines: [{ service: 'CONS', quantity: 1, unitPrice: 1500 }],
  ...over,
});

describe('submitting a claim', () => {
  it('decides it at once: 75 % of the tariff for a consultation, the rest for the member', async () => {
    const { ctx, schemeId } = await claimsScheme(database.db);
    const { claim } = await submitClaim(ctx, schemeId, consultation('C-1', { lines: [{ service: 'CONS', quantity: 1, unitPrice: 2000 }, { service: 'XRAY', quantity: 1, unitPrice: 5000 }] }));
    expect(claim.status).toBe('adjudicated');
    expect(claim.lines.map((l) => [l.decision, l.reasons, l.asked, l.allowed, l.payable, l.memberShare])).toEqual([
      ['reduced', ['PRICE_ABOVE_TARIFF'], 2000, 1500, 1125, 375],
      ['rejected', ['SERVICE_UNKNOWN'], 5000, 0, 0, 0],
    ]);
    expect([claim.asked, claim.allowed, claim.payable, claim.memberShare]).toEqual([7000, 1500, 1125, 375]);
    expect(claim.lines[0]!.messages[0]).toMatch(/tariff/);
    expect(claim.memberName).toBe('Awa Ndiaye');
    expect((await getClaim(ctx, schemeId, claim.id, 'fr')).lines[1]!.messages[0]).toMatch(/nomenclature/);
  });

  it('a claim number is unique per provider; a retry with the same idempotency key returns the first claim', async () => {
    const { ctx, schemeId } = await claimsScheme(database.db);
    const first = await submitClaim(ctx, schemeId, consultation('C-1', { idempotencyKey: 'device-1-0001' }));
    const again = await submitClaim(ctx, schemeId, consultation('C-1', { idempotencyKey: 'device-1-0001' }));
    expect([again.replayed, again.claim.id]).toEqual([true, first.claim.id]);
    await expect(submitClaim(ctx, schemeId, consultation('C-1'))).rejects.toMatchObject({ code: 'claim_number_taken' });
    await expect(submitClaim(ctx, schemeId, consultation('C-2', { idempotencyKey: 'device-1-0001' }))).rejects.toMatchObject({ code: 'claim_idempotency_conflict' });
    // Another provider may use the same number.
    expect((await submitClaim(ctx, schemeId, consultation('C-1', { provider: 'HOP' }))).claim.status).toBe('adjudicated');
    expect((await listClaims(ctx, schemeId, {})).total).toBe(2);
  });

  it('refuses impossible dates typed by a person, naming the field, and writes nothing', async () => {
    const { ctx, schemeId } = await claimsScheme(database.db);
    await expect(submitClaim(ctx, schemeId, consultation('C-1', { to: '2025-05-01' }))).rejects.toMatchObject({ code: 'validation_failed', details: [{ field: 'to' }] });
    expect((await listClaims(ctx, schemeId, {})).total).toBe(0);
  });

  it('a later claim counts what earlier ones consumed: the second identical consultation is a duplicate', async () => {
    const { ctx, schemeId } = await claimsScheme(database.db);
    await submitClaim(ctx, schemeId, consultation('C-1'));
    const { claim } = await submitClaim(ctx, schemeId, consultation('C-2', { submittedOn: '2025-05-11' }));
    expect(claim.lines[0]!.reasons).toEqual(['DUPLICATE']);
  });
});

describe('at the point of care', () => {
  it('says what remains after decided claims, and quotes what a member would pay without writing', async () => {
    const { ctx, schemeId } = await claimsScheme(database.db);
    const quote = await quoteClaim(ctx, schemeId, { provider: 'CS', member: 'H1-01', from: '2025-05-03', to: '2025-05-03', submittedOn: '2025-05-10', lines: [{ service: 'CONS', quantity: 1, unitPrice: 1500 }] });
    expect([quote.payable, quote.memberShare]).toEqual([1125, 375]);
    expect((await listClaims(ctx, schemeId, {})).total).toBe(0);
    await submitClaim(ctx, schemeId, consultation('C-1'));
    const standing = await pointOfCare(ctx, schemeId, 'H1-01', '2025-06-01');
    expect(standing.status).toBe('active');
    expect(standing.benefits.find((b) => b.category === 'consultation')!.usesLeft).toBe(5);
    expect(standing.benefits.find((b) => b.category === 'hospitalization')!.beneficiaryCeilingLeft).toBe(100_000);
    const again = await quoteClaim(ctx, schemeId, { provider: 'CS', member: 'H1-01', from: '2025-05-03', to: '2025-05-03', submittedOn: '2025-05-10', lines: [{ service: 'CONS', quantity: 1, unitPrice: 1500 }] });
    expect(again.lines[0]!.reasons).toEqual(['DUPLICATE']);
  });
});

describe('batch adjudication', () => {
  it('decides submitted claims in order, in chunks, and a second run decides nothing again', async () => {
    const { ctx, schemeId } = await claimsScheme(database.db, { households: 3, version: { ...claimsVersion, claimDeadlineDays: null, benefits: [{ category: 'consultation', coverageRate: 1, maxUsesPerPeriod: 2 }] } });
    const dates = ['2025-06-01', '2025-03-01', '2025-05-01', '2025-04-01'];
    // Submitted newest care first; decided by date of care: the two earliest pass, the others exceed 2 uses.
    for (const [i, from] of dates.entries()) await submitClaim(ctx, schemeId, consultation(`B-${i}`, { from, to: from, submittedOn: '2025-06-05' }), { adjudicate: false, source: 'upload' });
    const first = await adjudicateSubmitted(ctx, schemeId, { chunk: 1, limit: 2 });
    expect([first.claims, first.remaining]).toEqual([2, 2]);
    const rest = await adjudicateSubmitted(ctx, schemeId, { chunk: 1 });
    expect([rest.claims, rest.remaining]).toEqual([2, 0]);
    const page = await listClaims(ctx, schemeId, {});
    const byFrom = Object.fromEntries(await Promise.all(page.items.map(async (c) => [c.from, (await getClaim(ctx, schemeId, c.id)).lines[0]!.reasons.join(',')])));
    expect(byFrom).toEqual({ '2025-03-01': '', '2025-04-01': '', '2025-05-01': 'MAX_USES', '2025-06-01': 'MAX_USES' });
    expect((await adjudicateSubmitted(ctx, schemeId)).claims).toBe(0);
    const decisions = await database.db.selectFrom('claim_decision').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(decisions.n).toBeGreaterThanOrEqual(4);
    const perLine = await database.db.selectFrom('claim_decision').select(['line_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('line_id').having((eb) => eb.fn.countAll(), '>', 1).execute();
    expect(perLine).toEqual([]);
  });

  it('gives the same decisions whatever order claims were submitted in', async () => {
    const dates = ['2025-02-01', '2025-02-01', '2025-03-01', '2025-04-01', '2025-04-02'];
    const outcome = async (order: number[]) => {
      const { ctx, schemeId } = await claimsScheme(database.db, { version: { ...claimsVersion, benefits: [{ category: 'consultation', coverageRate: 1, maxUsesPerPeriod: 3, ceilingPerBeneficiary: 4000 }] } });
      for (const i of order) await submitClaim(ctx, schemeId, consultation(`S-${i}`, { from: dates[i], to: dates[i], submittedOn: '2025-04-10' }), { adjudicate: false, source: 'upload' });
      await adjudicateSubmitted(ctx, schemeId);
      const page = await listClaims(ctx, schemeId, {});
      const views = await Promise.all(page.items.map((c) => getClaim(ctx, schemeId, c.id)));
      return views.map((v) => `${v.number}:${v.lines[0]!.decision}:${v.lines[0]!.payable}:${v.lines[0]!.reasons.join('+')}`).sort();
    };
    const straight = await outcome([0, 1, 2, 3, 4]);
    expect(await outcome([4, 2, 0, 3, 1])).toEqual(straight);
    expect(straight).toEqual(['S-0:approved:1500:', 'S-1:rejected:0:DUPLICATE', 'S-2:approved:1500:', 'S-3:reduced:1000:BENEFICIARY_CEILING', 'S-4:rejected:0:MAX_USES']);
  });
});

describe('simulation', () => {
  it('reports what a proposed version would have paid, and writes nothing', async () => {
    const { ctx, schemeId } = await claimsScheme(database.db);
    await submitClaim(ctx, schemeId, consultation('C-1'));
    await submitClaim(ctx, schemeId, consultation('C-2', { member: 'H2-01' }));
    const before = await database.db.selectFrom('claim_decision').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const report = await simulateProductChange(ctx, schemeId, { product: 'BASE', version: { ...claimsVersion, benefits: [{ category: 'consultation', coverageRate: 0.5 }] } });
    expect([report.lines, report.changedLines, report.payableBefore, report.payableAfter]).toEqual([2, 2, 2250, 1500]);
    const after = await database.db.selectFrom('claim_decision').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    await expect(simulateProductChange(ctx, schemeId, { product: 'BASE', version: { ...claimsVersion, instalments: 5 } })).rejects.toMatchObject({ details: [{ field: 'version.instalments' }] });
  });
});
