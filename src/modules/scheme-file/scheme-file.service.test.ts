import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import { systemActor } from '../../platform/audit/audit.js';
import type { ServiceContext } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { claimsByNumber } from '../claims/index.js';
import { beneficiaryCoverage, householdAccount } from '../coverage/index.js';
import { resolveScheme } from '../organizations/index.js';
import type { SchemeFile } from './scheme-file.schemas.js';
import { loadSchemeFile } from './scheme-file.service.js';

const example = JSON.parse(readFileSync(new URL('../../../docs/examples/scheme-file.example.json', import.meta.url), 'utf8')) as Record<string, unknown>;
/** The spec's example without the sections later modules load (claims, providers, books). */
const enrolmentPart = (): SchemeFile => ({ ...structuredClone(example), services: [], providers: [], guaranteeLetters: [], claims: [], claimPayments: [], expenses: [] }) as unknown as SchemeFile;

let tdb: TestDatabase;
let ctx: ServiceContext;

beforeAll(async () => {
  tdb = await createTestDatabase();
  ctx = { db: tdb.db, actor: systemActor('test') };
});

afterAll(async () => {
  await tdb.drop();
});

async function errorsOf(input: unknown): Promise<string[]> {
  try {
    await loadSchemeFile(ctx, input);
  } catch (error) {
    if (error instanceof DomainError) return error.details.map((d) => `${d.field}: ${d.message}`);
    throw error;
  }
  return [];
}

async function rowCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of ['scheme', 'product', 'product_version', 'household', 'beneficiary', 'coverage_period', 'due', 'payment', 'member_group', 'subsidizer', 'sponsorship', 'audit_log'] as const) {
    const row = await tdb.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    counts[table] = row.n;
  }
  return counts;
}

