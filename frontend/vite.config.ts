import react from '@vitejs/plugin-react';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { appAfterFirstPaint } from './build/appAfterFirstPaint.ts';
import { mantineUseId } from './build/mantineUseId.ts';
import { mantinePortal } from './build/mantinePortal.ts';
import { mantineMediaQuery } from './build/mantineMediaQuery.ts';
import { mantineAppShellResizing } from './build/mantineAppShellResizing.ts';
import { mantineTextareaFieldSizing } from './build/mantineTextareaFieldSizing.ts';
import { floatingReference } from './build/floatingReference.ts';
import { pageShells } from './build/pageShells.ts';
import { precompress } from './build/precompress.ts';
import { routePreloads } from './build/routePreloads.ts';
import { signInApart } from './build/signInChunk.ts';
import { styleAfterShell } from './build/styleAfterShell.ts';
import { unusedMantineRules } from './build/unusedMantineRules.ts';

/**
 * Emits dist/sw.js (from src/service-worker.template.js) listing every file of the
 * build, so that the app shell starts offline. Its version is a hash of the
 * files' names and the public files' contents: a new build is a new worker,
 * which replaces the old one and its cache. main.tsx registers it in
 * production builds only.
 */
export function serviceWorker(): Plugin {
  let publicDir = '';
  return {
    name: 'liaison-service-worker',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      publicDir = config.publicDir;
    },
    generateBundle(_options, bundle) {
      const built = Object.keys(bundle).filter((name) => !name.endsWith('.map') && name !== 'sw.js' && !name.startsWith('.'));
      const publicFiles = publicDir ? readdirSync(publicDir).filter((name) => !name.startsWith('.') && statSync(join(publicDir, name)).isFile()) : [];
      const files = [...new Set([...built, ...publicFiles])].sort();
      const hash = createHash('sha256');
      for (const name of files) hash.update(name);
      for (const name of publicFiles.sort()) hash.update(readFileSync(join(publicDir, name)));
      const indexHtml = bundle['index.html'];
      if (indexHtml && indexHtml.type === 'asset') hash.update(indexHtml.source);
      const version = hash.digest('hex').slice(0, 16);
      const template = readFileSync(new URL('./src/service-worker.template.js', import.meta.url), 'utf8');
      const source = template
        .replace('__VERSION__', JSON.stringify(version))
        .replace('__PRECACHE__', JSON.stringify(files.map((name) => `/${name}`)));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}

/** The sign-in page, whose shared parts are a chunk of their own (build/signInChunk.ts). */
const SIGN_IN = 'src/pages/login/LoginPage.tsx';

/** The signed-in frame, which every page but the sign-in page loads with it. */
const LAYOUT = 'src/components/AppLayout.tsx';

// The Go server embeds dist/ and serves it with `script-src 'self'` and the
// hash of the one inline script (build/appAfterFirstPaint.ts, api/spa_csp.go);
// Vite's own output only references files.
export default defineConfig({
  plugins: [
    react(),
    // Mantine's useId without its second render of every component that uses it (build/mantineUseId.ts).
    mantineUseId(),
    // No update drawn inside the commit that mounts a page's closed tooltips, menus and dialogs
    // (build/mantinePortal.ts, build/floatingReference.ts), nor right after it for every
    // transition's media query (build/mantineMediaQuery.ts); and no restyling of the whole page once
    // the frame's transitions are turned back on after it is drawn (build/mantineAppShellResizing.ts);
    // text boxes that grow with their text sized by the browser, not measured (build/mantineTextareaFieldSizing.ts).
    mantinePortal(),
    floatingReference(),
    mantineMediaQuery(),
    mantineAppShellResizing(),
    mantineTextareaFieldSizing(),
    // First of the plugins that run once the bundle is complete: it renames the stylesheet.
    unusedMantineRules(),
    serviceWorker(),
    precompress(),
    styleAfterShell(),
    appAfterFirstPaint(),
    // The list pages, the dashboard, and a visit's, contact's and organization's page: their heading, drawn
    // by the server for a signed-in browser before the app's code has arrived; and the sign-in page's card.
    pageShells(
      [
        {
          path: '/login',
          signIn: {
            name: 'app.name',
            title: 'login.title',
            subtitle: 'login.subtitle',
            email: 'login.email',
            password: 'login.password',
            submit: 'login.submit',
            tagline: 'app.tagline',
          },
        },
        { path: '/', title: 'dashboard.welcome', subtitle: 'dashboard.intro' },
        { path: '/organizations', title: 'organizations.title', subtitle: 'organizations.subtitle' },
        { path: '/contacts', title: 'contacts.title', subtitle: 'contacts.subtitle' },
        { path: '/visits', title: 'visits.title', subtitle: 'visits.subtitle' },
        { path: '/interactions', title: 'interactions.title', subtitle: 'interactions.subtitle' },
        { path: '/commitments', title: 'commitments.title', subtitle: 'commitments.subtitle' },
        { path: '/visits/:id', record: 'visit', trail: 'nav.visits' },
        { path: '/contacts/:id', record: 'contact', trail: 'nav.contacts' },
        { path: '/organizations/:id', record: 'organization', trail: 'nav.organizations' },
        {
          path: '/review',
          review: { title: 'review.title', tallies: { overdue: 'review.overdue', due7: 'review.due7', due30: 'review.due30', open: 'review.open', done: 'review.done' } },
        },
      ],
      fileURLToPath(new URL('./src/i18n', import.meta.url)),
    ),
    // The pages people open first, often from a link or a bookmark: their
    // code is named in index.html for their path (api/spa.go).
    routePreloads([
      { path: '/login', modules: [SIGN_IN] },
      { path: '/', modules: [LAYOUT, 'src/pages/dashboard/DashboardPage.tsx'] },
      { path: '/organizations', modules: [LAYOUT, 'src/pages/organizations/OrganizationsPage.tsx'] },
      { path: '/organizations/:id', modules: [LAYOUT, 'src/pages/organizations/OrganizationDetailPage.tsx'] },
      { path: '/contacts', modules: [LAYOUT, 'src/pages/contacts/ContactsPage.tsx'] },
      { path: '/contacts/:id', modules: [LAYOUT, 'src/pages/contacts/ContactDetailPage.tsx'] },
      { path: '/visits', modules: [LAYOUT, 'src/pages/engagement/VisitsPage.tsx'] },
      { path: '/visits/:id', modules: [LAYOUT, 'src/pages/visits/VisitDetailPage.tsx'] },
      { path: '/interactions', modules: [LAYOUT, 'src/pages/engagement/InteractionsPage.tsx'] },
      { path: '/commitments', modules: [LAYOUT, 'src/pages/engagement/CommitmentsPage.tsx'] },
      { path: '/review', modules: [LAYOUT, 'src/pages/engagement/ReviewPage.tsx'] },
    ]),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // One stylesheet, named in index.html, instead of one per page chunk: a
    // page's stylesheet arriving after the page is drawn made the browser
    // restyle the whole document against Mantine's rules (0.2-0.8 s of a
    // phone's main thread per page in Lighthouse); the app's own rules are a
    // few KB, which costs less to fetch up front than to apply late.
    cssCodeSplit: false,
    rolldownOptions: {
      output: {
        // The shared UI chunks are named after the pages that share them; the
        // file is called ui-<hash> all the same.
        chunkFileNames: (chunk) => (chunk.name.startsWith('ui~') ? 'assets/ui-[hash].js' : 'assets/[name]-[hash].js'),
        codeSplitting: {
          groups: [
            // The libraries every page runs on, in one file: on a phone's
            // connection (HTTP/1.1, six connections, a round trip apiece)
            // four files cost more than the caching of each apart saves.
            { name: 'vendor', test: /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|@tanstack[\\/](query-core|react-query)|i18next|react-i18next)[\\/]/, priority: 30 },
            // Mantine's components and icons that two pages or more share,
            // in one file rather than a file per set of pages that share
            // them (twenty-odd files of a few KB, each a round trip before
            // a page can draw).
            { name: signInApart('ui', SIGN_IN), debugName: 'ui', test: /[\\/]node_modules[\\/](@mantine|@tabler|@floating-ui)[\\/]/, minShareCount: 2, priority: 20 },
            // The app's own parts that pages share (the list, the pickers,
            // the formats, the frame's pieces), likewise in one file. Not the
            // catalogues' code (src/i18n): the first paint waits for a
            // catalogue, which must not wait for the pages' parts (their
            // chunk imports the boot chunk, still waiting for the catalogue).
            { name: signInApart('shared', SIGN_IN), debugName: 'shared', test: /[\\/]src[\\/](components|hooks|auth|offline|api)[\\/]/, minShareCount: 2, priority: 15 },
            // The rest of what the first paint needs (Mantine's provider and
            // the few components of the loader and the sign-in guard) is
            // one file too: on a phone's connection every extra request
            // before the first paint costs a round trip.
            { name: 'boot', tags: ['$initial'], priority: 25 },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:8080',
    },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}', 'build/**/*.test.ts'],
    css: false,
    restoreMocks: true,
    // Whole-page tests type into Mantine inputs; the 2-core CI machine needs headroom.
    testTimeout: 20_000,
  },
});
