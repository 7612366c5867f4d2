import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startServer, type RunningServer } from './server';
import { BINARY, cannotRun, chooseLanguage, dismissNotifications, expectAccessible, launchBrowser, shot, signIn, text } from './support';

const OFFICER = 'officer@demo.liaison';
const ACCOUNT_MENU = /Account menu|قائمة الحساب|Meni računa/;

/** Signs in outside the browser, as another device would: the session cookie it got. */
async function signInElsewhere(baseURL: string): Promise<string> {
  const response = await fetch(`${baseURL}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'User-Agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Version/18.0 Mobile Safari/604.1' },
    body: JSON.stringify({ email: OFFICER, password: DEMO_PASSWORD }),
  });
  expect(response.status).toBe(200);
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  expect(cookie).toBeTruthy();
  return cookie!;
}

async function meStatus(baseURL: string, cookie: string): Promise<number> {
  return (await fetch(`${baseURL}/api/v1/auth/me`, { headers: { Cookie: cookie } })).status;
}

/**
 * What does not fit a phone's width: the page scrolling sideways, or an
 * element of the header or the page reaching past either edge without a
 * scrolling box (a wide table's own scroller) that fits and holds it.
 */
async function overflow(page: Page) {
  return page.evaluate(() => {
    const fits = (b: DOMRect) => b.left >= -1 && b.right <= window.innerWidth + 1;
    const outside = Array.from(document.querySelectorAll('header *, #main-content *')).filter((element) => {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || fits(box)) return false;
      for (let parent = element.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
        if (getComputedStyle(parent).overflowX !== 'visible' && fits(parent.getBoundingClientRect())) return false;
      }
      return true;
    });
    return {
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
      outside: outside.slice(0, 5).map((e) => `${e.tagName.toLowerCase()}.${String(e.className).slice(0, 50)} [${Math.round(e.getBoundingClientRect().left)}, ${Math.round(e.getBoundingClientRect().right)}]`),
    };
  });
}

describe.skipIf(cannotRun)('sign-in and security, and the phone header', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startServer(BINARY, { demo: true });
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await signIn(page, server.baseURL, OFFICER, DEMO_PASSWORD);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await chooseLanguage(page, 'en');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows this device on the security page, and signs out everywhere else', async () => {
    const elsewhere = await signInElsewhere(server.baseURL);
    expect(await meStatus(server.baseURL, elsewhere)).toBe(200);

    await page.getByRole('button', { name: ACCOUNT_MENU }).click();
    await page.getByRole('menuitem', { name: text('en', 'security.menu') }).click();
    await page.waitForURL(`${server.baseURL}/account/security`);
    await page.getByRole('heading', { name: text('en', 'security.title'), level: 1 }).waitFor();

    const list = page.getByRole('list', { name: text('en', 'security.sessions.listLabel') });
    const mine = list.getByRole('listitem').filter({ hasText: text('en', 'security.sessions.thisDevice') });
    await expect.poll(() => mine.count()).toBe(1);
    await expect.poll(() => list.getByRole('listitem').count()).toBe(2);
    await expect.poll(() => list.getByRole('listitem').filter({ hasText: 'Safari on iOS' }).count()).toBe(1);
    await expectAccessible(page);
    await shot(page, 'security-en');

    await page.getByRole('button', { name: text('en', 'security.sessions.endOthers') }).click();
    const dialog = page.getByRole('dialog', { name: text('en', 'security.sessions.endOthersTitle') });
    await dialog.getByRole('button', { name: text('en', 'security.sessions.endOthers') }).click();
    await page.getByText('Signed out of 1 other session').waitFor();
    await expect.poll(() => list.getByRole('listitem').count()).toBe(1);
    expect(await mine.count()).toBe(1);
    expect(await meStatus(server.baseURL, elsewhere)).toBe(401);
    await dismissNotifications(page);

    // This browser is still signed in.
    await page.reload();
    await page.getByRole('heading', { name: text('en', 'security.title'), level: 1 }).waitFor();
    await expect.poll(() => page.getByText(text('en', 'security.sessions.onlyHere')).count()).toBe(1);
  });

  it('reads right to left in Arabic', async () => {
    await chooseLanguage(page, 'ar');
    await page.getByRole('heading', { name: text('ar', 'security.title'), level: 1 }).waitFor();
    await page.getByText(text('ar', 'security.sessions.thisDevice')).waitFor();
    await expectAccessible(page);
    await shot(page, 'security-ar');
    await chooseLanguage(page, 'en');
  });

  for (const language of ['en', 'ar'] as const) {
    it(`fits a 360 px phone in ${language === 'en' ? 'English' : 'Arabic'}`, async () => {
      await chooseLanguage(page, language);
      await page.setViewportSize({ width: 360, height: 780 });
      const visits = (await (await page.request.get(`${server.baseURL}/api/v1/visits?limit=1`)).json()) as { items: { id: number }[] };
      const paths = ['/', '/organizations', '/contacts', `/visits/${visits.items[0]!.id}`, '/commitments', '/account/security'];
      const problems: string[] = [];
      for (const path of paths) {
        await page.goto(`${server.baseURL}${path}`);
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        await page.waitForLoadState('networkidle');
        const measured = await overflow(page);
        if (measured.scrollWidth > measured.innerWidth) problems.push(`${path}: the page is ${measured.scrollWidth} px wide`);
        for (const what of measured.outside) problems.push(`${path}: ${what} is outside the screen`);
        // The header's controls are all on screen.
        for (const control of [
          page.getByRole('button', { name: ACCOUNT_MENU }),
          page.getByRole('button', { name: text(language, 'logInteraction.open') }),
          page.getByRole('button', { name: text(language, 'header.toggleNavigation') }),
        ]) {
          const box = await control.boundingBox();
          if (!box || box.x < 0 || box.x + box.width > 360) problems.push(`${path}: a header control is at ${JSON.stringify(box)}`);
        }
        if (path === '/') await shot(page, `dashboard-360-${language}`);
      }
      expect(problems).toEqual([]);

      // The account menu, and the page it leads to, are reachable on the phone.
      await page.getByRole('button', { name: ACCOUNT_MENU }).click();
      await page.getByRole('menuitem', { name: text(language, 'security.menu') }).waitFor();
      await page.keyboard.press('Escape');
      await page.getByRole('menu').waitFor({ state: 'detached' });
      // "Log interaction" is an icon with its name on the phone, and opens the form.
      await page.getByRole('button', { name: text(language, 'logInteraction.open') }).click();
      await page.getByRole('dialog', { name: text(language, 'logInteraction.title') }).waitFor();
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'detached' });

      await page.setViewportSize({ width: 1280, height: 900 });
      await chooseLanguage(page, 'en');
    });
  }

  it('raised no errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
