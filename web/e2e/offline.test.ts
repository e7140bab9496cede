/**
 * Field work without network, in Chromium: an enrolment agent opens the field screens and syncs,
 * goes offline (the app opens again from the service worker), finds a household on the device, records a payment (queued, its receipt marked
 * not yet synced), checks a genuine and a tampered card's QR code, registers a household, comes
 * back online and sees everything synced — each change recorded exactly once, also after the
 * same outbox item is forced to be sent again. axe-core runs on every field screen; screenshots
 * at 360 and 1280 px go to web/e2e/screenshots/.
 *
 * The app comes from web/dist: run `npm run build` after changing it (the service worker and its
 * precache list are made by the build).
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../src/demo/index.js';
import { enrolHousehold } from '../../src/modules/coverage/index.js';
import { signCardPayload } from '../../src/modules/documents/card-payload.js';
import { registerHousehold } from '../../src/modules/members/index.js';
import { resolveScheme } from '../../src/modules/organizations/index.js';
import { createProduct } from '../../src/modules/products/index.js';
import { systemActor } from '../../src/platform/audit/audit.js';
import { addDays, today } from '../../src/platform/dates.js';
import { checkScreen, go, type Harness, hasChromium, signIn, startHarness, visible, warnWithoutChromium } from './harness.js';

warnWithoutChromium('web/e2e/offline.test.ts');

const SCHEME = 'MUT-DEMO-1';
const HOUSEHOLD = 'F0001';
const CARD = 'F0001-01';

describe.skipIf(!hasChromium)('field work offline in Chromium', () => {
  let harness: Harness;
  const T = today();

  beforeAll(async () => {
    harness = await startHarness();
    const ctx = { db: harness.database.db, actor: systemActor('e2e') };
    await generateDemo(ctx, { seed: 5, households: 0 });
    const schemeId = (await resolveScheme(ctx, SCHEME))!.id;
    // 3,600 (adult) + 1,800 (child) + joining fee 1,000 = 6,400 XOF, one due on the first day.
    await createProduct(ctx, schemeId, {
      code: 'E2E-FIELD',
      name: 'Paquet terrain',
      versions: [
        {
          effectiveFrom: addDays(T, -365),
          coverageMonths: 12,
          contribution: { basis: 'per_person', adult: 3600, child: 1800, childMaxAge: 17 },
          joiningFee: 1000,
          cardFee: 0,
          instalments: 1,
          activation: 'full_payment',
          gracePeriodDays: 30,
          waitingPeriodDays: 90,
          claimDeadlineDays: 90,
          benefits: [{ category: 'consultation', coverageRate: 0.8 }],
        },
      ],
    });
    await registerHousehold(ctx, schemeId, {
      number: HOUSEHOLD,
      category: 'regular',
      phone: '+221771234567',
      members: [
        { card: CARD, firstName: 'Awa', lastName: "N'Diaye", sex: 'F', birthDate: '1986-04-12', relationship: 'head', joinedOn: addDays(T, -200) },
        { card: 'F0001-02', firstName: 'Modou', lastName: 'Sarr', sex: 'M', birthDate: '2019-09-30', relationship: 'child', joinedOn: addDays(T, -200) },
      ],
    });
    await enrolHousehold(ctx, schemeId, { household: HOUSEHOLD, product: 'E2E-FIELD', start: addDays(T, -10) });
  });

  afterAll(async () => {
    await harness?.close();
  });

  afterEach(() => {
    expect(harness.pageErrors.splice(0)).toEqual([]);
  });

  /** The household's payments as the API has them, read with the page's session (online only). */
  const payments = (page: Page) =>
    page.evaluate(async ([scheme, number]) => {
      const response = await fetch(`/api/schemes/${scheme}/households/${number}/account`);
      return ((await response.json()) as { payments: { amount: number; receipt: string | null }[] }).payments;
    }, [SCHEME, HOUSEHOLD] as const);

  /** How many card keys of the scheme the device keeps. */
  const storedKeys = (page: Page) =>
    page.evaluate(
      (scheme) =>
        new Promise<number>((resolve) => {
          const open = indexedDB.open('mutua-field');
          open.onsuccess = () => {
            const request = open.result.transaction('keys').objectStore('keys').get(scheme);
            request.onsuccess = () => resolve((request.result as { keys: unknown[] } | undefined)?.keys.length ?? 0);
          };
        }),
      SCHEME,
    );

  /** Puts an outbox item back in the queue, as if its answer had been lost: it is sent again with the same key. */
  const forceResend = (page: Page, match: string) =>
    page.evaluate(
      (kind) =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open('mutua-field');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction('outbox', 'readwrite');
            const store = tx.objectStore('outbox');
            const all = store.getAll();
            let changed = 0;
            all.onsuccess = () => {
              for (const item of all.result as { kind: string; status: string }[]) {
                if (item.kind === kind) {
                  store.put({ ...item, status: 'queued' });
                  changed += 1;
                }
              }
            };
            tx.oncomplete = () => resolve(changed);
          };
        }),
      match,
    );

  it('records a payment offline once, shows its receipt as not yet synced, checks cards, and syncs when back online', async () => {
    const { context, page } = await harness.newPage();
    await signIn(page, harness.base, 'agent');
    // The scheme's first card print makes its signing key; the device downloads the public key.
    const print = await page.evaluate(async ([scheme, number]) => {
      const response = await fetch(`/api/schemes/${scheme}/households/${number}/cards.pdf`);
      await response.arrayBuffer();
      return response.status;
    }, [SCHEME, HOUSEHOLD] as const);
    expect(print).toBe(200);
    const key = await harness.database.db.selectFrom('card_key').innerJoin('scheme', 'scheme.id', 'card_key.scheme_id').select(['kid', 'private_key']).where('scheme.code', '=', SCHEME).where('active', '=', true).executeTakeFirstOrThrow();
    const genuine = signCardPayload(key.private_key, SCHEME, CARD, key.kid);
    // The same signature on another card number: what a forger copying a card would make.
    const tampered = genuine.replace(`.${CARD}.`, '.F0001-02.');

    await go(page, 'Field work (offline)');
    await page.getByRole('heading', { level: 1, name: 'Field work' }).waitFor();
    // Synced again now that the scheme has a card key (opening the field screen started a first sync).
    const syncNow = page.getByRole('button', { name: 'Sync now' });
    await syncNow.click();
    await expect.poll(() => storedKeys(page), { timeout: 10_000 }).toBe(1);
    await visible(page.getByText('1 household on this device'));
    // The service worker controls the page: the app's files come from its precache from now on.
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 15_000 }).toBe(true);
    // Installable: a web manifest with the app's name and icons.
    const manifest = await page.evaluate(async () => (await fetch('/manifest.webmanifest')).json() as Promise<{ short_name: string; icons: { sizes: string }[] }>);
    expect(manifest.short_name).toBe('Mutua');
    expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    // A while later the app is opened again (online), through the service worker.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Field work' }).waitFor();
    await checkScreen(page, 'field-home');

    await page.getByLabel('Name, card or phone').fill('ndiaye awa');
    await page.getByRole('link', { name: /Awa N'Diaye/ }).click();
    await page.getByRole('heading', { level: 1, name: `Household ${HOUSEHOLD}` }).waitFor();
    await visible(page.getByText('Awaiting payment').first());
    await checkScreen(page, 'field-household');

    // No network from here.
    await context.setOffline(true);
    await visible(page.getByRole('status').getByText('Offline').first());
    await page.getByLabel('Amount').fill('6400');
    await page.getByRole('button', { name: 'Record the payment' }).click();
    await page.getByRole('heading', { level: 1, name: 'Receipt' }).waitFor();
    await visible(page.getByText('Not yet synced: the scheme has not received this payment yet.'));
    await visible(page.getByText('given when synced'));
    await visible(page.getByRole('link', { name: '1 change waiting' }));
    await checkScreen(page, 'field-receipt-offline');
    // Opened again with no network: the app, the session and the receipt come from the device.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Receipt' }).waitFor();
    await visible(page.getByText('Not yet synced: the scheme has not received this payment yet.'));

    // A card checked with no network: the signature on the device, the status from the last sync.
    await page.getByRole('link', { name: '1 change waiting' }).click();
    await page.getByRole('heading', { level: 1, name: 'Changes on this device' }).waitFor();
    await checkScreen(page, 'field-outbox-offline');
    await go(page, 'Field work (offline)');
    await page.getByRole('link', { name: 'Check a card' }).click();
    await page.getByRole('heading', { level: 1, name: 'Check a card' }).waitFor();
    await page.getByLabel('Card number or QR code text').fill(genuine);
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    await visible(page.getByText(`Genuine card: signed by the scheme (key ${key.kid}).`));
    await visible(page.getByText("Awa N'Diaye · F0001"));
    await visible(page.getByText(`As of the last sync`));
    await checkScreen(page, 'field-check');
    await page.getByLabel('Card number or QR code text').fill(tampered);
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    await visible(page.getByText('Forged or altered card: the signature does not match.'));
    expect(await page.getByText("Awa N'Diaye · F0001").count()).toBe(0);

    // A household registered offline.
    await go(page, 'Field work (offline)');
    await page.getByRole('link', { name: 'Register a household' }).click();
    await page.getByRole('heading', { level: 1, name: 'Register a household' }).waitFor();
    await page.getByLabel('Household phone').fill('+221770009999');
    await page.getByLabel('First name').fill('Fatou');
    await page.getByLabel('Last name').fill('Camara');
    await page.getByLabel('Sex').selectOption('F');
    await page.getByLabel('Birth year (when the date is unknown)').fill('1992');
    await checkScreen(page, 'field-register');
    await page.getByRole('button', { name: 'Register', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Changes on this device' }).waitFor();
    await visible(page.getByRole('link', { name: '2 changes waiting' }));

    // The network returns: the outbox goes out by itself, in order.
    await context.setOffline(false);
    await page.getByRole('heading', { level: 2, name: 'Synced' }).waitFor({ timeout: 15_000 });
    await expect.poll(() => page.getByRole('link', { name: /changes? waiting/ }).count()).toBe(0);
    await checkScreen(page, 'field-outbox-synced');
    await page.getByRole('link', { name: 'Receipt', exact: true }).click();
    await visible(page.getByText('Synced: the scheme recorded this payment.'));
    const recorded = await payments(page);
    expect(recorded.map((p) => p.amount)).toEqual([6400]);
    await visible(page.getByText(recorded[0]!.receipt!, { exact: true }));
    await checkScreen(page, 'field-receipt-synced');

    // The same items sent again (as after an answer lost on the way back): still one of each.
    expect(await forceResend(page, 'payment')).toBe(1);
    expect(await forceResend(page, 'household')).toBe(1);
    await go(page, 'Field work (offline)');
    await page.getByRole('button', { name: 'Sync now' }).click();
    await visible(page.getByText('2 households on this device'));
    expect((await payments(page)).map((p) => p.amount)).toEqual([6400]);
    const camaras = await harness.database.db.selectFrom('beneficiary').select('card').where('last_name', '=', 'Camara').execute();
    expect(camaras).toHaveLength(1);

    // The household's status as synced: paid today, in its waiting period.
    await page.getByLabel('Name, card or phone').fill(CARD);
    await page.getByRole('link', { name: /Awa N'Diaye/ }).click();
    await visible(page.getByText('In waiting period').first());

    // A change the server refuses (a receipt number already used, as another device may have
    // done) waits for a person, with what was sent and what the server said; edited, it goes.
    await page.getByLabel('Amount').fill('1000');
    await page.getByLabel('Receipt number').fill(recorded[0]!.receipt!);
    await page.getByRole('button', { name: 'Record the payment' }).click();
    await visible(page.getByText('The server refused this payment: see the changes on this device.'));
    await page.getByRole('link', { name: '1 change needs you' }).click();
    await page.getByRole('heading', { level: 2, name: 'Waiting for your decision' }).waitFor();
    await visible(page.getByText('This receipt number is already used in the scheme'));
    await checkScreen(page, 'field-outbox-problem');
    await page.getByRole('link', { name: 'Edit and resend' }).click();
    await page.getByRole('heading', { level: 2, name: 'Edit the refused change' }).waitFor();
    expect(await page.getByLabel('Amount').inputValue()).toMatch(/^1[ ,.\u202f]?000$/);
    await page.getByLabel('Receipt number').fill('');
    await page.getByRole('button', { name: 'Record the payment' }).click();
    await visible(page.getByText('Synced: the scheme recorded this payment.'));
    expect((await payments(page)).map((p) => p.amount).sort((a, b) => a - b)).toEqual([1000, 6400]);
    await context.close();
  });
});
