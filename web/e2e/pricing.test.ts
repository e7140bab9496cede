/**
 * The premium calculator end to end, in Chromium: a scheme manager opens it from the navigation,
 * sees the spec's example priced (5,300 per person), changes a frequency and sees the
 * contribution follow, loads the inputs from the scheme's own history, and downloads the one-page
 * study. axe-core runs on the screen; screenshots at 360 and 1280 px go to web/e2e/screenshots/.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../src/demo/index.js';
import { systemActor } from '../../src/platform/audit/audit.js';
import { checkScreen, go, type Harness, hasChromium, signIn, startHarness, visible, warnWithoutChromium } from './harness.js';

warnWithoutChromium('web/e2e/pricing.test.ts');

describe.skipIf(!hasChromium)('the premium calculator in Chromium', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness();
    await generateDemo({ db: harness.database.db, actor: systemActor('e2e') }, { seed: 5, households: 30 });
  });

  afterAll(async () => {
    await harness?.close();
  });

  afterEach(() => {
    expect(harness.pageErrors.splice(0)).toEqual([]);
  });

  it('lets a manager change an input and see the contribution change, load the history and download the study', async () => {
    const { context, page } = await harness.newPage();
    await signIn(page, harness.base, 'manager');
    await go(page, 'Premium calculator');
    await visible(page.getByRole('heading', { name: 'Premium calculator', level: 1 }));
    const perPerson = page.getByTestId('contribution-per-person');
    // The spec's example: 4060 / (1 - 0.22) = 5205.13, rounded up to 5,300.
    await expect.poll(() => perPerson.textContent(), { timeout: 10_000 }).toMatch(/5,300/);
    await visible(page.getByRole('heading', { name: 'Figures per category' }));
    await visible(page.getByRole('heading', { name: 'Sensitivity: contribution per person when…' }));
    await checkScreen(page, 'pricing');

    // Twice as many consultations: 2.88 x 1500 + 1600 + 300 = 6220 / 0.78 = 7974.4 -> 8,000.
    await page.locator('input[name="categories.0.frequency"]').fill('2.4');
    await expect.poll(() => perPerson.textContent(), { timeout: 10_000 }).toMatch(/8,000/);

    // A text where a number is due is named, and nothing is sent.
    await page.locator('input[name="persons"]').fill('');
    await visible(page.getByText('Some inputs cannot be read: correct the fields marked.'));
    await page.locator('input[name="persons"]').fill('5000');

    // The scheme's own history replaces the inputs, labelled with their source.
    await page.getByRole('button', { name: 'Load the history' }).click();
    await visible(page.getByRole('heading', { name: "The scheme's own figures" }));
    await expect.poll(() => page.locator('select[name="categories.0.source"]').inputValue()).toBe('history');
    await checkScreen(page, 'pricing-history');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download the one-page study (PDF)' }).click();
    expect((await download).suggestedFilename()).toBe('premium-study.pdf');
    await context.close();
  });
});
