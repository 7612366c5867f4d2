import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeScriptHash } from './axe';
import { DEMO_PASSWORD, startServer, type RunningServer } from './server';
import { BINARY, chooseLanguage, signIn, SCREENSHOTS, cannotRun, expectAccessible, launchBrowser, settled, shot, text, type Language } from './support';

// The app on a phone, on the demo data: no main page wider than the screen at
// 360, 390 and 768 px in English and Arabic, the account menu on screen, lists
// as cards under a folded filter panel, a contact's phone a tap away, and the
// app shell when the network is gone.

const ADMIN = 'admin@demo.liaison';
const WIDTHS = [360, 390, 768] as const;
const HEIGHT = 780;

interface Ids {
  organization: number;
  contact: number;
  visit: number;
}

/** The main pages, by the address a person opens. */
function mainPages(ids: Ids): [string, string][] {
  return [
    ['dashboard', '/'],
    ['organizations', '/organizations'],
    ['organization', `/organizations/${ids.organization}`],
    ['contacts', '/contacts'],
    ['contact', `/contacts/${ids.contact}`],
    ['interactions', '/interactions'],
    ['visits', '/visits'],
    ['visit', `/visits/${ids.visit}`],
    ['commitments', '/commitments'],
    ['review', '/review'],
    ['reports', '/reports'],
    ['admin', '/admin'],
  ];
}

/** Opens a page and waits until it has its heading, its data and no running animation. */
async function open(page: Page, url: string) {
  await page.goto(url);
  await page.locator('main h1').first().waitFor();
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => !document.querySelector('main [role="status"] .mantine-Loader-root'));
  await settled(page);
}

/**
 * What overflows a page sideways, if anything: the document's width and the
 * first element that sticks out of the screen. (On a phone the browser widens
 * its layout to fit what overflows, so the screen's width is the one asked for.)
 */
async function overflow(page: Page, width: number) {
  return page.evaluate((width) => {
    const doc = document.documentElement.scrollWidth;
    let culprit = '';
    if (doc > width) {
      for (const el of Array.from(document.querySelectorAll<HTMLElement>('main *, header *'))) {
        const box = el.getBoundingClientRect();
        if (box.right > width + 1 || box.left < -1) {
          culprit = `${el.tagName.toLowerCase()}.${String(el.className).slice(0, 60)} [${Math.round(box.left)}, ${Math.round(box.right)}] "${(el.textContent ?? '').slice(0, 40)}"`;
          break;
        }
      }
    }
    return { doc, culprit };
  }, width);
}

/** The account menu's button, whole inside the screen. */
async function accountMenuInside(page: Page, width: number) {
  const box = await page.getByTestId('account-menu').boundingBox();
  return box !== null && box.x >= 0 && box.x + box.width <= width && box.y >= 0;
}

