import type { Browser, Page } from 'playwright-core';
import { bench, describe } from 'vitest';
import { DEMO_PASSWORD, startServer, type RunningServer } from './server';
import { BINARY, cannotRun, launchBrowser, signIn } from './support';

// How long the main pages take to show their data on the demo, in Chromium
// against the real binary: from the address being opened (a full page load,
// the SPA's files from the browser's cache, as on a second visit) to the
// page's own content being on screen with no loader left. Then in-app
// navigation: from a list, the pointer over a record's link and a click, to
// the record's content on screen, and back to the list (the browser's back)
// to its rows on screen: two navigations per iteration. A benchmark, not a
// test: it reports, it does not judge. `make bench-pages`.
//
// Playwright's own steps take part of each figure (its script put into
// every new page, a round trip per step, each waiting for the page's main
// thread). So every load and navigation is also timed in the page, as a
// reader sees it: from the start of the load (or the click, or the "back")
// to the first frame after the content is there with no loader left,
// printed as a second table after the benchmarks.

const MANAGER = 'manager@demo.liaison';

/** A page to time: where it is and what on it means "the data is here". */
interface Subject {
  name: string;
  path: () => string;
  content: string;
}

let server: RunningServer;
let browser: Browser;
let page: Page;
const ids = { ministry: 0, visit: 0, contact: 0, meeting: 0, commitment: 0 };

/** The first id the API lists for a query, as the manager sees it. */
async function firstId(path: string): Promise<number> {
  const response = await page.request.get(`${server.baseURL}${path}`);
  const body = (await response.json()) as { items: { id: number }[] };
  if (!body.items[0]) throw new Error(`nothing at ${path}`);
  return body.items[0].id;
}

const subjects: Subject[] = [
  { name: 'dashboard (my follow-ups)', path: () => '/', content: 'main a[href^="/commitments"], main a[href^="/visits/"]' },
  { name: 'organizations list', path: () => '/organizations', content: 'main tbody tr[aria-rowindex]' },
  { name: 'organization with timeline (the ministry)', path: () => `/organizations/${ids.ministry}`, content: '#timeline-title ~ * .mantine-Timeline-item, section[aria-labelledby="timeline-title"] .mantine-Timeline-item' },
  { name: 'contacts list', path: () => '/contacts', content: 'main tbody tr[aria-rowindex]' },
  { name: 'contact with timeline', path: () => `/contacts/${ids.contact}`, content: 'section[aria-labelledby="timeline-title"] .mantine-Timeline-item' },
  { name: 'visits list', path: () => '/visits', content: 'main a[href^="/visits/"]' },
  { name: 'visit with itinerary (the study visit)', path: () => `/visits/${ids.visit}`, content: 'main h2 ~ *, main section' },
  { name: 'a meeting with its follow-ups', path: () => `/interactions/${ids.meeting}`, content: 'section[aria-labelledby="interaction-follow-ups"] a[href^="/commitments/"]' },
  { name: 'a commitment, where it was promised', path: () => `/commitments/${ids.commitment}`, content: 'main a[href^="/interactions/"]' },
  { name: 'commitments list', path: () => '/commitments', content: 'main tbody tr[aria-rowindex]' },
  { name: 'review with charts', path: () => '/review', content: '[data-testid="review-chart"] [data-chart-bar]' },
  { name: 'stakeholder map', path: () => '/map', content: 'main a[href^="/organizations/"]' },
  { name: 'engagement report', path: () => '/reports', content: 'main table tbody tr' },
];

/** Runs of each benchmark before those it counts (vitest's warm-up; the in-page table leaves them out too). */
const WARMUPS = 2;

const LOADING = 'main .mantine-Loader-root, main .mantine-Skeleton-root[data-visible="true"], main [aria-busy="true"]';

/** Times in the page, per benchmark: ms from the load, click or "back" to the frame that shows the content. */
const inPage = new Map<string, number[]>();

/**
 * Times a full load in the page: installed in every new document (prepare),
 * it watches for the content that sessionStorage names, set just before the
 * load, and leaves the time from the load's start in window.__benchShown.
 */
