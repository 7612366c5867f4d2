import { matchRoutes, type RouteObject } from 'react-router';
import { routes } from '../../router';

/**
 * Starts fetching the code of the page a link leads to, and of the frames
 * around it, when someone shows the intent to follow it (a pointer over it,
 * keyboard focus on it, a finger down on it): by the click, the page's code is
 * in or on its way, instead of being asked for only then (a round trip and a
 * download on a phone, before anything moves). The router finds the modules
 * in the browser's module map when it loads the route, so nothing is fetched
 * twice. A failed fetch is left for the navigation to meet and report.
 */
export function prefetchRoute(path: string, table: RouteObject[] = routes): void {
  for (const match of matchRoutes(table, path) ?? []) {
    const lazy = match.route.lazy;
    if (typeof lazy !== 'function' || started.has(lazy)) continue;
    started.add(lazy);
    void Promise.resolve()
      .then(() => lazy())
      .catch(() => started.delete(lazy));
  }
}

/** The route loaders already started: each page's code is asked for once. */
const started = new WeakSet<object>();

/** The props that start a link's page loading on the first sign of intent. */
export function prefetchOnIntent(path: string) {
  const start = () => prefetchRoute(path);
  return { onMouseEnter: start, onFocus: start, onTouchStart: start };
}
