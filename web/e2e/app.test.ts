/**
 * The web app end to end: the real server (API and built web app) on a test database, driven
 * through Debian's Chromium. It checks what people rely on — setting up the first administrator,
 * signing in, role-aware navigation, creating and renaming things with clear field errors, the
 * confirmation before destructive acts, French — and runs axe-core on every main screen. It
 * writes screenshots at 360 px and 1280 px to web/e2e/screenshots/ for a person to look at.
 *
 * Needs /usr/bin/chromium (`apt-get install -y chromium`); skipped with a message without it.
 * Uses web/dist as built; builds it first only when it is missing.
 */
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../src/demo/index.js';
import { createSetupLink } from '../../src/modules/access/index.js';
import { systemActor } from '../../src/platform/audit/audit.js';
import { checkScreen, go as goTo, type Harness, hasChromium, navLinks, screenshots, seriousViolations, signIn as signInAt, startHarness, visible, warnWithoutChromium } from './harness.js';

warnWithoutChromium('web/e2e/app.test.ts');

describe.skipIf(!hasChromium)('the web app in Chromium', () => {
  let harness: Harness;
  let base: string;
  let setupSecret: string;

  beforeAll(async () => {
    harness = await startHarness();
    base = harness.base;
    setupSecret = (await createSetupLink(harness.database.db))!;
  });

  afterAll(async () => {
    await harness?.close();
  });

  // A script error in the page fails the test that caused it.
  afterEach(() => {
    expect(harness.pageErrors.splice(0)).toEqual([]);
  });

  const newPage = (): Promise<{ context: BrowserContext; page: Page }> => harness.newPage();
  const signIn = (page: Page, username: string) => signInAt(page, base, username);
  const go = goTo;

  it('creates the first administrator from the set-up link', async () => {
    const { context, page } = await newPage();
    await page.goto(`${base}/sign-in`);
    await visible(page.getByText('No administrator exists yet'));
    await checkScreen(page, 'sign-in');

    await page.goto(`${base}/setup#token=${setupSecret}`);
    await page.getByRole('heading', { name: 'Create the first administrator' }).waitFor();
    await checkScreen(page, 'setup');
    await page.getByLabel('Username').fill('root');
    await page.getByLabel('Full name').fill('Aminata Diop');
    await page.getByLabel('Password', { exact: true }).fill('short');
    await page.getByLabel('Password again').fill('short');
    await page.getByRole('button', { name: 'Create the administrator' }).click();
    // The API's field-level problem is shown next to the field it names.
    await visible(page.getByText('at least 10 characters', { exact: false }).last());
    await page.getByLabel('Password', { exact: true }).fill('a long enough secret');
    await page.getByLabel('Password again').fill('a long enough secret');
    await page.getByRole('button', { name: 'Create the administrator' }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    await visible(page.getByText('There is no scheme yet'));
    await context.close();

    // The rest of the suite works on the demo federation.
    await generateDemo({ db: harness.database.db, actor: systemActor('e2e') }, { seed: 1, households: 0 });
  }, 180_000);

  it('shows each role only what it may use', async () => {
    const { context, page } = await newPage();
    await signIn(page, 'agent');
    expect(await navLinks(page)).toEqual([
      'Home',
      'Check eligibility',
      'Field work (offline)',
      'Households',
      'Groups',
      'Cash sheet',
      'Arrears',
      'Renewal campaign',
      'Group remittance',
      'Subsidizers',
      'Benefit packages',
      'Schemes',
      'My API tokens',
    ]);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(page, 'manager');
    expect(await navLinks(page)).toEqual([
      'Home',
      'Check eligibility',
      'Field work (offline)',
      'Households',
      'Groups',
      'Cash sheet',
      'Arrears',
      'Renewal campaign',
      'Group remittance',
      'Subsidizers',
      'Claims',
      'Guarantee letters',
      'Review queue',
      'Health providers',
      'Service catalogue',
      'Indicators',
      'Books and statements',
      'Journal',
      'Claims reserves',
      'Reports',
      'Premium calculator',
      'Benefit packages',
      'Schemes',
      'Users',
      'Audit log',
      'My API tokens',
    ]);
    // A claims officer checks eligibility, reads members and works on claims, but neither collects nor sees the audit log.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(page, 'claims');
    expect(await navLinks(page)).toEqual([
      'Home',
      'Check eligibility',
      'Field work (offline)',
      'Households',
      'Groups',
      'Renewal campaign',
      'Enter a claim',
      'Claims',
      'Guarantee letters',
      'Review queue',
      'Health providers',
      'Service catalogue',
      'Benefit packages',
      'Schemes',
      'My API tokens',
    ]);
    await context.close();
  }, 180_000);

  it('lets a scheme manager add a section, with field errors, and work in French', async () => {
    const { context, page } = await newPage();
    await signIn(page, 'manager');
    await page.getByRole('heading', { level: 1, name: 'Mutuelle de santé de Ndiaffate' }).waitFor();
    await visible(page.getByRole('cell', { name: 'Section 1', exact: true }));
    await checkScreen(page, 'home-manager');

    // On a phone the navigation is a menu behind a button.
    await page.setViewportSize({ width: 360, height: 800 });
    const menu = page.getByRole('button', { name: 'Menu' });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(false);
    await menu.click();
    await visible(page.getByRole('navigation', { name: 'Main' }));
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    expect(await seriousViolations(page), 'axe on the open menu').toEqual([]);
    await page.screenshot({ path: path.join(screenshots, 'menu-360.png'), fullPage: true });
    await go(page, 'Schemes');
    expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(false);
    await page.getByRole('heading', { level: 1, name: 'Schemes' }).waitFor();
    await page.setViewportSize({ width: 1280, height: 800 });
    await go(page, 'Home');

    await page.getByRole('link', { name: 'Manage sections' }).click();
    await page.getByRole('heading', { name: 'Add a section' }).waitFor();
    const addSection = page.getByRole('form', { name: 'Add a section' });
    await addSection.getByRole('button', { name: 'Add a section' }).click();
    await expect.poll(() => addSection.getByLabel('Code').getAttribute('aria-invalid')).toBe('true');
    await visible(addSection.getByText('must have at least 1 characters').first());

    await addSection.getByLabel('Code').fill('S9');
    await addSection.getByLabel('Name').fill('Section de Keur Madiabel');
    await addSection.getByRole('button', { name: 'Add a section' }).click();
    await visible(page.getByRole('cell', { name: 'Section de Keur Madiabel', exact: true }));
    await visible(page.getByText('Section “Section de Keur Madiabel” added.'));

    // A duplicate code: the API's conflict is shown, nothing is added.
    await addSection.getByLabel('Code').fill('S9');
    await addSection.getByLabel('Name').fill('Again');
    await addSection.getByRole('button', { name: 'Add a section' }).click();
    await visible(addSection.getByRole('alert'));
    await checkScreen(page, 'scheme-manager');

    // Rename through the dialog.
    await page.getByRole('button', { name: 'Edit Section de Keur Madiabel' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit section S9' });
    await dialog.getByLabel('Name').fill('Section de Madiabel');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await visible(page.getByRole('cell', { name: 'Section de Madiabel', exact: true }));

    // French: the interface, and the API's messages (sent with Accept-Language).
    await page.getByLabel('Language').selectOption('fr');
    await visible(page.getByRole('heading', { name: 'Ajouter une section' }));
    expect(await navLinks(page)).toEqual([
      'Accueil',
      'Vérifier les droits',
      'Terrain (hors ligne)',
      'Ménages',
      'Groupements',
      'Feuille de caisse',
      'Arriérés',
      'Campagne de renouvellement',
      'Versement groupé',
      'Organismes payeurs',
      'Demandes de remboursement',
      'Lettres de garantie',
      'Contrôle des demandes',
      'Prestataires de soins',
      'Nomenclature des actes',
      'Indicateurs',
      'États financiers',
      'Journal',
      'Provisions pour sinistres',
      'Rapports',
      'Calcul de la cotisation',
      'Produits (garanties)',
      'Mutuelles',
      'Utilisateurs',
      'Journal d’audit',
      'Mes jetons d’API',
    ]);
    await visible(page.getByRole('button', { name: 'Se déconnecter' }));
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('fr');
    const ajout = page.getByRole('form', { name: 'Ajouter une section' });
    await ajout.getByLabel('Code').fill('');
    await ajout.getByLabel('Nom').fill('');
    await ajout.getByRole('button', { name: 'Ajouter une section' }).click();
    await visible(ajout.getByText('doit comporter au moins 1 caractères').first());
    await checkScreen(page, 'scheme-manager-fr');
    await go(page, 'Accueil');
    await visible(page.getByRole('heading', { name: 'Informations clés' }));
    await visible(page.getByText('Sénégal'));
    await checkScreen(page, 'home-manager-fr');
    await context.close();
  }, 180_000);

  it('lets an administrator switch schemes, manage users, read the audit log and handle API tokens', async () => {
    const { context, page } = await newPage();
    await signIn(page, 'admin');
    await visible(page.getByRole('heading', { name: 'Platform' }));

    // The scheme switcher keeps the choice in the URL.
    await page.getByLabel('Scheme', { exact: true }).selectOption('MUT-DEMO-2');
    await page.getByRole('heading', { level: 1, name: 'Mutuelle de santé de Mbour' }).waitFor();
    expect(new URL(page.url()).searchParams.get('scheme')).toBe('MUT-DEMO-2');
    await checkScreen(page, 'home-admin');

    // Schemes: the list, and a new scheme refused field by field.
    await go(page, 'Schemes');
    await visible(page.getByRole('link', { name: 'Mutuelle de santé de Ndiaffate' }));
    await checkScreen(page, 'schemes');
    await page.getByRole('link', { name: 'New scheme' }).click();
    await page.getByLabel('Code').fill('MUT-E2E');
    await page.getByLabel('Name').fill('Mutuelle de test');
    await page.getByLabel('Country').fill('S');
    await page.getByLabel('Currency').fill('XO');
    await page.getByRole('button', { name: 'Create the scheme' }).click();
    await expect.poll(() => page.getByLabel('Country').getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => page.getByLabel('Currency').getAttribute('aria-invalid')).toBe('true');
    await visible(page.getByText('has an invalid form').first());
    await checkScreen(page, 'new-scheme');

    // Users: create one with a role on a scheme, revoke it (after a confirmation), deactivate.
    await go(page, 'Users');
    await visible(page.getByRole('link', { name: 'manager' }));
    await checkScreen(page, 'users');
    await page.getByRole('link', { name: 'New user' }).click();
    await page.getByLabel('Full name').fill('Fatou Sarr');
    await page.getByLabel('Username').fill('fsarr');
    await page.getByLabel('Password').fill('another long secret');
    await page.getByLabel('Role', { exact: true }).selectOption('enrolment_agent');
    await page.getByLabel('On', { exact: true }).selectOption('scheme:MUT-DEMO-2');
    await checkScreen(page, 'new-user');
    await page.getByRole('button', { name: 'Create the user' }).click();
    await page.getByRole('heading', { level: 1, name: 'Fatou Sarr' }).waitFor();
    await visible(page.getByText('User created.'));
    await checkScreen(page, 'user');

    const role = 'Enrolment agent — Scheme MUT-DEMO-2';
    await page.getByRole('button', { name: `Revoke ${role}` }).click();
    const confirmRevoke = page.getByRole('dialog', { name: 'Revoke this role?' });
    await confirmRevoke.getByRole('button', { name: 'Cancel' }).click();
    await visible(page.getByRole('button', { name: `Revoke ${role}` }));
    await page.getByRole('button', { name: `Revoke ${role}` }).click();
    await confirmRevoke.getByRole('button', { name: 'Revoke' }).click();
    await visible(page.getByText(`Role revoked: ${role}.`));
    await expect.poll(() => page.getByRole('button', { name: `Revoke ${role}` }).count()).toBe(0);

    await page.getByRole('button', { name: 'Deactivate' }).click();
    await page.getByRole('dialog', { name: 'Deactivate this user?' }).getByRole('button', { name: 'Deactivate' }).click();
    await visible(page.getByText('User deactivated.'));
    await visible(page.getByRole('button', { name: 'Reactivate' }));

    // Audit log: filters, and older pages through `next`.
    await go(page, 'Audit log');
    const entries = page.getByRole('list', { name: 'Audit records, newest first' }).getByRole('listitem');
    await expect.poll(() => entries.count()).toBe(50);
    await page.getByRole('button', { name: 'Show older records' }).click();
    await expect.poll(() => entries.count()).toBeGreaterThan(50);
    await page.getByLabel('Action').fill('user.revoke');
    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    await expect.poll(() => entries.count()).toBe(1);
    expect(new URL(page.url()).searchParams.get('action')).toBe('user.revoke');
    await checkScreen(page, 'audit');

    // API tokens: the secret is shown once; revoking asks first.
    await go(page, 'My API tokens');
    await page.getByLabel('Name').fill('Monthly export');
    await page.getByRole('button', { name: 'Create the token' }).click();
    await visible(page.getByTestId('token-secret'));
    expect((await page.getByTestId('token-secret').textContent())?.length).toBeGreaterThan(20);
    await checkScreen(page, 'tokens');
    await page.getByRole('button', { name: 'Revoke Monthly export' }).click();
    await page.getByRole('dialog', { name: 'Revoke this token?' }).getByRole('button', { name: 'Revoke' }).click();
    await visible(page.getByText('Token “Monthly export” revoked.'));
    await expect.poll(() => page.getByTestId('token-secret').count()).toBe(0);
    await context.close();
  }, 180_000);
});
