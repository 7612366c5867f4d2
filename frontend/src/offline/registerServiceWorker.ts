import type { QueryClient } from '@tanstack/react-query';

/** However busy the first page stays (a list that keeps loading), the service worker installs after this long. */
const LATEST_MS = 15_000;

/**
 * Registers the service worker that keeps the app's files for starting
 * without a network (src/service-worker.template.js) once the first page is
 * drawn and has its data. Installing, it downloads every file of the app,
 * some 700 KB compressed with the charts and the stakeholder map: on a
 * phone's connection, begun at the load event (which a single-page app
 * reaches before asking for its data), that download shared the line with
 * the first page's own requests. So it waits for the load event, then for no
 * request of the page to be running, then for the browser to be idle; and
 * for LATEST_MS at most.
 */
export function registerServiceWorkerWhenSettled(queryClient: QueryClient) {
  let registered = false;
  const register = () => {
    if (registered) return;
    registered = true;
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch((error: unknown) => console.warn('The offline app shell is unavailable:', error));
  };
  const whenIdle = () => {
    if ('requestIdleCallback' in window) window.requestIdleCallback(register, { timeout: 2_000 });
    else setTimeout(register, 200);
  };
  const afterLoad = () => {
    setTimeout(register, LATEST_MS);
    void untilNothingFetching(queryClient).then(whenIdle);
  };
  if (document.readyState === 'complete') afterLoad();
  else window.addEventListener('load', afterLoad, { once: true });
}

/** Resolves once no query is fetching, looking again at each change of the query cache. */
function untilNothingFetching(queryClient: QueryClient): Promise<void> {
  return new Promise((resolve) => {
    const cache = queryClient.getQueryCache();
    let unsubscribe = () => {};
    const check = () => {
      if (queryClient.isFetching() > 0) return false;
      unsubscribe();
      resolve();
      return true;
    };
    if (!check()) unsubscribe = cache.subscribe(() => void check());
  });
}
