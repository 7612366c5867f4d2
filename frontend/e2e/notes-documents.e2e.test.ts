import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeViolations, violationsWithin } from './axe';
import { DEMO_PASSWORD, startServer, type RunningServer } from './server';
import { BINARY, chooseLanguage, signIn, cannotRun, dismissNotifications, launchBrowser, readToTheEnd, shot, text, type Language } from './support';

// An officer's notes and documents on an organization of their office, on
// the real binary and the demo: a note that mentions a colleague picked from
// the suggestions, a document uploaded, downloaded (as an attachment, its
// name kept exactly) and deleted; then the panels at desktop and phone
// width, in English and Arabic.

const OFFICER = 'officer@demo.liaison';
const MANAGER_NAME = 'Emir Kovačević';
const FILE_NAME = 'Minutes – Zenica.pdf';
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

describe.skipIf(cannotRun)('notes and documents on an organization', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  let orgPath = '';

  async function open(language: Language, width: number): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: language === 'ar' ? 'ar' : 'en-GB', acceptDownloads: true });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await signIn(page, server.baseURL, OFFICER, DEMO_PASSWORD);
    // The demo's officer reads Bosnian: the language is chosen here.
    await chooseLanguage(page, language);
    return page;
  }

  beforeAll(async () => {
    server = await startServer(BINARY, { demo: true });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.stop();
  });

  it('adds a note mentioning a colleague, uploads, downloads and deletes a document', async () => {
    const page = await open('en', 1366);
    const me = (await (await page.request.get(`${server.baseURL}/api/v1/auth/me`)).json()) as { id: number; office_id: number };
    const orgs = (await (await page.request.get(`${server.baseURL}/api/v1/organizations?office_id=${me.office_id}&limit=1&sort=name`)).json()) as {
      items: { id: number }[];
    };
    orgPath = `/organizations/${orgs.items[0]!.id}`;
    await page.goto(`${server.baseURL}${orgPath}`);
    await readToTheEnd(page);

    const box = page.getByRole('textbox', { name: text('en', 'notes.label') });
    await box.click();
    await box.pressSequentially('Reception confirmed. @emir');
    const suggestion = page.getByRole('option', { name: new RegExp(MANAGER_NAME) });
    await suggestion.waitFor();
    // The box names its open list and the option pointed at, in ARIA that axe accepts on a textarea.
    expect(await box.getAttribute('aria-activedescendant')).toBe(await suggestion.getAttribute('id'));
    const violations = await violationsWithin(page, `textarea[aria-controls="${await box.getAttribute('aria-controls')}"]`);
    expect(describeViolations(violations)).toBe('');
    await page.keyboard.press('Enter');
    await box.pressSequentially('will send the list.');
    await page.getByRole('button', { name: text('en', 'notes.add') }).click();
    const mention = page.locator('[data-user-id]', { hasText: `@${MANAGER_NAME}` });
    await mention.waitFor();
    const notes = (await (await page.request.get(`${server.baseURL}/api/v1/organizations/${orgs.items[0]!.id}/notes`)).json()) as {
      items: { body: string; mentions: number[]; author_id: number }[];
    };
    const manager = (await (await page.request.get(`${server.baseURL}/api/v1/users?q=manager`)).json()) as { items: { id: number; email: string }[] };
    const managerId = manager.items.find((u) => u.email === 'manager@demo.liaison')!.id;
    expect(notes.items[0]).toMatchObject({ author_id: me.id, mentions: [managerId] });
    expect(notes.items[0]!.body).toBe(`Reception confirmed. @[${MANAGER_NAME}](user:${managerId}) will send the list.`);

    await page.getByLabel(text('en', 'documents.choose')).setInputFiles({ name: FILE_NAME, mimeType: 'text/plain', buffer: PDF });
    await page.locator('[data-upload-status="done"]').waitFor();
    const link = page.getByRole('link', { name: FILE_NAME, exact: true });
    await link.waitFor();
    const href = await link.getAttribute('href');
    const response = await page.request.get(`${server.baseURL}${href}`);
    expect(response.status()).toBe(200);
    const headers = response.headers();
    // Sniffed from the bytes, not the type the browser sent.
    expect(headers['content-type']).toBe('application/pdf');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['content-disposition']).toBe(`attachment; filename="Minutes _ Zenica.pdf"; filename*=UTF-8''Minutes%20%E2%80%93%20Zenica.pdf`);
    expect(Buffer.from(await response.body()).equals(PDF)).toBe(true);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe(FILE_NAME);

    await dismissNotifications(page).catch(() => undefined);
    await page.getByRole('button', { name: `Delete ${FILE_NAME}`, exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: `Delete ${FILE_NAME}`, exact: true }).click();
    await link.waitFor({ state: 'detached' });
    const gone = await page.request.get(`${server.baseURL}${href}`);
    expect(gone.status()).toBe(404);
    // Another one stays for the pictures.
    await page.getByLabel(text('en', 'documents.choose')).setInputFiles({ name: 'Programme.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByRole('link', { name: 'Programme.pdf', exact: true }).waitFor();
    expect(pageErrors).toEqual([]);
  });

  it.each([
    ['en', 1366],
    ['ar', 1366],
    ['en', 360],
    ['ar', 360],
  ] as const)('shows the panels in %s at %i px', async (language, width) => {
    const page = await open(language, width);
    await page.goto(`${server.baseURL}${orgPath}`);
    await readToTheEnd(page);
    await page.locator('[data-user-id]').first().waitFor();
    await page.getByRole('link', { name: 'Programme.pdf', exact: true }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.getByRole('heading', { name: text(language, 'notes.title') }).scrollIntoViewIfNeeded();
    await shot(page, `notes-documents-${language}-${width}`);
    expect(pageErrors).toEqual([]);
  });
});
