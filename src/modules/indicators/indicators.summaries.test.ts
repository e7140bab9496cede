import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import type { ServiceContext } from '../../platform/context.js';
import { payClaimsInFull, submitClaim } from '../claims/index.js';
import { claimsScheme } from '../claims/testing.js';
import { enrolHousehold, recordPayment, renewHousehold, reversePayment } from '../coverage/index.js';
import { newHousehold } from '../coverage/testing.js';
import { addBeneficiary, deactivateBeneficiary } from '../members/index.js';
import { indicatorsReport, rebuildSummaries, refreshSummaries, type IndicatorScope } from './index.js';

let database: TestDatabase;
let ctx: ServiceContext;
let schemeId: string;
let scope: IndicatorScope;

const windows = [
  ['2025-01-01', '2025-12-31'], ['2025-03-01', '2025-03-31'], ['2025-06-15', '2025-07-14'], ['2025-12-01', '2026-02-28'], ['2026-01-01', '2026-01-31'], ['2024-01-01', '2024-12-31'],
] as const;

const consultation = (number: string, member: string, from: string, submittedOn: string, quantity = 1) => ({
  number, provider: 'CS', member, from, to: from, submittedOn, lines: [{ service: 'CONS', quantity, unitPrice: 1500 }],
});

/** Every window's indicators from the summaries and straight from the facts must be the same. */
async function expectSummariesMatchFacts() {
  for (const [from, to] of windows) {
    const summaries = await indicatorsReport(ctx, scope, { from, to }, 'en', { source: 'summaries' });
    const facts = await indicatorsReport(ctx, scope, { from, to }, 'en', { source: 'facts' });
    expect(summaries.indicators, `${from}..${to}`).toEqual(facts.indicators);
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  ({ ctx, schemeId } = await claimsScheme(database.db, { households: 3 }));
  scope = { kind: 'scheme', code: 'A', schemeIds: [schemeId] };
  await submitClaim(ctx, schemeId, consultation('C-1', 'H1-01', '2025-03-10', '2025-03-12'));
  await submitClaim(ctx, schemeId, consultation('C-2', 'H2-02', '2025-06-20', '2025-06-21', 3));
});
afterAll(async () => database?.drop());

describe('indicator summaries', () => {
  it('a scheme never summarized is summarized at its first report, and gives the figures of the facts', async () => {
    await expectSummariesMatchFacts();
    const { rows } = await sql<{ n: string }>`select count(*) as n from indicator_covered where scheme_id = ${schemeId} and not household`.execute(ctx.db);
    // Six beneficiaries, each covered in one stretch.
    expect(Number(rows[0]!.n)).toBe(6);
    const day = await sql<{ beneficiaries: number; households: number }>`
      select beneficiaries, households from indicator_covered_day where scheme_id = ${schemeId} and day = '2025-06-30'`.execute(ctx.db);
    expect(day.rows[0]).toEqual({ beneficiaries: 6, households: 3 });
  });

  it('kept up to date as facts arrive: only what changed since the last refresh is recomputed', async () => {
    await refreshSummaries(ctx, [schemeId], 0);
    // New facts of every kind: a renewal paid in time, one paid late, a reversal, a member who
    // joins and one who leaves, a new household, new claims and a payment of claims.
    await renewHousehold(ctx, schemeId, { household: 'H1' });
    await recordPayment(ctx, schemeId, { household: 'H1', date: '2026-01-10', amount: 5400, method: 'cash' });
    await renewHousehold(ctx, schemeId, { household: 'H2' });
    const { payment } = await recordPayment(ctx, schemeId, { household: 'H2', date: '2026-01-05', amount: 5400, method: 'cash' });
    await reversePayment(ctx, schemeId, payment.id, { reason: 'cheque refused', date: '2026-01-15' });
    await recordPayment(ctx, schemeId, { household: 'H2', date: '2026-02-20', amount: 5400, method: 'cash' });
    await addBeneficiary(ctx, schemeId, 'H3', { card: 'H3-03', firstName: 'Fatou', lastName: 'Sarr', sex: 'F', birthDate: '2010-02-01', relationship: 'child', joinedOn: '2025-06-01' });
    await deactivateBeneficiary(ctx, schemeId, 'H3-02', { reason: 'departure', date: '2025-09-30' });
    await newHousehold(ctx, schemeId, 'H9', '2025-05-01');
    await enrolHousehold(ctx, schemeId, { household: 'H9', product: 'BASE', start: '2025-05-01' });
    await recordPayment(ctx, schemeId, { household: 'H9', date: '2025-05-20', amount: 3000, method: 'cash' });
    await recordPayment(ctx, schemeId, { household: 'H9', date: '2025-07-01', amount: 3400, method: 'cash' });
    await submitClaim(ctx, schemeId, consultation('C-3', 'H9-01', '2025-07-05', '2025-07-06', 2));
    await submitClaim(ctx, schemeId, consultation('C-4', 'H2-01', '2026-01-08', '2026-01-09'));
    await payClaimsInFull(ctx, schemeId, { provider: 'CS', date: '2025-07-10', reference: 'VIR-7', claims: ['C-1', 'C-2'] });

    await refreshSummaries(ctx, [schemeId], 0);
    await expectSummariesMatchFacts();
  });

  it('a rebuild from the facts gives the same summaries as the incremental refreshes', async () => {
    const snapshot = async () => {
      // By-day sums may keep rows that went back to 0: only the others must be the same.
      const tables: [string, string][] = [
        ['indicator_covered', 'true'], ['indicator_due', 'true'], ['indicator_due_paid', 'true'], ['indicator_period', 'true'],
        ['indicator_covered_day', 'beneficiaries <> 0 or households <> 0'], ['indicator_due_day', 'amount <> 0'], ['indicator_paid_day', 'paid <> 0 or contribution <> 0 or fees <> 0'],
        ['indicator_period_day', 'ending <> 0 or renewed <> 0'], ['indicator_care_day', 'true'], ['indicator_submitted_day', 'true'], ['indicator_claims_paid_day', 'true'],
      ];
      const out: Record<string, unknown[]> = {};
      for (const [t, nonZero] of tables) {
        out[t] = (await sql<{ row: string }>`select row_to_json(x)::text as row from ${sql.table(t)} x where scheme_id = ${schemeId} and (${sql.raw(nonZero)}) order by 1`.execute(ctx.db)).rows.map((r) => r.row);
      }
      return out;
    };
    const incremental = await snapshot();
    expect(await rebuildSummaries(ctx, [schemeId])).toMatchObject({ schemes: 1, households: 4 });
    expect(await snapshot()).toEqual(incremental);
    await expectSummariesMatchFacts();
  });
});
