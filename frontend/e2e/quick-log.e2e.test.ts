import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startServer, type RunningServer } from './server';
import { BINARY, cannotRun, dismissNotifications, launchBrowser, shot, text, type Language } from './support';
import { reactCommits, recordReactCommits } from './reactCommits';

// An officer logs a meeting with the ministry of the demo data: two of its
// people with their roles, two follow-ups (one the ministry owes), on a
// desktop and on a phone, in English and Arabic; then the same with the
// network cut off. The phone runs are timed (keys, taps, seconds).

const OFFICER = { email: 'officer@demo.liaison', password: DEMO_PASSWORD };
const MINISTRY = 'Ministry of Security of Bosnia and Herzegovina';
const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 };
const DESKTOP = { viewport: { width: 1366, height: 800 } };

/** A text of the app with its {{placeholders}} filled in. */
function tr(language: Language, key: string, vars: Record<string, string | number> = {}) {
  return Object.entries(vars).reduce((s, [k, v]) => s.replaceAll(`{{${k}}}`, String(v)), text(language, key));
}

/** An accessible name that starts with this text (a required field's name ends with its asterisk). */
const startsWith = (label: string) => new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);

interface Person {
  id: number;
  full_name: string;
  given_name: string;
  family_name: string;
}

describe.skipIf(cannotRun)('the quick log records the meeting, online and offline', () => {
  let server: RunningServer;
  let browser: Browser;
  let ministryId = 0;
  let people: Person[] = [];
  const timings: string[] = [];

  /** A signed-in officer's browser: the session cookie is set through the API. */
  async function officer(language: Language, device: typeof PHONE | typeof DESKTOP): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ ...device, locale: language === 'ar' ? 'ar' : 'en-GB', timezoneId: 'Europe/Sarajevo' });
    const login = await context.request.post(`${server.baseURL}/api/v1/auth/login`, { data: OFFICER });
    expect(login.status()).toBe(200);
    // The language is kept on the account (the demo officer reads Bosnian).
    const me = (await (await context.request.get(`${server.baseURL}/api/v1/auth/me`)).json()) as { id: number; version: number; locale: string };
    if (me.locale !== language) {
      const saved = await context.request.patch(`${server.baseURL}/api/v1/users/${me.id}`, {
        data: { locale: language },
        headers: { 'If-Match': `"${me.version}"` },
      });
      expect(saved.status()).toBe(200);
    }
    const page = await context.newPage();
    return { context, page };
  }

  async function api<T>(context: BrowserContext, path: string): Promise<T> {
    const response = await context.request.get(`${server.baseURL}${path}`);
    expect(response.status(), path).toBe(200);
    return (await response.json()) as T;
  }

  /** How many interactions with this subject the ministry has. */
  async function loggedWith(context: BrowserContext, subject: string) {
    const list = await api<{ items: { subject: string }[] }>(context, `/api/v1/interactions?organization_id=${ministryId}&limit=100`);
    return list.items.filter((i) => i.subject === subject).length;
  }

  beforeAll(async () => {
    server = await startServer(BINARY, { demo: true });
    browser = await launchBrowser();
    const { context } = await officer('en', DESKTOP);
    const orgs = await api<{ items: { id: number; name: string }[] }>(context, `/api/v1/organizations?q=${encodeURIComponent('Ministry of Security')}&limit=20`);
    ministryId = orgs.items.find((o) => o.name === MINISTRY)!.id;
    const staff = await api<{ items: Person[] }>(context, `/api/v1/contacts?organization_id=${ministryId}&limit=50`);
    people = staff.items.filter((p) => p.family_name).slice(0, 2);
    // The demo ministry has one person on file; the second is created from the picker, as an officer would.
    await context.close();
  }, 180_000);

  afterAll(async () => {
    console.log(`Quick log timings:\n${timings.join('\n')}`);
    await browser?.close();
    await server?.stop();
  });

  /** Counts what a person does: keys typed and taps (or clicks). */
  function counter(page: Page, touch: boolean) {
    const n = { keys: 0, taps: 0 };
    return {
      n,
      tap: async (target: Locator) => {
        n.taps++;
        if (touch) await target.tap();
        else await target.click();
      },
      type: async (target: Locator, value: string) => {
        await target.pressSequentially(value);
        n.keys += value.length;
      },
      press: async (key: string) => {
        n.keys++;
        await page.keyboard.press(key);
      },
    };
  }

  async function openLog(page: Page, language: Language, tap: (l: Locator) => Promise<void>) {
    await page.goto(`${server.baseURL}/organizations/${ministryId}`);
    await page.getByRole('heading', { level: 1, name: MINISTRY }).waitFor();
    // The record page's own button, among its first facts (the header has none on a record page).
    await tap(page.getByRole('main').getByRole('button', { name: startsWith(text(language, 'logInteraction.open')) }).filter({ visible: true }).first());
    const dialog = page.getByRole('dialog', { name: text(language, 'logInteraction.title') });
    await dialog.waitFor();
    return dialog;
  }

  const runs: [Language, 'desktop' | 'phone'][] = [
    ['en', 'desktop'],
    ['en', 'phone'],
    ['ar', 'phone'],
    ['ar', 'desktop'],
  ];

  it.each(runs)('logs a meeting with the ministry, two of its people and two follow-ups (%s, %s)', async (language, size) => {
    const phone = size === 'phone';
    const { context, page } = await officer(language, phone ? PHONE : DESKTOP);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const act = counter(page, phone);
    const subject = `Framework review (${language}, ${size})`;
    const theirs = `The ministry shares the draft framework (${language}, ${size})`;
    const ours = `Send our comments on the framework (${language}, ${size})`;
    const newcomer = { given: 'Amela', family: `Kurtović${language}${size}` };

    const started = Date.now();
    const dialog = await openLog(page, language, act.tap);
    // The ministry is already there: the log was opened from its page.
    await dialog.getByRole('listitem').filter({ hasText: MINISTRY }).waitFor();
    await act.type(dialog.getByRole('textbox', { name: startsWith(text(language, 'logInteraction.subject')) }), subject);

    const picker = dialog.getByRole('combobox', { name: text(language, 'participantPicker.label') });
    // A person of the ministry, found by part of the name; Enter picks the first match.
    const first = people[0]!;
    await act.tap(picker);
    await act.type(picker, `${first.given_name} ${first.family_name.slice(0, 3)}`);
    await page.getByRole('option', { name: new RegExp(first.full_name) }).waitFor();
    await act.press('Enter');
    await act.tap(dialog.getByRole('combobox', { name: tr(language, 'quickLog.roleOf', { name: first.full_name }) }));
    await dialog.getByRole('combobox', { name: tr(language, 'quickLog.roleOf', { name: first.full_name }) }).selectOption('host');
    // A second person, not on file yet: created in place, at the ministry.
    await act.type(picker, `${newcomer.given} ${newcomer.family}`);
    await page.getByRole('option', { name: tr(language, 'participantPicker.createContactNamed', { name: `${newcomer.given} ${newcomer.family}` }) }).waitFor();
    await act.press('Enter');
    const person = dialog.getByRole('group', { name: text(language, 'participantPicker.newContactTitle') });
    await expect.poll(() => person.getByRole('combobox', { name: text(language, 'contact.fields.organization') }).inputValue()).toContain(MINISTRY);
    await act.tap(person.getByRole('button', { name: text(language, 'participantPicker.createAndAdd') }));
    const newcomerName = `${newcomer.given} ${newcomer.family}`;
    const newcomerRole = dialog.getByRole('combobox', { name: tr(language, 'quickLog.roleOf', { name: newcomerName }) });
    await newcomerRole.waitFor();
    await act.tap(newcomerRole);
    await newcomerRole.selectOption('speaker');
    if (phone) {
      await dialog.getByRole('combobox', { name: tr(language, 'quickLog.roleOf', { name: first.full_name }) }).scrollIntoViewIfNeeded();
      await shot(page, `quick-log-390-${language}-who`, { dialog: true });
    }

    // Two follow-ups: the ministry owes the first, we owe the second.
    await act.tap(dialog.getByRole('button', { name: text(language, 'logInteraction.addFollowUp') }));
    await act.type(dialog.getByRole('textbox', { name: tr(language, 'logInteraction.followUpTitle', { n: 1 }) }), theirs);
    await act.tap(dialog.getByText(text(language, 'commitment.directions.theirs')).first());
    await expect.poll(() => dialog.getByRole('combobox', { name: tr(language, 'quickLog.owedBy', { n: 1 }) }).inputValue()).toContain(MINISTRY);
    await act.tap(dialog.getByRole('button', { name: text(language, 'logInteraction.addFollowUp') }));
    await act.type(dialog.getByRole('textbox', { name: tr(language, 'logInteraction.followUpTitle', { n: 2 }) }), ours);
    if (phone) await shot(page, `quick-log-390-${language}`, { dialog: true });
    await act.tap(dialog.getByRole('button', { name: text(language, 'logInteraction.save') }));
    await dialog.waitFor({ state: 'hidden' });
    const seconds = (Date.now() - started) / 1000;
    timings.push(
      `${language} ${size}: ${seconds.toFixed(1)} s, ${act.n.keys} keys (${subject.length + theirs.length + ours.length + newcomerName.length} of them the subject, titles and new name), ${act.n.taps} ${phone ? 'taps' : 'clicks'}`,
    );

    // Recorded as it happened: the people with their roles, the follow-ups with direction and counterpart.
    const list = await api<{ items: { id: number; subject: string }[] }>(context, `/api/v1/interactions?organization_id=${ministryId}&limit=100`);
    const logged = list.items.filter((i) => i.subject === subject);
    expect(logged).toHaveLength(1);
    const record = await api<{ participants: { organization_id: number | null; contact_id: number | null; role: string; name: string | null }[] }>(
      context,
      `/api/v1/interactions/${logged[0]!.id}`,
    );
    expect(record.participants).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ organization_id: ministryId, role: 'participant' }),
        expect.objectContaining({ contact_id: first.id, role: 'host' }),
        expect.objectContaining({ name: newcomerName, role: 'speaker' }),
      ]),
    );
    const commitments = await api<{ items: { title: string; direction: string; counterpart_organization_id: number | null }[] }>(
      context,
      `/api/v1/commitments?organization_id=${ministryId}&limit=100`,
    );
    expect(commitments.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ title: theirs, direction: 'theirs', counterpart_organization_id: ministryId }),
        expect.objectContaining({ title: ours, direction: 'ours', counterpart_organization_id: ministryId }),
      ]),
    );
    // And the ministry's page shows what it owes.
    await page.goto(`${server.baseURL}/organizations/${ministryId}`);
    await page.getByText(theirs).first().waitFor();
    if (!phone) await shot(page, `quick-log-ministry-1366-${language}`);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('keeps the log on the phone while offline and sends it once when the connection returns', async () => {
    const { context, page } = await officer('en', PHONE);
    const subject = 'Corridor talk with no signal';
    const dialog = await openLog(page, 'en', (l) => l.tap());
    await dialog.getByRole('textbox', { name: startsWith(text('en', 'logInteraction.subject')) }).fill(subject);
    await context.setOffline(true);
    await dialog.getByRole('button', { name: text('en', 'logInteraction.save') }).tap();
    await page.getByText(text('en', 'quickLog.queued')).waitFor();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => page.evaluate(waitingInOutbox)).toBe(1);
    await shot(page, 'quick-log-offline-390-en');
    await dismissNotifications(page);

    await context.setOffline(false);
    await expect.poll(() => loggedWith(context, subject), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => page.evaluate(waitingInOutbox)).toBe(0);
    // Arrived once, and stays once.
    await page.waitForTimeout(1_000);
    expect(await loggedWith(context, subject)).toBe(1);
    await context.close();
  });

  it('grows the summary with its lines, from three to eight, then scrolls it', async () => {
    for (const [language, device] of [['en', DESKTOP], ['ar', PHONE]] as const) {
      const { context, page } = await officer(language, device);
      const dialog = await openLog(page, language, (l) => l.click());
      const summary = dialog.getByRole('textbox', { name: startsWith(text(language, 'logInteraction.summary')) });
      const box = () => summary.evaluate((el: HTMLTextAreaElement) => ({ height: el.getBoundingClientRect().height, line: parseFloat(getComputedStyle(el).lineHeight), scrolls: el.scrollHeight > el.clientHeight }));
      const lines = (n: number) => Array.from({ length: n }, (_, i) => `Line ${i + 1}`).join('\n');
      const empty = await box();
      await summary.fill(lines(5));
      const five = await box();
      await summary.fill(lines(20));
      const twenty = await box();
      await summary.fill(lines(2));
      const two = await box();
      // Three lines at least, eight at most (padding and border aside), then the box scrolls.
      expect(two.height, language).toBeCloseTo(empty.height, 0);
      expect(five.height - empty.height, language).toBeCloseTo(2 * empty.line, 0);
      expect(twenty.height - empty.height, language).toBeCloseTo(5 * empty.line, 0);
      expect([five.scrolls, twenty.scrolls], language).toEqual([false, true]);
      await summary.fill('');
      await page.keyboard.press('Escape');
      await context.close();
    }
  });

  it('draws a typed key’s own field again, not the whole form', async () => {
    const { context, page } = await officer('en', PHONE);
    // Per commit, how many components it drew (new props or state since the
    // commit before), and how many the page holds.
    await recordReactCommits(page);
    const commits = () => reactCommits(page);
    await page.goto(`${server.baseURL}/organizations/${ministryId}`);
    await page.getByRole('heading', { level: 1, name: MINISTRY }).waitFor();
    await page.waitForTimeout(300);
    const closed = (await commits()).at(-1)!.held;
    const dialog = await openLog(page, 'en', (l) => l.tap());
    const summary = dialog.getByRole('textbox', { name: startsWith(text('en', 'logInteraction.summary')) });
    await summary.tap();
    await page.waitForTimeout(300);
    const open = (await commits()).at(-1)!.held;
    const form = open - closed;
    const from = (await commits()).length;
    await summary.pressSequentially('Agreed', { delay: 30 });
    await expect.poll(() => summary.inputValue()).toBe('Agreed');
    const typing = (await commits()).slice(from).map((c) => c.drawn);
    expect(typing.length).toBeGreaterThanOrEqual(6);
    // Each key redraws the summary and the form's frame, a fraction of what the dialog holds.
    const most = Math.max(...typing);
    expect(form, 'components the open log added').toBeGreaterThan(150);
    expect(most, `components drawn per key: ${typing.join(', ')} of the ${form} the log holds`).toBeLessThan(form / 4);
    await summary.fill('');
    await context.close();
  });

  it('asks before Escape throws away what was typed, and brings it back as a draft', async () => {
    const { context, page } = await officer('en', DESKTOP);
    let dialog = await openLog(page, 'en', (l) => l.click());
    await dialog.getByRole('textbox', { name: startsWith(text('en', 'logInteraction.subject')) }).fill('Half-written notes');
    await page.keyboard.press('Escape');
    const ask = page.getByRole('dialog', { name: text('en', 'quickLog.closeTitle') });
    await ask.waitFor();
    // Escape on the question goes back to the form, with what was typed.
    await page.keyboard.press('Escape');
    await ask.waitFor({ state: 'hidden' });
    const subject = dialog.getByRole('textbox', { name: startsWith(text('en', 'logInteraction.subject')) });
    expect(await subject.inputValue()).toBe('Half-written notes');
    await subject.focus();
    await page.keyboard.press('Escape');
    await ask.waitFor();
    await ask.getByRole('button', { name: text('en', 'quickLog.closeConfirm') }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.keyboard.press('l');
    dialog = page.getByRole('dialog', { name: text('en', 'logInteraction.title') });
    expect(await dialog.getByRole('textbox', { name: startsWith(text('en', 'logInteraction.subject')) }).inputValue()).toBe('Half-written notes');
    await dialog.getByRole('button', { name: text('en', 'quickLog.discardDraft') }).click();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await context.close();
  });
});

/** The number of requests waiting in this page's outbox (IndexedDB). */
function waitingInOutbox(): Promise<number> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('liaison-offline');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('outbox')) return resolve(0);
      const count = db.transaction('outbox').objectStore('outbox').count();
      count.onsuccess = () => resolve(count.result);
      count.onerror = () => reject(count.error);
    };
  });
}
