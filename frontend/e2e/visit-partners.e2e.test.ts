import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startServer, type RunningServer } from './server';
import { BINARY, chooseLanguage, signIn, cannotRun, launchBrowser, shot, text, type Language } from './support';

// The demo's study visit is IOM BiH's, organised with IOM Iraq: IOM BiH's
// officer sets its partner offices on the visit form; IOM Iraq's officer
// may edit the visit (its sessions too) but sees the partner list fixed.
// Looked at on a desktop and a 360 px phone, in English and Arabic.

describe.skipIf(cannotRun)('a visit organised by two offices', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  let visitId = 0;

  async function open(email: string, language: Language, width: number): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: language === 'ar' ? 'ar' : 'en-GB', isMobile: width < 768, hasTouch: width < 768 });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(`${email}: ${error.message}`));
    await signIn(page, server.baseURL, email, DEMO_PASSWORD);
    await chooseLanguage(page, language);
    if (!visitId) {
      const response = await page.request.get(`${server.baseURL}/api/v1/visits?q=${encodeURIComponent('study visit national committee')}`);
      visitId = ((await response.json()) as { items: { id: number }[] }).items[0]!.id;
    }
    return page;
  }


  /** The partner offices' field (the tags are a multi-select too). */
  const partners = (page: Page, language: Language) =>
    page.locator('.mantine-MultiSelect-root').filter({ hasText: text(language, 'visitForm.fields.partnerOffices') });

  beforeAll(async () => {
    server = await startServer(BINARY, { demo: true });
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.stop();
    expect(pageErrors).toEqual([]);
  });

  for (const language of ['en', 'ar'] as const) {
    for (const width of [1366, 360]) {
      it(`the visit's own office sets its partners, at ${width} px in ${language}`, async () => {
        const page = await open('officer@demo.liaison', language, width);
        await page.goto(`${server.baseURL}/visits/${visitId}/edit`);
        const label = page.getByText(text(language, 'visitForm.fields.partnerOffices'), { exact: true }).first();
        await label.waitFor();
        await label.scrollIntoViewIfNeeded();
        // IOM Iraq is chosen, and the field is the office's to change.
        const section = partners(page, language);
        await expect.poll(() => section.textContent()).toContain('IOM Iraq');
        expect(await section.locator('input:not([type="hidden"])').isDisabled()).toBe(false);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
        await shot(page, `visit-partners-form-${language}-${width}`);

        await page.goto(`${server.baseURL}/visits/${visitId}`);
        const about = page.getByRole('region', { name: text(language, 'visit.about') });
        await expect.poll(() => about.textContent()).toContain('IOM Iraq');
        await shot(page, `visit-partners-page-${language}-${width}`);
      }, 120_000);
    }
  }

  it('a partner office’s officer edits the visit but not its partner list', async () => {
    const page = await open('officer.iraq@demo.liaison', 'en', 1366);
    await page.goto(`${server.baseURL}/visits/${visitId}/edit`);
    await page.getByText(text('en', 'visitForm.partnerOfficesOwnOffice')).waitFor();
    expect(await partners(page, 'en').locator('input:not([type="hidden"])').isDisabled()).toBe(true);
    await page.getByRole('textbox', { name: text('en', 'visitForm.fields.city') }).fill('Sarajevo and Zenica');
    await page.getByRole('button', { name: text('en', 'common.save') }).click();
    await page.waitForURL(`${server.baseURL}/visits/${visitId}`);
    await shot(page, 'visit-partners-partner-officer');
  }, 120_000);
});
