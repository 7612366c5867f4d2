import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeScriptHash } from './axe';
import { DEMO_PASSWORD, startServer, type RunningServer } from './server';
import { BINARY, cannotRun, chooseLanguage, dismissNotifications, expectAccessible, launchBrowser, shot, signIn, text } from './support';

const MANAGER = { email: 'manager@demo.liaison', password: DEMO_PASSWORD };
const ADMIN = { email: 'admin@demo.liaison', password: DEMO_PASSWORD };

describe.skipIf(cannotRun)('relationships and the network on the demo data', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const cspViolations: string[] = [];

  /** The id of the demo organization with this exact name, as the API lists it. */
  async function organizationId(name: string): Promise<number> {
    return page.evaluate(async (n) => {
      const r = await fetch(`/api/v1/organizations?q=${encodeURIComponent(n)}&limit=20`);
      const body = (await r.json()) as { items: { id: number; name: string }[] };
      return body.items.find((o) => o.name === n)!.id;
    }, name);
  }

  beforeAll(async () => {
    server = await startServer(BINARY, { demo: true });
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1366, height: 860 }, locale: 'en-GB' });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      const t = message.text();
      if (message.type() === 'error' && /Content Security Policy/i.test(t) && !t.includes(axeScriptHash)) cspViolations.push(t);
    });
    await signIn(page, server.baseURL, MANAGER.email, MANAGER.password);
    await chooseLanguage(page, 'en');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a manager links the ministry to its donor as "funded by" on the organization page, and both ends say it their way', async () => {
    const ministry = await organizationId('Ministry of Security of Bosnia and Herzegovina');
    const canada = await organizationId('Government of Canada');
    await page.goto(`${server.baseURL}/organizations/${ministry}`);
    const section = page.getByRole('region', { name: text('en', 'relationships.title') });
    await section.getByRole('button', { name: text('en', 'relationships.add') }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(text('en', 'relationships.kind'), { exact: false }).first().click();
    await page.getByRole('option', { name: text('en', 'relationships.kinds.funded_by'), exact: true }).click();
    const other = dialog.getByLabel(text('en', 'relationships.other'), { exact: false }).first();
    await other.fill('Canada');
    await page.getByRole('option', { name: /Government of Canada/ }).first().click();
    await dialog.getByRole('button', { name: text('en', 'common.save') }).click();
    await dialog.waitFor({ state: 'detached' });
    await dismissNotifications(page);
    const item = section.getByRole('listitem').filter({ hasText: 'Government of Canada' });
    await expect.poll(() => item.textContent()).toMatch(/^is funded by\s*Government of Canada/);
    await expectAccessible(page);
    await shot(page, 'relationships-en');

    // From the donor's page the same link reads the other way.
    await item.getByRole('link', { name: 'Government of Canada' }).click();
    await page.waitForURL(`${server.baseURL}/organizations/${canada}`);
    const seen = page.getByRole('region', { name: text('en', 'relationships.title') }).getByRole('listitem').filter({ hasText: 'Ministry of Security' });
    await expect.poll(() => seen.textContent()).toMatch(/^funds\s*Ministry of Security of Bosnia and Herzegovina/);
  });

  it('shows the link in the network, drawn and in the table, and a row opens the organization from the keyboard', async () => {
    await page.goto(`${server.baseURL}/`);
    await page.getByRole('navigation', { name: text('en', 'nav.main') }).getByRole('link', { name: text('en', 'nav.network') }).click();
    await page.waitForURL(`${server.baseURL}/network`);
    // The donor's country narrows the drawing to Canada and what it links to.
    await page.goto(`${server.baseURL}/network?country=CA`);
    const table = page.getByRole('table', { name: text('en', 'network.tableLabel') });
    const row = table.getByRole('row', { name: /Ministry of Security of Bosnia and Herzegovina\s*is funded by\s*Government of Canada/ });
    await row.waitFor();
    // cytoscape drew it on its canvases, in a chunk of its own.
    const graph = page.getByTestId('network-graph');
    await expect.poll(() => graph.locator('canvas').count()).toBeGreaterThan(0);
    expect(await graph.getAttribute('aria-label')).toMatch(/organizations and \d+ links/);
    const scripts = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.endsWith('.js')));
    expect(scripts.some((s) => /cytoscape/i.test(s))).toBe(true);
    await expectAccessible(page);
    await shot(page, 'network-en');

    await row.getByRole('link', { name: 'Government of Canada' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/organizations\/\d+$/);
    await page.getByRole('heading', { level: 1, name: 'Government of Canada' }).waitFor();
  });

  it('draws the network at 360 px and in Arabic, right to left', async () => {
    await page.goto(`${server.baseURL}/network?country=CA`);
    await chooseLanguage(page, 'ar');
    const table = page.getByRole('table', { name: text('ar', 'network.tableLabel') });
    await table.getByRole('row').nth(1).waitFor();
    await page.getByTestId('network-graph').locator('canvas').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await expectAccessible(page);
    await shot(page, 'network-ar');

    await page.setViewportSize({ width: 360, height: 780 });
    await page.goto(`${server.baseURL}/network?country=CA`);
    await page.getByTestId('network-graph').locator('canvas').first().waitFor();
    await page.getByRole('list', { name: text('ar', 'network.tableLabel') }).or(page.getByRole('table', { name: text('ar', 'network.tableLabel') })).first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await shot(page, 'network-ar-360');
    await chooseLanguage(page, 'en');
    await shot(page, 'network-en-360');
    await page.setViewportSize({ width: 1366, height: 860 });
  });

  it('an admin manages tags and projects in the admin pages', async () => {
    await page.goto(`${server.baseURL}/`);
    await page.getByRole('button', { name: /Account menu|قائمة الحساب/ }).click();
    await page.getByRole('menuitem', { name: /Sign out|تسجيل الخروج/ }).click();
    await page.waitForURL(/\/login/);
    await signIn(page, server.baseURL, ADMIN.email, ADMIN.password);
    await chooseLanguage(page, 'en');
    await page.goto(`${server.baseURL}/admin/tags`);
    const tags = page.getByRole('table', { name: text('en', 'adminCatalogue.tagsTable') });
    await tags.getByRole('row').nth(1).waitFor();
    await expectAccessible(page);
    await shot(page, 'admin-tags-en');
    await page.goto(`${server.baseURL}/admin/projects`);
    await page.getByRole('table', { name: text('en', 'adminCatalogue.projectsTable') }).getByRole('row', { name: /SIMVEX/ }).waitFor();
    await expectAccessible(page);
    await shot(page, 'admin-projects-en');
  });

  it('ran without script errors or CSP violations', () => {
    expect(pageErrors).toEqual([]);
    expect(cspViolations).toEqual([]);
  });
});