function timeLoads(loading: string) {
  const selector = sessionStorage.getItem('bench.content');
  if (!selector) return;
  sessionStorage.removeItem('bench.content');
  const check = () => {
    if (!document.querySelector(selector) || document.querySelector(loading)) return;
    observer.disconnect();
    requestAnimationFrame(() => ((window as unknown as { __benchShown?: number }).__benchShown = performance.now()));
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { subtree: true, childList: true, attributes: true });
}

/** Starts timing, in this document, from the next click or "back" until `selector` shows with nothing loading. */
async function timeInPage(selector: string, from: 'click' | 'back') {
  await page.evaluate(
    ([selector, loading, from]) => {
      const w = window as unknown as { __benchShown?: number };
      delete w.__benchShown;
      let start = Number.NaN;
      // The router may draw the page inside its own listener, before this
      // one runs (a "back" is drawn at once): look again once the start is known.
      const begin = (event: Event) => {
        start = event.timeStamp;
        check();
      };
      window.addEventListener(from === 'click' ? 'click' : 'popstate', begin, { capture: true, once: true });
      // What matches already is the page being left (a record's own table rows), not the one to come.
      const leaving = new Set(Array.from(document.querySelectorAll(selector)));
      const check = () => {
        if (Number.isNaN(start) || document.querySelector(loading)) return;
        if (!Array.from(document.querySelectorAll(selector)).some((element) => !leaving.has(element))) return;
        observer.disconnect();
        requestAnimationFrame(() => (w.__benchShown = performance.now() - start));
      };
      const observer = new MutationObserver(check);
      observer.observe(document, { subtree: true, childList: true, attributes: true });
    },
    [selector, LOADING, from] as const,
  );
}

/** Reads the time taken in the page, and adds it to the benchmark's (`name`; none while preparing). */
async function inPageTime(name: string | undefined) {
  const ms = await page.waitForFunction(() => (window as unknown as { __benchShown?: number }).__benchShown).then((h) => h.jsonValue() as Promise<number>);
  if (!name) return;
  const times = inPage.get(name) ?? [];
  times.push(ms);
  inPage.set(name, times);
}

/** The in-page times as a table, beside vitest's. */
function printInPage() {
  const rows = [...inPage.entries()].map(([name, all]) => {
    const times = all.length > WARMUPS ? all.slice(WARMUPS) : all;
    if (times.length === 0) return `| ${name} | — | — | — | 0 |`;
    const sorted = [...times].sort((a, b) => a - b);
    const mean = times.reduce((a, b) => a + b, 0) / times.length;
    const p99 = sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)]!;
    return `| ${name} | ${mean.toFixed(0)} | ${sorted[Math.floor(sorted.length / 2)]!.toFixed(0)} | ${p99.toFixed(0)} | ${times.length} |`;
  });
  console.log(['', 'In the page (ms, from the load, click or "back" to the frame showing the content):', '', '| benchmark | mean | median | p99 | samples |', '| --- | ---: | ---: | ---: | ---: |', ...rows, ''].join('\n'));
}

/** Waits until a selector shows and nothing in the main area is loading. */
async function shown(selector: string) {
  await page.locator(selector).first().waitFor();
  await page.waitForFunction((loading) => !document.querySelector(loading), LOADING);
}

/** Opens a page and waits until its content is shown and nothing is loading. */
async function open(subject: Subject, timed = true) {
  try {
    await page.evaluate((content) => sessionStorage.setItem('bench.content', content), subject.content);
    await page.goto(`${server.baseURL}${subject.path()}`);
    await page.locator('h1').first().waitFor();
    await shown(subject.content);
    await inPageTime(timed ? subject.name : undefined);
  } catch (error) {
    throw new Error(`${subject.name} (${page.url()}): ${String(error)}`);
  }
}

/** A list, the link to one of its records, and what on the record means "the data is here". */
interface Navigation {
  name: string;
  list: string;
  listContent: string;
  link: string;
  recordContent: string;
}

