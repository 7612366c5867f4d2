import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startServer, type RunningServer } from './server';
import { BINARY, cannotRun, launchBrowser, text } from './support';
import { reactCommits, recordReactCommits } from './reactCommits';

// Typing into a record's form on a phone: each key draws the field typed
// into (and the form's frame), not the form's other fields, in every form
// an officer types notes into: a contact's, an organization's, a visit's, a
// commitment's, and a session of a visit's itinerary.

const MANAGER = { email: 'manager@demo.liaison', password: DEMO_PASSWORD };
const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 };

/** An accessible name that starts with this text (a required field's name ends with its asterisk). */
const startsWith = (label: string) => new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);

describe.skipIf(cannotRun)('record forms keep up with typing', () => {
  let server: RunningServer;
  let browser: Browser;
  const ids = { contact: 0, organization: 0, visit: 0, commitment: 0 };

  /** A signed-in manager's phone, reading English, its React commits recorded. */
  async function manager(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ ...PHONE, locale: 'en-GB', timezoneId: 'Europe/Sarajevo' });
    const login = await context.request.post(`${server.baseURL}/api/v1/auth/login`, { data: MANAGER });
    expect(login.status()).toBe(200);
    const me = (await (await context.request.get(`${server.baseURL}/api/v1/auth/me`)).json()) as { id: number; version: number; locale: string };
    if (me.locale !== 'en') {
      const saved = await context.request.patch(`${server.baseURL}/api/v1/users/${me.id}`, { data: { locale: 'en' }, headers: { 'If-Match': `"${me.version}"` } });
      expect(saved.status()).toBe(200);
    }
    const page = await context.newPage();
    await recordReactCommits(page);
    return { context, page };
  }

  async function first(context: BrowserContext, path: string): Promise<number> {
    const response = await context.request.get(`${server.baseURL}/api/v1/${path}`);
    expect(response.status(), path).toBe(200);
    return ((await response.json()) as { items: { id: number }[] }).items[0]!.id;
  }

  /** The components the page holds after its last commit, once it has settled. */
  async function held(page: Page): Promise<number> {
    await page.waitForTimeout(300);
    return (await reactCommits(page)).at(-1)!.held;
  }

  /**
   * Types six keys into `box` and returns, per commit they caused, the
   * components drawn, and the components the page held before typing.
   */
  async function typeInto(page: Page, box: Locator) {
    await box.tap();
    await held(page);
    const before = await reactCommits(page);
    const now = before.at(-1)!.held;
    await box.pressSequentially('Agreed', { delay: 30 });
    await expect.poll(() => box.inputValue()).toContain('Agreed');
    const typing = (await reactCommits(page)).slice(before.length).map((c) => c.drawn);
    expect(typing.length, 'commits while typing').toBeGreaterThanOrEqual(6);
    return { held: now, typing };
  }

  beforeAll(async () => {
    server = await startServer(BINARY, { demo: true });
    browser = await launchBrowser();
    const { context } = await manager();
    ids.contact = await first(context, 'contacts?limit=1');
    ids.organization = await first(context, 'organizations?limit=1');
    ids.visit = await first(context, "visits?q=Study%20visit%20National%20Committee&limit=1");
    ids.commitment = await first(context, "commitments?limit=1");
    await context.close();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Each form: how it is opened, and the box typed into. A form opened on its record's page counts from the page's components before. */
  const forms: { name: string; open: (page: Page) => Promise<{ box: Locator; before: number }> }[] = [
    {
      name: 'a contact’s',
      open: async (page) => {
        await page.goto(`${server.baseURL}/contacts/${ids.contact}/edit`);
        return { box: page.getByRole('textbox', { name: startsWith(text('en', 'contact.fields.notes')) }), before: 0 };
      },
    },
    {
      name: 'an organization’s',
      open: async (page) => {
        await page.goto(`${server.baseURL}/organizations/${ids.organization}/edit`);
        return { box: page.getByRole('textbox', { name: startsWith(text('en', 'organization.fields.description')) }), before: 0 };
      },
    },
    {
      name: 'a visit’s',
      open: async (page) => {
        await page.goto(`${server.baseURL}/visits/${ids.visit}/edit`);
        return { box: page.getByRole('textbox', { name: startsWith(text('en', 'visitForm.fields.purpose')) }), before: 0 };
      },
    },
    {
      name: 'a commitment’s',
      open: async (page) => {
        await page.goto(`${server.baseURL}/commitments/${ids.commitment}`);
        const edit = page.getByRole('button', { name: startsWith(text('en', 'common.edit')) }).first();
        await edit.waitFor();
        const before = await held(page);
        await edit.tap();
        return { box: page.getByRole('dialog').getByRole('textbox', { name: startsWith(text('en', 'commitmentEdit.details')) }), before };
      },
    },
    {
      name: 'a session’s, on the visit’s itinerary',
      open: async (page) => {
        await page.goto(`${server.baseURL}/visits/${ids.visit}`);
        const add = page.getByRole('button', { name: text('en', 'itineraryEditor.addSession') });
        await add.waitFor();
        const before = await held(page);
        await add.tap();
        return { box: page.getByRole('textbox', { name: startsWith(text('en', 'itineraryEditor.summary')) }), before };
      },
    },
  ];

  for (const form of forms) {
    it(`draws the field typed into, not the rest of ${form.name} form`, async () => {
      const { context, page } = await manager();
      const { box, before } = await form.open(page);
      await box.waitFor();
      const { held, typing } = await typeInto(page, box);
      const size = held - before;
      // Each key redraws the field and the frames around it: a tenth to a
      // quarter of the form, where each key drew all of it but the fields'
      // innermost parts (80 to 95 %) before the fields were memoized.
      const most = Math.max(...typing);
      expect(size, 'components of the form').toBeGreaterThan(100);
      expect(most, `components drawn per key: ${typing.join(', ')} of the ${size} the form holds`).toBeLessThan(size / 3);
      await context.close();
    });
  }
});
