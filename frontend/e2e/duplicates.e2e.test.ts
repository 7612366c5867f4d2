import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startServer, type RunningServer } from './server';
import { join } from 'node:path';
import { BINARY, SCREENSHOTS, cannotRun, chooseLanguage, dismissNotifications, expectAccessible, launchBrowser, shot, signIn, text } from './support';

const MANAGER = { email: 'manager@demo.liaison', password: DEMO_PASSWORD };

describe.skipIf(cannotRun)('duplicates at the door and inside', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  /** Creates a contact through the API, as another colleague would have. */
  async function createContact(body: Record<string, unknown>): Promise<number> {
    return page.evaluate(async (b) => {
      const r = await fetch('/api/v1/contacts', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(b) });
      if (r.status !== 201) throw new Error(`create contact: ${r.status} ${await r.text()}`);
      return ((await r.json()) as { id: number }).id;
    }, body);
  }

  beforeAll(async () => {
    server = await startServer(BINARY, { demo: true });
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await signIn(page, server.baseURL, MANAGER.email, MANAGER.password);
    await chooseLanguage(page, 'en');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the contact form warns of a possible duplicate typed in another script, with a link to it, and still saves', async () => {
    const existing = await createContact({ given_name: 'Amra', family_name: 'Hodžić', phone: '+387 61 123 456', country_code: 'BA' });
    await page.goto(`${server.baseURL}/contacts/new`);
    await page.getByLabel(text('en', 'contact.fields.givenName'), { exact: true }).fill('Амра');
    await page.getByLabel(text('en', 'contact.fields.familyName'), { exact: true }).fill('Ходжић');
    const warning = page.getByTestId('duplicate-warning');
    await warning.waitFor();
    expect(await warning.textContent()).toContain(text('en', 'duplicates.warning.title'));
    const link = warning.getByRole('link', { name: 'Amra Hodžić' });
    expect(await link.getAttribute('href')).toBe(`/contacts/${existing}`);
    expect(await warning.textContent()).toContain(text('en', 'duplicates.reasons.same_name'));
    await expectAccessible(page);
    await warning.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, 'duplicates-warning-en.png') });

    // The warning does not block saving.
    await page.getByRole('button', { name: text('en', 'contact.form.create') }).click();
    await page.waitForURL(/\/contacts\/\d+$/);
    await dismissNotifications(page);
  });

  it('the duplicates page lists the group, in English and Arabic, on a desktop and a phone', async () => {
    await createContact({ given_name: 'Amra', family_name: 'Hodzic', phone: '0038761123456', country_code: 'BA' });
    await page.goto(`${server.baseURL}/`);
    await page.getByRole('navigation', { name: text('en', 'nav.main') }).getByRole('link', { name: text('en', 'nav.duplicates') }).click();
    await page.waitForURL(`${server.baseURL}/duplicates`);
    // The two typed in Latin share a phone number written two ways: one group.
    const group = page.getByTestId('duplicate-group').filter({ hasText: 'Amra Hodzic' }).filter({ hasText: text('en', 'duplicates.reasons.same_phone') });
    await group.first().waitFor();
    expect(await group.first().textContent()).toContain('Amra Hodžić');
    // The one typed in Cyrillic shares their name once folded.
    const byName = page.getByTestId('duplicate-group').filter({ hasText: 'Амра Ходжић' });
    await byName.first().waitFor();
    expect(await byName.first().textContent()).toContain(text('en', 'duplicates.reasons.same_name'));
    const merge = group.first().getByRole('link', { name: /Merge/ });
    expect(await merge.getAttribute('href')).toMatch(/^\/merge\/contacts\?ids=\d+(,\d+)+$/);
    await expectAccessible(page);
    await shot(page, 'duplicates-en');

    await chooseLanguage(page, 'ar');
    await byName.first().waitFor();
    expect(await page.textContent('h1')).toBe(text('ar', 'duplicates.title'));
    await shot(page, 'duplicates-ar');

    await page.setViewportSize({ width: 360, height: 800 });
    await byName.first().waitFor();
    // The shell lets go of the side navigation with a short transition after
    // the window narrows; the page must fit once it has settled.
    await expect
      .poll(() => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), { timeout: 5_000 })
      .toBeLessThanOrEqual(0);
    await shot(page, 'duplicates-ar-360');
    await chooseLanguage(page, 'en');
    await shot(page, 'duplicates-en-360');
    expect(pageErrors).toEqual([]);
  });
});