const navigations: Navigation[] = [
  {
    name: 'organizations list ⇄ an organization (two navigations)',
    list: '/organizations',
    listContent: 'main tbody tr[aria-rowindex]',
    link: 'main tbody tr[aria-rowindex] a[href^="/organizations/"]',
    recordContent: 'section[aria-labelledby="timeline-title"]',
  },
  {
    name: 'contacts list ⇄ a contact (two navigations)',
    list: '/contacts',
    listContent: 'main tbody tr[aria-rowindex]',
    link: 'main tbody tr[aria-rowindex] a[href^="/contacts/"]',
    recordContent: 'section[aria-labelledby="timeline-title"]',
  },
  {
    name: 'commitments list ⇄ a commitment (two navigations)',
    list: '/commitments',
    listContent: 'main tbody tr[aria-rowindex]',
    link: 'main tbody tr[aria-rowindex] a[href^="/commitments/"]',
    recordContent: 'section[aria-labelledby="facts-title"]',
  },
];

/** Opens a navigation's list, where each of its iterations starts and ends. */
async function openList(navigation: Navigation) {
  await page.goto(`${server.baseURL}${navigation.list}`);
  await shown(navigation.listContent);
}

/** From the list on screen: to the first record and back, each shown with its data. */
async function navigate(navigation: Navigation, timed = true) {
  try {
    const link = page.locator(navigation.link).first();
    await link.hover();
    await timeInPage(navigation.recordContent, 'click');
    await link.click();
    await shown(navigation.recordContent);
    await inPageTime(timed ? `${navigation.name}: to the record` : undefined);
    await timeInPage(navigation.listContent, 'back');
    await page.goBack();
    await shown(navigation.listContent);
    await inPageTime(timed ? `${navigation.name}: back to the list` : undefined);
  } catch (error) {
    throw new Error(`${navigation.name} (${page.url()}): ${String(error)}`);
  }
}

/** Starts the demo server and Chromium, signs in, and opens every page once. */
async function prepare() {
  server = await startServer(BINARY, { demo: true });
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-GB' });
  await context.addInitScript(timeLoads, LOADING);
  page = await context.newPage();
  await signIn(page, server.baseURL, MANAGER, DEMO_PASSWORD);
  ids.ministry = await firstId('/api/v1/organizations?q=Ministry%20of%20Security&limit=1');
  ids.visit = await firstId('/api/v1/visits?q=Study%20visit%20National%20Committee&limit=1');
  ids.contact = await firstId(`/api/v1/contacts?organization_id=${ids.ministry}&limit=1`);
  // A follow-up of the study visit's meetings, and the meeting it was promised at.
  const followUp = (await (await page.request.get(`${server.baseURL}/api/v1/commitments?visit_id=${ids.visit}&limit=50`)).json()) as { items: { id: number; interaction_id: number | null }[] };
  const promised = followUp.items.find((c) => c.interaction_id);
  if (!promised) throw new Error('no follow-up of a meeting in the demo data');
  ids.commitment = promised.id;
  ids.meeting = promised.interaction_id!;
  // Every page once, so that the SPA's chunks are in the browser's cache
  // and a missing content marker fails here rather than as a slow figure.
  for (const subject of subjects) await open(subject, false);
  for (const navigation of navigations) {
    await openList(navigation);
    await navigate(navigation, false);
  }
}

// Benchmarks have no beforeAll: the module prepares before it declares them,
// and the last one's teardown stops the browser and the server.
if (!cannotRun) await prepare();

describe.skipIf(cannotRun)('main pages on the demo data (Chromium, manager, SQLite)', () => {
  subjects.forEach((subject) => {
    bench(subject.name, () => open(subject), { iterations: 20, time: 0, warmupIterations: WARMUPS, warmupTime: 0 });
  });
});

describe.skipIf(cannotRun)('in-app navigation on the demo data (Chromium, manager, SQLite)', () => {
  navigations.forEach((navigation, i) => {
    const last = i === navigations.length - 1;
    bench(navigation.name, () => navigate(navigation), {
      iterations: 20,
      time: 0,
      warmupIterations: WARMUPS,
      warmupTime: 0,
      // Each iteration starts and ends on the list, loaded once here.
      setup: () => openList(navigation),
      teardown: async (_task, mode) => {
        if (last && mode === 'run') {
          printInPage();
          await browser.close();
          await server.stop();
        }
      },
    });
  });
});
