import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startServer, type RunningServer } from './server';
import { BINARY, cannotRun, chooseLanguage, dismissNotifications, expectAccessible, launchBrowser, readToTheEnd, settled, shot, signIn, text } from './support';

// Commitments that can be corrected and read in context, on the demo data:
// an officer corrects one from its row in Bosnian, the record opens from the
// dashboard, a viewer is offered nothing they cannot use, the review says
// which office each item belongs to; at desktop and phone widths, in English
// and Arabic, with no page wider than the window.

const OFFICER = 'officer@demo.liaison';
const MANAGER = 'manager@demo.liaison';
const VIEWER = 'viewer@demo.liaison';

interface Commitment {
  id: number;
  version: number;
  title: string;
  office_id: number;
  owner_id: number;
  status: string;
  direction: string;
  due_date: string | null;
  counterpart_organization_id: number | null;
}
interface Organization {
  id: number;
  name: string;
  acronym: string;
}

/**
 * The page's width beyond the window, in px (0 when nothing sticks out).
 * Measured against the width asked for: a phone's layout viewport widens to
 * fit what sticks out, and would hide it from `innerWidth`.
 */
async function overflow(page: Page): Promise<number> {
  await settled(page);
  const asked = page.viewportSize()!.width;
  return page.evaluate((width) => Math.max(document.documentElement.scrollWidth, window.innerWidth) - width, asked);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe.skipIf(cannotRun)('commitments on the demo data', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  async function open(email: string, viewport = { width: 1366, height: 900 }, phone = false): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: 'en-GB', ...(phone ? { isMobile: true, hasTouch: true } : {}) });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(`${email}: ${error.message}`));
    await signIn(page, server.baseURL, email, DEMO_PASSWORD);
    await page.getByRole('heading', { level: 1 }).waitFor();
    return page;
  }

  async function api<R>(page: Page, path: string): Promise<R> {
    const response = await page.request.get(`${server.baseURL}${path}`);
    expect(response.status(), path).toBe(200);
    return (await response.json()) as R;
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

  let corrected: Commitment;
  let newOrg: Organization;

  it('an officer corrects title, due date (typed in Bosnian order), direction and counterpart from the row, and sees them after a reload', async () => {
    const page = await open(OFFICER);
    await chooseLanguage(page, 'bs');
    const bs = (key: string) => text('bs', key);
    const me = await api<{ id: number; office_id: number }>(page, '/api/v1/auth/me');
    const mine = await api<{ items: Commitment[] }>(page, `/api/v1/commitments?office_id=${me.office_id}&status=open,in_progress&direction=ours&limit=200`);
    const unique = mine.items.filter((c) => c.counterpart_organization_id && mine.items.filter((d) => d.title === c.title).length === 1);
    const target = unique[0]!;
    expect(target).toBeDefined();
    const orgs = await api<{ items: Organization[] }>(page, '/api/v1/organizations?limit=50&sort=name');
    newOrg = orgs.items.find((o) => o.id !== target.counterpart_organization_id && /^[A-Za-z ]+$/.test(o.name))!;
    expect(newOrg).toBeDefined();

    await page.goto(`${server.baseURL}/commitments?q=${encodeURIComponent(target.title)}`);
    const table = page.getByRole('table', { name: bs('commitments.title') });
    const row = table.locator('tbody tr', { hasText: target.title });
    await row.first().waitFor();
    // With whom: the counterpart's name is on the row.
    await expect.poll(() => row.first().getByTestId('with-whom').innerText()).not.toBe('');
    await row.first().getByRole('button', { name: bs('commitmentEdit.editNamed').replace('{{title}}', target.title) }).click();
    const dialog = page.getByRole('dialog', { name: bs('commitmentEdit.title') });
    await dialog.waitFor();
    const newTitle = `${target.title} (ispravljeno)`;
    await dialog.getByRole('textbox', { name: bs('records.titleColumn') }).fill(newTitle);
    const due = dialog.getByRole('textbox', { name: bs('commitments.dueDate'), exact: true });
    await due.fill('');
    await due.pressSequentially('18.12.2026');
    await due.blur();
    await expect.poll(() => due.inputValue()).toBe('18.12.2026.');
    await dialog.locator('label', { hasText: bs('commitment.directions.theirs') }).click();
    const orgBox = dialog.getByLabel(bs('commitmentFilters.organization'), { exact: true });
    await orgBox.click();
    await orgBox.fill(newOrg.name);
    await page.getByRole('option', { name: new RegExp(`^${escape(newOrg.name)}`) }).first().click();
    await shot(page, 'commitment-edit-bs', { dialog: true });
    await dialog.getByRole('button', { name: bs('common.save') }).click();
    await dialog.waitFor({ state: 'detached' });
    await dismissNotifications(page);

    corrected = await api<Commitment>(page, `/api/v1/commitments/${target.id}`);
    expect(corrected).toMatchObject({ title: newTitle, due_date: '2026-12-18', direction: 'theirs', counterpart_organization_id: newOrg.id });
    expect(corrected.version).toBe(target.version + 1);

    // After a reload, the row says so: found under its new counterpart.
    await page.goto(`${server.baseURL}/commitments?organization_id=${newOrg.id}`);
    await page.reload();
    const after = page.getByRole('table', { name: bs('commitments.title') }).locator('tbody tr', { hasText: newTitle });
    await after.first().waitFor();
    await expect.poll(() => after.first().innerText()).toContain(bs('commitment.directions.theirs'));
    await expect.poll(() => after.first().getByTestId('with-whom').innerText()).toContain(newOrg.name);
    await expect.poll(() => after.first().innerText()).toMatch(/18\. ?(12\.|dec|pro)/i);
    await expectAccessible(page);
    await shot(page, 'commitments-corrected-bs');
    await chooseLanguage(page, 'en');
  });

  it('the dashboard’s items open their commitment’s page, and "See all" keeps to mine', async () => {
    const page = await open(OFFICER);
    await chooseLanguage(page, 'en');
    await page.goto(`${server.baseURL}/`);
    const section = page.getByRole('region', { name: text('en', 'dashboard.myCommitments') });
    await section.waitFor();
    const seeAll = section.getByRole('link', { name: text('en', 'dashboard.seeAll') });
    const me = await api<{ id: number }>(page, '/api/v1/auth/me');
    const href = new URL((await seeAll.getAttribute('href'))!, server.baseURL);
    expect(href.searchParams.get('owner_id')).toBe(String(me.id));
    const first = section.locator('a[href^="/commitments/"]').first();
    const title = (await first.locator('[dir="auto"]').first().innerText()).trim();
    await first.click();
    await page.waitForURL(/\/commitments\/\d+$/);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.getByRole('heading', { name: text('en', 'commitmentPage.facts') }).waitFor();
    await readToTheEnd(page);
    await page.getByRole('heading', { name: text('en', 'commitmentPage.history') }).waitFor();
    await expectAccessible(page);
    await shot(page, 'commitment-page-en');
    // Its status is live for an officer of its office.
    await expect.poll(() => page.getByRole('combobox', { name: `Status of ${title}` }).isEnabled()).toBe(true);
  });

  it('a viewer sees no control they cannot use', async () => {
    const page = await open(VIEWER);
    await chooseLanguage(page, 'en');
    await page.goto(`${server.baseURL}/commitments`);
    const table = page.getByRole('table', { name: text('en', 'commitments.title') });
    await table.locator('tbody tr[data-index]').first().waitFor();
    await page.getByText(text('en', 'permissions.readOnlyCommitments')).waitFor();
    expect(await table.locator('select').count()).toBe(0);
    expect(await table.getByRole('button', { name: /^Edit / }).count()).toBe(0);
    expect(await page.getByRole('checkbox', { name: /^Select / }).count()).toBe(0);
    // Their page: facts, no status control, no Edit.
    await table.locator('tbody tr[data-index] a[href^="/commitments/"]').first().click();
    await page.waitForURL(/\/commitments\/\d+$/);
    await page.getByRole('heading', { name: text('en', 'commitmentPage.facts') }).waitFor();
    expect(await page.locator('main select').count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Edit / }).count()).toBe(0);
    await shot(page, 'commitment-page-viewer-en');
    // The board offers no moves either.
    await page.goto(`${server.baseURL}/commitments?view=board`);
    await page.getByRole('list', { name: text('en', 'board.label') }).waitFor();
    expect(await page.getByRole('button', { name: /^Move / }).count()).toBe(0);
  });

  it('an officer of another office sees this office’s status disabled, with the reason', async () => {
    const page = await open('officer.iraq@demo.liaison');
    await chooseLanguage(page, 'en');
    const me = await api<{ office_id: number }>(page, '/api/v1/auth/me');
    const others = await api<{ items: Commitment[] }>(page, `/api/v1/commitments?status=open&limit=200`);
    const foreign = others.items.find((c) => c.office_id !== me.office_id && others.items.filter((d) => d.title === c.title).length === 1)!;
    expect(foreign).toBeDefined();
    await page.goto(`${server.baseURL}/commitments/${foreign.id}`);
    const status = page.getByRole('combobox', { name: `Status of ${foreign.title}` });
    await status.waitFor();
    expect(await status.isDisabled()).toBe(true);
    const described = await status.evaluate((el) =>
      (el.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' '),
    );
    expect(described).toContain(text('en', 'permissions.reason.otherOffice'));
  });

  it('the review labels each overdue item with its office, scoped to the manager’s office with a visible filter', async () => {
    const page = await open(MANAGER);
    await chooseLanguage(page, 'en');
    await page.goto(`${server.baseURL}/review`);
    const me = await api<{ office_id: number }>(page, '/api/v1/auth/me');
    const offices = await api<{ items: { id: number; name: string }[] }>(page, '/api/v1/offices');
    const mine = offices.items.find((o) => o.id === me.office_id)!;
    await expect.poll(() => page.getByLabel(text('en', 'reviewScope.office')).first().inputValue()).toBe(mine.name);
    const list = page.getByRole('table', { name: text('en', 'review.overdueList') });
    await list.waitFor();
    const labels = list.getByTestId('office-label');
    await labels.first().waitFor();
    for (const label of await labels.all()) expect(await label.innerText()).toBe(mine.name);
    // Every office: labels name more than one office.
    await page.getByLabel(text('en', 'reviewScope.office')).first().click();
    await page.getByRole('option', { name: text('en', 'reviewScope.allOffices') }).click();
    await page.waitForURL(/office=all/);
    await expect.poll(async () => new Set(await list.getByTestId('office-label').allInnerTexts()).size).toBeGreaterThan(1);
    await expectAccessible(page);
    await shot(page, 'review-offices-en');
  });

  for (const language of ['en', 'ar'] as const) {
    it(`at 1366 px in ${language}: the register, a commitment and the review`, async () => {
      const page = await open(MANAGER);
      await chooseLanguage(page, language);
      await page.goto(`${server.baseURL}/commitments`);
      await page.getByRole('table', { name: text(language, 'commitments.title') }).locator('tbody tr[data-index]').first().waitFor();
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await shot(page, `commitments-${language}`);
      await page.goto(`${server.baseURL}/commitments/${corrected.id}`);
      await page.getByRole('heading', { name: text(language, 'commitmentPage.facts') }).waitFor();
      await shot(page, `commitment-page-${language}`);
      await page.goto(`${server.baseURL}/review`);
      await page.getByRole('table', { name: text(language, 'review.overdueList') }).waitFor();
      await shot(page, `review-scoped-${language}`);
      await chooseLanguage(page, 'en');
    });

    it(`on a 390 px phone in ${language}: full-screen edit dialog, and no page wider than 360 px`, async () => {
      const page = await open(MANAGER, { width: 390, height: 844 }, true);
      await chooseLanguage(page, language);
      await page.goto(`${server.baseURL}/commitments/${corrected.id}`);
      await page.getByRole('heading', { name: text(language, 'commitmentPage.facts') }).waitFor();
      await shot(page, `commitment-page-phone-${language}`);
      await page.getByRole('button', { name: text(language, 'commitmentEdit.editNamed').replace('{{title}}', corrected.title) }).click();
      const dialog = page.getByRole('dialog', { name: text(language, 'commitmentEdit.title') });
      await dialog.waitFor();
      await settled(page);
      const box = (await dialog.boundingBox())!;
      expect(Math.round(box.width)).toBe(390);
      await shot(page, `commitment-edit-phone-${language}`, { dialog: true });
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });

      await page.goto(`${server.baseURL}/commitments`);
      // On a phone the list's rows are cards.
      await page.getByRole('list', { name: text(language, 'commitments.title') }).locator('li[data-index]').first().waitFor();
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await shot(page, `commitments-phone-${language}`);
      await page.goto(`${server.baseURL}/review`);
      await page.getByRole('table', { name: text(language, 'review.overdueList') }).waitFor();
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await shot(page, `review-phone-${language}`);

      // At 360 px, in a plain window (scrollWidth against innerWidth, as a desktop browser measures it).
      const narrow = await open(MANAGER, { width: 360, height: 780 });
      const wide: string[] = [];
      for (const path of ['/commitments', `/commitments/${corrected.id}`, '/review', '/commitments?view=board', '/']) {
        await narrow.goto(`${server.baseURL}${path}`);
        await narrow.getByRole('heading', { level: 1 }).waitFor();
        await narrow.waitForLoadState('networkidle');
        await settled(narrow);
        const measured = await narrow.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
        if (measured.scrollWidth > measured.innerWidth) wide.push(`${path}: ${measured.scrollWidth} px in ${measured.innerWidth}`);
      }
      expect(wide).toEqual([]);
      await chooseLanguage(page, 'en');
    });
  }

  it('raised no errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
