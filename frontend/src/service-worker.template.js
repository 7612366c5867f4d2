// The app shell's service worker (a template, not imported by the app). vite.config.ts (serviceWorker plugin)
// emits it as dist/sw.js with the two constants below filled in from the
// build: a version that changes with every build, and the files to keep.
//
// - Every built file and index.html are fetched and kept when it installs.
// - Page loads (navigations) go to the network first, so a new release is
//   seen at once; offline, the kept index.html answers, and the app starts.
// - /assets/* are named by their content hash: the kept copy is always right.
// - /api/ is never touched: data goes through the app's own error handling.
// - When a new version takes over, the caches of older ones are deleted.

const VERSION = __VERSION__;
const PRECACHE = __PRECACHE__;
const CACHE = `liaison-shell-${VERSION}`;
const SHELL = '/index.html';

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE.map((path) => new Request(path, { cache: 'reload' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith('liaison-shell-') && key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

async function networkFirstShell(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    // Every client route is answered with index.html: keep the newest one,
    // unless the server drew a page's heading in it (api/spa_shell.go): that
    // one names one page (the user on the dashboard, a visit on its page), so
    // offline it would show the wrong page's heading, and keep a name after
    // signing out.
    if (response.ok && (response.headers.get('Content-Type') || '').startsWith('text/html') && !response.headers.has('Liaison-Page-Shell')) {
      await cache.put(SHELL, response.clone());
    }
    return response;
  } catch (error) {
    const shell = await cache.match(SHELL);
    if (shell) return shell;
    throw error;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(request);
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (error) {
    const kept = await cache.match(request);
    if (kept) return kept;
    throw error;
  }
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname === '/api' || url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') {
    event.respondWith(networkFirstShell(request));
  } else if (url.pathname.startsWith('/assets/')) {
    event.respondWith(cacheFirst(request));
  } else if (PRECACHE.includes(url.pathname)) {
    // The manifest and icons: fresh when online, kept for offline.
    event.respondWith(networkFirst(request));
  }
});
