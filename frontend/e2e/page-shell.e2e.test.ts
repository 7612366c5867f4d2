import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startServer, type RunningServer } from './server';
import { BINARY, cannotRun, chooseLanguage, launchBrowser, SCREENSHOTS, signIn, type Language } from './support';
import { reactCommits, recordReactCommits } from './reactCommits';

// The heading the server draws in index.html for a signed-in browser
// (api/spa_shell.go, build/pageShells.ts) is the page's own: the same words
// in the account's language (a visit's, contact's or organization's own name
// on its page, an organization's parents in its trail, the review's
// tallies), in the same place and size as the app draws them when it
// starts, on a phone and on a desktop, in English and Arabic.
// Otherwise a phone on a slow connection would show one heading and then
// another, and the page's largest paint would wait for the app after all.

const MANAGER = 'manager@demo.liaison';
const LISTS = ['/', '/organizations', '/contacts', '/visits', '/interactions', '/commitments'];
const REVIEW = '/review';
const WIDTHS = [360, 412, 1280];

interface Heading {
  title: string;
  subtitle: string;
  boxes: { x: number; y: number; width: number; height: number }[];
}

/**
 * The page's title and what is drawn with it, with where each is drawn: on
 * a list page or the dashboard the line under the title, on a record's page
 * the trail above its card (the list's link and the record's title).
 */
async function heading(page: Page, title: string): Promise<Heading> {
  return page.locator(title).first().evaluate((h1) => {
    const trail = Array.from(document.querySelectorAll('main nav a, main nav .page-shell-link, main nav p'));
    const p = trail.length ? undefined : (h1.nextElementSibling as HTMLElement | null);
    // Where the text itself is drawn (its box may be wider than its words).
    const box = (el: Element) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      const r = range.getBoundingClientRect();
      return { x: Math.round(r.x), y: Math.round(r.y), width: Math.round(r.width), height: Math.round(r.height) };
    };
    const around = trail.length ? trail : p ? [p] : [];
    return { title: h1.textContent ?? '', subtitle: around.map((el) => el.textContent).join(' › '), boxes: [box(h1), ...around.map(box)] };
  });
}

/**
 * The review's tallies: each one's label and number, and where each is
 * drawn. The line under the review's title holds a date the browser
 * formats: the server keeps its place, and the tallies below are compared.
 */
async function tallies(page: Page) {
  // The first list on the page: its tallies.
  return page.locator('main ul').first().evaluate((list) =>
    Array.from(list.children).map((li) =>
      Array.from(li.querySelectorAll('p')).map((p) => {
        const range = document.createRange();
        range.selectNodeContents(p);
        const r = range.getBoundingClientRect();
        return { text: p.textContent, x: Math.round(r.x), y: Math.round(r.y), width: Math.round(r.width), height: Math.round(r.height) };
      }),
    ),
  );
}

