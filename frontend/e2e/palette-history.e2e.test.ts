import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startServer, type RunningServer } from './server';
import { BINARY, cannotRun, chooseLanguage, launchBrowser, readToTheEnd, shot, signIn, text, type Language } from './support';

// Screens looked at in English and Arabic, on a desktop and a phone: the
// command palette (Ctrl+K) offering a manager the pages of the "data in"
// work (duplicates, retention review, network, import) under their
// translated names, its invitation to search whole in the box; a contact's
// history naming its note and document events and their fields in words
// rather than "Other change (note_create)" or "sha256"; and the dashboard's
// own commitments, their titles cut at their end in either direction.

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

  /** Whether the search box's placeholder is shown whole, not cut off by the box's edge. */
  function placeholderFits(box: Locator): Promise<boolean> {
    return box.evaluate((input: HTMLInputElement) => {
      const style = getComputedStyle(input);
      const context = document.createElement('canvas').getContext('2d')!;
      context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const room = input.clientWidth - parseFloat(style.paddingInlineStart) - parseFloat(style.paddingInlineEnd);
      return input.placeholder.length > 0 && context.measureText(input.placeholder).width <= room;
    });
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
      expect(await placeholderFits(dialog.getByRole('combobox', { name: text(language, 'search.label') })), `placeholder at ${width} px in ${language}`).toBe(true);
      // The four together on the picture: the list starts at the first of them.
      await actions.getByRole('option', { name: goTo(language, 'duplicates'), exact: true }).evaluate((row) => row.scrollIntoView({ block: 'start' }));
      // The pointer, left where the language menu was, would light up a row under it.
      await page.mouse.move(1, 899);
      await shot(page, `palette-pages-${language}-${width}`, { dialog: true });
    }

    // Bosnian says it in the most letters: on a phone too it fits.
    const bosnian = await open('bs', 360);
    await bosnian.keyboard.press('Control+K');
    const bosnianBox = bosnian.getByRole('dialog', { name: text('bs', 'palette.title') }).getByRole('combobox', { name: text('bs', 'search.label') });
    expect(await placeholderFits(bosnianBox)).toBe(true);
    await shot(bosnian, 'palette-empty-bs-360', { dialog: true });

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
    const note = (await api('POST', `/api/v1/contacts/${contact}/notes`, { data: { body: 'Met at the Zenica workshop; prefers calls. @officer follows up.' } }))!.id;
    await api('PATCH', `/api/v1/notes/${note}`, {
      data: { body: 'Met at the Zenica workshop; prefers calls in the morning. @officer follows up.' },
      headers: { 'If-Match': '"1"' },
    });
    const draft = (await api('POST', `/api/v1/contacts/${contact}/notes`, { data: { body: 'Draft, to be deleted.' } }))!.id;
    await api('DELETE', `/api/v1/notes/${draft}`, { headers: { 'If-Match': '"1"' } });
    const upload = (name: string) => api('POST', `/api/v1/contacts/${contact}/documents`, { multipart: { file: { name, mimeType: 'application/pdf', buffer: PDF } } });
    await upload('Consent form.pdf');
    const wrong = (await upload('Wrong file.pdf'))!.id;
    await api('DELETE', `/api/v1/documents/${wrong}`);

    for (const [language, width] of SIZES) {
      const page = width === 1366 && language === 'en' ? setup : await open(language, width);
      await page.goto(`${server.baseURL}/contacts/${contact}`);
      await readToTheEnd(page);
      const history = page.getByRole('region', { name: text(language, 'history.title') });
      const events = history.getByRole('listitem');
      for (const action of ['note_create', 'note_update', 'note_delete', 'document_create', 'document_delete']) {
        await events.filter({ hasText: text(language, `history.actions.${action}`) }).first().waitFor();
      }
      const other = text(language, 'history.actions.other').split('(')[0]!.trim();
      expect(await history.textContent()).not.toContain(other);
      expect(await history.textContent()).not.toMatch(/note_|document_/);
      // Fields under their names in the reader's language, people by name; never the ids and the hash the events keep.
      for (const field of ['body', 'mentions', 'content_type', 'size', 'created_by', 'author_id']) {
        await history.getByText(text(language, `history.fields.${field}`), { exact: true }).first().waitFor();
      }
      await history.getByText('Lejla Softić', { exact: true }).first().waitFor();
      expect(await history.textContent()).not.toMatch(/sha256|note.id|document.id|content.type|created.by|author.id/i);
      // The edit changed the text only: it lists the text only.
      const edit = events.filter({ hasText: text(language, 'history.actions.note_update') });
      expect(await edit.getByRole('term').allTextContents()).toEqual([text(language, 'history.fields.body')]);
      await shot(page, `history-notes-documents-${language}-${width}`);
    }
    expect(pageErrors).toEqual([]);
  });

  it('cuts the titles of my commitments and the names beside them at their own end, in Arabic on a phone', async () => {
    const page = await open('ar', 360);
    const post = async (path: string, data: unknown) => {
      const response = await page.request.post(`${server.baseURL}${path}`, { data });
      expect(response.status(), await response.text()).toBe(201);
      return ((await response.json()) as { id: number }).id;
    };
    const organization = 'Association of Municipalities and Cities of the Federation of Bosnia and Herzegovina';
    const counterpart = await post('/api/v1/organizations', { name: organization, type: 'other', country_code: 'BA' });
    const english = 'Share the meeting notes with the youth council and the parents of Zenica';
    const arabic = 'مشاركة محضر الاجتماع مع مجلس الشباب وأولياء الأمور في زينيتسا';
    // Long overdue, so they come first among mine.
    for (const title of [english, arabic]) {
      await post('/api/v1/commitments', { title, direction: 'ours', due_date: '2020-01-06', counterpart_organization_id: counterpart });
    }

    await page.goto(server.baseURL);
    const mine = page.getByRole('region', { name: text('ar', 'dashboard.myCommitments') });
    /** The direction a one-line text runs in (where its ellipsis goes), and whether it is cut at all. */
    const line = (locator: Locator) => locator.evaluate((el) => ({ direction: getComputedStyle(el).direction, cut: el.scrollWidth > el.clientWidth }));
    const englishTitle = mine.getByText(english, { exact: true });
    await englishTitle.waitFor();
    expect(await line(englishTitle)).toEqual({ direction: 'ltr', cut: true });
    expect(await line(mine.getByText(arabic, { exact: true }))).toEqual({ direction: 'rtl', cut: true });
    for (const name of await mine.getByText(organization, { exact: true }).all()) {
      expect(await line(name)).toEqual({ direction: 'ltr', cut: true });
    }
    await shot(page, 'dashboard-my-commitments-ar-360');
    expect(pageErrors).toEqual([]);
  });
});
