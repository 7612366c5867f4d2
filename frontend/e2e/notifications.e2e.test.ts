import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, freePort, startServer, type RunningServer } from './server';
import { BINARY, cannotRun, chooseLanguage, dismissNotifications, expectAccessible, launchBrowser, settled, shot, signIn, text, type Language } from './support';

// Follow-ups that reach people, on the real binary and the demo: a manager
// hands commitments of the office to an officer and mentions her in a note;
// she sees the bell's count, opens the panel, follows the commitment and
// the count drops; her digest settings survive a reload; on a phone the
// panel is a drawer as wide as the screen. The server is given a mail
// server that answers nothing, so that the mails fail and the admin's jobs
// tab has a failed job to retry. Pictures of the panel, the settings and
// the jobs tab, at desktop and phone width, in English and Arabic.

const MANAGER = { email: 'manager@demo.liaison', password: DEMO_PASSWORD };
const OFFICER = { email: 'officer@demo.liaison', password: DEMO_PASSWORD };
const ADMIN = { email: 'admin@demo.liaison', password: DEMO_PASSWORD };
const HANDED_OVER = 3;

interface Commitment {
  id: number;
  version: number;
  title: string;
  owner_id: number | null;
}

type JobPage = { items: { id: number; kind: string; state: string }[] };

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function getJson<T>(request: APIRequestContext, url: string): Promise<T> {
  const response = await request.get(url);
  expect(response.status(), url).toBe(200);
  return (await response.json()) as T;
}