describe.skipIf(cannotRun)('the page heading drawn by the server', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer(BINARY, { demo: true });
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it.each(['en', 'ar'] as Language[])('is the page’s own heading, where the app draws it (%s)', async (language) => {
    // A first visit's page, as the server sends it: no service worker answering.
    const context = await browser.newContext({ viewport: { width: WIDTHS[0], height: 800 }, serviceWorkers: 'block' });
    // The page's h1 at every change under #root, from the first bytes on.
    await context.addInitScript(() => {
      const seen: (string | null)[] = [];
      (window as unknown as { headings: (string | null)[] }).headings = seen;
      const watch = () => {
        const root = document.getElementById('root');
        if (!root) return;
        const note = () => {
          const h1 = root.querySelector('main h1')?.textContent ?? null;
          if (seen.at(-1) !== h1) seen.push(h1);
        };
        note();
        new MutationObserver(note).observe(root, { childList: true, subtree: true, characterData: true });
      };
      document.addEventListener('DOMContentLoaded', watch);
    });
    const page = await context.newPage();
    await signIn(page, server.baseURL, MANAGER, DEMO_PASSWORD);
    await chooseLanguage(page, language);
    // The study visit's page and a contact's too: their titles are the records'.
    const first = async (list: string) => {
      const response = await page.request.get(`${server.baseURL}/api/v1/${list}?limit=1`);
      return ((await response.json()) as { items: { id: number }[] }).items[0]!.id;
    };
    // And the organization deepest in a hierarchy: its trail names its parents.
    const organizations = (await (await page.request.get(`${server.baseURL}/api/v1/organizations?limit=200`)).json()) as { items: { id: number; parent_id: number | null }[] };
    const byId = new Map(organizations.items.map((o) => [o.id, o]));
    const depth = (o: { parent_id: number | null }) => {
      let d = 0;
      for (let p = o.parent_id; p && d < 10; p = byId.get(p)?.parent_id ?? null) d++;
      return d;
    };
    const deepest = organizations.items.reduce((a, b) => (depth(b) > depth(a) ? b : a));
    expect(depth(deepest)).toBeGreaterThan(1);
    const pages = [...LISTS, REVIEW, `/visits/${await first('visits')}`, `/contacts/${await first('contacts')}`, `/organizations/${deepest.id}`];
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 800 });
      for (const path of pages) {
        // What the server drew, as a phone sees it before the app's code
        // arrives: scripts held back.
        await page.route('**/*.js', (route) => route.abort());
        await page.goto(`${server.baseURL}${path}`);
        const drawn = await heading(page, 'main.page-shell-main h1');
        const drawnTallies = path === REVIEW ? await tallies(page) : [];
        expect(await page.locator('.page-shell').getAttribute('lang'), path).toBe(language);
        expect(await page.locator('.page-shell').getAttribute('dir'), path).toBe(language === 'ar' ? 'rtl' : 'ltr');
        if (width === WIDTHS[0] && path === '/organizations') await page.screenshot({ path: join(SCREENSHOTS, `page-shell-${language}-${width}.png`) });
        await page.unroute('**/*.js');

        await page.goto(`${server.baseURL}${path}`);
        const app = await heading(page, 'main h1.mantine-Title-root');
        // From the first bytes to the page, the heading never left the
        // screen (no spinner in between).
        const seen = await page.evaluate(() => (window as unknown as { headings: (string | null)[] }).headings);
        expect(seen.length, path).toBeGreaterThan(0);
        expect(new Set(seen), `${path}: the headings on screen as the page loaded`).toEqual(new Set([app.title]));
        expect(drawn.title, `${path} at ${width} px`).toBe(app.title);
        expect(drawn.title.length, path).toBeGreaterThan(0);
        if (path === REVIEW) {
          // The title, the line under it in its place, and every tally: the
          // same words and numbers, in the same place and size.
          expect(drawn.boxes[0], `${path} at ${width} px`).toEqual(app.boxes[0]);
          expect(drawn.boxes[1]?.y, `${path} at ${width} px`).toBe(app.boxes[1]?.y);
          expect(drawn.boxes[1]?.height, `${path} at ${width} px`).toBe(app.boxes[1]?.height);
          expect(drawnTallies.length, path).toBe(5);
          expect(drawnTallies, `${path} at ${width} px`).toEqual(await tallies(page));
          continue;
        }
        expect(drawn.subtitle, `${path} at ${width} px`).toBe(app.subtitle);
        expect(drawn.subtitle.length, path).toBeGreaterThan(0);
        // Same place and size: the title's text and the line's, to the pixel.
        expect(drawn.boxes, `${path} at ${width} px`).toEqual(app.boxes);
      }
    }
    await context.close();
  }, 180_000);

  // The app's code starts once the drawn page is on screen
  // (build/appAfterFirstPaint.ts), allowed by the page's policy by its hash
  // (api/spa_csp.go): on a phone's CPU its long first task no longer holds
  // the page's first paint back, however fast its files arrive.
  it('is on screen before the app’s code runs, which then starts', async () => {
    const context = await browser.newContext({ viewport: { width: 412, height: 800 }, serviceWorkers: 'block' });
    await context.addInitScript(() => {
      const blocked: string[] = [];
      (window as unknown as { blocked: string[] }).blocked = blocked;
      document.addEventListener('securitypolicyviolation', (e) => blocked.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const page = await context.newPage();
    await signIn(page, server.baseURL, MANAGER, DEMO_PASSWORD);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    for (const path of ['/organizations', REVIEW]) {
      const response = await page.goto(`${server.baseURL}${path}`);
      expect(response?.headers()['content-security-policy'], path).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/]+=*';/);
      await expect.poll(() => page.locator('main h1.mantine-Title-root').count(), { timeout: 30_000 }).toBe(1);
      const timing = await page.evaluate(() => ({
        paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
        start: performance.getEntriesByName('liaison:app-start')[0]?.startTime,
        blocked: (window as unknown as { blocked: string[] }).blocked,
        scripts: performance
          .getEntriesByType('resource')
          .filter((entry) => new URL(entry.name).pathname.endsWith('.js'))
          .map((entry) => ({ file: new URL(entry.name).pathname, start: entry.startTime })),
      }));
      expect(timing.blocked, path).toEqual([]);
      expect(timing.paint, path).toBeGreaterThan(0);
      expect(timing.start, `${path}: the app started after the first paint`).toBeGreaterThanOrEqual(timing.paint!);
      // The app's code, and the route's with it (its page chunk), is asked
      // for only once the page is painted; the language's catalogue at once.
      const early = timing.scripts.filter((script) => script.start < timing.paint!).map((script) => script.file);
      expect(early.every((file) => /^\/assets\/(en|ar|bs|catalogue)-[\w-]+\.js$/.test(file)), `${path}: asked for before the paint: ${early.join(', ')}`).toBe(true);
      const chunk = path === REVIEW ? 'ReviewPage' : 'OrganizationsPage';
      expect(timing.scripts.some((script) => script.file.startsWith(`/assets/${chunk}-`)), `${path}: its page's code was asked for`).toBe(true);
    }
    await context.close();
  }, 120_000);

  // A list's rows are asked for alongside "who am I" (src/pageData.ts), not
  // after its answer: on a phone's connection, a round trip sooner.
  it('asks for a list’s rows while “who am I” is on its way', async () => {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    await signIn(page, server.baseURL, MANAGER, DEMO_PASSWORD);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: -1, uploadThroughput: -1 });
    await page.goto(`${server.baseURL}/organizations`);
    await expect.poll(() => page.locator('main tbody tr[aria-rowindex]').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    const timing = await page.evaluate(() =>
      Object.fromEntries(
        performance
          .getEntriesByType('resource')
          .map((entry) => entry as PerformanceResourceTiming)
          .filter((entry) => ['/api/v1/auth/me', '/api/v1/organizations'].includes(new URL(entry.name).pathname))
          .map((entry) => [new URL(entry.name).pathname, { start: entry.startTime, end: entry.responseEnd }]),
      ),
    );
    expect(Object.keys(timing).sort()).toEqual(['/api/v1/auth/me', '/api/v1/organizations']);
    expect(timing['/api/v1/organizations']!.start, 'the rows were asked for before “who am I” answered').toBeLessThan(timing['/api/v1/auth/me']!.end);
    await context.close();
  }, 120_000);

  // The sign-in page, for a browser without a session: its card's words in
  // the language the app starts in, where the app draws them, so that the
  // page's largest text (the line under the title) is on screen from the
  // first paint and the app's own, drawn over it, is no larger.
  it.each(['en', 'ar'] as Language[])('draws the sign-in page where the app draws it, its largest paint the first (%s)', async (language) => {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    await context.addCookies([{ name: 'liaison_lang', value: language, url: server.baseURL }]);
    const page = await context.newPage();
    const parts = (drawn: boolean) =>
      page.evaluate((drawn) => {
        const q = (selector: string) => Array.from(document.querySelectorAll(selector));
        const found = drawn
          ? {
              language: q('.page-shell-sign-in-language'),
              name: q('.page-shell-sign-in-logo span'),
              title: q('main h1'),
              subtitle: q('main h1 + p'),
              labels: q('.page-shell-sign-in-field > span'),
              fields: q('.page-shell-sign-in-field i'),
              submit: q('.page-shell-sign-in-submit'),
              tagline: q('.page-shell-sign-in-stack > p'),
            }
          : {
              language: q('#root button[aria-haspopup] .mantine-Button-label'),
              name: q('main svg + span'),
              title: q('main h1'),
              subtitle: q('main h1 + p'),
              labels: q('main label'),
              fields: q('main input[type="email"], main .mantine-PasswordInput-input'),
              submit: q('main button[type="submit"] .mantine-Button-label'),
              tagline: q('main .mantine-Paper-root + p'),
            };
        const text = (el: Element) => {
          const range = document.createRange();
          range.selectNodeContents(el);
          return range.getBoundingClientRect();
        };
        return Object.fromEntries(
          Object.entries(found).map(([part, elements]) => [
            part,
            elements.map((el) => {
              // A field's box is its border; a text's, where its words are drawn.
              const r = part === 'fields' ? el.getBoundingClientRect() : text(el);
              return { text: el.textContent, x: Math.round(r.x), y: Math.round(r.y), width: Math.round(r.width), height: Math.round(r.height) };
            }),
          ]),
        );
      }, drawn);
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 800 });
      await page.route('**/*.js', (route) => route.abort());
      const response = await page.goto(`${server.baseURL}/login`);
      expect(response?.headers()['liaison-page-shell'], 'drawn').toBe('1');
      expect(await page.locator('.page-shell').getAttribute('lang')).toBe(language);
      expect(await page.locator('.page-shell').getAttribute('dir')).toBe(language === 'ar' ? 'rtl' : 'ltr');
      const drawn = await parts(true);
      if (width === WIDTHS[0]) await page.screenshot({ path: join(SCREENSHOTS, `page-shell-sign-in-${language}-${width}.png`) });
      await page.unroute('**/*.js');

      await page.goto(`${server.baseURL}/login`);
      await page.locator('main form button[type="submit"]').waitFor();
      const app = await parts(false);
      for (const part of Object.keys(app)) expect(app[part]!.length, `${part} at ${width} px`).toBeGreaterThan(0);
      // The same words (the app's labels carry the required mark too), in the same place and size.
      expect(drawn, `${language} at ${width} px`).toEqual(app);
      const paints = await page.evaluate(
        () =>
          new Promise<{ largest: number[]; start: number | undefined }>((resolve) => {
            new PerformanceObserver((list) =>
              resolve({
                largest: list.getEntries().map((entry) => entry.startTime),
                start: performance.getEntriesByName('liaison:app-start')[0]?.startTime,
              }),
            ).observe({ type: 'largest-contentful-paint', buffered: true });
          }),
      );
      // Every largest-paint candidate came before the app started: nothing it drew was larger.
      expect(paints.start, 'the app started').toBeGreaterThan(0);
      expect(paints.largest.length).toBeGreaterThan(0);
      expect(Math.max(...paints.largest), `${language} at ${width} px: the largest paint`).toBeLessThan(paints.start!);
    }
    await context.close();
  }, 120_000);

  it('is not drawn for a signed-out browser', async () => {
    const context = await browser.newContext();
    const response = await context.request.get(`${server.baseURL}/organizations`);
    expect(response.headers()['liaison-page-shell']).toBeUndefined();
    expect(await response.text()).not.toContain('<main class="page-shell-main">');
    await context.close();
  });

  // The commit that mounts a page (the frame, the page, its rows) is the
  // longest task of its start on a phone. An update made inside it (a
  // closed tooltip's, menu's or dialog's portal or reference, the header's
  // shortcut label) would be drawn at once in the same task, after every
  // effect of the page: build/mantinePortal.ts, build/floatingReference.ts.
  // Nor is the whole page restyled once it is drawn, as turning the frame's
  // transitions back on did (build/mantineAppShellResizing.ts).
  it('mounts a page in a commit that no other commit follows in the same task, and restyles none of it after', async () => {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    // Every commit React makes, with the number of components it holds and
    // whether it came inside another commit's task (before that task's
    // microtasks ran).
    await recordReactCommits(context);
    await context.addInitScript(() => {
      // Each time the frame's root turned its transitions off or on.
      const resizing: string[] = [];
      (window as unknown as { resizing: string[] }).resizing = resizing;
      new MutationObserver((records) => resizing.push(...records.map((r) => `${(r.target as Element).className}: ${r.oldValue ?? 'none'} → ${(r.target as Element).getAttribute('data-resizing') ?? 'none'}`))).observe(document, {
        subtree: true,
        attributes: true,
        attributeFilter: ['data-resizing'],
        attributeOldValue: true,
      });
    });
    const page = await context.newPage();
    await signIn(page, server.baseURL, MANAGER, DEMO_PASSWORD);
    const visit = ((await (await page.request.get(`${server.baseURL}/api/v1/visits?limit=1`)).json()) as { items: { id: number }[] }).items[0]!.id;
    // A phone's cards and a desktop's table; the dashboard, a list and a record's page.
    const loads = [
      { path: '/commitments', width: 412, rows: '[data-testid="list-cards"] li[data-index]' },
      { path: '/commitments', width: 1280, rows: 'table tbody tr' },
      { path: '/organizations', width: 412, rows: '[data-testid="list-cards"] li[data-index]' },
      { path: `/visits/${visit}`, width: 412, rows: 'main h1.mantine-Title-root' },
      { path: '/', width: 412, rows: 'main h1.mantine-Title-root' },
    ];
    for (const { path, width, rows } of loads) {
      await page.setViewportSize({ width, height: 800 });
      await page.goto(`${server.baseURL}${path}`);
      await expect.poll(() => page.locator(rows).count(), { timeout: 30_000 }).toBeGreaterThan(0);
      await page.waitForTimeout(500);
      const commits = await reactCommits(page);
      // The commits that mounted a hundred components or more at once (the frame and the page, then the rows).
      const mounts = commits.flatMap((commit, i) => (commit.size - (commits[i - 1]?.size ?? 0) >= 100 ? [i] : []));
      expect(mounts.length, `${path} at ${width} px: a commit mounted the page`).toBeGreaterThan(0);
      const followed = mounts.filter((i) => commits[i + 1]?.nested).map((i) => `commit ${i} (${commits[i]!.size} components) was followed in its task by one of ${commits[i + 1]!.size}`);
      expect(followed, `${path} at ${width} px`).toEqual([]);
      expect(await page.evaluate(() => (window as unknown as { resizing: string[] }).resizing), `${path} at ${width} px: the frame's transitions turned off or on`).toEqual([]);
    }
    await context.close();
  }, 120_000);
});
