import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startServer, type RunningServer } from './server';
import { BINARY, cannotRun, chooseLanguage, dismissNotifications, expectAccessible, launchBrowser, shot, signIn, text } from './support';

const MANAGER = 'manager@demo.liaison';
const T = (key: string) => text('en', key);

interface Commitment {
  id: number;
  version: number;
  title: string;
  owner_id: number;
  status: string;
  overdue: boolean;
  closure_note: string;
}

describe.skipIf(cannotRun)('the manager’s review on the demo data', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const api = async <R>(path: string): Promise<R> => {
    const response = await page.request.get(`${server.baseURL}${path}`);
    expect(response.status(), path).toBe(200);
    return (await response.json()) as R;
  };

  beforeAll(async () => {
    server = await startServer(BINARY, { demo: true });
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-GB' });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await signIn(page, server.baseURL, MANAGER, DEMO_PASSWORD);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await chooseLanguage(page, 'en');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  let owner = { id: 0, name: '' };
  let moved: Commitment[] = [];
  let target = { id: 0, name: '' };

  it('shows the overdue count and a chart, and a bar leads to that owner’s overdue list', async () => {
    await page.goto(`${server.baseURL}/review`);
    await page.getByRole('heading', { name: T('review.title'), level: 1 }).waitFor();
    // A manager's review opens on their own office.
    const { office_id: office } = await api<{ office_id: number }>('/api/v1/auth/me');
    const review = await api<{ totals: { overdue: number }; by_owner: { key: string; label: string; overdue: number; due_7: number; due_30: number }[] }>(
      `/api/v1/review/commitments?office_id=${office}`,
    );
    expect(review.totals.overdue).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('overdue-count').innerText()).toContain(String(review.totals.overdue));

    const chart = page.getByTestId('review-chart');
    await chart.locator('[data-chart-bar]').first().waitFor();
    await page.getByRole('heading', { name: T('reviewCharts.title.owner') }).waitFor();
    await expectAccessible(page);
    await shot(page, 'review-en');

    // The owner of the manager's office with the most overdue commitments: the
    // manager may reassign only those. Bars follow the chart's order (most overdue first).
    const me = await api<{ office_id: number }>('/api/v1/auth/me');
    const users = await api<{ items: { id: number; office_id: number }[] }>('/api/v1/users?limit=200');
    const ours = new Set(users.items.filter((u) => u.office_id === me.office_id).map((u) => String(u.id)));
    const ordered = review.by_owner
      .filter((g) => g.overdue + g.due_7 + g.due_30 > 0)
      .sort((a, b) => b.overdue - a.overdue || b.due_7 - a.due_7 || b.due_30 - a.due_30 || a.label.localeCompare(b.label));
    const index = ordered.findIndex((g) => ours.has(g.key) && g.overdue >= 2);
    expect(index).toBeGreaterThanOrEqual(0);
    const top = ordered[index]!;
    owner = { id: Number(top.key), name: top.label };
    // The first series is "Overdue".
    await chart.locator('[data-chart-bar="overdue"]').nth(index).click();
    await page.waitForURL((url) => url.pathname === '/commitments' && url.searchParams.get('overdue') === 'true' && url.searchParams.get('owner_id') === String(owner.id));
    const table = page.getByRole('table', { name: T('commitments.title') });
    // The table draws only the rows near the viewport; aria-rowcount counts them all (and the header row).
    const rows = table.locator('tbody tr[data-index]');
    await rows.first().waitFor();
    const listed = await api<{ items: Commitment[]; total: number }>(`/api/v1/commitments?owner_id=${owner.id}&overdue=true&count=true&limit=50`);
    expect(listed.total).toBe(top.overdue);
    await expect.poll(() => table.getAttribute('aria-rowcount')).toBe(String(Math.min(listed.total, 50) + 1));
    for (const row of await rows.all()) {
      await expect.poll(() => row.innerText()).toContain(T('commitment.overdue'));
      await expect.poll(() => row.innerText()).toContain(owner.name);
    }
    // The filters show what the address says.
    await expect.poll(() => page.getByRole('switch', { name: T('commitments.overdueOnly') }).isChecked()).toBe(true);
  });

  it('reassigns two commitments to another user of the office', async () => {
    const users = await api<{ items: { id: number; name: string; office_id: number; active: boolean; role: string }[] }>('/api/v1/users?limit=200');
    const me = await api<{ id: number; office_id: number }>('/api/v1/auth/me');
    const candidates = users.items.filter((u) => u.active && u.office_id === me.office_id && u.role !== 'viewer' && u.id !== owner.id);
    target = candidates.find((u) => u.role === 'manager') ?? candidates[0]!;
    const table = page.getByRole('table', { name: T('commitments.title') });
    const listed = await api<{ items: Commitment[] }>(`/api/v1/commitments?owner_id=${owner.id}&overdue=true&sort=due_date&limit=50`);
    moved = listed.items.filter((c) => listed.items.filter((d) => d.title === c.title).length === 1).slice(0, 2);
    expect(moved).toHaveLength(2);
    for (const c of moved) await table.getByRole('checkbox', { name: `Select ${c.title}` }).check();
    await page.getByText('2 selected').waitFor();
    await page.getByRole('button', { name: 'Reassign…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reassign commitments' });
    await dialog.getByLabel('New owner', { exact: false }).first().click();
    await page.getByRole('option', { name: target.name }).click();
    await dialog.getByRole('button', { name: 'Reassign 2 commitments' }).click();
    await page.getByText(`2 commitments reassigned to ${target.name}.`).waitFor();
    await dialog.waitFor({ state: 'detached' });
    for (const c of moved) {
      const now = await api<Commitment>(`/api/v1/commitments/${c.id}`);
      expect(now.owner_id).toBe(target.id);
      // They left this owner's list.
      await table.getByText(c.title, { exact: true }).waitFor({ state: 'detached' });
    }
    await dismissNotifications(page);
  });

  it('closes one on the board with a closure note', async () => {
    await page.goto(`${server.baseURL}/commitments?owner_id=${target.id}&overdue=true&view=board`);
    const board = page.getByRole('list', { name: 'Commitments by status' });
    await board.waitFor();
    const theirs = await api<{ items: Commitment[] }>(`/api/v1/commitments?owner_id=${target.id}&overdue=true&limit=50`);
    const card = moved.find((c) => theirs.items.filter((d) => d.title === c.title).length === 1)!;
    expect(card).toBeDefined();
    await board.getByText(card.title, { exact: true }).waitFor();
    await expectAccessible(page);
    await shot(page, 'commitments-board-en');
    await page.getByRole('button', { name: `Move ${card.title}` }).click();
    await page.getByRole('menuitem', { name: T('commitment.statuses.done') }).click();
    const dialog = page.getByRole('dialog', { name: T('commitments.closeTitle') });
    await dialog.getByRole('textbox', { name: T('commitments.closureNote') }).fill('Sent to the committee on 26 November.');
    await dialog.getByRole('button', { name: T('commitments.markDone') }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText(`“${card.title}” is done.`).waitFor();
    // Done is no longer overdue: the card leaves this overdue-only board.
    await board.getByText(card.title, { exact: true }).waitFor({ state: 'detached' });
    const closed = await api<Commitment>(`/api/v1/commitments/${card.id}`);
    expect(closed.status).toBe('done');
    expect(closed.closure_note).toBe('Sent to the committee on 26 November.');
    await dismissNotifications(page);
  });

  it('lists key stakeholders nobody has met, with a days selector', async () => {
    await page.goto(`${server.baseURL}/review?tab=stale`);
    const section = page.getByRole('region', { name: T('stale.title') });
    await section.waitFor();
    await section.locator('label', { hasText: '180 days' }).click();
    await page.waitForURL(/days=180/);
    // The page opens on the reader's own office, as the review does.
    const { office_id: office } = await api<{ office_id: number }>('/api/v1/auth/me');
    const stale = await api<{ items: { organization: { id: number; name: string }; last_held_at: string | null }[] }>(
      `/api/v1/review/stale?days=30&office_id=${office}`,
    );
    await section.locator('label', { hasText: /^30 days$/ }).click();
    await page.waitForURL(/days=30/);
    if (stale.items.length) {
      const first = stale.items[0]!;
      await section.getByRole('link', { name: new RegExp(first.organization.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).first().waitFor();
      if (stale.items.some((s) => !s.last_held_at)) await section.getByText(T('stale.neverMet')).first().waitFor();
    }
    await expectAccessible(page);
    await shot(page, 'review-stale-en');
  });

  it('a country leads to the list filtered by that country, as the review counts it', async () => {
    await page.goto(`${server.baseURL}/review?by=country`);
    await page.getByRole('heading', { name: T('reviewCharts.title.country') }).waitFor();
    const { office_id: office } = await api<{ office_id: number }>('/api/v1/auth/me');
    const review = await api<{ by_country: { key: string | null; overdue: number }[] }>(`/api/v1/review/commitments?office_id=${office}`);
    const table = page.getByRole('table', { name: `${T('reviewCharts.title.country')}, as a table` });
    await table.getByRole('link', { name: / — Overdue: / }).first().click();
    await page.waitForURL(
      (url) =>
        url.pathname === '/commitments' &&
        url.searchParams.get('overdue') === 'true' &&
        url.searchParams.get('office_id') === String(office) &&
        /^[A-Z]{2}$/.test(url.searchParams.get('country_code') ?? ''),
    );
    const country = new URL(page.url()).searchParams.get('country_code')!;
    const group = review.by_country.find((g) => g.key === country)!;
    expect(group.overdue).toBeGreaterThan(0);
    await expect.poll(() => page.getByLabel(T('commitmentFilters.country')).first().inputValue()).not.toBe('');
    const commitments = page.getByRole('table', { name: T('commitments.title') });
    await expect.poll(() => commitments.getAttribute('aria-rowcount')).toBe(String(Math.min(group.overdue, 50) + 1));
  });

  for (const language of ['ar', 'bs'] as const) {
    it(`shows the review and the board in ${language}`, async () => {
      await page.goto(`${server.baseURL}/review`);
      await chooseLanguage(page, language);
      await page.getByRole('heading', { name: text(language, 'review.title'), level: 1 }).waitFor();
      await page.getByTestId('review-chart').locator('[data-chart-bar]').first().waitFor();
      await page.getByRole('heading', { name: text(language, 'reviewCharts.title.owner') }).waitFor();
      await shot(page, `review-${language}`);
      await page.locator('label', { hasText: text(language, 'reviewCharts.by.country') }).click();
      await page.getByRole('heading', { name: text(language, 'reviewCharts.title.country') }).waitFor();
      await page.getByTestId('review-chart').locator('[data-chart-bar]').first().waitFor();
      await shot(page, `review-country-${language}`);
      if (language === 'ar') {
        // A window around today holds every stage of a commitment's life.
        const asOf = (await api<{ as_of: string }>('/api/v1/review/commitments')).as_of;
        const day = (n: number) => new Date(Date.parse(`${asOf}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
        await page.goto(`${server.baseURL}/commitments?view=board&status=all&due_after=${day(-40)}&due_before=${day(31)}`);
        await page.getByRole('list', { name: text(language, 'board.label') }).waitFor();
        await page.getByRole('heading', { name: text(language, 'commitment.statuses.in_progress'), level: 2 }).waitFor();
        await shot(page, 'commitments-board-ar');
      }
    });
  }

  it('raised no errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
