import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ar from '../src/i18n/ar.json';
import bs from '../src/i18n/bs.json';
import en from '../src/i18n/en.json';
import reviewAr from '../src/i18n/areas/review.ar.json';
import reviewBs from '../src/i18n/areas/review.bs.json';
import reviewEn from '../src/i18n/areas/review.en.json';
import { describeViolations, seriousViolations } from './axe';

const here = dirname(fileURLToPath(import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const BINARY = process.env.LIAISON_BIN ? resolve(process.env.LIAISON_BIN) : resolve(here, '../../bin/liaison');
const SCREENSHOTS = join(here, 'screenshots');
const LANGUAGES = { en: { ...en, ...reviewEn }, ar: { ...ar, ...reviewAr }, bs: { ...bs, ...reviewBs } } as const;
type Language = keyof typeof LANGUAGES;

const MANAGER = 'manager@demo.liaison';
const PASSWORD = 'liaison-demo-2026';

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}

/** `liaison demo` into a fresh SQLite file, then `liaison serve` on it; resolves once /readyz answers. */
async function startDemoServer() {
  const dir = mkdtempSync(join(tmpdir(), 'liaison-review-e2e-'));
  const env = { ...process.env, LIAISON_DB: `sqlite:${join(dir, 'liaison.db')}` };
  const demo = spawnSync(BINARY, ['demo'], { env, encoding: 'utf8' });
  if (demo.status !== 0) throw new Error(`liaison demo failed:\n${demo.stdout}\n${demo.stderr}`);
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  let output = '';
  const child: ChildProcess = spawn(BINARY, ['serve'], { env: { ...env, LIAISON_ADDR: `127.0.0.1:${port}` }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => {
        const timer = setTimeout(() => {
          child.kill('SIGKILL');
          r(null);
        }, 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          r(null);
        });
      });
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`liaison serve exited early:\n${output}`);
    try {
      if ((await fetch(`${baseURL}/readyz`, { signal: AbortSignal.timeout(2_000) })).status === 200) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`liaison serve did not become ready:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { baseURL, stop, logs: () => output };
}

async function settled(page: Page) {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
}

async function shot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await settled(page);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

async function expectAccessible(page: Page) {
  await settled(page);
  const violations = await seriousViolations(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

async function dismissNotifications(page: Page) {
  await page.evaluate(() => document.querySelectorAll<HTMLButtonElement>('.mantine-Notification-closeButton').forEach((b) => b.click()));
  await page.waitForFunction(() => document.querySelectorAll('.mantine-Notification-root').length === 0);
}

/** Picks the language from the account menu, as a person would (it is saved on the account). */
async function useLanguage(page: Page, language: Language) {
  await page.getByRole('button', { name: /Account menu|قائمة الحساب|Meni računa/ }).click();
  await page.getByRole('menuitem', { name: LANGUAGES[language].languages[language] }).click();
  await page.waitForSelector(`html[lang="${language}"][dir="${language === 'ar' ? 'rtl' : 'ltr'}"]`);
  await page.getByRole('menu').waitFor({ state: 'detached' });
}

interface Commitment {
  id: number;
  version: number;
  title: string;
  owner_id: number;
  status: string;
  overdue: boolean;
  closure_note: string;
}

const missing = [!existsSync(CHROMIUM) && `Chromium (${CHROMIUM})`, !existsSync(BINARY) && `the Liaison binary (${BINARY}; run \`make build\`)`].filter(Boolean);
if (missing.length) {
  const message = `Browser tests need ${missing.join(' and ')}.`;
  if (process.env.CI === 'true') throw new Error(message);
  console.warn(`Skipping browser tests: ${message}`);
}

describe.skipIf(missing.length > 0)('the manager’s review on the demo data', () => {
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const api = async <T>(path: string): Promise<T> => {
    const response = await page.request.get(`${server.baseURL}${path}`);
    expect(response.status(), path).toBe(200);
    return (await response.json()) as T;
  };

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-GB' });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.goto(`${server.baseURL}/login`);
    await page.getByLabel('Email').fill(MANAGER);
    await page.getByLabel('Password', { exact: false }).first().fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${server.baseURL}/`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await useLanguage(page, 'en');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  let owner = { id: 0, name: '' };
  let moved: Commitment[] = [];
  let target = { id: 0, name: '' };

  it('shows the overdue count and a chart, and a bar leads to that owner’s overdue list', async () => {
    const t = LANGUAGES.en;
    await page.goto(`${server.baseURL}/review`);
    await page.getByRole('heading', { name: t.review.title, level: 1 }).waitFor();
    const review = await api<{ totals: { overdue: number }; by_owner: { key: string; label: string; overdue: number; due_7: number; due_30: number }[] }>('/api/v1/review/commitments');
    expect(review.totals.overdue).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('overdue-count').innerText()).toContain(String(review.totals.overdue));

    const chart = page.getByTestId('review-chart');
    await chart.locator('.recharts-bar-rectangle').first().waitFor();
    await page.getByRole('heading', { name: t.reviewCharts.title.owner }).waitFor();
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
    await chart.locator('.recharts-bar').first().locator('.recharts-bar-rectangle').nth(index).click();
    await page.waitForURL((url) => url.pathname === '/commitments' && url.searchParams.get('overdue') === 'true' && url.searchParams.get('owner_id') === String(owner.id));
    const table = page.getByRole('table', { name: t.commitments.title });
    await table.locator('tbody tr').first().waitFor();
    const rows = table.locator('tbody tr');
    const listed = await api<{ items: Commitment[]; total: number }>(`/api/v1/commitments?owner_id=${owner.id}&overdue=true&count=true&limit=50`);
    expect(listed.total).toBe(top.overdue);
    await expect.poll(() => rows.count()).toBe(Math.min(listed.total, 50));
    for (const row of await rows.all()) {
      await expect.poll(() => row.innerText()).toContain(t.commitment.overdue);
      await expect.poll(() => row.innerText()).toContain(owner.name);
    }
    // The filters show what the address says.
    await expect.poll(() => page.getByRole('switch', { name: t.commitments.overdueOnly }).isChecked()).toBe(true);
  });

  it('reassigns two commitments to another user of the office', async () => {
    const t = LANGUAGES.en;
    const users = await api<{ items: { id: number; name: string; office_id: number; active: boolean; role: string }[] }>('/api/v1/users?limit=200');
    const me = await api<{ id: number; office_id: number }>('/api/v1/auth/me');
    const candidates = users.items.filter((u) => u.active && u.office_id === me.office_id && u.role !== 'viewer' && u.id !== owner.id);
    target = candidates.find((u) => u.role === 'manager') ?? candidates[0]!;
    const table = page.getByRole('table', { name: t.commitments.title });
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
    const t = LANGUAGES.en;
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
    await page.getByRole('menuitem', { name: t.commitment.statuses.done }).click();
    const dialog = page.getByRole('dialog', { name: t.commitments.closeTitle });
    await dialog.getByRole('textbox', { name: t.commitments.closureNote }).fill('Sent to the committee on 26 November.');
    await dialog.getByRole('button', { name: t.commitments.markDone }).click();
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
    const t = LANGUAGES.en;
    await page.goto(`${server.baseURL}/review?tab=stale`);
    const section = page.getByRole('region', { name: t.stale.title });
    await section.waitFor();
    await section.locator('label', { hasText: '180 days' }).click();
    await page.waitForURL(/days=180/);
    const stale = await api<{ items: { organization: { id: number; name: string }; last_held_at: string | null }[] }>('/api/v1/review/stale?days=30');
    await section.locator('label', { hasText: /^30 days$/ }).click();
    await page.waitForURL(/days=30/);
    if (stale.items.length) {
      const first = stale.items[0]!;
      await section.getByRole('link', { name: new RegExp(first.organization.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).first().waitFor();
      if (stale.items.some((s) => !s.last_held_at)) await section.getByText(t.stale.neverMet).first().waitFor();
    }
    await expectAccessible(page);
    await shot(page, 'review-stale-en');
  });

  it('a country leads to the list filtered by counterpart organizations of that country, and says so', async () => {
    const t = LANGUAGES.en;
    await page.goto(`${server.baseURL}/review?by=country`);
    await page.getByRole('heading', { name: t.reviewCharts.title.country }).waitFor();
    const table = page.getByRole('table', { name: `${t.reviewCharts.title.country}, as a table` });
    const link = table.getByRole('link', { name: / — Overdue: / }).first();
    await link.click();
    await page.waitForURL((url) => url.pathname === '/commitments' && url.searchParams.get('overdue') === 'true' && /^[A-Z]{2}$/.test(url.searchParams.get('country_code') ?? ''));
    const country = new URL(page.url()).searchParams.get('country_code')!;
    await page.getByText(t.commitmentFilters.countryNote).waitFor();
    const organizations = await api<{ items: { id: number }[] }>(`/api/v1/organizations?country_code=${country}&limit=200`);
    const expected = await api<{ total: number }>(`/api/v1/commitments?overdue=true&count=true&limit=1&organization_id=${organizations.items.map((o) => o.id).join(',')}`);
    const rows = page.getByRole('table', { name: t.commitments.title }).locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(Math.min(expected.total, 50));
  });

  for (const language of ['ar', 'bs'] as const) {
    it(`shows the review and the board in ${language}`, async () => {
      const t = LANGUAGES[language];
      await page.goto(`${server.baseURL}/review`);
      await useLanguage(page, language);
      await page.getByRole('heading', { name: t.review.title, level: 1 }).waitFor();
      await page.getByTestId('review-chart').locator('.recharts-bar-rectangle').first().waitFor();
      await page.getByRole('heading', { name: t.reviewCharts.title.owner }).waitFor();
      await shot(page, `review-${language}`);
      await page.locator('label', { hasText: t.reviewCharts.by.country }).click();
      await page.getByRole('heading', { name: t.reviewCharts.title.country }).waitFor();
      await page.getByTestId('review-chart').locator('.recharts-bar-rectangle').first().waitFor();
      await shot(page, `review-country-${language}`);
      if (language === 'ar') {
        // A window around today holds every stage of a commitment's life.
        const asOf = (await api<{ as_of: string }>('/api/v1/review/commitments')).as_of;
        const day = (n: number) => new Date(Date.parse(`${asOf}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
        await page.goto(`${server.baseURL}/commitments?view=board&due_after=${day(-40)}&due_before=${day(31)}`);
        await page.getByRole('list', { name: t.board.label }).waitFor();
        await page.getByRole('heading', { name: t.commitment.statuses.in_progress, level: 2 }).waitFor();
        await shot(page, 'commitments-board-ar');
      }
    });
  }

  it('raised no errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
