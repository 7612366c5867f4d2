import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startServer, type RunningServer } from './server';
import { BINARY, cannotRun, chooseLanguage, dismissNotifications, launchBrowser, shot, signIn, text } from './support';

const MANAGER = 'manager@demo.liaison';
const VIEWER = 'viewer@demo.liaison';
const today = () => new Date().toISOString().slice(0, 10);

/** The rows of a CSV export, read as RFC 4180 (quoted fields may hold commas and line breaks). */
function csvRows(raw: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (quoted) {
      if (c === '"' && raw[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && raw[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) rows.push([...row, field]);
  return rows;
}

describe.skipIf(cannotRun)('exports on the demo data', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const api = async <R>(path: string): Promise<R> => {
    const response = await page.request.get(`${server.baseURL}${path}`);
    expect(response.status(), path).toBe(200);
    return (await response.json()) as R;
  };

  beforeAll(async () => {
    server = await startServer(BINARY, { demo: true });
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB', acceptDownloads: true });
    page = await context.newPage();
    await signIn(page, server.baseURL, MANAGER, DEMO_PASSWORD);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await chooseLanguage(page, 'en');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('downloads the contacts list as CSV with the search and sort of the page', async () => {
    const query = 'q=a&country=BA&sort=-updated_at';
    await page.goto(`${server.baseURL}/contacts?${query}`);
    await page.getByRole('heading', { name: text('en', 'contacts.title'), level: 1 }).waitFor();
    const expected = await api<{ total: number; items: { id: number }[] }>('/api/v1/contacts?q=a&country_code=BA&sort=-updated_at&count=true&limit=200');
    expect(expected.total).toBeGreaterThan(1);

    await page.getByTestId('export-button').click();
    await shot(page, 'export-menu-en', { dialog: true });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: /CSV/ }).click()]);
    expect(download.suggestedFilename()).toBe(`contacts-${today()}.csv`);
    const raw = readFileSync((await download.path())!, 'utf8');
    expect(raw.charCodeAt(0)).toBe(0xfeff);
    const [header, ...rows] = csvRows(raw.slice(1)).filter((r) => r.length > 1);
    expect(header!.slice(0, 3)).toEqual(['id', 'honorific', 'given_name']);
    expect(rows).toHaveLength(expected.total);
    // In the list's order: the export is the list.
    expect(rows.slice(0, expected.items.length).map((r) => Number(r[0]))).toEqual(expected.items.map((c) => c.id).slice(0, rows.length));
    await page.getByText(text('en', 'export.done').replace('{{name}}', `contacts-${today()}.csv`)).waitFor();
    await dismissNotifications(page);
  });

  it('downloads the overdue commitments as an Excel workbook', async () => {
    await page.goto(`${server.baseURL}/commitments?overdue=true`);
    await page.getByRole('heading', { name: text('en', 'commitments.title'), level: 1 }).waitFor();
    await page.getByTestId('export-button').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: /Excel/ }).click()]);
    expect(download.suggestedFilename()).toBe(`commitments-${today()}.xlsx`);
    const bytes = readFileSync((await download.path())!);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    await dismissNotifications(page);
  });

  it('offers the review as a workbook, and reads right to left in Arabic on a phone', async () => {
    await page.goto(`${server.baseURL}/review`);
    await page.getByRole('heading', { name: text('en', 'review.title'), level: 1 }).waitFor();
    await page.getByTestId('export-button').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: /Excel/ }).click()]);
    expect(download.suggestedFilename()).toBe(`commitment-review-${today()}.xlsx`);
    await dismissNotifications(page);
    await shot(page, 'export-review-en');

    await chooseLanguage(page, 'ar');
    await page.setViewportSize({ width: 360, height: 780 });
    await page.goto(`${server.baseURL}/contacts`);
    await page.getByRole('heading', { name: text('ar', 'contacts.title'), level: 1 }).waitFor();
    await page.getByTestId('export-button').click();
    await page.getByRole('menuitem', { name: /Excel/ }).waitFor();
    await shot(page, 'export-menu-ar-phone', { dialog: true });
    await page.keyboard.press('Escape');
    await chooseLanguage(page, 'en');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('is not offered to a viewer', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    const viewer = await context.newPage();
    await signIn(viewer, server.baseURL, VIEWER, DEMO_PASSWORD);
    await viewer.goto(`${server.baseURL}/contacts`);
    await viewer.getByRole('table').first().waitFor();
    expect(await viewer.getByTestId('export-button').count()).toBe(0);
    await context.close();
  });
});
