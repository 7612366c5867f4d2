import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startServer, type RunningServer } from './server';
import { BINARY, cannotRun, dismissNotifications, expectAccessible, launchBrowser, readToTheEnd, SCREENSHOTS, settled, shot, text, type Language } from './support';

// An officer logs a meeting with two people and their roles from the quick
// log on the ministry's page, reopens it from the ministry's timeline,
// changes one person's role on the meeting's own page, and reads the change
// in its history; then the page and its history as they look on a desktop
// and on a 360 px phone, in English and Arabic.

const OFFICER = { email: 'officer@demo.liaison', password: DEMO_PASSWORD };
const MINISTRY = 'Ministry of Security of Bosnia and Herzegovina';
const DESKTOP = { viewport: { width: 1366, height: 900 } };
const PHONE = { viewport: { width: 360, height: 780 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 };

/** A text of the app with its {{placeholders}} filled in. */
function tr(language: Language, key: string, vars: Record<string, string | number> = {}) {
  return Object.entries(vars).reduce((s, [k, v]) => s.replaceAll(`{{${k}}}`, String(v)), text(language, key));
}

const startsWith = (label: string) => new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);

interface Person {
  id: number;
  full_name: string;
  given_name: string;
  family_name: string;
  restricted: boolean;
}

describe.skipIf(cannotRun)('a meeting reopened, corrected and its history read', () => {
  let server: RunningServer;
  let browser: Browser;
  let ministryId = 0;
  let host: Person;
  let speaker: Person;
  let meetingId = 0;
  const subject = 'Strategy follow-up with the ministry';

  async function officer(language: Language, device: typeof DESKTOP | typeof PHONE): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ ...device, locale: language === 'ar' ? 'ar' : 'en-GB', timezoneId: 'Europe/Sarajevo' });
    const login = await context.request.post(`${server.baseURL}/api/v1/auth/login`, { data: OFFICER });
    expect(login.status()).toBe(200);
    const me = (await (await context.request.get(`${server.baseURL}/api/v1/auth/me`)).json()) as { id: number; version: number; locale: string };
    if (me.locale !== language) {
      const saved = await context.request.patch(`${server.baseURL}/api/v1/users/${me.id}`, { data: { locale: language }, headers: { 'If-Match': `"${me.version}"` } });
      expect(saved.status()).toBe(200);
    }
    return { context, page: await context.newPage() };
  }

  async function api<T>(context: BrowserContext, path: string): Promise<T> {
    const response = await context.request.get(`${server.baseURL}${path}`);
    expect(response.status(), path).toBe(200);
    return (await response.json()) as T;
  }

  beforeAll(async () => {
    server = await startServer(BINARY, { demo: true });
    browser = await launchBrowser();
    const { context } = await officer('en', DESKTOP);
    const orgs = await api<{ items: { id: number; name: string }[] }>(context, `/api/v1/organizations?q=${encodeURIComponent('Ministry of Security')}&limit=20`);
    ministryId = orgs.items.find((o) => o.name === MINISTRY)!.id;
    const staff = await api<{ items: Person[] }>(context, `/api/v1/contacts?organization_id=${ministryId}&limit=50`);
    host = staff.items.find((p) => p.family_name && !p.restricted)!;
    const others = await api<{ items: Person[] }>(context, `/api/v1/contacts?country_code=BA&limit=100`);
    speaker = others.items.find((p) => p.family_name && p.given_name && !p.restricted && p.id !== host.id && !/\s/.test(p.family_name))!;
    await context.close();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Picks a person in the quick log by given name and the start of the family name; Enter takes the first match. */
  async function pick(page: Page, person: Person) {
    const dialog = page.getByRole('dialog', { name: text('en', 'logInteraction.title') });
    const picker = dialog.getByRole('combobox', { name: text('en', 'participantPicker.label') });
    await picker.click();
    await picker.pressSequentially(`${person.given_name} ${person.family_name.slice(0, 4)}`);
    await page.getByRole('option', { name: new RegExp(person.full_name) }).first().waitFor();
    await page.keyboard.press('Enter');
    await dialog.getByRole('combobox', { name: tr('en', 'quickLog.roleOf', { name: person.full_name }) }).waitFor();
  }

  it('logs the meeting with two people and their roles, reopens it from the ministry’s timeline, changes a role and shows the change in its history', async () => {
    const { context, page } = await officer('en', DESKTOP);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    // The quick log, from the ministry's page: the ministry is already there.
    await page.goto(`${server.baseURL}/organizations/${ministryId}`);
    await page.getByRole('heading', { level: 1, name: MINISTRY }).waitFor();
    await page.getByRole('main').getByRole('button', { name: startsWith(text('en', 'logInteraction.open')) }).filter({ visible: true }).first().click();
    const dialog = page.getByRole('dialog', { name: text('en', 'logInteraction.title') });
    await dialog.getByRole('listitem').filter({ hasText: MINISTRY }).waitFor();
    await dialog.getByRole('textbox', { name: startsWith(text('en', 'logInteraction.subject')) }).fill(subject);
    await pick(page, host);
    await dialog.getByRole('combobox', { name: tr('en', 'quickLog.roleOf', { name: host.full_name }) }).selectOption('host');
    await pick(page, speaker);
    await dialog.getByRole('combobox', { name: tr('en', 'quickLog.roleOf', { name: speaker.full_name }) }).selectOption('speaker');
    await dialog.getByRole('button', { name: text('en', 'logInteraction.save') }).click();
    await dialog.waitFor({ state: 'hidden' });
    await dismissNotifications(page);

    // Reopened from the ministry's timeline (the page reloads it after the save).
    const timeline = page.getByRole('region', { name: text('en', 'timeline.title') });
    const entry = timeline.getByRole('link', { name: subject });
    await entry.waitFor();
    await entry.click();
    await page.waitForURL(/\/interactions\/\d+$/);
    meetingId = Number(new URL(page.url()).pathname.split('/').pop());
    await page.getByRole('heading', { level: 1, name: subject }).waitFor();
    const who = page.getByRole('region', { name: text('en', 'interactionPage.participants') });
    const people = who.getByRole('list', { name: text('en', 'interactionPage.people') });
    await people.getByRole('listitem').filter({ hasText: host.full_name }).getByText(text('en', 'itineraryEditor.roles.host')).waitFor();
    await people.getByRole('listitem').filter({ hasText: speaker.full_name }).getByText(text('en', 'itineraryEditor.roles.speaker')).waitFor();

    // The speaker only observed after all: corrected in place.
    await who.getByRole('button', { name: text('en', 'interactionPage.editParticipants') }).click();
    await who.getByRole('combobox', { name: tr('en', 'quickLog.roleOf', { name: speaker.full_name }) }).selectOption('observer');
    await who.getByRole('button', { name: text('en', 'interactionPage.saveParticipants') }).click();
    await who.getByRole('button', { name: text('en', 'interactionPage.editParticipants') }).waitFor();
    await people.getByRole('listitem').filter({ hasText: speaker.full_name }).getByText(text('en', 'itineraryEditor.roles.observer')).waitFor();

    // Recorded as changed: the person's role, from speaker to observer, by the officer.
    const record = await api<{ participants: { contact_id: number | null; role: string }[] }>(context, `/api/v1/interactions/${meetingId}`);
    expect(record.participants).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ contact_id: host.id, role: 'host' }),
        expect.objectContaining({ contact_id: speaker.id, role: 'observer' }),
      ]),
    );
    await readToTheEnd(page);
    const history = page.getByRole('region', { name: text('en', 'history.title') });
    const change = history.getByRole('listitem').filter({ hasText: text('en', 'history.actions.update') }).first();
    await change.waitFor();
    await change.getByText(text('en', 'history.fields.participants')).waitFor();
    await change.getByRole('link', { name: speaker.full_name }).waitFor();
    await change.getByText(text('en', 'itineraryEditor.roles.speaker')).waitFor();
    await change.getByText(text('en', 'itineraryEditor.roles.observer')).waitFor();
    await expectAccessible(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  const looks: [Language, 'desktop' | 'phone'][] = [
    ['en', 'desktop'],
    ['en', 'phone'],
    ['ar', 'desktop'],
    ['ar', 'phone'],
  ];

  it.each(looks)('shows the page and its history whole, without sideways scrolling (%s, %s)', async (language, size) => {
    expect(meetingId).toBeGreaterThan(0);
    const { context, page } = await officer(language, size === 'phone' ? PHONE : DESKTOP);
    await page.goto(`${server.baseURL}/interactions/${meetingId}`);
    await page.getByRole('heading', { level: 1, name: subject }).waitFor();
    await readToTheEnd(page);
    const history = page.getByRole('region', { name: text(language, 'history.title') });
    await history.getByRole('link', { name: speaker.full_name }).first().waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe(language === 'ar' ? 'rtl' : 'ltr');
    await settled(page);
    // Nothing wider than the window: no sideways scrolling at 360 px.
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    const width = size === 'phone' ? 360 : 1366;
    await shot(page, `interaction-page-${width}-${language}`);
    await history.scrollIntoViewIfNeeded();
    await history.screenshot({ path: `${SCREENSHOTS}/interaction-history-${width}-${language}.png` });

    // The participants in edit mode: each row's role and remove button fit beside or under the name.
    const who = page.getByRole('region', { name: text(language, 'interactionPage.participants') });
    await who.getByRole('button', { name: text(language, 'interactionPage.editParticipants') }).click();
    await who.getByRole('combobox', { name: tr(language, 'quickLog.roleOf', { name: speaker.full_name }) }).waitFor();
    await settled(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await who.screenshot({ path: `${SCREENSHOTS}/interaction-participants-edit-${width}-${language}.png` });

    // The list, its filters folded on a phone; a row opens the meeting.
    await page.goto(`${server.baseURL}/interactions?q=${encodeURIComponent('Strategy follow-up')}`);
    await page.getByRole('link', { name: subject }).first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await shot(page, `interactions-list-${width}-${language}`);
    await context.close();
  });
});