describe('loading a scheme file', () => {
  it('a broken file lists every error by path, and writes nothing', async () => {
    const broken = enrolmentPart();
    broken.households![0]!.members[1]!.birthDate = '1986-13-01';
    broken.households![0]!.members[1]!.relationship = 'head';
    broken.payments![0]!.household = 'H9999';
    (broken.payments![0] as Record<string, unknown>).colour = 'red';
    broken.products![0]!.versions[0]!.instalments = 5;
    const errors = await errorsOf(broken);
    expect(errors).toEqual(
      expect.arrayContaining(['households[0].members[1].birthDate: not a date: "1986-13-01"', 'payments[0].colour: is not a known field']),
    );
    const fixedTypes = enrolmentPart();
    fixedTypes.households![0]!.members[1]!.relationship = 'head';
    fixedTypes.payments![0]!.household = 'H9999';
    fixedTypes.products![0]!.versions[0]!.instalments = 5;
    expect(await errorsOf(fixedTypes)).toEqual(
      expect.arrayContaining([
        'households[0].members: must have exactly one head, has 2',
        'payments[0].household: no household H9999 in the file',
        'products[0].versions[0].instalments: 5 instalments do not divide 12 months',
      ]),
    );
    expect(await rowCounts()).toMatchObject({ scheme: 0, household: 0, payment: 0 });
  });

  it('the spec example loads: Awa is covered after her waiting period, the household paid 6,400', async () => {
    const summary = await loadSchemeFile(ctx, enrolmentPart());
    expect(summary.created).toMatchObject({ scheme: 1, federation: 1, product: 1, household: 1, beneficiary: 2, enrolment: 1, payment: 1, group: 1, subsidizer: 1 });
    const scheme = (await resolveScheme(ctx, 'MUT-NDIAFFATE'))!;
    const account = await householdAccount(ctx, scheme.id, 'H0001');
    expect(account).toMatchObject({ totalDue: 6400, totalPaid: 6400, balance: 0 });
    expect((await beneficiaryCoverage(ctx, scheme.id, 'H0001-01', '2025-04-02')).view.status).toBe('active');
  });

  it('loading the same file twice changes nothing', async () => {
    const before = await rowCounts();
    const summary = await loadSchemeFile(ctx, enrolmentPart());
    expect(summary.created).toEqual({});
    expect(await rowCounts()).toEqual(before);
  });

  it('a second file that changes a loaded record is refused rather than silently applied', async () => {
    const changed = enrolmentPart();
    changed.payments![0]!.amount = 5000;
    expect(await errorsOf(changed)).toEqual([expect.stringMatching(/^payments\[0\]\.receipt: receipt R-000001 is loaded/)]);
  });

  it('a dry run checks and reports without writing', async () => {
    const more = enrolmentPart();
    const first = more.households![0]!;
    more.households!.push({ ...structuredClone(first), number: 'H0002', members: first.members.map((m, i) => ({ ...m, card: `H0002-0${i + 1}` })) });
    const before = await rowCounts();
    const summary = await loadSchemeFile(ctx, more, { dryRun: true });
    expect(summary.created).toMatchObject({ household: 1 });
    expect(await rowCounts()).toEqual(before);
  });

  it('the whole spec example loads: its claim is decided by the rules and paid; loading it again changes nothing', async () => {
    const summary = await loadSchemeFile(ctx, example);
    expect(summary.created).toMatchObject({ service: 2, provider: 1, agreement: 1, 'guarantee letter': 1, claim: 1, 'claim payment': 1, expense: 1 });
    expect(summary.notes).toEqual(expect.arrayContaining([expect.stringMatching(/^guaranteeLetters\[0\]\.provider: no provider HOP-KAOLACK/)]));
    const scheme = (await resolveScheme(ctx, 'MUT-NDIAFFATE'))!;
    const [claim] = await claimsByNumber(ctx, scheme.id, 'C-000001');
    expect(claim).toMatchObject({ status: 'paid', paidOn: '2025-06-05', paymentReference: 'VIR-2025-06-01', payable: 1125 });
    expect(claim!.lines.map((l) => [l.decision, l.reasons, l.asked, l.allowed, l.payable, l.memberShare])).toEqual([['approved', [], 1500, 1500, 1125, 375]]);
    const again = await loadSchemeFile(ctx, example);
    expect(again.created).toEqual({});
    expect(again.unchanged).toMatchObject({ claim: 1, 'claim payment': 1, expense: 1, agreement: 1 });
  });

  it('claims a file brings are decided by the rules, refusals included, in the order of care', async () => {
    const file = structuredClone(example) as unknown as SchemeFile;
    file.claims = [
      { number: 'C-2', provider: 'CS-NDIAFFATE', member: 'H0001-01', from: '2025-03-01', to: '2025-03-01', submittedOn: '2025-03-05', lines: [{ service: 'CONS', quantity: 1, unitPrice: 1500 }] },
      { number: 'C-3', provider: 'CS-NDIAFFATE', member: 'H9999-01', from: '2025-05-01', to: '2025-05-01', submittedOn: '2025-05-05', lines: [{ service: 'CONS', quantity: 1, unitPrice: 1500 }] },
      { number: 'C-4', provider: 'CS-NDIAFFATE', member: 'H0001-01', from: '2025-06-01', to: '2025-06-01', submittedOn: '2025-06-05', lines: [{ service: 'ACC', quantity: 1, unitPrice: 20000 }, { service: 'CONS', quantity: 1, unitPrice: 1500 }] },
    ];
    file.claimPayments = [];
    await loadSchemeFile(ctx, file);
    const scheme = (await resolveScheme(ctx, 'MUT-NDIAFFATE'))!;
    const reasons = async (n: string) => (await claimsByNumber(ctx, scheme.id, n))[0]!.lines.map((l) => l.reasons.join('+'));
    // Before Awa's waiting end (2025-04-02); an unknown card; delivery inside its own 270-day waiting period, consultation covered.
    expect(await reasons('C-2')).toEqual(['WAITING_PERIOD']);
    expect(await reasons('C-3')).toEqual(['MEMBER_UNKNOWN']);
    expect(await reasons('C-4')).toEqual(['WAITING_PERIOD', '']);
  });
});
