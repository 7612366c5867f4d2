import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startServer, type RunningServer } from './server';
import { BINARY, cannotRun, chooseLanguage, dismissNotifications, launchBrowser, shot, signIn, text, type Language } from './support';

// A manager merges two demo-like contacts that differ only by accents and
// phone format, through the screen: the survivor picked, the phone taken
// from the duplicate, confirmed; the duplicate's meeting and commitment
// then show on the survivor's page, and the duplicate's old address leads
// there. The screen is looked at in English and Arabic, desktop and phone.

const MANAGER = 'manager@demo.liaison';
const MEETING = 'Youth and parents in Zenica: follow-up';

describe.skipIf(cannotRun)('merging duplicate contacts', () => {
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

  async function post(page: Page, path: string, data: unknown): Promise<number> {
    const response = await page.request.post(`${server.baseURL}${path}`, { data });
    expect(response.status(), await response.text()).toBe(201);
    return ((await response.json()) as { id: number }).id;
  }

  /** Two records of one person, the second with a meeting and a commitment of its own. */
  async function duplicates(page: Page, suffix: string) {
    const first = await post(page, '/api/v1/contacts', { given_name: 'Amra', family_name: `Hodžić${suffix}`, phone: '+387 61 123 456', country_code: 'BA' });
    const second = await post(page, '/api/v1/contacts', {
      given_name: 'Amra',
      family_name: `Hodzic${suffix}`,
      phone: '061 123 456',
      email: `amra.hodzic${suffix.replace(/\W/g, '').toLowerCase()}@example.ba`,
      country_code: 'BA',
    });
    await post(page, '/api/v1/interactions', {
      kind: 'meeting',
      status: 'held',
      subject: `${MEETING}${suffix}`,
      starts_at: '2026-11-24T09:00:00Z',
      participants: [{ contact_id: second, role: 'participant' }],
    });
    await post(page, '/api/v1/commitments', { title: `Send the parents' questions${suffix}`, direction: 'ours', due_date: '2026-12-20', counterpart_contact_id: second });
    return { first, second };
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

  it('merges through the screen and shows the meetings on the survivor', async () => {
    const page = await open('en', 1280);
    const { first, second } = await duplicates(page, '');

    // From the survivor's page: More → Merge with… → the duplicate → Compare.
    await page.goto(`${server.baseURL}/contacts/${first}`);
    await page.getByRole('button', { name: text('en', 'common.more') }).click();
    await page.getByRole('menuitem', { name: text('en', 'merge.mergeWith') }).click();
    const picker = page.getByRole('dialog').getByLabel(text('en', 'merge.pickContact'), { exact: true });
    await picker.click();
    await picker.pressSequentially('Hodzic');
    await page.getByRole('option', { name: 'Amra Hodzic', exact: true }).click();
    await page.getByRole('button', { name: text('en', 'merge.compare') }).click();
    await page.waitForURL(new RegExp(`/merge/contacts\\?ids=${first},${second}$`));

    // The duplicate has more activity, so it is proposed; the first is chosen instead.
    const survivorCard = page.getByTestId(`merge-record-${first}`);
    await survivorCard.getByRole('radio', { name: text('en', 'merge.keep') }).check();
    await expect.poll(() => survivorCard.textContent()).toContain(text('en', 'merge.stays'));
    await expect.poll(() => page.getByTestId(`merge-record-${second}`).textContent()).toContain('1 meeting or call');
    // The phone as the duplicate wrote it.
    await page.getByRole('radiogroup', { name: 'Phone' }).getByRole('radio', { name: 'Amra Hodzic' }).check();
    await shot(page, 'merge-contacts-en-1280');

    await page.getByRole('button', { name: text('en', 'merge.review') }).click();
    const dialog = page.getByRole('dialog', { name: text('en', 'merge.confirmTitle') });
    await dialog.getByRole('button', { name: text('en', 'merge.confirm'), exact: true }).click();
    await page.waitForURL(`${server.baseURL}/contacts/${first}`);
    await page.getByText(MEETING, { exact: true }).first().waitFor();
    await page.getByText("Send the parents' questions").first().waitFor();

    const survivor = (await (await page.request.get(`${server.baseURL}/api/v1/contacts/${first}`)).json()) as { phone: string; email: string };
    expect(survivor).toMatchObject({ phone: '061 123 456', email: 'amra.hodzic@example.ba' });

    // The duplicate's old address leads to the survivor.
    await dismissNotifications(page);
    await page.goto(`${server.baseURL}/contacts/${second}`);
    await page.waitForURL(`${server.baseURL}/contacts/${first}`);
    await page.getByText(text('en', 'merge.redirected')).waitFor();
  });

  it('lays the screen out in English and Arabic, on a desktop and a phone', async () => {
    for (const [language, width] of [
      ['en', 360],
      ['ar', 1280],
      ['ar', 360],
    ] as const) {
      const page = await open(language, width);
      const { first, second } = await duplicates(page, ` ${language}${width}`);
      await page.goto(`${server.baseURL}/merge/contacts?ids=${first},${second}`);
      await page.getByTestId(`merge-record-${second}`).waitFor();
      await shot(page, `merge-contacts-${language}-${width}`);
      // Nothing runs off the side of a phone.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    }
    expect(pageErrors).toEqual([]);
  });
});
