import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import { newScheme } from '../coverage/testing.js';
import { correctExpense, listExpenses, recordExpense } from './index.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.drop());

describe('expenses', () => {
  it('a mistaken expense is cancelled by a counter-entry, once, and both stay listed', async () => {
    const { ctx, schemeId } = await newScheme(database.db);
    const e = await recordExpense(ctx, schemeId, { date: '2025-01-31', account: 'administration', amount: 25_000, label: 'Indemnités janvier' });
    const c = await correctExpense(ctx, schemeId, e.id, 'recorded twice');
    expect([c.amount, c.correctionOf]).toEqual([-25_000, e.id]);
    await expect(correctExpense(ctx, schemeId, e.id, 'again')).rejects.toMatchObject({ code: 'expense_corrected' });
    await expect(correctExpense(ctx, schemeId, c.id, 'again')).rejects.toMatchObject({ code: 'expense_is_correction' });
    const listed = await listExpenses(ctx, schemeId, { from: '2025-01-01', to: '2025-01-31' });
    expect(listed.reduce((s, x) => s + x.amount, 0)).toBe(0);
    expect(listed).toHaveLength(2);
  });
});
