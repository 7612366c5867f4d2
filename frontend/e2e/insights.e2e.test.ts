import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import arBase from '../src/i18n/ar.json';
import arInsights from '../src/i18n/areas/insights.ar.json';
import enBase from '../src/i18n/en.json';
import enInsights from '../src/i18n/areas/insights.en.json';
import { axeScriptHash } from './axe';
import { DEMO_PASSWORD, startServer, type RunningServer } from './server';
import { BINARY, cannotRun, chooseLanguage, expectAccessible, launchBrowser, shot, signIn } from './support';

const MANAGER = { email: 'manager@demo.liaison', password: DEMO_PASSWORD };
const en = { ...enBase, ...enInsights };
const ar = { ...arBase, ...arInsights };

describe.skipIf(cannotRun)('search, stakeholder map and reports on the demo data', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const cspViolations: string[] = [];

  beforeAll(async () => {
    server = await startServer(BINARY, { demo: true });
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1366, height: 860 }, locale: 'en-GB' });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      const text = message.text();
      if (message.type() === 'error' && /Content Security Policy/i.test(text) && !text.includes(axeScriptHash)) cspViolations.push(text);
    });
    await signIn(page, server.baseURL, MANAGER.email, MANAGER.password);
    // The demo manager reads Bosnian; these checks are written in English first.
    await chooseLanguage(page, 'en');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Opens the palette with Ctrl+K and searches; returns the dialog. */
  async function searchFor(term: string, t: typeof en) {
    await page.getByRole('navigation', { name: t.nav.main }).waitFor();
    await page.keyboard.press('Control+K');
    const dialog = page.getByRole('dialog', { name: t.palette.title });
    const box = dialog.getByRole('combobox', { name: t.search.label });
    await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
    await box.fill(term);
    const results = dialog.getByRole('listbox', { name: t.search.results });
    await results.getByRole('group', { name: t.search.kinds.organization }).getByRole('option').first().waitFor();
    await results.getByRole('group', { name: t.search.kinds.contact }).waitFor();
    return { dialog, box, results };
  }

  it('finds "Zenica" from the Ctrl+K palette, grouped by kind, and Enter opens the first hit', async () => {
    const { dialog, box, results } = await searchFor('Zenica', en);
    const groups = await results.getByRole('group').evaluateAll((els) =>
      els.map((el) => document.getElementById(el.getAttribute('aria-labelledby') ?? '')?.textContent),
    );
    expect(groups.slice(0, 2)).toEqual(['Organizations', 'Contacts']);
    expect(groups).toContain('Interactions');
    const first = results.getByRole('option').first();
    await expect.poll(() => first.getAttribute('aria-selected')).toBe('true');
    const title = (await first.textContent())!.trim();
    expect(title).toMatch(/Zenica/);
    await expectAccessible(page);
    await shot(page, 'palette-en', { dialog: true });

    // Arrow keys move the choice, and back.
    await box.press('ArrowDown');
    await expect.poll(() => results.getByRole('option').nth(1).getAttribute('aria-selected')).toBe('true');
    await box.press('ArrowUp');
    await box.press('Enter');
    await page.waitForURL(/\/organizations\/\d+$/);
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('heading', { level: 1, name: title }).waitFor();

    // "/" opens it too, and Escape closes it, giving focus back.
    const opener = page.getByRole('button', { name: en.search.placeholder });
    await opener.focus();
    await page.keyboard.press('/');
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => opener.evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it('places the demo organizations on the map; each one opens its page', async () => {
    await page.goto(`${server.baseURL}/map`);
    const grid = page.getByRole('region', { name: en.stakeholderMap.gridLabel });
    const ministry = grid.getByRole('link', { name: /^MSBiH, Ministry of Security of Bosnia and Herzegovina, influence 5, interest 4/ });
    await ministry.waitFor();
    await grid.getByRole('group', { name: /Influence 5, interest 5 — Manage closely/ }).getByRole('link', { name: /NC-PVE/ }).waitFor();
    await grid.getByText(en.stakeholderMap.quadrants.keepSatisfied).waitFor();
    await page.getByText(/organizations on the map/).waitFor();
    await expectAccessible(page);
    await shot(page, 'map-en');

    // Filters live in the address: Iraq only leaves the Bosnian ministry out.
    await page.goto(`${server.baseURL}/map?country=IQ`);
    await grid.getByRole('link', { name: /NC-PVE/ }).waitFor();
    await expect.poll(() => ministry.count()).toBe(0);
    // The list alternative names the quadrant of each organization.
    await page.getByRole('radiogroup', { name: en.stakeholderMap.view }).getByText(en.stakeholderMap.views.list, { exact: true }).click();
    await page.waitForURL(/view=list/);
    const closely = page.getByRole('region', { name: /Manage closely/ });
    await closely.getByRole('link', { name: /National Committee/ }).waitFor();

    await page.goto(`${server.baseURL}/map`);
    await ministry.click();
    await page.waitForURL(/\/organizations\/\d+$/);
    await page.getByRole('heading', { level: 1, name: /Ministry of Security/ }).waitFor();
  });

  it('reports engagement for the year by country and by SDG, and prints without the frame', async () => {
    await page.goto(`${server.baseURL}/reports`);
    await page.getByText(en.reports.presets.lastQuarter, { exact: true }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('from')).toMatch(/^\d{4}-(01|04|07|10)-01$/);
    await page.getByText(en.reports.presets.thisYear, { exact: true }).click();
    const year = new Date().getFullYear();
    await expect.poll(() => new URL(page.url()).searchParams.get('from')).toBe(`${year}-01-01`);
    expect(new URL(page.url()).searchParams.get('to')).toBe(`${year}-12-31`);

    const table = page.getByRole('table', { name: en.reports.titles.country });
    const bosnia = table.getByRole('row', { name: /Bosnia (and|&) Herzegovina\s*BA/ });
    await bosnia.waitFor();
    const cells = await bosnia.getByRole('cell').allTextContents();
    expect(Number(cells[0])).toBeGreaterThan(0);
    await table.getByRole('row', { name: /^Total/ }).waitFor();
    await page.locator('.recharts-surface').first().waitFor();
    await expectAccessible(page);
    await shot(page, 'reports-en');

    await page.getByRole('radiogroup', { name: en.reports.groupBy }).getByText(en.reports.groupings.sdg, { exact: true }).click();
    const sdgTable = page.getByRole('table', { name: en.reports.titles.sdg });
    await sdgTable.getByRole('row', { name: /SDG 5: Gender equality/ }).waitFor();
    await sdgTable.getByRole('row', { name: /SDG 16: Peace, justice and strong institutions/ }).waitFor();

    // Printing: window.print from the button; the page alone, with its title, period and date.
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => void ((window as unknown as { printed: number }).printed += 1);
    });
    await page.getByRole('button', { name: en.reports.print }).click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    await page.getByRole('radiogroup', { name: en.reports.groupBy }).getByText(en.reports.groupings.country, { exact: true }).click();
    await table.waitFor();
    await page.mouse.move(1, 1);
    await page.emulateMedia({ media: 'print' });
    await expect.poll(() => page.getByRole('navigation', { name: en.nav.main }).isVisible()).toBe(false);
    expect(await page.getByRole('banner').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: en.reports.print }).isVisible()).toBe(false);
    expect(await page.getByRole('heading', { name: en.reports.titles.country }).isVisible()).toBe(true);
    await page.getByText(/^Generated /).waitFor();
    await page.getByText(new RegExp(`1 Jan ${year} – 31 Dec ${year}`)).waitFor();
    await shot(page, 'reports-print-en');
    await page.emulateMedia({ media: 'screen' });
    await page.getByRole('navigation', { name: en.nav.main }).waitFor();
  });

  it('mirrors the palette, the map and the report in Arabic', async () => {
    await page.goto(`${server.baseURL}/`);
    await page.getByRole('button', { name: /Account menu/ }).click();
    await page.getByRole('menuitem', { name: 'العربية' }).click();
    await page.waitForSelector('html[lang="ar"][dir="rtl"]');
    await page.getByRole('menu').waitFor({ state: 'detached' });

    const { dialog } = await searchFor('Zenica', ar as unknown as typeof en);
    await shot(page, 'palette-ar', { dialog: true });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    await page.goto(`${server.baseURL}/map`);
    const grid = page.getByRole('region', { name: ar.stakeholderMap.gridLabel });
    await grid.getByRole('link', { name: /NC-PVE/ }).waitFor();
    // Influence grows in the reading direction: from right to left.
    const x = async (n: number) => (await page.locator(`[data-influence="${n}"]`).boundingBox())!.x;
    expect(await x(1)).toBeGreaterThan(await x(5));
    await expectAccessible(page);
    await shot(page, 'map-ar');

    await page.goto(`${server.baseURL}/reports`);
    await page.getByRole('table', { name: ar.reports.titles.country }).getByRole('row', { name: /BA/ }).waitFor();
    await page.locator('.recharts-surface').first().waitFor();
    await expectAccessible(page);
    await shot(page, 'reports-ar');

    // Back to English for whoever signs in next with this account.
    await page.getByRole('button', { name: /قائمة الحساب/ }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.waitForSelector('html[lang="en"][dir="ltr"]');
  });

  it('ran without script errors or CSP violations', () => {
    expect(pageErrors).toEqual([]);
    expect(cspViolations).toEqual([]);
  });
});