/** Asks until `check` says yes, for up to `seconds`. */
async function eventually<T>(seconds: number, ask: () => Promise<T>, check: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await ask();
    if (check(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** The unread count the bell shows (its data-unread attribute). */
async function bellCount(page: Page): Promise<number> {
  return Number(await page.getByTestId('notification-bell').getAttribute('data-unread'));
}

describe.skipIf(cannotRun)('notifications that reach people', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  let handed: Commitment[] = [];

  /** A signed-in page of one of the demo's people, in a language, at a width. */
  async function open(who: { email: string; password: string }, language: Language, width: number): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width, height: width < 768 ? 780 : 900 },
      isMobile: width < 768,
      hasTouch: width < 768,
      locale: language === 'ar' ? 'ar' : 'en-GB',
      timezoneId: 'Europe/Sarajevo',
    });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await signIn(page, server.baseURL, who.email, who.password);
    await chooseLanguage(page, language);
    return page;
  }

  /** A session of one of the demo's people for the API alone. */
  async function apiAs(who: { email: string; password: string }): Promise<APIRequestContext> {
    const context = await browser.newContext();
    contexts.push(context);
    const login = await context.request.post(`${server.baseURL}/api/v1/auth/login`, { data: who });
    expect(login.status()).toBe(200);
    return context.request;
  }

  beforeAll(async () => {
    const [port, nowhere] = [await freePort(), await freePort()];
    server = await startServer(BINARY, {
      demo: true,
      port,
      env: {
        LIAISON_SMTP_URL: `smtp://127.0.0.1:${nowhere}`,
        LIAISON_MAIL_FROM: 'liaison@example.org',
        LIAISON_PUBLIC_URL: `http://127.0.0.1:${port}`,
      },
    });
    browser = await launchBrowser();
    const base = server.baseURL;

    // The first round of reminders runs as the server starts; once it has,
    // the officer starts from nothing unread, so every count below is exact.
    const admin = await apiAs(ADMIN);
    await eventually(
      60,
      () => getJson<JobPage>(admin, `${base}/api/v1/admin/jobs?state=completed&limit=50`),
      (page) => page.items.some((job) => job.kind === 'schedule'),
    );
    const officer = await apiAs(OFFICER);
    expect((await officer.post(`${base}/api/v1/notifications/read`, { data: { all: true } })).status()).toBe(204);
    const officerId = (await getJson<{ id: number }>(officer, `${base}/api/v1/auth/me`)).id;

    // The manager hands three open commitments of the office to the officer, and mentions her in a note.
    const manager = await apiAs(MANAGER);
    const me = await getJson<{ office_id: number }>(manager, `${base}/api/v1/auth/me`);
    const candidates = await getJson<{ items: Commitment[] }>(manager, `${base}/api/v1/commitments?office_id=${me.office_id}&status=open&limit=100`);
    handed = candidates.items.filter((c) => c.owner_id !== officerId).slice(0, HANDED_OVER);
    expect(handed).toHaveLength(HANDED_OVER);
    const reassigned = await manager.post(`${base}/api/v1/commitments/reassign`, {
      data: { owner_id: officerId, commitments: handed.map(({ id, version }) => ({ id, version })) },
    });
    expect(reassigned.status(), await reassigned.text()).toBe(200);
    const organizations = await getJson<{ items: { id: number }[] }>(manager, `${base}/api/v1/organizations?office_id=${me.office_id}&limit=1&sort=name`);
    const note = await manager.post(`${base}/api/v1/organizations/${organizations.items[0]!.id}/notes`, {
      data: { body: `@[Lejla Softić](user:${officerId}) can you take the training plan from here?` },
    });
    expect(note.status(), await note.text()).toBe(201);
  }, 180_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.stop();
  });

  it('shows the officer what was handed to her; following one reads it', async () => {
    const page = await open(OFFICER, 'en', 1280);
    const bell = page.getByTestId('notification-bell');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="notification-bell"]')?.getAttribute('data-unread')) > 0);
    const before = await bellCount(page);
    expect(before).toBe(HANDED_OVER + 1);
    expect(await bell.getAttribute('aria-label')).toBe(`Notifications: ${before} unread`);
    expect(await page.getByTestId('notification-badge').textContent()).toBe(String(before));

    await bell.click();
    const panel = page.getByRole('region', { name: text('en', 'notifications.title') });
    const target = handed[0]!;
    const link = panel.getByRole('link', { name: new RegExp(escapeRegExp(target.title)) });
    await link.waitFor();
    expect(await panel.locator('li[data-unread]').count()).toBe(before);
    expect(await panel.getByText(text('en', 'notifications.kinds.mentioned')).count()).toBe(1);
    await expectAccessible(page);

    await link.click();
    await page.waitForURL(`${server.baseURL}/commitments/${target.id}`);
    await page.getByRole('heading', { level: 1, name: target.title }).waitFor();
    await page.waitForFunction(
      (expected) => Number(document.querySelector('[data-testid="notification-bell"]')?.getAttribute('data-unread')) === expected,
      before - 1,
    );
    // Following a link closes the panel (it leaves with a short transition).
    await panel.waitFor({ state: 'detached', timeout: 5_000 });
    expect(await panel.count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('keeps the digest settings across a reload', async () => {
    const page = await open(OFFICER, 'en', 1280);
    await page.goto(`${server.baseURL}/account/notifications`);
    await page.getByRole('radio', { name: text('en', 'preferences.digestDaily') }).check();
    await page.getByRole('combobox', { name: text('en', 'preferences.hour') }).click();
    await page.getByRole('option', { name: '07:00', exact: true }).click();
    const zone = page.getByRole('combobox', { name: text('en', 'preferences.timeZone') });
    await zone.fill('Tokyo');
    await page.getByRole('option', { name: 'Asia/Tokyo', exact: true }).click();
    await page.getByRole('button', { name: text('en', 'preferences.save') }).click();
    await page.getByText(text('en', 'preferences.saved')).waitFor();

    await page.reload();
    await page.getByRole('radio', { name: text('en', 'preferences.digestDaily') }).waitFor();
    expect(await page.getByRole('radio', { name: text('en', 'preferences.digestDaily') }).isChecked()).toBe(true);
    expect(await page.getByRole('combobox', { name: text('en', 'preferences.hour') }).inputValue()).toBe('07:00');
    expect(await zone.inputValue()).toBe('Asia/Tokyo');
    const saved = await getJson<Record<string, unknown>>(page.request, `${server.baseURL}/api/v1/me/preferences`);
    expect(saved).toMatchObject({ digest: 'daily', digest_hour: 7, time_zone: 'Asia/Tokyo' });
    // Mail is configured here (if unreachable): no note that the server sends none.
    expect(await page.getByText(text('en', 'preferences.noEmailTitle')).count()).toBe(0);
    await dismissNotifications(page);
    await expectAccessible(page);
    expect(pageErrors).toEqual([]);
  });

  it.each(['en', 'ar'] as const)('opens the panel as a drawer as wide as a 360 px phone, in %s', async (language) => {
    const page = await open(OFFICER, language, 360);
    await page.getByTestId('notification-bell').click();
    const drawer = page.getByRole('dialog', { name: text(language, 'notifications.title') });
    await drawer.getByRole('list', { name: text(language, 'notifications.listLabel') }).waitFor();
    await settled(page);
    const box = (await drawer.boundingBox())!;
    expect(box.x).toBeCloseTo(0, 0);
    expect(box.width).toBeCloseTo(360, 0);
    const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(sideways).toBeLessThanOrEqual(0);
    // Nothing inside sticks out of the drawer.
    const widest = await drawer.evaluate((root) => Math.max(...Array.from(root.querySelectorAll('*')).map((el) => el.getBoundingClientRect().right)));
    expect(widest).toBeLessThanOrEqual(361);
    expect(pageErrors).toEqual([]);
  });

  it('lets an admin retry a failed mail job', async () => {
    const page = await open(ADMIN, 'en', 1280);
    // The outbox runs every 15 s; the mail to an address nothing answers at fails at once.
    await eventually(
      90,
      () => getJson<JobPage>(page.request, `${server.baseURL}/api/v1/admin/jobs?state=failed&limit=50`),
      (jobs) => jobs.items.length > 0,
    );
    await page.goto(`${server.baseURL}/admin/jobs`);
    const table = page.getByRole('table', { name: text('en', 'jobs.table') });
    const retry = table.getByRole('button', { name: /^Retry job \d+/ }).first();
    await retry.waitFor();
    await retry.click();
    await page.getByText(/^Job \d+ is queued to run again$/).waitFor();
    expect(pageErrors).toEqual([]);
  });

  describe('pictures', () => {
    for (const language of ['en', 'ar'] as const) {
      for (const width of [1280, 360] as const) {
        it(`of the panel, the settings and the jobs tab in ${language} at ${width} px`, async () => {
          const officer = await open(OFFICER, language, width);
          await officer.getByTestId('notification-bell').click();
          await officer.getByRole('list', { name: text(language, 'notifications.listLabel') }).waitFor();
          await shot(officer, `notifications-panel-${language}-${width}`, { dialog: true });
          await officer.keyboard.press('Escape');

          await officer.goto(`${server.baseURL}/account/notifications`);
          await officer.getByRole('button', { name: text(language, 'preferences.save') }).waitFor();
          await shot(officer, `notification-settings-${language}-${width}`);

          const admin = await open(ADMIN, language, width);
          await admin.goto(`${server.baseURL}/admin/jobs`);
          await admin.getByRole('list', { name: text(language, 'jobs.summaryLabel') }).waitFor();
          await admin.waitForLoadState('networkidle');
          await shot(admin, `jobs-${language}-${width}`);
          expect(pageErrors).toEqual([]);
        });
      }
    }
  });
});
