import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startServer, type RunningServer } from './server';
import { BINARY, cannotRun, chooseLanguage, dismissNotifications, launchBrowser, shot, signIn, text, type Language } from './support';

// An officer imports a messy contact list through the wizard in the Arabic
// interface: a semicolon CSV with a BOM, Arabic headers (one that no
// suggestion knows, mapped by hand), a blank line, stray spaces, a cell
// with a line break, and at first one bad email. The check names the bad
// row and writes nothing; the corrected file imports, with progress, and
// the summary leads to what was created. Pictures at 1280 and 360 px.

const OFFICER = 'officer@demo.liaison';

function messyCsv(email: string): Buffer {
  const lines = [
    'الاسم الأول;اسم العائلة;البريد الإلكتروني;رقم للتواصل;المدينة;ملاحظات',
    'ليلى ; الحسيني ;leila.husseini@example.iq;+964 770 123 4567;بغداد;"التقيناها في ورشة\nالتسجيل المدني"',
    '',
    `  Amra;Hodžić;${email};+387 61 222 333; Zenica ;`,
    'Ahmed;Al-Obaidi;ahmed.obaidi@example.iq;;البصرة;',
  ];
  return Buffer.from('\ufeff' + lines.join('\r\n') + '\r\n', 'utf8');
}

describe.skipIf(cannotRun)('the import wizard', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  async function open(language: Language, width: number): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: language === 'ar' ? 'ar' : 'en-GB' });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await signIn(page, server.baseURL, OFFICER, DEMO_PASSWORD);
    await chooseLanguage(page, language);
    return page;
  }

  async function upload(page: Page, language: Language, file: Buffer) {
    await page.getByLabel(text(language, 'import.choose')).setInputFiles({ name: 'قائمة.csv', mimeType: 'text/csv', buffer: file });
  }

  async function mapPhone(page: Page, language: Language) {
    const select = page.getByRole('combobox', { name: text(language, 'import.fieldOf').replace('{{column}}', 'رقم للتواصل'), exact: true });
    await select.click();
    await page.getByRole('option', { name: text(language, 'import.fields.phone'), exact: true }).click();
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

  it('imports a messy Arabic spreadsheet, refusing it while a row is wrong', async () => {
    const page = await open('ar', 1280);
    await page.goto(`${server.baseURL}/`);
    await page.getByRole('link', { name: text('ar', 'nav.import') }).click();
    await page.getByRole('heading', { name: text('ar', 'import.title') }).waitFor();
    await dismissNotifications(page);
    await shot(page, 'import-upload-ar-1280');

    // The first file has a bad email on its fifth line.
    await upload(page, 'ar', messyCsv('amra.hodzic(at)example.ba'));
    await page.getByTestId('import-check').waitFor();
    await expect.poll(() => page.locator('html').getAttribute('dir')).toBe('rtl');
    // The columns come with the file's first rows, to map them by.
    const columns = page.getByRole('table', { name: text('ar', 'import.columnsLabel') });
    await columns.getByRole('row').filter({ hasText: 'رقم للتواصل' }).filter({ hasText: '+964 770 123 4567' }).waitFor();
    // Suggested from the Arabic headers; the contact number is mapped by hand.
    await mapPhone(page, 'ar');
    await shot(page, 'import-columns-ar-1280');
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-has-errors').waitFor();
    await shot(page, 'import-check-errors-ar-1280');
    const errorRow = page.getByRole('row').filter({ hasText: 'البريد الإلكتروني' }).filter({ hasText: '4' });
    await errorRow.first().waitFor();
    await expect.poll(() => page.getByTestId('import-run').isDisabled()).toBe(true);
    await shot(page, 'import-check-errors-ar-1280');
    const before = (await (await page.request.get(`${server.baseURL}/api/v1/contacts?q=Hodzic&count=true`)).json()) as { total: number };

    // The corrected file: checked, then imported.
    await page.getByRole('button', { name: text('ar', 'import.another') }).click();
    await upload(page, 'ar', messyCsv('amra.hodzic@example.ba'));
    await page.getByTestId('import-check').waitFor();
    await mapPhone(page, 'ar');
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-ready').waitFor();
    await page.getByTestId('import-run').click();
    await page.getByTestId('import-done').waitFor();
    await shot(page, 'import-done-ar-1280');

    const after = (await (await page.request.get(`${server.baseURL}/api/v1/contacts?q=Hodzic&count=true`)).json()) as { total: number };
    expect(after.total).toBe(before.total + 1);
    await page.getByTestId('import-first').click();
    await page.getByRole('heading', { name: /ليلى الحسيني/ }).waitFor();
    const id = Number(new URL(page.url()).pathname.split('/').pop());
    const contact = (await (await page.request.get(`${server.baseURL}/api/v1/contacts/${id}`)).json()) as Record<string, unknown>;
    expect(contact).toMatchObject({ given_name: 'ليلى', family_name: 'الحسيني', phone: '+964 770 123 4567', city: 'بغداد' });
    expect(contact.notes).toBe('التقيناها في ورشة\nالتسجيل المدني');
    expect(pageErrors).toEqual([]);
  });

  it('fits a phone, in Arabic and English', async () => {
    for (const language of ['ar', 'en'] as const) {
      const page = await open(language, 360);
      await page.goto(`${server.baseURL}/import`);
      await page.getByRole('heading', { name: text(language, 'import.title') }).waitFor();
      await dismissNotifications(page);
      await shot(page, `import-upload-${language}-360`);
      await upload(page, language, messyCsv('x@example.org'));
      await page.getByTestId('import-check').waitFor();
      await shot(page, `import-columns-${language}-360`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    }
    expect(pageErrors).toEqual([]);
  });
});
