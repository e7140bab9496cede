/**
 * Spreadsheets into a scheme, in Chromium: a claims officer uploads a clinic's batch of claims
 * (French headers, the columns proposed by the server), checks it — a bad row is named and nothing
 * is written —, uploads the corrected file, sees the warning about an unknown card, imports it and
 * follows its progress, then finds the claims decided by the engine; the treasurer reads the claims
 * reserves they make (outstanding, and the triangle behind the estimate) and downloads the month's
 * activity report; a scheme manager imports
 * a households register. axe-core on every step; screenshots at 360 and 1280 px.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../src/demo/index.js';
import { enrolHousehold, recordPayment } from '../../src/modules/coverage/index.js';
import { registerHousehold } from '../../src/modules/members/index.js';
import { resolveScheme } from '../../src/modules/organizations/index.js';
import { createProduct } from '../../src/modules/products/index.js';
import { addAgreement, createProvider, createService } from '../../src/modules/providers/index.js';
import { systemActor } from '../../src/platform/audit/audit.js';
import { addDays, today } from '../../src/platform/dates.js';
import { checkScreen, type Harness, hasChromium, signIn, startHarness, visible, warnWithoutChromium } from './harness.js';

warnWithoutChromium('web/e2e/imports.test.ts');

const SCHEME = 'MUT-DEMO-1';
const file = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });

describe.skipIf(!hasChromium)('spreadsheet imports in Chromium', () => {
  let harness: Harness;
  const T = today();
  const care = addDays(T, -10);
  const dmy = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
  let card = '';

  beforeAll(async () => {
    harness = await startHarness();
    const ctx = { db: harness.database.db, actor: systemActor('e2e') };
    await generateDemo(ctx, { seed: 5, households: 0 });
    const schemeId = (await resolveScheme(ctx, SCHEME))!.id;
    await createProduct(ctx, schemeId, {
      code: 'E2E-IMP',
      name: 'Soins primaires',
      versions: [{
        effectiveFrom: addDays(T, -365), coverageMonths: 12, contribution: { basis: 'per_household', amount: 6000 }, joiningFee: 0, cardFee: 0,
        instalments: 1, activation: 'full_payment', gracePeriodDays: 30, waitingPeriodDays: 0, claimDeadlineDays: 90,
        benefits: [{ category: 'consultation', coverageRate: 0.8 }],
      }],
    });
    await createService(ctx, schemeId, { code: 'CONS-IMP', name: 'Consultation', category: 'consultation' });
    await createProvider(ctx, schemeId, { code: 'CS-IMP', name: 'Centre de santé de Ndoffane', level: 'health_centre' });
    await addAgreement(ctx, schemeId, 'CS-IMP', { from: addDays(T, -365), to: null, paymentMethod: 'fee_for_service', tariff: [{ service: 'CONS-IMP', price: 2000 }] });
    const { household } = await registerHousehold(ctx, schemeId, {
      category: 'regular',
      members: [{ firstName: 'Mariama', lastName: 'Sow', sex: 'F', birthDate: '1990-02-11', relationship: 'head', joinedOn: addDays(T, -100) }],
    });
    card = household.members[0]!.card;
    await enrolHousehold(ctx, schemeId, { household: household.number, product: 'E2E-IMP', start: addDays(T, -90) });
    await recordPayment(ctx, schemeId, { household: household.number, date: addDays(T, -90), amount: 6000, method: 'cash' });
  });

  afterAll(async () => {
    await harness?.close();
  });

  afterEach(() => {
    expect(harness.pageErrors.splice(0)).toEqual([]);
  });

  const claimsOf = (page: Page) =>
    page.evaluate(async (scheme) => {
      const response = await fetch(`/api/schemes/${scheme}/claims?provider=CS-IMP`);
      return (await response.json()) as { total: number; items: { number: string; status: string; payable: number | null }[] };
    }, SCHEME);

  it('a claims officer uploads a batch of claims: checked, corrected, imported, decided', async () => {
    const { context, page } = await harness.newPage();
    await signIn(page, harness.base, 'claims');
    await page.goto(`${harness.base}/claims?scheme=${SCHEME}`);
    await page.getByRole('link', { name: 'Upload claims' }).click();
    await page.getByRole('heading', { level: 1, name: 'Upload claims' }).waitFor();
    const header = 'N° facture;Prestataire;N° carte;Date des soins;Acte;Quantité;Prix unitaire';
    await page.getByLabel('File', { exact: true }).setInputFiles(file('lot.csv', [header, `F-1;CS-IMP;${card};${dmy(care)};CONS-IMP;1;2000`, `F-2;CS-IMP;${card};${dmy(care)};CONS-IMP;zéro;2000`].join('\n')));
    await page.getByRole('button', { name: 'Read the file' }).click();
    // The server proposed a column for each field from the French headers.
    await expect.poll(() => page.getByLabel('Column for Claim number *').inputValue()).toBe('N° facture');
    await expect.poll(() => page.getByLabel('Column for Unit price *').inputValue()).toBe('Prix unitaire');
    await expect.poll(() => page.getByRole('button', { name: 'Import', exact: true }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Check the file' }).click();
    await visible(page.getByText('not a quantity: "zéro"'));
    await checkScreen(page, 'imports-claims-errors');
    expect((await claimsOf(page)).total).toBe(0);

    await page.getByLabel('File', { exact: true }).setInputFiles(file('lot.csv', [header, `F-1;CS-IMP;${card};${dmy(care)};CONS-IMP;1;2000`, `F-2;CS-IMP;${card};${dmy(addDays(care, -1))};CONS-IMP;2;1500`, `F-3;CS-IMP;ZZ-404;${dmy(care)};CONS-IMP;1;2000`].join('\n')));
    await page.getByRole('button', { name: 'Read the file' }).click();
    await page.getByRole('button', { name: 'Check the file' }).click();
    await visible(page.getByText(/The file is correct: 3 claims, 3 lines to add/));
    await visible(page.getByText(/no beneficiary has card ZZ-404/));
    await checkScreen(page, 'imports-claims-checked');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await visible(page.getByText(/Imported: 3 claims, 3 lines/));
    await page.getByRole('link', { name: 'To the claims' }).click();
    await expect.poll(async () => (await claimsOf(page)).items.map((c) => [c.number, c.status, c.payable]).sort()).toEqual([
      ['F-1', 'adjudicated', 1600],
      ['F-2', 'adjudicated', 2400],
      ['F-3', 'adjudicated', 0],
    ]);

    // A scanned invoice added to a claim, kept with it.
    await page.getByRole('link', { name: 'F-1', exact: true }).click();
    await page.getByRole('heading', { name: 'Papers' }).waitFor();
    await page.getByLabel('Add a paper').setInputFiles({ name: 'facture-F-1.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\nscanned invoice') });
    await page.getByRole('button', { name: 'Add the paper' }).click();
    await visible(page.getByRole('button', { name: 'facture-F-1.pdf' }));
    await checkScreen(page, 'claim-papers');

    // The review settings and the provider scan, on the review queue.
    await page.goto(`${harness.base}/review?scheme=${SCHEME}`);
    await page.getByText('Review settings').click();
    await expect.poll(() => page.getByLabel('Random sample (%)').inputValue()).toBe('5');
    await page.getByLabel('Random sample (%)').fill('10');
    await page.getByRole('button', { name: 'Save' }).click();
    await visible(page.getByText('Saved.'));
    await page.getByText('Scan providers').click();
    await page.getByRole('button', { name: 'Scan', exact: true }).click();
    await visible(page.getByText(/1 provider compared/));
    await checkScreen(page, 'review-tools');
    const settings = await page.evaluate(async (scheme) => (await (await fetch(`/api/schemes/${scheme}/review/settings`)).json()) as { sampleRate: number }, SCHEME);
    expect(settings.sampleRate).toBe(0.1);
    await context.close();
  });

  it('the treasurer reads the claims reserves, the indicators and the month’s report', async () => {
    const { context, page } = await harness.newPage();
    await signIn(page, harness.base, 'treasurer');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Claims reserves', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Claims reserves' }).waitFor();
    // The three uploaded claims are decided and unpaid: 1,600 + 2,400 + 0.
    await visible(page.getByText('Outstanding: 3 decided claims not paid on that date, at what they pay.'));
    await visible(page.getByRole('table', { name: 'Payable claimed k months after the month of care, cumulative' }));
    await checkScreen(page, 'reserves');

    // The indicators dashboard: values with their level and meaning, and a monthly series.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Indicators', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Indicators' }).waitFor();
    await visible(page.getByRole('table', { name: 'Indicators, their level and what they mean' }));
    await checkScreen(page, 'indicators');

    // The activity report of the month, as a PDF and as a workbook.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
    await page.getByLabel('From', { exact: true }).fill(addDays(care, -20));
    await page.getByLabel('To', { exact: true }).fill(T);
    await checkScreen(page, 'reports');
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the PDF' }).first().click()]);
    expect(pdf.suggestedFilename()).toBe(`${SCHEME}-activity-${addDays(care, -20)}-${T}.pdf`);
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the workbook (XLSX)' }).first().click()]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    await context.close();
  });

  it('a scheme manager imports a households register, in French', async () => {
    const { context, page } = await harness.newPage();
    await signIn(page, harness.base, 'manager');
    await page.goto(`${harness.base}/imports/households?scheme=${SCHEME}`);
    await page.getByLabel('Language').selectOption('fr');
    await page.getByRole('heading', { level: 1 }).waitFor();
    const register = ['N° ménage;Prénom;Nom;Sexe;Date de naissance;Lien de parenté', 'IMP-1;Awa;Ndiaye;F;12/04/1986;Chef de ménage', 'IMP-1;Modou;Sarr;H;30/09/2019;Enfant'].join('\n');
    await page.getByLabel('Fichier', { exact: true }).setInputFiles(file('registre.csv', register));
    await page.getByRole('button', { name: 'Lire le fichier' }).click();
    await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
    await visible(page.getByText(/Le fichier est correct/));
    await page.getByRole('button', { name: 'Importer', exact: true }).click();
    await visible(page.getByText(/Importé : 1 ménage, 2 bénéficiaires/));
    await checkScreen(page, 'imports-households');
    const household = await page.evaluate(async (scheme) => (await (await fetch(`/api/schemes/${scheme}/households/IMP-1`)).json()) as { members: { firstName: string }[] }, SCHEME);
    expect(household.members.map((m) => m.firstName)).toEqual(['Awa', 'Modou']);
    await context.close();
  });
});
