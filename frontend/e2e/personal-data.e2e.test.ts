import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startServer, type RunningServer } from './server';
import { BINARY, cannotRun, chooseLanguage, dismissNotifications, launchBrowser, shot, signIn, text, type Language } from './support';

// A person's data on the real binary and the demo: a manager downloads
// everything held about a person (the JSON names them and their meeting),
// reads it in the printable view, erases it with a reason, and the name is
// then nowhere to be found while the record stays as a tombstone. An
// officer is offered none of it. Then the screens at desktop and phone
// width, in English and Arabic: consent withdrawn, the erase dialog, the
// retention review and the admin's personal data log.

const MANAGER = 'manager@demo.liaison';
const OFFICER = 'officer@demo.liaison';
const ADMIN = 'admin@demo.liaison';

/** A family name no demo record carries, so searches for it find this person or nobody. */
function uniqueName(): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  let name = 'Qorvath';
  for (let i = 0; i < 6; i++) name += letters[Math.floor(Math.random() * letters.length)];
  return name;
}

describe.skipIf(cannotRun)('personal data', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  async function open(who: string, language: Language, width: number): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: language === 'ar' ? 'ar' : 'en-GB', acceptDownloads: true });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await signIn(page, server.baseURL, who, DEMO_PASSWORD);
    await chooseLanguage(page, language);
    return page;
  }

  async function post(page: Page, path: string, data: unknown): Promise<number> {
    const response = await page.request.post(`${server.baseURL}${path}`, { data });
    expect(response.status(), await response.text()).toBe(201);
    return ((await response.json()) as { id: number }).id;
  }

  /** A person with a meeting and a note, made through the API as the signed-in user. */
  async function personWithMeeting(page: Page, family: string, extra: Record<string, unknown> = {}) {
    const id = await post(page, '/api/v1/contacts', { given_name: 'Vesna', family_name: family, email: `${family.toLowerCase()}@example.ba`, country_code: 'BA', ...extra });
    // The meeting's title is the meeting's, not the person's: it does not name them, and outlives an erasure.
    const meeting = `Parents' council in Tuzla, ${Math.random().toString(36).slice(2, 8)}`;
    await post(page, '/api/v1/interactions', {
      kind: 'meeting',
      status: 'held',
      subject: meeting,
      starts_at: '2026-11-24T09:00:00Z',
      participants: [{ contact_id: id, role: 'participant' }],
    });
    await post(page, `/api/v1/contacts/${id}/notes`, { body: `Prefers calls in the morning (${family}).` });
    return { id, meeting };
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

  it('exports everything about a person, shows it printable, erases it, and leaves a tombstone', async () => {
    const page = await open(MANAGER, 'en', 1280);
    const family = uniqueName();
    const { id, meeting } = await personWithMeeting(page, family);
    await page.goto(`${server.baseURL}/contacts/${id}`);
    await page.getByRole('heading', { level: 1, name: `Vesna ${family}` }).waitFor();

    // The JSON file: the person and their meeting.
    await page.getByRole('button', { name: text('en', 'personalData.menu') }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: text('en', 'personalData.subjectExport.download') }).click(),
    ]);
    const saved = JSON.parse(await readFile((await download.path())!, 'utf8')) as {
      contact: { full_name: string };
      participations: { title: string; entity: string }[];
      notes: { body: string }[];
    };
    expect(saved.contact.full_name).toBe(`Vesna ${family}`);
    expect(saved.participations).toEqual(expect.arrayContaining([expect.objectContaining({ title: meeting, entity: 'interaction' })]));
    expect(saved.notes.map((n) => n.body).join(' ')).toContain(family);
    await dismissNotifications(page);

    // The printable view of the same data.
    await page.getByRole('button', { name: text('en', 'personalData.menu') }).click();
    await page.getByRole('menuitem', { name: text('en', 'personalData.subjectExport.printable') }).click();
    await page.waitForURL(`${server.baseURL}/contacts/${id}/subject-export`);
    await page.getByRole('heading', { level: 1, name: `Vesna ${family}` }).waitFor();
    await page.getByRole('link', { name: meeting }).waitFor();
    await page.getByText(`Prefers calls in the morning (${family}).`).first().waitFor();
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('button', { name: text('en', 'personalData.subjectExport.print') }).isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });

    // Erase, with a reason.
    await page.goto(`${server.baseURL}/contacts/${id}`);
    await page.getByRole('button', { name: text('en', 'personalData.menu') }).click();
    await page.getByRole('menuitem', { name: text('en', 'personalData.erase.menu') }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: text('en', 'personalData.reason.label') }).fill('asked by email on 1 December');
    await dialog.getByRole('button', { name: text('en', 'personalData.erase.confirm') }).click();
    await page.getByRole('heading', { level: 1, name: `Erased contact ${id}` }).waitFor();
    await dialog.waitFor({ state: 'detached' });

    // The name is found nowhere; the record stays as a tombstone.
    const search = (await (await page.request.get(`${server.baseURL}/api/v1/search?q=${family}`)).json()) as { items?: unknown[] };
    expect(search.items ?? []).toEqual([]);
    const contacts = (await (await page.request.get(`${server.baseURL}/api/v1/contacts?q=${family}`)).json()) as { items: unknown[] };
    expect(contacts.items).toEqual([]);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: `Erased contact ${id}` }).waitFor();
    await page.getByRole('status').filter({ hasText: text('en', 'personalData.erased.title') }).waitFor();
    expect(await page.getByRole('button', { name: text('en', 'personalData.menu') }).count()).toBe(0);
    expect(await page.getByText(family).count()).toBe(0);
    await shot(page, 'personal-data-tombstone-en-1280');
    expect(pageErrors).toEqual([]);
  });

  it('offers an officer no personal data menu', async () => {
    const page = await open(OFFICER, 'en', 1280);
    const id = await post(page, '/api/v1/contacts', { given_name: 'Mirza', family_name: uniqueName() });
    await page.goto(`${server.baseURL}/contacts/${id}`);
    await page.getByRole('link', { name: text('en', 'common.edit') }).waitFor();
    expect(await page.getByRole('button', { name: text('en', 'personalData.menu') }).count()).toBe(0);
    expect(await page.getByRole('link', { name: text('en', 'nav.retention') }).count()).toBe(0);
  });

  it.each([
    ['en', 1280],
    ['ar', 1280],
    ['en', 360],
    ['ar', 360],
  ] as const)('looks right in %s at %i px', async (language, width) => {
    const tag = `${language}-${width}`;
    const page = await open(MANAGER, language, width);
    const { id } = await personWithMeeting(page, uniqueName(), { consent_basis: 'consent', consent_date: '2025-03-01', consent_source: 'signed form, Zenica workshop' });
    // Withdrawn after the meeting: it stays, and no new one may name them.
    const withdrawn = await page.request.patch(`${server.baseURL}/api/v1/contacts/${id}`, {
      data: { consent_withdrawn_at: '2026-11-30T00:00:00Z' },
      headers: { 'If-Match': '"1"' },
    });
    expect(withdrawn.status(), await withdrawn.text()).toBe(200);
    await page.goto(`${server.baseURL}/contacts/${id}`);
    await page.getByText(text(language, 'personalData.withdrawn.title')).first().waitFor();
    await shot(page, `personal-data-withdrawn-${tag}`);

    await page.getByRole('button', { name: text(language, 'personalData.menu') }).click();
    await page.getByRole('menuitem', { name: text(language, 'personalData.erase.menu') }).click();
    await page.getByRole('dialog').waitFor();
    await shot(page, `personal-data-erase-dialog-${tag}`, { dialog: true });
    await page.keyboard.press('Escape');

    await page.goto(`${server.baseURL}/contacts/${id}/edit`);
    await page.getByRole('region', { name: text(language, 'personalData.consent.title') }).waitFor();
    await shot(page, `personal-data-consent-form-${tag}`);

    await page.goto(`${server.baseURL}/contacts/${id}/subject-export`);
    await page.getByRole('heading', { name: text(language, 'personalData.subjectExport.history') }).waitFor();
    await shot(page, `personal-data-printable-${tag}`);

    await page.goto(`${server.baseURL}/retention`);
    await page.getByRole('heading', { level: 1, name: text(language, 'retention.title') }).waitFor();
    await page.locator('table, [data-empty], [role="list"]').first().or(page.getByText(text(language, 'retention.emptyTitle'))).first().waitFor();
    await shot(page, `personal-data-retention-${tag}`);

    // The demo has nobody due: to look at the list itself, the page is shown a few of the demo's people as due.
    const people = (await (await page.request.get(`${server.baseURL}/api/v1/contacts?limit=3&sort=full_name`)).json()) as {
      items: { id: number; version: number; full_name: string; office_id: number; restricted: boolean }[];
    };
    await page.route('**/api/v1/retention/contacts*', (route) =>
      route.fulfill({
        json: {
          years: 5,
          items: people.items.map((p, i) => ({ ...p, archived: false, last_activity: `202${i}-0${i + 3}-14T10:00:00Z` })),
          next_cursor: null,
        },
      }),
    );
    await page.reload();
    await page.getByRole('checkbox', { name: text(language, 'retention.selectAll') }).click();
    await page.getByRole('button', { name: text(language, 'retention.eraseSelected') }).waitFor();
    await shot(page, `personal-data-retention-list-${tag}`);
    await page.getByRole('button', { name: text(language, 'retention.eraseSelected') }).click();
    await page.getByRole('dialog').waitFor();
    await shot(page, `personal-data-retention-erase-${tag}`, { dialog: true });
    await page.unroute('**/api/v1/retention/contacts*');

    const admin = await open(ADMIN, language, width);
    await admin.goto(`${server.baseURL}/admin/personal-data`);
    await admin.getByRole('tab', { name: text(language, 'personalData.log.tab'), selected: true }).waitFor();
    await admin.getByText(text(language, 'personalData.log.intro')).waitFor();
    await admin.waitForLoadState('networkidle');
    await shot(admin, `personal-data-log-${tag}`);
    expect(pageErrors).toEqual([]);
  });
});
