/**
 * Providers and claims end to end, in Chromium: a scheme manager imports the service catalogue
 * (a dry run that lists every bad row, then the import), registers a health centre, adds an
 * agreement with its tariff and then a second version that closes the first (after a
 * confirmation), and gives a clerk an account on that facility; the provider clerk enters a claim
 * line by line and sees what the scheme will pay before submitting it — twice at once, recorded
 * once — then sees the decision; the same screen in French; the manager reads the providers list
 * and the tariff, and adjudicates a claim left submitted. Then what follows a claim: a guarantee
 * letter requested by the clerk and approved by the manager, a line overridden with a written
 * reason, and the treasurer's payment batch (order downloaded, payment recorded) and the
 * provider's statement. axe-core runs on every screen; screenshots at 360 and 1280 px go to
 * web/e2e/screenshots/.
 *
 * The member and their paid coverage are set up through the services (the enrolment test covers
 * those screens); everything about providers and claims goes through the interface.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../src/demo/index.js';
import { submitClaim } from '../../src/modules/claims/index.js';
import { enrolHousehold, recordPayment } from '../../src/modules/coverage/index.js';
import { registerHousehold } from '../../src/modules/members/index.js';
import { resolveScheme } from '../../src/modules/organizations/index.js';
import { createProduct } from '../../src/modules/products/index.js';
import { systemActor } from '../../src/platform/audit/audit.js';
import { addDays, today } from '../../src/platform/dates.js';
import { checkScreen, go, type Harness, hasChromium, navLinks, signIn, startHarness, visible, warnWithoutChromium } from './harness.js';

warnWithoutChromium('web/e2e/claims.test.ts');

const SCHEME = 'MUT-DEMO-1';
const PROVIDER = 'CS-E2E';
const PROVIDER_NAME = 'Centre de santé de Keur Madiabel';
const CLERK = 'clerk-e2e';
const CLERK_PASSWORD = 'a long clerk secret';

/** A file chooser's content from text. */
const csv = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });

