import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeScriptHash, describeViolations, seriousViolations } from './axe';
import { startServer, type RunningServer } from './server';

const here = dirname(fileURLToPath(import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const BINARY = process.env.LIAISON_BIN ? resolve(process.env.LIAISON_BIN) : resolve(here, '../../bin/liaison');
const SCREENSHOTS = join(here, 'screenshots');

/** Waits until CSS transitions and animations (menus closing, the layout mirroring) are over. */
async function settled(page: Page) {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
}

const missing = [
  !existsSync(CHROMIUM) && `Chromium (${CHROMIUM}; apt-get install chromium fonts-noto-core)`,
  !existsSync(BINARY) && `the Liaison binary (${BINARY}; run \`make build\` or set LIAISON_BIN)`,
].filter(Boolean);

if (missing.length) {
  const message = `Browser tests need ${missing.join(' and ')}.`;
  if (process.env.CI === 'true') throw new Error(message);
  console.warn(`Skipping browser tests: ${message}`);
}

describe.skipIf(missing.length > 0)('Liaison in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const cspViolations: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startServer(BINARY);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    const context = await browser.newContext({ viewport: { width: 1366, height: 860 }, locale: 'en-GB' });
    page = await context.newPage();
    page.on('console', (message) => {
      const text = message.text();
      // Our own axe injection is refused by the CSP by design; anything else is the app's fault.
      if (message.type() === 'error' && /Content Security Policy/i.test(text) && !text.includes(axeScriptHash)) cspViolations.push(text);
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('signs in from a deep link and comes back to it', async () => {
    await page.goto(`${server.baseURL}/organizations`);
    await page.waitForURL(/\/login\?next=%2Forganizations$/);
    await page.getByRole('heading', { name: 'Sign in to Liaison' }).waitFor();

    const violations = await seriousViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);

    await page.getByLabel('Email').fill(server.email);
    await page.getByLabel('Password', { exact: false }).first().fill(server.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${server.baseURL}/organizations`);
    await page.getByRole('heading', { name: 'Organizations', level: 1 }).waitFor();
  });

  it('creates an organization with an Arabic name and lists it', async () => {
    await page.getByRole('button', { name: 'New organization' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New organization' });
    await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill('Ministry of Interior');
    await dialog.getByRole('textbox', { name: 'Name in local script' }).fill('وزارة الداخلية');
    await dialog.getByRole('textbox', { name: 'Acronym' }).fill('MoI');
    await dialog.getByRole('combobox', { name: 'Type' }).click();
    await page.getByRole('option', { name: 'Ministry', exact: true }).click();
    await dialog.getByRole('combobox', { name: 'Level' }).click();
    await page.getByRole('option', { name: 'National', exact: true }).click();
    await dialog.getByRole('combobox', { name: 'Country' }).fill('Iraq');
    await page.getByRole('option', { name: 'Iraq', exact: true }).click();
    await dialog.getByRole('textbox', { name: 'City' }).fill('Baghdad');
    await dialog.getByRole('button', { name: 'Create organization' }).click();

    const notice = page.getByRole('alert').filter({ hasText: 'Ministry of Interior was added' });
    await notice.waitFor();
    await notice.getByRole('button', { name: 'Close' }).click();
    await notice.waitFor({ state: 'detached' });
    await dialog.waitFor({ state: 'hidden' });
    const table = page.getByRole('table', { name: 'Organizations' });
    await table.getByText('Ministry of Interior').waitFor();
    await table.getByText('وزارة الداخلية').waitFor();
    await table.getByText('Iraq').waitFor();

    const violations = await seriousViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await settled(page);
    await page.screenshot({ path: join(SCREENSHOTS, 'organizations-en.png'), fullPage: true });
  });

  it('switches to Arabic, mirrors the layout and keeps it across a reload', async () => {
    await page.getByRole('button', { name: /^Language:/ }).click();
    await page.getByRole('menuitem', { name: 'العربية' }).click();
    await page.waitForSelector('html[dir="rtl"][lang="ar"]');
    await page.getByRole('heading', { name: 'المنظمات', level: 1 }).waitFor();
    await page.getByRole('menu').waitFor({ state: 'detached' });
    await settled(page);
    await page.screenshot({ path: join(SCREENSHOTS, 'organizations-ar.png'), fullPage: true });

    await page.reload();
    await page.waitForSelector('html[dir="rtl"][lang="ar"]');
    await page.getByRole('table', { name: 'المنظمات' }).getByText('وزارة الداخلية').waitFor();
    const violations = await seriousViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  it('signs out', async () => {
    await page.getByRole('button', { name: /قائمة الحساب/ }).click();
    await page.getByRole('menuitem', { name: 'تسجيل الخروج' }).click();
    await page.waitForURL(/\/login(\?|$)/);
    const me = await page.evaluate(async () => (await fetch('/api/v1/auth/me')).status);
    expect(me).toBe(401);
  });

  it('ran without script errors or CSP violations', () => {
    expect(pageErrors).toEqual([]);
    expect(cspViolations).toEqual([]);
  });
});