describe.skipIf(cannotRun)('phone-first layouts and the offline app shell', () => {
  let server: RunningServer;
  let browser: Browser;
  const ids: Ids = { organization: 0, contact: 0, visit: 0 };
  const checked: string[] = [];
  const pageErrors: string[] = [];
  const cspViolations: string[] = [];

  async function phoneContext(language: Language, width: number): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({
      viewport: { width, height: HEIGHT },
      isMobile: width < 768,
      hasTouch: true,
      locale: language === 'ar' ? 'ar' : 'en-GB',
      serviceWorkers: 'allow',
    });
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      const said = message.text();
      if (message.type() === 'error' && /Content Security Policy/i.test(said) && !said.includes(axeScriptHash)) cspViolations.push(said);
    });
    await signIn(page, server.baseURL, ADMIN, DEMO_PASSWORD);
    // The language is the account's: chosen from the account menu, which must be reachable on a phone.
    await chooseLanguage(page, language);
    return { context, page };
  }

  beforeAll(async () => {
    server = await startServer(BINARY, { demo: true });
    browser = await launchBrowser();
    // The records the pages below open: the demo's study visit, an organization,
    // and a contact given a phone number here (the demo's have none).
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, server.baseURL, ADMIN, DEMO_PASSWORD);
    Object.assign(
      ids,
      await page.evaluate(async () => {
        const get = async (path: string) => (await (await fetch(path)).json()) as { items: { id: number; version: number; title?: string }[] };
        const visits = await get('/api/v1/visits?q=Study%20visit&limit=5');
        const organizations = await get('/api/v1/organizations?q=Ministry%20of%20Security&limit=5');
        const contacts = await get('/api/v1/contacts?limit=5');
        const contact = contacts.items[0]!;
        const patched = await fetch(`/api/v1/contacts/${contact.id}`, {
          method: 'PATCH',
          headers: { 'Content-Type': 'application/json', 'If-Match': `"${contact.version}"` },
          body: JSON.stringify({ phone: '+387 33 123 456' }),
        });
        if (!patched.ok) throw new Error(`patching the contact: ${patched.status} ${await patched.text()}`);
        return { visit: visits.items[0]!.id, organization: organizations.items[0]!.id, contact: contact.id };
      }),
    );
    await context.close();
  });

  afterAll(async () => {
    console.info(`Checked without sideways overflow, account menu on screen:\n${checked.join('\n')}`);
    await browser?.close();
    await server?.stop();
  });

  for (const language of ['en', 'ar'] as const) {
    it(`lays out every main page within 360, 390 and 768 px, in ${language}`, async () => {
      for (const width of WIDTHS) {
        const { context, page } = await phoneContext(language, width);
        try {
          for (const [name, path] of mainPages(ids)) {
            await open(page, `${server.baseURL}${path}`);
            const { doc, culprit } = await overflow(page, width);
            expect(doc, `${name} at ${width} px in ${language} is ${doc} px wide: ${culprit}`).toBeLessThanOrEqual(width);
            // What the page lays out is what the window shows: the browser did not have to widen it.
            expect(await page.evaluate(() => window.innerWidth)).toBe(width);
            expect(await accountMenuInside(page, width), `the account menu of ${name} at ${width} px in ${language}`).toBe(true);
            if (width === 360) {
              await shot(page, `phone-${language}-${name}`);
              await page.screenshot({ path: `${SCREENSHOTS}/phone-${language}-${name}-top.png` });
            }
            checked.push(`${language} ${width} px ${name}`);
          }
        } finally {
          await context.close();
        }
      }
    });
  }

  it('signs out from the account menu of a 360 px phone in Arabic', async () => {
    const { context, page } = await phoneContext('ar', 360);
    try {
      await page.getByTestId('account-menu').click();
      const signOut = page.getByRole('menuitem', { name: text('ar', 'header.signOut') });
      const box = await signOut.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= 360).toBe(true);
      await signOut.click();
      await page.waitForURL(/\/login/);
    } finally {
      await context.close();
    }
  });

  it('shows the first organization without scrolling, filters folded behind a button that counts them', async () => {
    const { context, page } = await phoneContext('en', 390);
    try {
      await open(page, `${server.baseURL}/organizations?type=ministry`);
      const toggle = page.getByTestId('filters-toggle');
      await expect.poll(() => toggle.textContent()).toContain('1');
      expect(await toggle.getAttribute('aria-expanded')).toBe('false');
      const first = page.getByTestId('list-cards').locator('li[data-index="0"]');
      await first.waitFor();
      const box = await first.boundingBox();
      expect(box!.y).toBeLessThan(HEIGHT);
      await expect.poll(() => first.textContent()).toMatch(/Ministry/);
      // The folded filters open on a tap, with the type chosen.
      await toggle.click();
      await page.getByRole('region', { name: text('en', 'list.filters') }).or(page.locator('section[aria-label="Filters"]')).first().waitFor();
      expect(await toggle.getAttribute('aria-expanded')).toBe('true');
      await shot(page, 'phone-en-organizations-filters-open');
      await expectAccessible(page);
      // A card opens its record.
      await first.locator('a').first().click();
      await page.waitForURL(/\/organizations\/\d+$/);
    } finally {
      await context.close();
    }
  });

  it("puts a contact's phone first, as a tel: link, with a log button; the organization's Add contact is in view", async () => {
    const { context, page } = await phoneContext('en', 360);
    try {
      await open(page, `${server.baseURL}/contacts/${ids.contact}`);
      const call = page.getByTestId('reach-links').locator('a[href^="tel:"]');
      await expect.poll(() => call.getAttribute('href')).toBe('tel:+38733123456');
      const box = await call.boundingBox();
      expect(box!.y + box!.height).toBeLessThan(HEIGHT);
      // The log opens from the page's own button, as a dialog that fills the phone's screen.
      await page.getByRole('main').getByRole('button', { name: text('en', 'logInteraction.open') }).click();
      const dialog = page.getByRole('dialog', { name: text('en', 'logInteraction.title') });
      await dialog.waitFor();
      await settled(page);
      const sheet = await dialog.boundingBox();
      expect(sheet).toMatchObject({ x: 0, y: 0, width: 360, height: HEIGHT });
      await shot(page, 'phone-en-log-dialog', { dialog: true });
      await expectAccessible(page);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      await expectAccessible(page);
      await open(page, `${server.baseURL}/organizations/${ids.organization}`);
      await page.getByRole('main').getByRole('link', { name: text('en', 'organization.addContact') }).waitFor();
    } finally {
      await context.close();
    }
  });

  it('keeps the shell offline: another page says the network is gone, and a reload still starts the app', async () => {
    const { context, page } = await phoneContext('en', 390);
    try {
      await open(page, `${server.baseURL}/`);
      // The service worker has kept the app's files and controls the page.
      await page.waitForFunction(async () => {
        const registration = await navigator.serviceWorker.ready;
        return registration.active?.state === 'activated' && navigator.serviceWorker.controller !== null;
      });
      await context.setOffline(true);
      await page.getByRole('button', { name: text('en', 'header.toggleNavigation') }).click();
      await page.getByRole('navigation', { name: text('en', 'nav.main') }).getByRole('link', { name: text('en', 'nav.contacts') }).click();
      await page.waitForURL(/\/contacts$/);
      await page.getByText(text('en', 'shell.offlineTitle')).waitFor();
      // The navigation has slid away once the link was followed.
      await page.waitForFunction(() => (document.querySelector('nav.mantine-AppShell-navbar')?.getBoundingClientRect().right ?? 0) <= 0);
      expect(await page.getByText(text('en', 'errors.routeTitle')).count()).toBe(0);
      expect(await page.getByText(text('en', 'errors.unexpected')).count()).toBe(0);
      await page.getByTestId('account-menu').waitFor();
      // The list waits for the network (its placeholder keeps moving): a picture of the window, not a still page.
      await page.screenshot({ path: `${SCREENSHOTS}/phone-en-offline-contacts.png` });

      // With the server gone too, a reload is answered by the service worker:
      // the app itself starts (not the browser's "no internet" page).
      await server.stop();
      await page.reload();
      expect(await page.title()).toBe('Liaison');
      // Who is signed in cannot be asked: the app says the network is the reason, and offers to retry.
      await page.getByText(text('en', 'errors.network')).waitFor();
      await page.getByRole('button', { name: text('en', 'common.retry') }).waitFor();
      expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
      await page.screenshot({ path: `${SCREENSHOTS}/phone-en-offline-reload.png` });
    } finally {
      await context.close();
    }
  });

  it('raised no page errors and no CSP violations', () => {
    expect(pageErrors).toEqual([]);
    expect(cspViolations).toEqual([]);
  });
});
