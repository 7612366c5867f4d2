import type { Plugin } from 'vite';

/**
 * The script index.html runs instead of the app's: once the browser has
 * painted the page's own markup (the app's name, or the heading the server
 * drew), or at once in a tab that is not on screen, where no paint comes
 * until it is, it asks for the app's code (the links held in the
 * `app-code` template: the app's modules, marked `data-app`, the entry also
 * `data-app-entry`, and the route's code the server adds, api/spa_preloads.go)
 * and starts it.
 *
 * Why after the paint: the app's code takes a long task to evaluate (several
 * hundred milliseconds on a phone's CPU). Run as soon as it has arrived, on a
 * fast connection it arrives before the browser's first frame and the page
 * stays blank until it has run. And fetched from the start, a page's first
 * paint is estimated by Lighthouse as waiting for every file that happened to
 * arrive before the browser painted: on loopback the code and the paint end
 * in either order, and the pages drawn at once were scored as drawn after
 * the app's code (largest paint 3.1-3.3 s on slow 4G against 1.2-1.4 s).
 * Asked for after the paint, the code costs a phone one round trip more
 * before the app runs; nothing on screen waits for it, the server having
 * drawn the page's heading.
 *
 * It evaluates the files one task each (the libraries, then the app's start,
 * which imports them) rather than all in one: each is what would have run
 * first anyway, as a module's imports are evaluated before it, and the
 * phone's main thread is free in between.
 *
 * Its text is the same in every build (the files are found in the page), and
 * the server allows it by its hash (api/spa_csp.go): the policy allows no
 * other inline script. The timer is a guard for a browser that never reports
 * a paint; the paint comes long before it.
 */
export const START_SCRIPT = `const code = document.getElementById('app-code').content;
let started = false;
const start = async () => {
  if (started) return;
  started = true;
  performance.mark('liaison:app-start');
  const links = [...code.querySelectorAll('link')];
  const entry = links.find((link) => link.hasAttribute('data-app-entry'));
  const files = [...links.filter((link) => link.hasAttribute('data-app') && link !== entry), entry].map((link) => link.getAttribute('href'));
  document.head.append(...links);
  for (const file of files) {
    await import(file);
    await new Promise((resolve) => setTimeout(resolve));
  }
};
if (document.visibilityState === 'visible' && PerformanceObserver.supportedEntryTypes.includes('paint')) {
  new PerformanceObserver((list, observer) => {
    if (list.getEntriesByName('first-contentful-paint').length === 0) return;
    observer.disconnect();
    start();
  }).observe({ type: 'paint', buffered: true });
  setTimeout(start, 3000);
} else {
  start();
}`;

/**
 * Takes the module scripts Vite writes into index.html out of the page's
 * markup, into the `app-code` template (held there, nothing is fetched) as
 * modulepreload links marked `data-app` (the entry also `data-app-entry`),
 * and adds START_SCRIPT, which fetches and runs them after the first paint.
 * `imports` names the files a built chunk imports: the entry is the one
 * script no other imports (the build merges the app's entry module into a
 * chunk of its own, so Vite's own idea of the entry is not in the page:
 * build/routePreloads.ts).
 *
 * The links ask for low priority: the page's stylesheet, which the app waits
 * for, and the language's catalogue go first.
 */
export function startAfterFirstPaint(html: string, imports: (file: string) => readonly string[]): string {
  const scripts = [...html.matchAll(/ *<script type="module" crossorigin src="\/(assets\/[^"]+\.js)"><\/script>\n?/g)];
  const imported = new Set(scripts.flatMap(([, src]) => imports(src)));
  const entries = scripts.filter(([, src]) => !imported.has(src)).map(([, src]) => src);
  if (entries.length !== 1) throw new Error(`app-after-first-paint: want one entry among index.html's module scripts, found ${entries.length}`);
  const links = scripts.map(([, src]) => `      <link rel="modulepreload" crossorigin fetchpriority="low" href="/${src}" data-app${src === entries[0] ? ' data-app-entry' : ''}>\n`);
  let out = html.replace(scripts[0]![0], `    <template id="app-code">\n${links.join('')}    </template>\n`);
  for (const [tag] of scripts.slice(1)) out = out.replace(tag, '');
  if (/<script(?![^>]*\ssrc=)/.test(out)) throw new Error('app-after-first-paint: index.html has an inline script of its own; the policy allows only the start script');
  return out.replace('</head>', `  <script type="module">${START_SCRIPT}</script>\n  </head>`);
}

/** The build's step that writes startAfterFirstPaint into index.html. */
export function appAfterFirstPaint(): Plugin {
  return {
    name: 'liaison-app-after-first-paint',
    apply: 'build',
    enforce: 'post',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        return startAfterFirstPaint(html, (file) => {
          const chunk = ctx.bundle?.[file];
          return chunk?.type === 'chunk' ? chunk.imports : [];
        });
      },
    },
  };
}
