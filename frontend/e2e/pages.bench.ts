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
const ids = { ministry: 0, visit: 0, contact: 0 };

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
  { name: 'commitments list', path: () => '/commitments', content: 'main tbody tr[aria-rowindex]' },
  { name: 'review with charts', path: () => '/review', content: '[data-testid="review-chart"] [data-chart-bar]' },
  { name: 'stakeholder map', path: () => '/map', content: 'main a[href^="/organizations/"]' },
  { name: 'engagement report', path: () => '/reports', content: 'main table tbody tr' },
];

/** Waits until a selector shows and nothing in the main area is loading. */
async function shown(selector: string) {
  await page.locator(selector).first().waitFor();
  await page.waitForFunction(() => !document.querySelector('main .mantine-Loader-root, main .mantine-Skeleton-root[data-visible="true"], main [aria-busy="true"]'));
}

/** Opens a page and waits until its content is shown and nothing is loading. */
async function open(subject: Subject) {
  try {
    await page.goto(`${server.baseURL}${subject.path()}`);
    await page.locator('h1').first().waitFor();
    await shown(subject.content);
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
async function navigate(navigation: Navigation) {
  try {
    const link = page.locator(navigation.link).first();
    await link.hover();
    await link.click();
    await shown(navigation.recordContent);
    await page.goBack();
    await shown(navigation.listContent);
  } catch (error) {
    throw new Error(`${navigation.name} (${page.url()}): ${String(error)}`);
  }
}

/** Starts the demo server and Chromium, signs in, and opens every page once. */
async function prepare() {
  server = await startServer(BINARY, { demo: true });
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-GB' });
  page = await context.newPage();
  await signIn(page, server.baseURL, MANAGER, DEMO_PASSWORD);
  ids.ministry = await firstId('/api/v1/organizations?q=Ministry%20of%20Security&limit=1');
  ids.visit = await firstId('/api/v1/visits?q=Study%20visit%20National%20Committee&limit=1');
  ids.contact = await firstId(`/api/v1/contacts?organization_id=${ids.ministry}&limit=1`);
  // Every page once, so that the SPA's chunks are in the browser's cache
  // and a missing content marker fails here rather than as a slow figure.
  for (const subject of subjects) await open(subject);
  for (const navigation of navigations) {
    await openList(navigation);
    await navigate(navigation);
  }
}

// Benchmarks have no beforeAll: the module prepares before it declares them,
// and the last one's teardown stops the browser and the server.
if (!cannotRun) await prepare();

describe.skipIf(cannotRun)('main pages on the demo data (Chromium, manager, SQLite)', () => {
  subjects.forEach((subject) => {
    bench(subject.name, () => open(subject), { iterations: 20, time: 0, warmupIterations: 2, warmupTime: 0 });
  });
});

describe.skipIf(cannotRun)('in-app navigation on the demo data (Chromium, manager, SQLite)', () => {
  navigations.forEach((navigation, i) => {
    const last = i === navigations.length - 1;
    bench(navigation.name, () => navigate(navigation), {
      iterations: 20,
      time: 0,
      warmupIterations: 2,
      warmupTime: 0,
      // Each iteration starts and ends on the list, loaded once here.
      setup: () => openList(navigation),
      teardown: async (_task, mode) => {
        if (last && mode === 'run') {
          await browser.close();
          await server.stop();
        }
      },
    });
  });
});
