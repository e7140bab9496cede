/**
 * Enrolment and contributions end to end, as a scheme manager and an enrolment agent would do
 * them in Chromium: a benefit package (with a field error placed by its path), a household with
 * its members, enrolment, a payment submitted twice that is recorded once, a reversal, the
 * eligibility check before and after the waiting period, arrears, the renewal campaign, the cash
 * sheet, subsidizers, groups and a group remittance, possible duplicates, and French on the
 * household page. axe-core runs on every new screen; screenshots at 360 and 1280 px go to
 * web/e2e/screenshots/. Everything the test needs is created through the interface.
 *
 * It also keeps the first screen small: the JavaScript the sign-in page loads stays under 250 KB
 * gzipped (checked on web/dist, without a browser).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../src/demo/index.js';
import { systemActor } from '../../src/platform/audit/audit.js';
import { addDays, addMonths, today } from '../../src/platform/dates.js';
import { defaultWebRoot } from '../../src/server.js';
import { checkScreen, go, type Harness, hasChromium, navLinks, signIn, startHarness, visible, warnWithoutChromium } from './harness.js';

warnWithoutChromium('web/e2e/enrolment.test.ts');

const SCHEME = 'MUT-DEMO-1';

describe('the first screen', () => {
  it('loads under 250 KB of gzipped JavaScript (later screens load on demand)', () => {
    const html = readFileSync(path.join(defaultWebRoot, 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    const gzipped = scripts.reduce((sum, file) => sum + gzipSync(readFileSync(path.join(defaultWebRoot, file))).length, 0);
    expect(gzipped).toBeLessThan(250 * 1024);
  });
});

describe.skipIf(!hasChromium)('enrolment and contributions in Chromium', () => {
  let harness: Harness;
  const T = today();
  let household = '';
  let headCard = '';
  let other = '';

  beforeAll(async () => {
    harness = await startHarness();
    await generateDemo({ db: harness.database.db, actor: systemActor('e2e') }, { seed: 2, households: 0 });
  });

  afterAll(async () => {
    await harness?.close();
  });

  afterEach(() => {
    expect(harness.pageErrors.splice(0)).toEqual([]);
  });

  /** The household's account as the API has it, read with the page's session. */
  const account = (page: Page) =>
    page.evaluate(async ([scheme, number]) => {
      const response = await fetch(`/api/schemes/${scheme}/households/${number}/account`);
      return (await response.json()) as { payments: { id: string; amount: number; reversalOf: string | null }[]; balance: number };
    }, [SCHEME, household] as const);

  it('lets a manager define a benefit package, with errors placed by field path', async () => {
    const { context, page } = await harness.newPage();
    await signIn(page, harness.base, 'manager');
    await go(page, 'Benefit packages');
    await page.getByRole('heading', { level: 1, name: 'Benefit packages' }).waitFor();
    await checkScreen(page, 'products');

    await page.getByRole('link', { name: 'New benefit package' }).click();
    await page.getByRole('heading', { level: 1, name: 'New benefit package' }).waitFor();
    await page.getByLabel('Code', { exact: true }).fill('E2E-BASE');
    await page.getByLabel('Name', { exact: true }).fill('Paquet de base');
    await page.getByLabel('Effective from').fill(addDays(T, -30));
    await page.getByLabel('Coverage period (months)').fill('12');
    await page.getByLabel('Instalments').fill('2');
    await page.getByLabel('Coverage starts after').selectOption('first_instalment');
    await page.getByLabel('Grace period').fill('30');
    await page.getByLabel('Waiting period', { exact: true }).fill('30');
    await page.getByLabel('Per adult, per period').fill('3 000');
    await page.getByLabel('Per child, per period').fill('1500');
    await page.getByLabel('A child is at most (years)').fill('14');
    await page.getByLabel('Joining fee').fill('500');
    await page.getByLabel('Coverage rate (%) (line 1)').fill('80');
    await page.getByRole('button', { name: 'Add a benefit line' }).click();
    const line2 = page.getByRole('group', { name: 'Conditions of line 2' });
    await page.getByLabel('Care (line 2)').selectOption('delivery');
    await page.getByLabel('Cover (line 2)').selectOption('copayment');
    await page.getByLabel('Co-payment (line 2)').fill('1000');
    await page.getByLabel('Waiting (days) (line 2)').fill('270');
    await line2.getByLabel('Only for').selectOption('F');
    await line2.getByLabel('Minimum age').fill('50');
    await line2.getByLabel('Maximum age').fill('12');
    await page.getByRole('button', { name: 'Create the package' }).click();
    // The API names `versions[0].benefits[1].maxAge`: the message shows beside that very field.
    await expect.poll(() => line2.getByLabel('Maximum age').getAttribute('aria-invalid')).toBe('true');
    await visible(line2.getByText('is below minAge'));
    expect(await page.getByLabel('Minimum age').first().getAttribute('aria-invalid')).toBeNull();
    await checkScreen(page, 'product-new');

    await line2.getByLabel('Minimum age').fill('12');
    await line2.getByLabel('Maximum age').fill('50');
    await page.getByRole('button', { name: 'Create the package' }).click();
    await page.getByRole('heading', { level: 1, name: 'Paquet de base' }).waitFor();
    await visible(page.getByText('F CFA 3,000 per adult, F CFA 1,500 per child (up to 14 years)'));
    await visible(page.getByRole('cell', { name: 'Member pays F CFA 1,000' }));
    await visible(page.getByText('Female only · aged 12–50'));
    await checkScreen(page, 'product');

    // A new version starts as a copy of the latest one.
    await page.getByRole('link', { name: 'Add a version' }).click();
    await page.getByRole('heading', { level: 1, name: 'New version of Paquet de base' }).waitFor();
    expect(await page.getByLabel('Per adult, per period').inputValue()).toBe('3000');
    await page.getByRole('radio', { name: /Household lump sum/ }).check();
    await visible(page.getByLabel('Members included'));
    await checkScreen(page, 'product-version');
    await context.close();
  }, 240_000);

  it('registers a household, enrols it, and records a double-submitted payment once', async () => {
    const { context, page } = await harness.newPage();
    await signIn(page, harness.base, 'manager');
    await go(page, 'Households');
    await page.getByRole('heading', { level: 1, name: 'Households and members' }).waitFor();
    await page.getByRole('link', { name: 'Register a household' }).click();
    await page.getByRole('heading', { level: 1, name: 'Register a household' }).waitFor();
    await page.getByLabel('Phone', { exact: true }).fill('+221 77 123 45 67');
    await page.getByLabel('First name (Member 1)').fill('Awa');
    await page.getByLabel('Last name (Member 1)').fill('Diallo');
    await page.getByLabel('Sex (Member 1)').selectOption('F');
    await page.getByLabel('Birth date (Member 1)').fill('1985-04-02');
    await page.getByLabel('First name (Member 2)').fill('Moussa');
    await page.getByLabel('Last name (Member 2)').fill('Diallo');
    await page.getByLabel('Sex (Member 2)').selectOption('M');
    await page.getByLabel('Or year (est.) (Member 2)').fill('2015');
    // The relationship left to choose is caught before anything is sent.
    await page.getByRole('button', { name: 'Register the household' }).click();
    await visible(page.getByText('choose one'));
    await page.getByLabel('Relationship (Member 2)').selectOption('child');
    await checkScreen(page, 'household-new');
    await page.getByRole('button', { name: 'Register the household' }).click();
    const heading = page.getByRole('heading', { level: 1, name: /^Household \S+ — Awa Diallo$/ });
    await heading.waitFor();
    household = /Household (\S+) —/.exec((await heading.textContent()) ?? '')![1]!;
    await visible(page.getByText(`Household ${household} registered.`));
    headCard = (await page.getByRole('row', { name: /Awa Diallo/ }).getByRole('cell').nth(1).textContent())!.replace(' — check coverage', '').trim();
    expect(headCard).toMatch(/\d/);

    // Enrol from today in the package.
    await page.getByRole('button', { name: 'Enrol' }).click();
    const enrol = page.getByRole('dialog', { name: `Enrol household ${household}` });
    await enrol.getByLabel('Benefit package').selectOption('E2E-BASE');
    await enrol.getByLabel('Start of coverage').fill(T);
    await enrol.getByRole('button', { name: 'Enrol' }).click();
    await visible(page.getByText('Coverage period opened'));
    // First instalment: half of 3 000 + 1 500, and the joining fee.
    await visible(page.getByRole('cell', { name: /F\sCFA\s2,750/ }).first());

    // A payment submitted twice at once (a double click that beats the disabled button) is recorded once.
    await page.getByRole('button', { name: 'Record a payment' }).click();
    const dialog = page.getByRole('dialog', { name: `Payment for household ${household}` });
    expect(await dialog.getByLabel('Amount').inputValue()).toBe('2750');
    await dialog.getByLabel('Method').selectOption('mobile_money');
    await checkScreen(page, 'payment-dialog', { fullPage: false });
    await dialog.locator('form').evaluate((form: HTMLFormElement) => {
      form.requestSubmit();
      form.requestSubmit();
    });
    await visible(page.getByText(/Payment of F\sCFA\s2,750 recorded, receipt R-\d+\./));
    await page.waitForLoadState('networkidle');
    let facts = await account(page);
    expect(facts.payments).toHaveLength(1);
    expect(facts.balance).toBe(0);
    await expect.poll(() => page.getByRole('table', { name: 'Payments' }).getByRole('row').count()).toBe(2);
    await visible(page.getByText('Active since', { exact: false }));

    // The receipt, and a mistaken payment reversed after a confirmation.
    await page.getByRole('button', { name: 'Show the receipt' }).click();
    await visible(page.getByRole('dialog', { name: /^Receipt R-/ }).getByText('Mobile money'));
    await page.getByRole('dialog', { name: /^Receipt R-/ }).getByRole('button', { name: 'Close' }).click();
    await page.getByRole('button', { name: 'Record a payment' }).click();
    await dialog.getByLabel('Amount').fill('100');
    await dialog.getByRole('button', { name: 'Record a payment' }).click();
    const second = /receipt (R-\d+)/.exec((await page.getByText(/Payment of F\sCFA\s100 recorded/).textContent()) ?? '')![1]!;
    await page.getByRole('button', { name: `Reverse ${second}` }).click();
    const reverse = page.getByRole('dialog', { name: `Reverse payment ${second}` });
    await reverse.getByLabel('Reason').fill('Recorded on the wrong household');
    await reverse.getByRole('button', { name: 'Reverse' }).click();
    await page.getByRole('dialog', { name: 'Reverse this payment?' }).getByRole('button', { name: 'Reverse' }).click();
    await visible(page.getByText(`Payment ${second} reversed.`));
    facts = await account(page);
    expect(facts.payments.filter((p) => p.reversalOf)).toHaveLength(1);
    await checkScreen(page, 'household');

    // French on the household page: the interface, the dates and the money.
    await page.getByLabel('Language').selectOption('fr');
    await visible(page.getByRole('heading', { name: 'Couverture et cotisations' }));
    await visible(page.getByRole('heading', { level: 1, name: `Ménage ${household} — Awa Diallo` }));
    await visible(page.getByRole('button', { name: 'Enregistrer un paiement' }));
    await visible(page.getByText(/Paiement de 2\s750\sF\sCFA enregistré|2\s750\sF\sCFA/).first());
    await checkScreen(page, 'household-fr');
    await page.getByLabel('Langue').selectOption('en');
    await context.close();
  }, 240_000);

  it('checks a member’s eligibility: waiting first, covered after the waiting period', async () => {
    const { context, page } = await harness.newPage();
    await signIn(page, harness.base, 'manager');
    await go(page, 'Check eligibility');
    await page.getByLabel('Card number').fill(headCard.toLowerCase());
    await page.getByRole('button', { name: 'Check' }).click();
    await visible(page.getByRole('heading', { name: 'In waiting period' }));
    await visible(page.getByText(/In the waiting period until/));
    await checkScreen(page, 'eligibility-waiting');

    await page.getByLabel('Date of care').fill(addDays(T, 40));
    await page.getByRole('button', { name: 'Check' }).click();
    await visible(page.getByRole('heading', { name: 'Covered', exact: true }));
    const consultation = page.getByRole('row', { name: /Consultation/ });
    await visible(consultation.getByText('Covered', { exact: true }));
    // Delivery has its own waiting period (270 days).
    const delivery = page.getByRole('row', { name: /Delivery/ });
    await visible(delivery.getByText('Not covered', { exact: true }));
    await visible(delivery.getByText(/^from /));
    await checkScreen(page, 'eligibility');

    await page.getByLabel('Card number').fill('NO-SUCH-CARD');
    await page.getByRole('button', { name: 'Check' }).click();
    await visible(page.getByText('No member has card NO-SUCH-CARD in this scheme.'));
    await context.close();
  }, 240_000);

  it('lists arrears, the renewal campaign and the cash sheet', async () => {
    const { context, page } = await harness.newPage();
    await signIn(page, harness.base, 'manager');
    await go(page, 'Arrears');
    await visible(page.getByText('No household is in arrears on this date.'));
    // The second instalment falls due in six months; thirty days of grace later it is in arrears.
    await page.getByLabel('On', { exact: true }).fill(addMonths(T, 8));
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await visible(page.getByRole('link', { name: household }));
    await visible(page.getByRole('row', { name: new RegExp(household) }).getByText('F CFA 2,250').first());
    await checkScreen(page, 'arrears');

    await go(page, 'Renewal campaign');
    await page.getByLabel('From', { exact: true }).fill(addMonths(T, 11));
    await page.getByLabel('To', { exact: true }).fill(addMonths(T, 13));
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    const row = page.getByRole('row', { name: new RegExp(household) });
    await visible(row.getByText('Due', { exact: true }));
    await visible(row.getByText('E2E-BASE'));
    await checkScreen(page, 'renewals');

    await go(page, 'Cash sheet');
    await visible(page.getByRole('link', { name: household }).first());
    await visible(page.getByText('Mobile money').first());
    await checkScreen(page, 'cash-sheet');
    await context.close();
  }, 240_000);

  it('manages groups, subsidizers and a group remittance, and warns of possible duplicates', async () => {
    const { context, page } = await harness.newPage();
    await signIn(page, harness.base, 'manager');
    await go(page, 'Groups');
    const addGroup = page.getByRole('form', { name: 'Add a group' });
    await addGroup.getByLabel('Code').fill('GIE-E2E');
    await addGroup.getByLabel('Name').fill('GIE des maraîchères');
    await addGroup.getByLabel('Kind').selectOption('association');
    await addGroup.getByRole('button', { name: 'Add a group' }).click();
    await visible(page.getByRole('cell', { name: 'GIE des maraîchères' }));
    await checkScreen(page, 'groups');

    await go(page, 'Subsidizers');
    const addSubsidizer = page.getByRole('form', { name: 'Add a subsidizer' });
    await addSubsidizer.getByLabel('Code').fill('ETAT-E2E');
    await addSubsidizer.getByLabel('Name').fill('État — CMU');
    await addSubsidizer.getByLabel('Share of the dues (%)').fill('50');
    await addSubsidizer.getByRole('button', { name: 'Add a subsidizer' }).click();
    await visible(page.getByRole('cell', { name: '50%' }));
    await checkScreen(page, 'subsidizers');
    await page.getByRole('link', { name: 'Statement État — CMU' }).click();
    await page.getByRole('heading', { level: 1, name: 'Statement of État — CMU' }).waitFor();
    await checkScreen(page, 'subsidizer-statement');

    // Someone registered again by mistake: saved, with a warning that links to the first record.
    await go(page, 'Households');
    await page.getByRole('link', { name: 'Register a household' }).click();
    await page.getByLabel('First name (Member 1)').fill('Awa');
    await page.getByLabel('Last name (Member 1)').fill('Diallo');
    await page.getByLabel('Sex (Member 1)').selectOption('F');
    await page.getByLabel('Birth date (Member 1)').fill('1985-04-02');
    await page.getByRole('button', { name: 'Remove Member 2' }).click();
    await page.getByRole('button', { name: 'Register the household' }).click();
    await visible(page.getByRole('heading', { name: 'Possible duplicates' }));
    await visible(page.getByRole('link', { name: `See Awa Diallo (household ${household})` }));
    other = /Household (\S+) registered/.exec((await page.getByText(/Household \S+ registered\./).textContent()) ?? '')![1]!;
    await checkScreen(page, 'household-duplicates');

    await go(page, 'Group remittance');
    await page.getByLabel('Group', { exact: true }).selectOption('GIE-E2E');
    await page.getByLabel('Total amount').fill('1000');
    await page.getByLabel('Household number (row 1)').fill(household);
    await page.getByLabel('Amount (row 1)').fill('600');
    await visible(page.getByText('Left to split'));
    await visible(page.getByText('F CFA 400'));
    await page.getByLabel('Household number (row 2)').fill(other);
    await page.getByLabel('Amount (row 2)').fill('400');
    await visible(page.getByText('F CFA 1,000').first());
    await checkScreen(page, 'remittance');
    await page.getByRole('button', { name: 'Record the remittance' }).click();
    await visible(page.getByText(/Remittance of F\sCFA\s1,000 from GIE-E2E recorded/));

    // Search is spelling-tolerant: "awa dialo" finds both.
    await go(page, 'Households');
    await page.getByLabel('Name, card or phone').fill('dialo awa');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => page.getByRole('link', { name: 'Awa Diallo' }).count()).toBe(2);
    await checkScreen(page, 'households');
    await context.close();
  }, 240_000);

  it('keeps a household up to date: edit, add a member, change the head, deactivate after a confirmation', async () => {
    const { context, page } = await harness.newPage();
    await signIn(page, harness.base, 'manager');
    await page.goto(`${harness.base}/households/${other}`);
    await page.getByRole('heading', { level: 1, name: `Household ${other} — Awa Diallo` }).waitFor();

    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    const edit = page.getByRole('dialog', { name: `Edit household ${other}` });
    await edit.getByLabel('Address').fill('Quartier Escale');
    await edit.getByRole('button', { name: 'Save' }).click();
    await visible(page.getByText('Quartier Escale'));

    await page.getByRole('button', { name: 'Add a member' }).click();
    const add = page.getByRole('dialog', { name: `Add a member to household ${other}` });
    await add.getByLabel('First name').fill('Fatou');
    await add.getByLabel('Last name').fill('Diallo');
    await add.getByLabel('Sex').selectOption('F');
    await add.getByLabel('Relationship').selectOption('child');
    await add.getByLabel('Birth date').fill('2010-05-05');
    await checkScreen(page, 'member-add-dialog', { fullPage: false });
    await add.getByRole('button', { name: 'Add a member' }).click();
    await visible(page.getByText(/^Fatou Diallo added with card /));

    await page.getByRole('button', { name: 'Change the head' }).click();
    const head = page.getByRole('dialog', { name: 'Change the head of the household' });
    await head.getByLabel('The former head becomes').selectOption('parent');
    await head.getByRole('button', { name: 'Change the head' }).click();
    await visible(page.getByText('The head of the household has changed.'));
    await page.getByRole('heading', { level: 1, name: `Household ${other} — Fatou Diallo` }).waitFor();

    // Deactivating asks first; cancelling changes nothing.
    await page.getByRole('button', { name: 'Deactivate Awa Diallo' }).click();
    const deactivate = page.getByRole('dialog', { name: 'Deactivate Awa Diallo' });
    await deactivate.getByRole('radio', { name: 'Departure' }).check();
    await deactivate.getByLabel('Note').fill('Moved to Dakar');
    await checkScreen(page, 'member-deactivate-dialog', { fullPage: false });
    await deactivate.getByRole('button', { name: 'Deactivate' }).click();
    const confirm = page.getByRole('dialog', { name: 'Deactivate this member?' });
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await deactivate.getByRole('button', { name: 'Deactivate' }).click();
    await confirm.getByRole('button', { name: 'Deactivate' }).click();
    await visible(page.getByText('Awa Diallo deactivated.'));
    await visible(page.getByRole('row', { name: /Awa Diallo/ }).getByText(/^Left/));
    await visible(page.getByText('Moved to Dakar'));
    await context.close();
  }, 240_000);

  it('gives an enrolment agent eligibility and today’s collections on the home page', async () => {
    const { context, page } = await harness.newPage();
    await signIn(page, harness.base, 'agent');
    expect(await navLinks(page)).toContain('Check eligibility');
    expect(await navLinks(page)).not.toContain('Users');
    await visible(page.getByRole('heading', { name: 'Check eligibility' }));
    await visible(page.getByRole('heading', { name: 'My collections today' }));
    await page.getByLabel('Card number').fill(headCard);
    await page.getByRole('button', { name: 'Check' }).click();
    await visible(page.getByRole('heading', { name: 'In waiting period' }));
    await checkScreen(page, 'home-agent');

    // The agent collects: the payment lands on the agent's own cash sheet.
    await page.goto(`${harness.base}/households/${household}`);
    await page.getByRole('button', { name: 'Record a payment' }).click();
    const dialog = page.getByRole('dialog', { name: `Payment for household ${household}` });
    await dialog.getByLabel('Amount').fill('250');
    await dialog.getByRole('button', { name: 'Record a payment' }).click();
    await visible(page.getByText(/Payment of F\sCFA\s250 recorded/));
    await go(page, 'Home');
    await visible(page.getByRole('region', { name: 'My collections today' }).getByText('F CFA 250').first());
    await context.close();
  }, 240_000);
});
