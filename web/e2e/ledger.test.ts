import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../src/demo/index.js';
import { recordExpense } from '../../src/modules/finance/index.js';
import { systemActor } from '../../src/platform/audit/audit.js';
import { checkScreen, type Harness, hasChromium, signIn, startHarness, visible, warnWithoutChromium } from './harness.js';

warnWithoutChromium('web/e2e/ledger.test.ts');

describe.skipIf(!hasChromium)('the books in Chromium', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness();
    const ctx = { db: harness.database.db, actor: systemActor('e2e') };
    await generateDemo(ctx, { seed: 3, households: 60, schemes: 1 });
    const scheme = await harness.database.db.selectFrom('scheme').select('id').executeTakeFirstOrThrow();
    await recordExpense(ctx, scheme.id, { date: '2025-03-31', account: 'administration', amount: 25_000, label: 'Indemnités mars' });
  }, 180_000);

  afterAll(async () => {
    await harness?.close();
  });

  it('a treasurer reads the income statement and the trial balance, records a manual entry and reverses it', async () => {
    const { context, page } = await harness.newPage();
    await signIn(page, harness.base, 'treasurer');
    await page.goto(`${harness.base}/books?from=2025-01-01&to=2025-12-31`);
    await visible(page.getByRole('heading', { level: 2, name: /Income statement/ }));
    await visible(page.getByRole('cell', { name: 'Administrative expenses' }));
    await checkScreen(page, 'ledger-income-statement');
    await page.goto(`${harness.base}/books?from=2025-01-01&to=2025-12-31&view=trial`);
    await visible(page.getByText('The books balance: debits equal credits.'));

    await page.goto(`${harness.base}/journal?from=2025-03-01&to=2025-03-31&account=6300`);
    const form = page.getByRole('form', { name: 'Manual entry' });
    await visible(form);
    await form.getByLabel('Date', { exact: true }).fill('2025-03-15');
    await form.getByLabel('Description').fill('Office rent March');
    await form.getByRole('combobox', { name: /Account.*line 1/ }).selectOption('6300');
    await form.getByRole('textbox', { name: /Debit.*line 1/ }).fill('5000');
    await form.getByRole('combobox', { name: /Account.*line 2/ }).selectOption('5710');
    await form.getByRole('textbox', { name: /Credit.*line 2/ }).fill('4000');
    await form.getByRole('button', { name: 'Record the entry' }).click();
    // debits and credits differ: nothing is sent
    await visible(form.getByRole('alert').filter({ hasText: 'Debits minus credits' }));
    await form.getByRole('textbox', { name: /Credit.*line 2/ }).fill('5000');
    await form.getByRole('button', { name: 'Record the entry' }).click();
    await visible(page.getByRole('status').filter({ hasText: /Entry \d+ recorded/ }));
    const entry = page.getByRole('article').filter({ hasText: 'Office rent March' });
    await visible(entry);
    await entry.getByRole('button', { name: 'Reverse' }).click();
    await entry.getByLabel('Reason').fill('entered twice');
    await entry.getByRole('form', { name: 'Reverse' }).getByRole('button', { name: 'Reverse' }).click();
    await visible(page.getByRole('article').filter({ hasText: 'entered twice' }));
    await checkScreen(page, 'ledger-journal');
    expect(harness.pageErrors).toEqual([]);
    await context.close();
  }, 180_000);
});
