import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startServer, type RunningServer } from './server';
import { BINARY, SCREENSHOTS, cannotRun, chooseLanguage, dismissNotifications, launchBrowser, shot, signIn, text, type Language } from './support';

// Data out, as a manager of the demo's office uses it: the briefing pack of
// the study visit printed to PDF (its text read back with pdftotext), the
// calendar feed made on the security page, fetched as a calendar program
// does and revoked, and a contact saved as a card. Then the new screens at
// desktop and phone width, in English and Arabic.

const MANAGER = 'manager@demo.liaison';

describe.skipIf(cannotRun)('contact cards, calendar feeds and the briefing pack', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  let visit: { id: number; title: string };

  async function open(language: Language, width: number): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: language === 'ar' ? 'ar' : 'en-GB' });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await signIn(page, server.baseURL, MANAGER, DEMO_PASSWORD);
    await chooseLanguage(page, language);
    return page;
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

  it('prints the briefing pack of a visit to PDF', async () => {
    const page = await open('en', 1280);
    const visits = (await (await page.request.get(`${server.baseURL}/api/v1/visits?limit=1&kind=study_visit&q=committee`)).json()) as {
      items: { id: number; title: string }[];
    };
    visit = visits.items[0]!;
    await page.goto(`${server.baseURL}/visits/${visit.id}`);
    await page.getByRole('link', { name: text('en', 'briefing.print') }).click();
    await page.waitForURL(/\/visits\/\d+\/briefing\?tz=/);
    await page.locator('[data-briefing-page]').waitFor();
    await page.getByRole('heading', { name: text('en', 'briefing.organizations') }).waitFor();

    const briefing = (await (await page.request.get(`${server.baseURL}/api/v1/visits/${visit.id}/briefing`)).json()) as {
      people: { name: string | null; title: string }[];
      organizations: { name: string; last_interactions: { subject: string }[] }[];
    };
    const pdf = await page.pdf({ format: 'A4', printBackground: false });
    const dir = mkdtempSync(join(tmpdir(), 'liaison-briefing-'));
    writeFileSync(join(dir, 'briefing.pdf'), pdf);
    writeFileSync(join(SCREENSHOTS, 'briefing-en.pdf'), pdf);
    const printed = execFileSync('pdftotext', ['-layout', join(dir, 'briefing.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ').toLowerCase();
    // Compared without case: headings print in capitals.
    for (const expected of [
      visit.title,
      text('en', 'briefing.title'),
      text('en', 'briefing.keyFacts'),
      text('en', 'briefing.itinerary'),
      text('en', 'briefing.people'),
      text('en', 'briefing.organizations'),
      ...briefing.people.flatMap((p) => (p.name ? [p.name] : [])).slice(0, 3),
      ...briefing.organizations.slice(0, 2).map((o) => o.name),
    ]) {
      expect(printed).toContain(expected.replace(/\s+/g, ' ').toLowerCase());
    }
    // The frame and the screen's controls are not printed.
    expect(printed).not.toContain(text('en', 'briefing.print').toLowerCase());
    expect(printed).not.toContain(text('en', 'nav.contacts').toLowerCase());
    expect(briefing.organizations.some((o) => o.last_interactions.length > 0)).toBe(true);
    // More than one A4 page: the counterparts start on a page of their own.
    expect(execFileSync('pdfinfo', [join(dir, 'briefing.pdf')], { encoding: 'utf8' })).toMatch(/Pages:\s+([2-9]|\d\d)/);
    await shot(page, 'briefing-en-1280');
  });

  it('makes, uses and revokes a calendar feed from the security page', async () => {
    const page = await open('en', 1280);
    await page.goto(`${server.baseURL}/account/security`);
    await page.getByRole('button', { name: text('en', 'calendar.create') }).click();
    const address = (await page.getByTestId('calendar-feed-url').textContent())!.trim();
    expect(address).toMatch(new RegExp(`^${server.baseURL}/calendar/lcal_[A-Za-z0-9_-]+\\.ics$`));
    await shot(page, 'calendar-feed-en-1280');

    // A calendar program: no cookie, no session.
    const feed = await fetch(address);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toContain('text/calendar');
    const body = await feed.text();
    expect(body.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(body).toContain('BEGIN:VEVENT');

    await page.getByRole('button', { name: text('en', 'calendar.done') }).click();
    await page.getByRole('button', { name: text('en', 'calendar.revoke') }).click();
    await page.getByRole('dialog').getByRole('button', { name: text('en', 'calendar.revoke') }).click();
    await page.getByTestId('calendar-feed-state').filter({ hasText: text('en', 'calendar.none') }).waitFor();
    expect((await fetch(address)).status).toBe(404);
    await dismissNotifications(page);
  });

  it('saves a contact as a card', async () => {
    const page = await open('en', 1280);
    const contacts = (await (await page.request.get(`${server.baseURL}/api/v1/contacts?limit=1&q=head`)).json()) as { items: { id: number }[] };
    const id = contacts.items[0]?.id ?? 1;
    await page.goto(`${server.baseURL}/contacts/${id}`);
    const link = page.getByRole('link', { name: text('en', 'cards.save') });
    const href = await link.getAttribute('href');
    expect(href).toBe(`/api/v1/contacts/${id}/vcard`);
    const card = await page.request.get(`${server.baseURL}${href}`);
    expect(card.headers()['content-type']).toBe('text/vcard; charset=utf-8');
    expect(await card.text()).toMatch(/^BEGIN:VCARD\r\nVERSION:3.0\r\n/);
  });

  it('shows the briefing pack and the calendar section on a phone and in Arabic', async () => {
    for (const [language, width] of [
      ['ar', 1280],
      ['en', 360],
      ['ar', 360],
    ] as const) {
      const page = await open(language, width);
      await page.goto(`${server.baseURL}/visits/${visit.id}/briefing`);
      await page.getByRole('heading', { name: text(language, 'briefing.organizations') }).waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(1);
      await shot(page, `briefing-${language}-${width}`);
      await page.goto(`${server.baseURL}/account/security`);
      await page.getByText(text(language, 'calendar.howTitle')).waitFor();
      await page.getByText(text(language, 'calendar.howTitle')).scrollIntoViewIfNeeded();
      await shot(page, `calendar-feed-${language}-${width}`);
    }
    expect(pageErrors).toEqual([]);
  });
});
