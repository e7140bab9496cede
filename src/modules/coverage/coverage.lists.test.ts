import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import type { ServiceContext } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { createGroup } from '../members/index.js';
import {
  arrearsList,
  cashSheet,
  createSubsidizer,
  enrolHousehold,
  householdAccount,
  recordPayment,
  recordRemittance,
  renewalList,
  sponsorHousehold,
  subsidizerStatement,
} from './coverage.service.js';
import { exampleVersion, newHousehold, newProduct, newScheme } from './testing.js';

let tdb: TestDatabase;
let ctx: ServiceContext;
let schemeId: string;

beforeAll(async () => {
  tdb = await createTestDatabase();
  ({ ctx, schemeId } = await newScheme(tdb.db));
  await newProduct(ctx, schemeId, [{ ...exampleVersion, instalments: 2, activation: 'first_instalment', joiningFee: 0 }]);
  for (const n of ['H1', 'H2', 'H3']) {
    await newHousehold(ctx, schemeId, n, '2025-01-01');
    await enrolHousehold(ctx, schemeId, { household: n, product: 'BASE', start: '2025-01-01' });
  }
  await createGroup(ctx, schemeId, { code: 'GIE', name: 'GIE des femmes', kind: 'association' });
});

afterAll(async () => {
  await tdb.drop();
});

describe('group remittance', () => {
  it('one payment by a group is split across its households by the list', async () => {
    const { remittance } = await recordRemittance(ctx, schemeId, {
      group: 'GIE',
      date: '2025-01-05',
      amount: 5400,
      receipt: 'GR-001',
      collector: 'Fatou',
      parts: [
        { household: 'H1', amount: 2700 },
        { household: 'H2', amount: 2700 },
      ],
    });
    expect(remittance).toMatchObject({ group: 'GIE', amount: 5400, receipt: 'GR-001' });
    expect(remittance.payments.map((p) => [p.household, p.amount, p.method, p.payer, p.group])).toEqual([
      ['H1', 2700, 'group_remittance', 'group', 'GIE'],
      ['H2', 2700, 'group_remittance', 'group', 'GIE'],
    ]);
    expect((await householdAccount(ctx, schemeId, 'H1')).periods[0]!.dues[0]).toMatchObject({ amount: 2700, paid: 2700 });
  });

  it('parts that do not add up are refused and nothing is recorded', async () => {
    const before = (await householdAccount(ctx, schemeId, 'H3')).payments.length;
    await expect(recordRemittance(ctx, schemeId, { group: 'GIE', date: '2025-01-06', amount: 5000, parts: [{ household: 'H3', amount: 4000 }] })).rejects.toMatchObject({ details: [{ field: 'parts' }] });
    await expect(
      recordRemittance(ctx, schemeId, { group: 'GIE', date: '2025-01-06', amount: 100, parts: [{ household: 'H3', amount: 50 }, { household: 'NOPE', amount: 50 }] }),
    ).rejects.toBeInstanceOf(DomainError);
    expect((await householdAccount(ctx, schemeId, 'H3')).payments).toHaveLength(before);
  });

  it('a retried remittance with the same key is recorded once', async () => {
    const input = { group: 'GIE', date: '2025-01-07', amount: 100, idempotencyKey: 'tablet-3-remit-9', parts: [{ household: 'H3', amount: 100 }] };
    const first = await recordRemittance(ctx, schemeId, input);
    const again = await recordRemittance(ctx, schemeId, input);
    expect(again).toMatchObject({ replayed: true, remittance: { id: first.remittance.id } });
    expect((await householdAccount(ctx, schemeId, 'H3')).payments).toHaveLength(1);
  });
});

describe('arrears, renewals, cash sheet', () => {
  it('arrears list the households with dues unpaid beyond grace, largest first', async () => {
    // Second instalments fall due 2025-07-01; grace 30 days.
    expect((await arrearsList(ctx, schemeId, { asOf: '2025-07-31' })).households.filter((h) => h.oldestDueDate === '2025-07-01')).toHaveLength(0);
    const list = await arrearsList(ctx, schemeId, { asOf: '2025-08-01' });
    expect(list.households.map((h) => [h.household, h.overdue])).toEqual([
      ['H3', 2600 + 2700],
      ['H1', 2700],
      ['H2', 2700],
    ]);
    expect(list.households.find((h) => h.household === 'H1')).toMatchObject({ head: 'Awa Ndiaye', collector: 'Fatou' });
    expect(list.total).toBe(5300 + 5400);
  });

  it('the renewal campaign lists periods ending in the window with the renewal amount', async () => {
    const campaign = await renewalList(ctx, schemeId, { from: '2025-12-01', to: '2025-12-31' });
    expect(campaign.households.map((h) => [h.household, h.periodEnd, h.renewalStart, h.state, h.amount])).toEqual([
      ['H1', '2025-12-31', '2026-01-01', 'due', 5400],
      ['H2', '2025-12-31', '2026-01-01', 'due', 5400],
      ['H3', '2025-12-31', '2026-01-01', 'due', 5400],
    ]);
    expect((await renewalList(ctx, schemeId, { from: '2025-06-01', to: '2025-06-30' })).households).toEqual([]);
  });

  it('the cash sheet of a day totals a collector’s payments by method', async () => {
    await recordPayment(ctx, schemeId, { household: 'H3', date: '2025-03-03', amount: 500, method: 'cash', collector: 'Ousmane' });
    await recordPayment(ctx, schemeId, { household: 'H2', date: '2025-03-03', amount: 300, method: 'mobile_money', collector: 'Ousmane' });
    await recordPayment(ctx, schemeId, { household: 'H1', date: '2025-03-03', amount: 999, method: 'cash', collector: 'Fatou' });
    const sheet = await cashSheet(ctx, schemeId, { date: '2025-03-03', collector: 'Ousmane' });
    expect(sheet).toMatchObject({ total: 800, byMethod: { cash: 500, mobile_money: 300 } });
    expect(sheet.payments).toHaveLength(2);
  });
});

describe('subsidies', () => {
  it('a subsidizer owes its share of the sponsored households’ dues falling due in the period, and sees what it paid', async () => {
    await createSubsidizer(ctx, schemeId, { code: 'ETAT', name: 'État — CMU', share: 0.5 });
    await newHousehold(ctx, schemeId, 'H4', '2025-01-01');
    await sponsorHousehold(ctx, schemeId, 'H4', { subsidizer: 'ETAT', from: '2025-01-01' });
    await enrolHousehold(ctx, schemeId, { household: 'H4', product: 'BASE', start: '2025-01-01' });
    await recordPayment(ctx, schemeId, { household: 'H4', date: '2025-02-01', amount: 1350, method: 'subsidy', subsidizer: 'ETAT' });
    const firstHalf = await subsidizerStatement(ctx, schemeId, 'ETAT', { from: '2025-01-01', to: '2025-06-30' });
    expect(firstHalf).toMatchObject({ owed: 1350, paid: 1350, balance: 0, households: [{ household: 'H4', dues: 2700, owed: 1350, paid: 1350 }] });
    const year = await subsidizerStatement(ctx, schemeId, 'ETAT', { from: '2025-01-01', to: '2025-12-31' });
    expect(year).toMatchObject({ owed: 2700, paid: 1350, balance: 1350 });
  });
});
