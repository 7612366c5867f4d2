import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startServer, type RunningServer } from './server';
import { BINARY, chooseLanguage, signIn, cannotRun, launchBrowser, settled, text, type Language } from './support';

// The small things of a day's work (issue "Made for the field", items 9 and
// 10), on the real binary and the demo data: people filed by family name,
// whole status badges, a page that starts at the top, a focus one can see,
// a select that takes "NGO" + Enter, and English text kept whole in the
// Arabic UI.

const ADMIN = 'admin@demo.liaison';

/** Folds a name as people compare names: case, accents, đ. */
function fold(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{Mn}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();
}

describe.skipIf(cannotRun)('the small things, in English and Arabic', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  async function open(language: Language): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 800 }, locale: language === 'ar' ? 'ar' : 'en-GB' });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await signIn(page, server.baseURL, ADMIN, DEMO_PASSWORD);
    await chooseLanguage(page, language);
    return page;
  }

  async function get<T>(page: Page, path: string): Promise<T> {
    const response = await page.request.get(`${server.baseURL}${path}`);
    expect(response.status(), path).toBe(200);
    return (await response.json()) as T;
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

  for (const language of ['en', 'ar'] as const) {
    it(`files people by family name, whatever their title (${language})`, async () => {
      const page = await open(language);
      await page.goto(`${server.baseURL}/contacts`);
      const table = page.getByRole('table', { name: text(language, 'contacts.title') });
      await table.locator('tbody tr[data-index]').first().waitFor();
      const contacts = await get<{ items: { id: number; family_name: string; given_name: string; honorific: string }[] }>(page, '/api/v1/contacts?limit=200');
      // The page shows the list in the order the server gives by default; that order is by family name, folded.
      const families = contacts.items.map((c) => fold(c.family_name || c.given_name));
      expect(families).toEqual([...families].sort());
      const shown = await table.locator('tbody tr[data-index] td:first-child').allInnerTexts();
      const first = contacts.items[0]!;
      expect(shown[0]).toContain(first.family_name || first.given_name);
      // A title such as "Mr" does not file a person under M.
      const titled = contacts.items.find((c) => c.honorific);
      if (titled) expect(fold(titled.family_name)).not.toBe(fold(titled.honorific));
    });

    it(`shows status badges whole, and starts a new page at the top (${language})`, async () => {
      const page = await open(language);
      await page.goto(`${server.baseURL}/interactions`);
      const table = page.getByRole('table', { name: text(language, 'nav.interactions') });
      await table.locator('tbody tr[data-index]').first().waitFor();
      await settled(page);
      const cut = await page.evaluate(() =>
        Array.from(document.querySelectorAll<HTMLElement>('main .mantine-Badge-label'))
          .filter((label) => label.scrollWidth > label.clientWidth + 1)
          .map((label) => label.textContent),
      );
      expect(cut).toEqual([]);

      // Scrolled down a long page, a link opens the next page at its top.
      await page.goto(`${server.baseURL}/organizations`);
      await page.getByRole('table', { name: text(language, 'nav.organizations') }).locator('tbody tr[data-index]').first().waitFor();
      await page.mouse.wheel(0, 4000);
      await page.waitForFunction(() => window.scrollY > 0 || (document.querySelector('main')?.scrollTop ?? 0) > 0);
      const row = page.getByRole('table', { name: text(language, 'nav.organizations') }).locator('tbody tr[data-index] a[href^="/organizations/"]').last();
      await row.click();
      await page.waitForURL(/\/organizations\/\d+$/);
      // The list stays on screen until the record's page is ready: wait for the record's own heading.
      const opened = await get<{ name: string }>(page, `/api/v1/organizations/${new URL(page.url()).pathname.split('/').pop()}`);
      await page.locator('main h1').filter({ hasText: opened.name }).waitFor();
      expect(await page.evaluate(() => window.scrollY)).toBe(0);

      // A page opened by its address (a full load in the same tab) starts at
      // its top too, not where the last page opened that way was left.
      await page.goto(`${server.baseURL}/organizations`);
      await page.getByRole('table', { name: text(language, 'nav.organizations') }).locator('tbody tr[data-index]').first().waitFor();
      await page.mouse.wheel(0, 4000);
      await page.waitForFunction(() => window.scrollY > 1000);
      await page.goto(`${server.baseURL}/contacts`);
      await page.getByRole('table', { name: text(language, 'nav.contacts') }).locator('tbody tr[data-index]').first().waitFor();
      await settled(page);
      expect(await page.evaluate(() => window.scrollY)).toBe(0);
    });

    it(`shows where the keyboard is on the dashboard, and a select takes "NGO" + Enter (${language})`, async () => {
      const page = await open(language);
      await page.goto(`${server.baseURL}/`);
      const card = page.locator('main a[href="/organizations"]').first();
      await card.waitFor();
      await card.focus();
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Tab');
      const outline = await card.evaluate((el) => {
        const style = getComputedStyle(el);
        return { focused: document.activeElement === el, style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
      });
      expect(outline.focused).toBe(true);
      expect(outline.style).not.toBe('none');
      expect(outline.width).toBeGreaterThan(0);

      await page.goto(`${server.baseURL}/organizations`);
      const type = page.locator('main input').and(page.getByLabel(text(language, 'organization.fields.type'), { exact: true }));
      await type.click();
      // A few letters of the option's name in the UI language ("NGO"), then Enter picks the first match.
      await type.pressSequentially(language === 'en' ? 'NGO' : text(language, 'organization.types.ngo').split(' ')[0]!);
      await page.keyboard.press('Enter');
      await page.waitForURL(/type=ngo/);
    });
  }

  it('keeps English text whole in the Arabic UI: each user-written line isolated in its own direction', async () => {
    const page = await open('ar');
    const orgs = await get<{ items: { id: number; name: string }[] }>(page, '/api/v1/organizations?q=Ministry%20of%20Security&limit=1');
    const ministry = orgs.items[0]!;
    await page.goto(`${server.baseURL}/organizations/${ministry.id}`);
    await page.locator('main h1').first().waitFor();
    await page.waitForLoadState('networkidle');
    await settled(page);
    const loose = await page.evaluate(() => {
      // Every run of Latin text on the page sits inside an element that sets its own direction.
      const walker = document.createTreeWalker(document.querySelector('main')!, NodeFilter.SHOW_TEXT);
      const out: string[] = [];
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const said = node.textContent?.trim() ?? '';
        if (!/[A-Za-z]{3,}.*[.,:;!?)]|\([A-Za-z]/.test(said)) continue;
        const parent = node.parentElement!;
        if (!parent.closest('bdi, [dir="auto"], [dir="ltr"], input, textarea, script, style')) out.push(said.slice(0, 60));
      }
      return out;
    });
    expect(loose).toEqual([]);
  });

  it('raised no errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
