import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import { systemActor } from '../../platform/audit/audit.js';
import { recordPayment, recordRemittance, renewHousehold, reversePayment } from '../coverage/index.js';
import { correctExpense, recordExpense } from '../finance/index.js';
import { addAgreement, createProvider } from '../providers/index.js';
import { resolveScheme } from '../organizations/index.js';
import { exportSchemeFile } from './scheme-file.export.js';
import type { SchemeFile } from './scheme-file.schemas.js';
import { loadSchemeFile } from './scheme-file.service.js';
import { validateSchemeFile } from './scheme-file.validate.js';

const example = JSON.parse(readFileSync(new URL('../../../docs/examples/scheme-file.example.json', import.meta.url), 'utf8')) as SchemeFile;
const enrolmentPart = (): SchemeFile => ({ ...structuredClone(example), services: [], providers: [], guaranteeLetters: [], claims: [], claimPayments: [], expenses: [] });

let first: TestDatabase;
let second: TestDatabase;

beforeAll(async () => {
  [first, second] = await Promise.all([createTestDatabase(), createTestDatabase()]);
});

afterAll(async () => {
  await Promise.all([first.drop(), second.drop()]);
});

describe('exporting a scheme file', () => {
  it('an exported scheme loads into an empty database and exports again identically', async () => {
    const ctx = { db: first.db, actor: systemActor('test') };
    await loadSchemeFile(ctx, enrolmentPart());
    const scheme = (await resolveScheme(ctx, 'MUT-NDIAFFATE'))!;
    // Some history beyond the spec's example: a renewal, a remittance, a reversed payment.
    await renewHousehold(ctx, scheme.id, { household: 'H0001' });
    await recordRemittance(ctx, scheme.id, { group: 'GIE-DIAM', date: '2025-12-20', amount: 5400, receipt: 'GR-1', parts: [{ household: 'H0001', amount: 5400 }] });
    const mistake = await recordPayment(ctx, scheme.id, { household: 'H0001', date: '2026-01-05', amount: 100, method: 'cash', receipt: 'R-9' });
    await reversePayment(ctx, scheme.id, mistake.payment.id, { date: '2026-01-06', reason: 'typed twice' });

    const exported = await exportSchemeFile(ctx, 'MUT-NDIAFFATE');
    expect(validateSchemeFile(exported).ok).toBe(true);
    expect(exported.enrolments).toEqual([
      { household: 'H0001', product: 'BASE', start: '2025-01-01' },
      { household: 'H0001', product: 'BASE', start: '2026-01-01' },
    ]);
    expect(exported.payments!.map((p) => p.receipt)).toEqual(['R-000001', 'GR-1/1']);

    const other = { db: second.db, actor: systemActor('test') };
    await loadSchemeFile(other, exported);
    expect(await exportSchemeFile(other, 'MUT-NDIAFFATE')).toEqual(exported);
  });

  it('the whole example, with its providers, letters, claims, payments and expenses, exports as it was loaded', async () => {
    const ctx = { db: first.db, actor: systemActor('test') };
    const file = structuredClone(example);
    file.scheme = { ...file.scheme, code: 'MUT-FULL' };
    await loadSchemeFile(ctx, file);
    const scheme = (await resolveScheme(ctx, 'MUT-FULL'))!;
    // A capitation agreement (a Mutua addition to the format), and an expense cancelled by its
    // correction, which the export leaves out.
    await createProvider(ctx, scheme.id, { code: 'PS-KEUR', name: 'Poste de santé de Keur', level: 'health_post' });
    await addAgreement(ctx, scheme.id, 'PS-KEUR', { from: '2025-01-01', to: null, paymentMethod: 'capitation', capitationAmount: 150, tariff: [] });
    const wrong = await recordExpense(ctx, scheme.id, { date: '2025-02-28', account: 'administration', amount: 999, label: 'typed twice' });
    await correctExpense(ctx, scheme.id, wrong.id, 'typed twice');

    const exported = await exportSchemeFile(ctx, 'MUT-FULL');
    expect(validateSchemeFile(exported).ok).toBe(true);
    expect(exported.services).toEqual([...example.services!].sort((a, b) => (a.code < b.code ? -1 : 1)));
    const byService = (a: { service: string }, b: { service: string }) => (a.service < b.service ? -1 : 1);
    const cs = example.providers![0]!;
    expect(exported.providers![0]).toEqual({ ...cs, agreements: cs.agreements.map((a) => ({ ...a, tariff: [...a.tariff].sort(byService) })) });
    expect(exported.providers![1]).toEqual({ code: 'PS-KEUR', name: 'Poste de santé de Keur', level: 'health_post', agreements: [{ from: '2025-01-01', paymentMethod: 'capitation', paymentDelayDays: 30, capitationAmount: 150, tariff: [] }] });
    expect(exported.guaranteeLetters).toEqual(example.guaranteeLetters);
    expect(exported.claims).toEqual(example.claims!.map(({ guaranteeLetter: _none, ...c }) => c));
    expect(exported.claimPayments).toEqual(example.claimPayments);
    expect(exported.expenses).toEqual(example.expenses);

    // Loading it twice changes nothing; into an empty database it gives the same file back.
    const again = await loadSchemeFile(ctx, exported);
    expect(Object.values(again.created).reduce((a, b) => a + b, 0)).toBe(0);
    const other = { db: second.db, actor: systemActor('test') };
    await loadSchemeFile(other, exported);
    expect(await exportSchemeFile(other, 'MUT-FULL')).toEqual(exported);
  });
});
