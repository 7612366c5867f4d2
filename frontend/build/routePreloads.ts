import { resolve } from 'node:path';
import type { Plugin } from 'vite';

/** A client route and the modules its first paint needs beyond the entry's. */
export interface RoutePreload {
  /** A path as the router writes it: `/visits/:id` (a `:name` segment is any one segment). */
  path: string;
  /** Source files, from the frontend folder, that the route loads lazily. */
  modules: string[];
}

/**
 * Writes dist/.route-preloads.json: for each route listed, the built chunks
 * (and their styles) the route loads lazily, with everything they import,
 * less what index.html loads already. The Go server (api/spa_preloads.go)
 * names them in index.html's app-code template as <link rel="modulepreload">
 * for that route, so that a first visit fetches the page's code with the
 * app's (build/appAfterFirstPaint.ts) instead of after the app has run (one
 * round trip and all the app's start-up time later, on a phone).
 * It lists each language's catalogue too. The file's name starts with a dot:
 * the service worker leaves it out.
 */
export function routePreloads(routes: RoutePreload[]): Plugin {
  let root = '';
  return {
    name: 'liaison-route-preloads',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      root = config.root;
    },
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((file) => file.type === 'chunk');
      const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
      const closure = (start: string[]) => {
        const seen = new Set<string>();
        const visit = (name: string) => {
          if (seen.has(name)) return;
          seen.add(name);
          for (const next of byName.get(name)?.imports ?? []) visit(next);
        };
        start.forEach(visit);
        return seen;
      };
      const initial = closure(initialChunks(bundle, chunks));
      const out = routes.map(({ path, modules }) => {
        const starts = modules.map((module) => {
          const id = resolve(root, module);
          const chunk = chunks.find((c) => c.facadeModuleId === id);
          if (!chunk) this.error(`route-preloads: ${module} (for ${path}) is not a chunk of its own; is it loaded with import()?`);
          return chunk.fileName;
        });
        const scripts = [...closure(starts)].filter((name) => !initial.has(name));
        const styles = [...new Set(scripts.flatMap((name) => [...(byName.get(name)?.viteMetadata?.importedCss ?? [])]))];
        return { path, scripts: scripts.map((name) => `/${name}`), styles: styles.map((name) => `/${name}`) };
      });
      // Each language's catalogue (src/i18n/catalogues/<language>.ts), which the
      // first paint waits for: the server names the one the browser's
      // languages point to.
      const catalogues: Record<string, string[]> = {};
      for (const chunk of chunks) {
        const language = chunk.facadeModuleId?.match(/[\\/]src[\\/]i18n[\\/]catalogues[\\/](\w+)\.ts$/)?.[1];
        if (language) catalogues[language] = [...closure([chunk.fileName])].filter((name) => !initial.has(name)).map((name) => `/${name}`);
      }
      this.emitFile({ type: 'asset', fileName: '.route-preloads.json', source: `${JSON.stringify({ routes: out, catalogues }, null, 1)}\n` });
    },
  };
}

/**
 * The chunks index.html loads itself. The entry module is merged into the
 * "boot" chunk by the build's code splitting, and a merged chunk is not
 * marked as an entry, so the page's own scripts and module preloads
 * (build/appAfterFirstPaint.ts) are the list to trust;
 * without them a route would name the whole app again, and its low-priority
 * preloads would queue up behind the same files the first paint waits for.
 */
function initialChunks(bundle: Record<string, { type: string; fileName: string; isEntry?: boolean; source?: string | Uint8Array }>, chunks: { fileName: string; isEntry: boolean }[]): string[] {
  const html = bundle['index.html'];
  const source = html?.type === 'asset' && typeof html.source === 'string' ? html.source : '';
  const named = [...source.matchAll(/<script[^>]*\ssrc="\/([^"]+\.js)"|<link rel="modulepreload"[^>]*\shref="\/([^"]+\.js)"/g)].map((m) => m[1] ?? m[2]);
  const entries = chunks.filter((chunk) => chunk.isEntry).map((chunk) => chunk.fileName);
  return [...new Set([...named, ...entries])];
}
