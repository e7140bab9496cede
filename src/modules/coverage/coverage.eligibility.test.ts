import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import type { ServiceContext } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { deactivateBeneficiary } from '../members/index.js';
import { addVersion } from '../products/index.js';
import { beneficiaryCoverage, enrolHousehold, recordPayment, renewHousehold } from './coverage.service.js';
import { exampleVersion, newHousehold, newProduct, newScheme } from './testing.js';

// The eligibility check's own path (one statement for the card's holder and the household's
// facts, product versions read once): the answers every other test gets through it, at its edges.
let tdb: TestDatabase;
let ctx: ServiceContext;
let schemeId: string;

beforeAll(async () => {
  tdb = await createTestDatabase();
  ({ ctx, schemeId } = await newScheme(tdb.db));
  await newProduct(ctx, schemeId);
  await newHousehold(ctx, schemeId, 'E0001', '2025-01-01');
  await enrolHousehold(ctx, schemeId, { household: 'E0001', product: 'BASE', start: '2025-01-01' });
  await recordPayment(ctx, schemeId, { household: 'E0001', date: '2025-01-01', amount: 6400, method: 'cash' });
});

afterAll(async () => {
  await tdb.drop();
});

const check = (card: string, date: string) => beneficiaryCoverage(ctx, schemeId, card, date);

describe('the eligibility check', () => {
  it('finds a card however it is typed, and names the household and the member', async () => {
    const { view } = await check(' e0001-01 ', '2025-06-01');
    expect(view).toMatchObject({ card: 'E0001-01', household: 'E0001', name: 'Awa Ndiaye', status: 'active', period: { product: 'BASE', versionEffectiveFrom: '2025-01-01' } });
  });

  it('answers not found for a card the scheme does not have', async () => {
    const error = await check('NOPE-01', '2025-06-01').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('not_found');
  });

  it('a renewal on a new version of the package is read with that version', async () => {
    await addVersion(ctx, schemeId, 'BASE', { ...exampleVersion, effectiveFrom: '2026-01-01', contribution: { basis: 'per_person', adult: 4000, child: 2000, childMaxAge: 17 } });
    // Read once with the first version only, then renewed into the second.
    expect((await check('E0001-01', '2025-12-31')).view.period).toMatchObject({ versionEffectiveFrom: '2025-01-01' });
    const renewal = await renewHousehold(ctx, schemeId, { household: 'E0001' });
    expect(renewal.dues.map((d) => d.amount)).toEqual([6000]);
    await recordPayment(ctx, schemeId, { household: 'E0001', date: '2026-01-02', amount: 6000, method: 'cash' });
    expect((await check('E0001-01', '2026-02-01')).view).toMatchObject({ status: 'active', period: { start: '2026-01-01', versionEffectiveFrom: '2026-01-01' } });
    expect((await check('E0001-01', '2025-06-01')).view.period).toMatchObject({ versionEffectiveFrom: '2025-01-01' });
  });

  it('a member who left is not covered from the day they left', async () => {
    await deactivateBeneficiary(ctx, schemeId, 'E0001-02', { reason: 'departure', date: '2026-03-01' });
    expect((await check('E0001-02', '2026-02-28')).view.status).toBe('active');
    expect((await check('E0001-02', '2026-03-01')).view).toMatchObject({ status: 'none', reason: 'LEFT' });
  });
});
