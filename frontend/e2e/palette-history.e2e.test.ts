import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startServer, type RunningServer } from './server';
import { BINARY, cannotRun, chooseLanguage, launchBrowser, shot, signIn, text, type Language } from './support';

// Two screens looked at in English and Arabic, on a desktop and a phone: the
// command palette (Ctrl+K) offering a manager the pages of the "data in"
// work (duplicates, retention review, network, import) under their
// translated names; and a contact's history naming its note and document
// events in words rather than "Other change (note_create)".

const MANAGER = 'manager@demo.liaison';
const SIZES = [
  ['en', 1366],
  ['en', 360],
  ['ar', 1366],
  ['ar', 360],
] as const;
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

describe.skipIf(cannotRun)('the command palette and a record history, in English and Arabic', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  async function open(language: Language, width: number): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: language === 'ar' ? 'ar' : 'en-GB' });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await signIn(page, server.baseURL, MANAGER, DEMO_PASSWORD);
    await chooseLanguage(page, language);
    return page;
  }

  /** "Go to Duplicates", as the palette names a page in a language. */
  function goTo(language: Language, page: string): string {
    return text(language, 'palette.goTo').replace('{{page}}', text(language, `nav.${page}`));
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

  it('offers duplicates, retention review, network and import in the palette, and goes there', async () => {
    for (const [language, width] of SIZES) {
      const page = await open(language, width);
      await page.keyboard.press('Control+K');
      const dialog = page.getByRole('dialog', { name: text(language, 'palette.title') });
      const actions = dialog.getByRole('group', { name: text(language, 'palette.actionsGroup') });
      for (const name of ['duplicates', 'retention', 'network', 'import']) {
        await actions.getByRole('option', { name: goTo(language, name), exact: true }).waitFor();
      }
      expect(await dialog.textContent()).not.toMatch(/nav\.|palette\./);
      // The four together on the picture: the list starts at the first of them.
      await actions.getByRole('option', { name: goTo(language, 'duplicates'), exact: true }).evaluate((row) => row.scrollIntoView({ block: 'start' }));
      // The pointer, left where the language menu was, would light up a row under it.
      await page.mouse.move(1, 899);
      await shot(page, `palette-pages-${language}-${width}`, { dialog: true });
    }

    // Typing part of a page's name and Enter go to it.
    const page = await open('en', 1366);
    await page.keyboard.press('Control+K');
    const box = page.getByRole('dialog', { name: text('en', 'palette.title') }).getByRole('combobox', { name: text('en', 'search.label') });
    await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
    await box.fill('retention');
    await page.getByRole('option', { name: goTo('en', 'retention'), exact: true, selected: true }).waitFor();
    await box.press('Enter');
    await page.waitForURL(`${server.baseURL}/retention`);
  });

  it("names a contact's note and document events in its history", async () => {
    const setup = await open('en', 1366);
    const api = async (method: string, path: string, options: Parameters<Page['request']['fetch']>[1] = {}) => {
      const response = await setup.request.fetch(`${server.baseURL}${path}`, { method, ...options });
      expect(response.ok(), `${method} ${path}: ${await response.text()}`).toBe(true);
      return response.status() === 204 ? null : ((await response.json()) as { id: number });
    };
    const contact = (await api('POST', '/api/v1/contacts', { data: { given_name: 'Nermina', family_name: 'Kapetanović', country_code: 'BA' } }))!.id;
    const note = (await api('POST', `/api/v1/contacts/${contact}/notes`, { data: { body: 'Met at the Zenica workshop; prefers calls.' } }))!.id;
    await api('PATCH', `/api/v1/notes/${note}`, { data: { body: 'Met at the Zenica workshop; prefers calls in the morning.' }, headers: { 'If-Match': '"1"' } });
    const draft = (await api('POST', `/api/v1/contacts/${contact}/notes`, { data: { body: 'Draft, to be deleted.' } }))!.id;
    await api('DELETE', `/api/v1/notes/${draft}`, { headers: { 'If-Match': '"1"' } });
    const upload = (name: string) => api('POST', `/api/v1/contacts/${contact}/documents`, { multipart: { file: { name, mimeType: 'application/pdf', buffer: PDF } } });
    await upload('Consent form.pdf');
    const wrong = (await upload('Wrong file.pdf'))!.id;
    await api('DELETE', `/api/v1/documents/${wrong}`);

    for (const [language, width] of SIZES) {
      const page = width === 1366 && language === 'en' ? setup : await open(language, width);
      await page.goto(`${server.baseURL}/contacts/${contact}`);
      const history = page.getByRole('region', { name: text(language, 'history.title') });
      const events = history.getByRole('listitem');
      for (const action of ['note_create', 'note_update', 'note_delete', 'document_create', 'document_delete']) {
        await events.filter({ hasText: text(language, `history.actions.${action}`) }).first().waitFor();
      }
      const other = text(language, 'history.actions.other').split('(')[0]!.trim();
      expect(await history.textContent()).not.toContain(other);
      expect(await history.textContent()).not.toMatch(/note_|document_/);
      await shot(page, `history-notes-documents-${language}-${width}`);
    }
    expect(pageErrors).toEqual([]);
  });
});