describe.skipIf(!hasChromium)('providers and claims in Chromium', () => {
  let harness: Harness;
  const T = today();
  let card = '';
  let schemeId = '';

  beforeAll(async () => {
    harness = await startHarness();
    const ctx = { db: harness.database.db, actor: systemActor('e2e') };
    await generateDemo(ctx, { seed: 3, households: 0 });
    schemeId = (await resolveScheme(ctx, SCHEME))!.id;
    // A package paying consultations at 80 %, drugs and laboratory tests at 70 % in health
    // centres, and a member covered today: enrolled five months ago, paid in full, past the
    // 30-day waiting period.
    await createProduct(ctx, schemeId, {
      code: 'E2E-SOINS',
      name: 'Soins de santé primaires',
      versions: [
        {
          effectiveFrom: addDays(T, -365),
          coverageMonths: 12,
          contribution: { basis: 'per_person', adult: 3500, child: 1750, childMaxAge: 17 },
          joiningFee: 1000,
          cardFee: 500,
          instalments: 1,
          activation: 'full_payment',
          gracePeriodDays: 30,
          waitingPeriodDays: 30,
          claimDeadlineDays: 60,
          benefits: [
            { category: 'consultation', coverageRate: 0.8, maxUsesPerPeriod: 6, providerLevels: ['health_post', 'health_centre'] },
            { category: 'drugs', coverageRate: 0.7, perCaseCeiling: 5000, providerLevels: ['health_post', 'health_centre', 'pharmacy'] },
            { category: 'laboratory', coverageRate: 0.7, perCaseCeiling: 7500, providerLevels: ['health_centre', 'hospital', 'laboratory'] },
          ],
        },
      ],
    });
    const { household } = await registerHousehold(ctx, schemeId, {
      category: 'regular',
      members: [{ firstName: 'Awa', lastName: 'Diallo', sex: 'F', birthDate: '1985-04-02', relationship: 'head', joinedOn: addDays(T, -160) }],
    });
    card = household.members[0]!.card;
    const period = await enrolHousehold(ctx, schemeId, { household: household.number, product: 'E2E-SOINS', start: addDays(T, -150) });
    const due = period.dues.reduce((sum, d) => sum + d.amount, 0);
    await recordPayment(ctx, schemeId, { household: household.number, date: addDays(T, -150), amount: due, method: 'cash' });
  });

  afterAll(async () => {
    await harness?.close();
  });

  afterEach(() => {
    expect(harness.pageErrors.splice(0)).toEqual([]);
  });

  /** The claims the API has, read with the page's session. */
  const claimsOf = (page: Page, query = '') =>
    page.evaluate(async ([scheme, q]) => {
      const response = await fetch(`/api/schemes/${scheme}/claims${q}`);
      return (await response.json()) as { total: number; items: { number: string; status: string; payable: number | null }[] };
    }, [SCHEME, query] as const);

  it('lets a manager import the catalogue, register a provider, add agreement versions and a clerk', async () => {
    const { context, page } = await harness.newPage();
    await signIn(page, harness.base, 'manager');
    await go(page, 'Service catalogue');
    await page.getByRole('heading', { level: 1, name: 'Service catalogue' }).waitFor();
    await visible(page.getByText('The catalogue is empty.'));

    // A dry run reports every bad row and writes nothing.
    await page.getByRole('link', { name: 'Import a file' }).click();
    await page.getByRole('heading', { level: 1, name: 'Import a catalogue file' }).waitFor();
    await page.getByLabel('File', { exact: true }).setInputFiles(
      csv('nomenclature.csv', 'Code;Libellé;Catégorie;Nature\nCONS;Consultation;consultation;acte\nPARA;Paracétamol 500 mg;médicaments;médicament\nRX;Radiographie;pharma;acte\nGANTS;;other;consommable\n'),
    );
    await page.getByRole('button', { name: 'Check the file' }).click();
    await visible(page.getByRole('alert').getByText('2 problems found: nothing was written.'));
    const badRows = page.getByRole('table', { name: 'Rows to correct' });
    await visible(badRows.getByRole('row', { name: /^4 / }));
    await visible(badRows.getByRole('row', { name: /^5 / }));
    expect(await page.getByRole('button', { name: /^Import \d/ }).count()).toBe(0);
    await checkScreen(page, 'services-import-errors');

    await page.getByLabel('File', { exact: true }).setInputFiles(
      csv('nomenclature.csv', 'Code;Libellé;Catégorie;Nature\nCONS;Consultation;consultation;acte\nPARA;Paracétamol 500 mg;médicaments;médicament\nGANTS;Gants d’examen;other;consommable\n'),
    );
    await page.getByRole('button', { name: 'Check the file' }).click();
    await visible(page.getByText('The file is correct: 3 to add, 0 to update, 0 already there.'));
    await page.getByRole('button', { name: 'Import 3 services' }).click();
    await visible(page.getByText('Imported: 3 added, 0 updated, 0 unchanged.'));
    await checkScreen(page, 'services-import');

    // One more by hand.
    await page.getByRole('link', { name: 'Back to the catalogue' }).click();
    await page.getByRole('button', { name: 'Add a service' }).click();
    const add = page.getByRole('dialog', { name: 'Add a service' });
    await add.getByLabel('Code').fill('NFS');
    await add.getByLabel('Name').fill('Numération formule sanguine');
    await add.getByRole('button', { name: 'Add', exact: true }).click();
    await visible(add.getByText('choose one'));
    await add.getByLabel('Benefit category').selectOption('laboratory');
    await add.getByRole('button', { name: 'Add', exact: true }).click();
    await visible(page.getByText('NFS — Numération formule sanguine added to the catalogue.'));
    await visible(page.getByRole('cell', { name: 'Paracétamol 500 mg' }));
    await checkScreen(page, 'services');

    // A health centre.
    await go(page, 'Health providers');
    await page.getByRole('link', { name: 'Register a provider' }).click();
    await page.getByRole('heading', { level: 1, name: 'Register a provider' }).waitFor();
    await page.getByLabel('Code').fill(PROVIDER);
    await page.getByLabel('Name').fill(PROVIDER_NAME);
    await page.getByRole('button', { name: 'Register the provider' }).click();
    await visible(page.getByText('choose one'));
    await page.getByLabel('Level').selectOption('health_centre');
    await page.getByLabel('Type').selectOption('public');
    await page.getByLabel('Phone').fill('+221 33 941 10 10');
    await checkScreen(page, 'provider-new');
    await page.getByRole('button', { name: 'Register the provider' }).click();
    await page.getByRole('heading', { level: 1, name: PROVIDER_NAME }).waitFor();
    await visible(page.getByText('No agreement yet'));

    // A first agreement from two months ago, then a tariff change ten days ago that closes it.
    await page.getByRole('link', { name: 'Add an agreement version' }).click();
    await page.getByRole('heading', { level: 1, name: `New agreement version — ${PROVIDER_NAME}` }).waitFor();
    await page.getByLabel('Valid from').fill(addDays(T, -60));
    await page.getByLabel('Service code (tariff line 1)').fill('CONS');
    await page.getByLabel('Agreed price (tariff line 1)').fill('1800');
    await page.getByRole('button', { name: 'Add a tariff line' }).click();
    await page.getByLabel('Service code (tariff line 2)').fill('PARA');
    await page.getByLabel('Agreed price (tariff line 2)').fill('100');
    await page.getByRole('button', { name: 'Add a tariff line' }).click();
    await page.getByLabel('Service code (tariff line 3)').fill('NFS');
    await page.getByLabel('Agreed price (tariff line 3)').fill('abc');
    await page.getByRole('button', { name: 'Add the version' }).click();
    await expect.poll(() => page.getByLabel('Agreed price (tariff line 3)').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Agreed price (tariff line 3)').fill('1500');
    await checkScreen(page, 'agreement-new');
    await page.getByRole('button', { name: 'Add the version' }).click();
    const first = page.getByRole('dialog', { name: 'Add this agreement version?' });
    await visible(first.getByText('Its tariff has 3 prices.', { exact: false }));
    await first.getByRole('button', { name: 'Add the version' }).click();
    await visible(page.getByText(/Agreement version from .* added\./));

    await page.getByRole('link', { name: 'Add an agreement version' }).click();
    await page.getByLabel('Valid from').fill(addDays(T, -10));
    expect(await page.getByLabel('Agreed price (tariff line 1)').inputValue()).toBe('1800');
    await page.getByLabel('Agreed price (tariff line 1)').fill('2000');
    await page.getByRole('button', { name: 'Add the version' }).click();
    const second = page.getByRole('dialog', { name: 'Add this agreement version?' });
    // Asked before the version in force is closed.
    await visible(second.getByText(/will end on .*, the day before this one starts/));
    await checkScreen(page, 'agreement-confirm', { fullPage: false });
    await second.getByRole('button', { name: 'Add the version' }).click();
    await visible(page.getByText(/Agreement version from .* added\./));
    const versions = page.getByRole('table', { name: 'Agreements' });
    await visible(versions.getByText('Ended', { exact: true }));
    await visible(versions.getByText('In force', { exact: true }));

    // The clerk's account, on this facility.
    await go(page, 'Users');
    await page.getByRole('link', { name: 'New user' }).click();
    await page.getByLabel('Full name').fill('Fatou Sène');
    await page.getByLabel('Username').fill(CLERK);
    await page.getByLabel('Password').fill(CLERK_PASSWORD);
    await page.getByLabel('Role', { exact: true }).selectOption('provider_clerk');
    await page.getByLabel('On', { exact: true }).selectOption(`provider:${SCHEME}/${PROVIDER}`);
    await page.getByRole('button', { name: 'Create the user' }).click();
    // The manager of the scheme may take the role back as well.
    await visible(page.getByRole('button', { name: `Revoke Provider clerk — Provider ${SCHEME}/${PROVIDER}` }));
    await context.close();
  }, 300_000);

  it('opens the providers list and a provider’s tariff as a scheme manager', async () => {
    const { context, page } = await harness.newPage();
    await signIn(page, harness.base, 'manager');
    await go(page, 'Health providers');
    await page.getByRole('heading', { level: 1, name: 'Health providers' }).waitFor();
    await visible(page.getByRole('link', { name: PROVIDER_NAME }));
    await checkScreen(page, 'providers');
    // Filters live in the URL: a level with no provider shows none.
    await page.getByLabel('Level').selectOption('hospital');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await visible(page.getByText('No provider matches these filters.'));
    await page.getByLabel('Level').selectOption('health_centre');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await page.getByRole('link', { name: PROVIDER_NAME }).click();
    await page.getByRole('heading', { level: 1, name: PROVIDER_NAME }).waitFor();
    const tariff = page.getByRole('table', { name: 'Tariff' });
    await visible(tariff.getByRole('row', { name: /CONS.*Consultation.*F\sCFA\s2,000/ }));
    await visible(tariff.getByRole('row', { name: /NFS.*Laboratory.*F\sCFA\s1,500/ }));
    // The earlier version's prices are still there to read.
    await page.getByLabel('Agreement version').selectOption({ index: 1 });
    await visible(page.getByRole('table', { name: 'Tariff' }).getByRole('row', { name: /CONS.*F\sCFA\s1,800/ }));
    await checkScreen(page, 'provider');
    await context.close();
  }, 240_000);

  it('lets a provider clerk enter a claim line by line, see the expected payable, submit it once and see the decision', async () => {
    const { context, page } = await harness.newPage();
    await signIn(page, harness.base, CLERK, CLERK_PASSWORD);
    expect(await navLinks(page)).toEqual(['Home', 'Check eligibility', 'Field work (offline)', 'Enter a claim', 'Claims', 'Guarantee letters', 'Health providers', 'Service catalogue', 'Benefit packages', 'Schemes', 'My API tokens']);
    // The clerk's home: the eligibility check and claims, no scheme dashboard.
    await visible(page.getByRole('heading', { name: 'Check eligibility', exact: true }));
    await visible(page.getByRole('heading', { name: 'Claims', exact: true }));
    expect(await page.getByRole('heading', { name: 'Key facts' }).count()).toBe(0);
    await checkScreen(page, 'home-clerk');

    await go(page, 'Enter a claim');
    await page.getByRole('heading', { level: 1, name: 'Enter a claim' }).waitFor();
    // The clerk's facility is chosen for them.
    await visible(page.getByText(PROVIDER_NAME));
    await page.getByLabel('Claim number').fill('E2E-0001');
    await page.getByLabel('Member card').fill(card);
    await visible(page.getByText('Awa Diallo'));
    await visible(page.locator('.member-status').getByText('Covered', { exact: true }));

    // Line 1: a consultation; the tariff price fills in, the expected decision follows.
    await page.getByLabel('Service (line 1)').selectOption('CONS');
    expect(await page.getByLabel('Unit price (line 1)').inputValue()).toBe('2000');
    const line1 = page.getByRole('group', { name: 'Expected for line 1' });
    await visible(line1.getByText('Approved'));
    await visible(line1.getByText(/Scheme pays F\sCFA\s1,600/));
    await visible(line1.getByText(/Member pays F\sCFA\s400/));

    // Line 2: a drug asked above the tariff is reduced to it, with the reason in words.
    await page.getByRole('button', { name: 'Add a line' }).click();
    await page.getByLabel('Service (line 2)').selectOption('PARA');
    await page.getByLabel('Quantity (line 2)').fill('10');
    await page.getByLabel('Unit price (line 2)').fill('150');
    const line2 = page.getByRole('group', { name: 'Expected for line 2' });
    await visible(line2.getByText('Reduced'));
    await visible(line2.getByText(/Scheme pays F\sCFA\s700/));
    await visible(line2.getByText('The price asked is above the agreed tariff: the tariff was applied'));
    const totals = page.locator('.running-total');
    await visible(totals.getByText(/F\sCFA\s2,300/));
    await checkScreen(page, 'claim-entry');

    // Submitted twice at once (a double click that beats the disabled button): one claim.
    await page.getByRole('form', { name: 'Enter a claim' }).evaluate((form: HTMLFormElement) => {
      form.requestSubmit();
      form.requestSubmit();
    });
    await page.getByRole('heading', { level: 1, name: 'Claim E2E-0001' }).waitFor();
    await visible(page.getByText(/Claim E2E-0001 submitted and decided: 1 approved, 1 reduced, 0 rejected line\(s\)\. The scheme pays F\sCFA\s2,300\./));
    const lines = page.getByRole('table', { name: 'Lines and decisions' });
    await visible(lines.getByRole('row', { name: /Consultation.*Approved/ }));
    await visible(lines.getByRole('row', { name: /Paracétamol.*Reduced.*above the agreed tariff/ }));
    await visible(page.getByRole('heading', { name: 'Line 2 — Paracétamol 500 mg' }));
    await page.waitForLoadState('networkidle');
    const recorded = await claimsOf(page);
    expect(recorded.total).toBe(1);
    expect(recorded.items[0]).toMatchObject({ number: 'E2E-0001', status: 'adjudicated', payable: 2300 });
    await checkScreen(page, 'claim');

    await go(page, 'Claims');
    await visible(page.getByRole('link', { name: 'E2E-0001' }));
    await checkScreen(page, 'claims-clerk');

    // The same entry in French: the interface, the money, and the engine's reasons from the API.
    await page.getByLabel('Language').selectOption('fr');
    await go(page, 'Saisir une demande');
    await page.getByRole('heading', { level: 1, name: 'Saisir une demande de remboursement' }).waitFor();
    await page.getByLabel('Numéro de la demande').fill('E2E-0002');
    await page.getByLabel('Carte du bénéficiaire').fill(card);
    // The day before: the same drug on the same day as the first claim would be a duplicate.
    await page.getByLabel('Date des soins').fill(addDays(T, -1));
    await visible(page.locator('.member-status').getByText('Couvert', { exact: true }));
    await page.getByLabel('Acte (ligne 1)').selectOption('PARA');
    await page.getByLabel('Quantité (ligne 1)').fill('2');
    await page.getByLabel('Prix unitaire (ligne 1)').fill('150');
    const ligne = page.getByRole('group', { name: 'Attendu pour la ligne 1' });
    await visible(ligne.getByText('Réduite'));
    await visible(ligne.getByText(/La mutuelle paie 140\sF\sCFA/));
    await visible(ligne.getByText('Le prix demandé dépasse le tarif conventionné : le tarif a été appliqué'));
    await checkScreen(page, 'claim-entry-fr');
    await page.getByLabel('Langue').selectOption('en');
    await context.close();
  }, 300_000);

  it('lets a manager adjudicate the submitted claims after a confirmation', async () => {
    // A claim stored while a run held the scheme waits, submitted, for the next run.
    await submitClaim(
      { db: harness.database.db, actor: systemActor('e2e') },
      schemeId,
      { number: 'E2E-0003', provider: PROVIDER, member: card, from: T, to: T, lines: [{ service: 'NFS', quantity: 1, unitPrice: 1500 }] },
      { adjudicate: false },
    );
    const { context, page } = await harness.newPage();
    await signIn(page, harness.base, 'manager');
    await go(page, 'Claims');
    await page.getByRole('heading', { level: 1, name: 'Claims' }).waitFor();
    await visible(page.getByText('1 claim is waiting for a decision.'));
    await page.getByLabel('Status').selectOption('submitted');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await visible(page.getByRole('link', { name: 'E2E-0003' }));
    await checkScreen(page, 'claims');

    await page.getByRole('button', { name: 'Adjudicate submitted claims' }).click();
    const dialog = page.getByRole('dialog', { name: 'Adjudicate the submitted claims?' });
    await visible(dialog.getByText('1 submitted claim will be decided by the scheme’s rules.'));
    await dialog.getByRole('button', { name: 'Adjudicate', exact: true }).click();
    await visible(page.getByText(/Decided 1 claim\(s\), 1 line\(s\): 1 approved, 0 reduced, 0 rejected\. The scheme pays F\sCFA\s1,050\./));
    await visible(page.getByText('No claim matches these filters.'));
    expect((await claimsOf(page, '?status=submitted')).total).toBe(0);
    await checkScreen(page, 'claims-adjudicated');

    await page.getByRole('button', { name: 'Clear the filters' }).click();
    await page.getByRole('link', { name: 'E2E-0003' }).click();
    await page.getByRole('heading', { level: 1, name: 'Claim E2E-0003' }).waitFor();
    await visible(page.getByRole('table', { name: 'Lines and decisions' }).getByRole('row', { name: /Numération formule sanguine.*Approved/ }));
    await visible(page.getByText('Decided by the rules'));
    await context.close();
  }, 240_000);
  it('lets a clerk request a guarantee letter that a manager approves and prints', async () => {
    const clerk = await harness.newPage();
    await signIn(clerk.page, harness.base, CLERK, CLERK_PASSWORD);
    await go(clerk.page, 'Guarantee letters');
    await clerk.page.getByRole('heading', { level: 1, name: 'Guarantee letters' }).waitFor();
    await clerk.page.getByRole('link', { name: 'Request a guarantee letter' }).click();
    await clerk.page.getByRole('heading', { level: 1, name: 'Request a guarantee letter' }).waitFor();
    await clerk.page.getByLabel('Member card').fill(card);
    await visible(clerk.page.getByText('Awa Diallo'));
    await clerk.page.getByLabel('What is planned, and why').fill('Cure de hernie inguinale programmée');
    await checkScreen(clerk.page, 'letter-new');
    await clerk.page.getByRole('button', { name: 'Request the letter' }).click();
    await clerk.page.getByRole('heading', { level: 1, name: 'Guarantee letter GL-000001' }).waitFor();
    await visible(clerk.page.getByText('Letter GL-000001 requested.', { exact: false }));
    await visible(clerk.page.getByText('Requested', { exact: true }));
    await clerk.context.close();

    const { context, page } = await harness.newPage();
    await signIn(page, harness.base, 'manager');
    await go(page, 'Guarantee letters');
    await page.getByLabel('Status').selectOption('requested');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await visible(page.getByRole('row', { name: /GL-000001.*Awa Diallo.*Hospitalization.*Requested/ }));
    await checkScreen(page, 'letters');
    await page.getByRole('link', { name: 'GL-000001' }).click();
    await page.getByRole('button', { name: 'Approve' }).click();
    const approve = page.getByRole('dialog', { name: 'Approve letter GL-000001' });
    await approve.getByLabel('Reason').fill('Indication confirmée par le médecin-conseil');
    await approve.getByRole('button', { name: 'Approve' }).click();
    await visible(page.getByText('Letter approved.'));
    await visible(page.getByText('Approved', { exact: true }));
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Print (PDF)' }).click();
    expect((await download).suggestedFilename()).toBe('GL-000001.pdf');
    await checkScreen(page, 'letter');
    await context.close();
  }, 240_000);

  it('lets a reviewer override a claim line with a written reason, kept in the history', async () => {
    const { context, page } = await harness.newPage();
    await signIn(page, harness.base, 'manager');
    await go(page, 'Review queue');
    await page.getByRole('heading', { level: 1, name: 'Review queue' }).waitFor();
    await checkScreen(page, 'review');

    await go(page, 'Claims');
    await page.getByRole('link', { name: 'E2E-0001' }).click();
    await page.getByRole('heading', { level: 1, name: 'Claim E2E-0001' }).waitFor();
    await page.getByRole('button', { name: 'Confirm or override line 2' }).click();
    const dialog = page.getByRole('dialog', { name: 'Line 2 — Paracétamol 500 mg' });
    await dialog.getByRole('radio', { name: /Override/ }).check();
    await dialog.getByLabel('Scheme pays').fill('800');
    await dialog.getByRole('button', { name: 'Override the line' }).click();
    // The reason is required, and said so next to its field.
    await expect.poll(() => dialog.getByLabel('Written reason').getAttribute('aria-invalid')).toBe('true');
    await dialog.getByLabel('Written reason').fill('Prix négocié avec la pharmacie pour la rupture de stock');
    await checkScreen(page, 'claim-override', { fullPage: false });
    await dialog.getByRole('button', { name: 'Override the line' }).click();
    await visible(page.getByText('Decision on line 2 recorded.'));
    await visible(page.getByRole('table', { name: 'Lines and decisions' }).getByRole('row', { name: /Paracétamol.*Overridden/ }));
    await visible(page.getByText('Overridden by a reviewer'));
    await visible(page.getByText('Reason given: Prix négocié avec la pharmacie pour la rupture de stock'));
    await visible(page.locator('.running-total').getByText(/F\sCFA\s2,400/));
    await checkScreen(page, 'claim-reviewed');
    await context.close();
  }, 240_000);

  it('lets a treasurer order a provider’s payment, download the order, record the payment and read the statement', async () => {
    const { context, page } = await harness.newPage();
    await signIn(page, harness.base, 'treasurer');
    expect(await navLinks(page)).toContain('Payment batches');
    await go(page, 'Payment batches');
    await page.getByRole('heading', { level: 1, name: 'Payment batches' }).waitFor();
    const order = page.getByRole('form', { name: 'Order a payment' });
    await order.getByLabel('Provider').selectOption(PROVIDER);
    await order.getByLabel('Care from').fill(addDays(T, -30));
    await order.getByLabel('Care until').fill(T);
    await checkScreen(page, 'batches');
    await order.getByRole('button', { name: 'Order the payment' }).click();
    await page.getByRole('heading', { level: 1, name: 'Payment batch PB-000001' }).waitFor();
    // E2E-0001 after the override (2,400) and E2E-0003 (1,050).
    await visible(page.getByText(/Batch PB-000001 ordered: F\sCFA\s3,450 to pay\./));
    await visible(page.getByRole('link', { name: 'E2E-0003' }));

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Payment order (CSV)' }).click();
    const csvFile = await download;
    expect(csvFile.suggestedFilename()).toBe('PB-000001.csv');
    const { readFile } = await import('node:fs/promises');
    expect(await readFile((await csvFile.path())!, 'utf8')).toContain('E2E-0001');
    await checkScreen(page, 'batch');

    await page.getByRole('button', { name: 'Record the payment' }).click();
    const pay = page.getByRole('dialog', { name: 'Payment of batch PB-000001' });
    await pay.getByLabel('Payment reference').fill('VIR-2026-118');
    await pay.getByRole('button', { name: 'Record the payment' }).click();
    const sure = page.getByRole('dialog', { name: 'Record this payment?' });
    await visible(sure.getByText(/F\sCFA\s3,450 paid to Centre de santé de Keur Madiabel/));
    await sure.getByRole('button', { name: 'Record the payment' }).click();
    await visible(page.getByText('Payment of batch PB-000001 recorded.'));
    await visible(page.locator('.card__header').getByText('Paid', { exact: true }));

    await page.getByRole('link', { name: 'The provider’s statement for the period' }).click();
    await page.getByRole('heading', { level: 1, name: `Statement of ${PROVIDER_NAME}` }).waitFor();
    await visible(page.getByRole('table', { name: 'Claims of the period' }).getByRole('link', { name: 'E2E-0001' }));
    await visible(page.getByRole('table', { name: 'Payment batches' }).getByText('Paid', { exact: true }));
    await checkScreen(page, 'provider-statement');
    await context.close();
  }, 240_000);
});
