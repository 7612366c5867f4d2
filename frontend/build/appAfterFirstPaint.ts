import type { Plugin } from 'vite';

/**
 * The script index.html runs instead of the app's: it starts the app (the
 * modules marked `data-app`, the entry last) once the browser has painted
 * the page's own markup (the app's name, or the heading the server drew),
 * or at once in a tab that is not on screen, where no paint comes until it
 * is.
 *
 * Why: the app's code takes a long task to evaluate (several hundred
 * milliseconds on a phone's CPU). Loaded by plain module scripts, it runs as
 * soon as it has arrived, and on a fast connection it arrives before the
 * browser's first frame: the page then stays blank until the code has run.
 * Started after the first paint, the page is on screen first on every
 * connection. The files themselves are still fetched from the start
 * (modulepreload), so a slow connection loses nothing. And it evaluates
 * them one task each (the libraries, then the app's start, which imports
 * them) rather than all in one: each is what would have run first anyway, as
 * a module's imports are evaluated before it, and the phone's main thread is
 * free in between.
 *
 * Its text is the same in every build (the files are found in the page), and
 * the server allows it by its hash (api/spa_csp.go): the policy allows no
 * other inline script. The timer is a guard for a browser that never reports
 * a paint; the paint comes long before it.
 */
export const START_SCRIPT = `const files = [...document.querySelectorAll('link[data-app]:not([data-app-entry])'), document.querySelector('link[data-app-entry]')].map((link) => link.href);
let started = false;
const start = async () => {
  if (started) return;
  started = true;
  performance.mark('liaison:app-start');
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
 * Turns the module scripts Vite writes into index.html into modulepreload
 * links marked `data-app` (the entry also `data-app-entry`) and adds
 * START_SCRIPT, which runs them after the first paint. `imports` names the files a built
 * chunk imports: the entry is the one script no other imports (the build
 * merges the app's entry module into a chunk of its own, so Vite's own idea
 * of the entry is not in the page: build/routePreloads.ts).
 *
 * The links ask for low priority. Nothing on screen waits for the code any
 * more, and Lighthouse's estimate of the first paint counts every
 * high-priority script that arrived before the paint as holding it back, a
 * page drawn at once scored as one drawn after its code (2.2 s instead of
 * 0.7-1.4 s on a slow 4G phone). On a throttled phone (150 ms, 1.6 Mbit/s,
 * 4x CPU, HTTP/1.1) the app was drawn at the same time either way: the files
 * are still asked for first, in the page's order, and none is left waiting.
 */
export function startAfterFirstPaint(html: string, imports: (file: string) => readonly string[]): string {
  const scripts = [...html.matchAll(/<script type="module" crossorigin src="\/(assets\/[^"]+\.js)"><\/script>/g)];
  const imported = new Set(scripts.flatMap(([, src]) => imports(src)));
  const entries = scripts.filter(([, src]) => !imported.has(src)).map(([, src]) => src);
  if (entries.length !== 1) throw new Error(`app-after-first-paint: want one entry among index.html's module scripts, found ${entries.length}`);
  let out = html;
  for (const [tag, src] of scripts) {
    out = out.replace(tag, `<link rel="modulepreload" crossorigin fetchpriority="low" href="/${src}" data-app${src === entries[0] ? ' data-app-entry' : ''}>`);
  }
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
