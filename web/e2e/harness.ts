/**
 * What the browser tests share: the real server (API and built web app) on a test database of
 * its own, Debian's Chromium, axe-core, and screenshots at 360 px and 1280 px written to
 * web/e2e/screenshots/ for a person to look at.
 *
 * Needs /usr/bin/chromium (`apt-get install -y chromium`); the tests skip with a message without
 * it. Uses web/dist as built; builds it first only when it is missing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import axe from 'axe-core';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/index.js';
import type { App } from '../../src/platform/http/types.js';
import { buildServer, defaultWebRoot } from '../../src/server.js';
import { testConfig } from '../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../test/db.js';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
const root = fileURLToPath(new URL('../../', import.meta.url));
export const screenshots = fileURLToPath(new URL('./screenshots/', import.meta.url));
const WIDTHS = [360, 1280] as const;

export function warnWithoutChromium(file: string) {
  if (!hasChromium) console.warn(`${file} skipped: ${CHROMIUM} is missing. Install it with: apt-get update && apt-get install -y chromium`);
}

/** Runs axe-core on the page; returns the serious and critical violations, described. */
export async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the app's Content-Security-Policy (which the test
  // keeps on, so the app is proven to run under it) forbids inline scripts.
  await page.evaluate(axe.source);
  const results = await page.evaluate(() => (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] }));
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/**
 * Screenshots of the whole page at each width, named `<name>-<width>.png`; of the window only
 * with `fullPage: false` (a modal dialog, whose backdrop covers the window).
 */
export async function capture(page: Page, name: string, { fullPage = true }: { fullPage?: boolean } = {}) {
  const size = page.viewportSize() ?? { width: 1280, height: 800 };
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 800 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(100);
    await page.screenshot({ path: path.join(screenshots, `${name}-${width}.png`), fullPage });
  }
  await page.setViewportSize(size);
}

/** Waits until the locator shows (10 s at most). */
export const visible = (locator: Locator) => locator.waitFor({ state: 'visible', timeout: 10_000 });

/** The checks every main screen gets: no serious accessibility problem, and screenshots. */
export async function checkScreen(page: Page, name: string, options: { fullPage?: boolean } = {}) {
  await page.waitForLoadState('networkidle');
  expect(await seriousViolations(page), `axe on ${name}`).toEqual([]);
  await capture(page, name, options);
}

/** The server on a fresh test database, listening on a free port, and a browser. */
export interface Harness {
  database: TestDatabase;
  app: App;
  base: string;
  browser: Browser;
  /** Script errors seen in any page (a test fails on them). */
  pageErrors: string[];
  newPage(options?: { locale?: string }): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  if (!existsSync(path.join(defaultWebRoot, 'index.html'))) {
    execFileSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts'], { cwd: root, stdio: 'inherit' });
  }
  mkdirSync(screenshots, { recursive: true });
  const database = await createTestDatabase();
  const app = await buildServer(database.db, testConfig());
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const pageErrors: string[] = [];
  return {
    database,
    app,
    base,
    browser,
    pageErrors,
    async newPage(options = {}) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: options.locale ?? 'en-GB' });
      const page = await context.newPage();
      page.on('pageerror', (error) => pageErrors.push(error.message));
      return { context, page };
    },
    async close() {
      await browser.close();
      await app.close();
      await database.drop();
    },
  };
}

export async function signIn(page: Page, base: string, username: string, password = DEMO_PASSWORD) {
  await page.goto(`${base}/`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

/** Follows a link of the main navigation. */
export const go = (page: Page, name: string) => page.getByRole('navigation', { name: /Main|Principale/ }).getByRole('link', { name, exact: true }).click();

export const navLinks = (page: Page) => page.getByRole('navigation', { name: /Main|Principale/ }).getByRole('link').allTextContents();
