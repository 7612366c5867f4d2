import type { QueryClient } from '@tanstack/react-query';
import type { User } from './hooks/auth';

/**
 * The first page's requests, started as soon as "who am I" answers instead
 * of after the page's first render: on a phone that render (and the account's
 * catalogue before it) takes long enough for the requests to be answered
 * meanwhile. The page's module is the one the router is already fetching for
 * the route, so this costs no extra download; the page's own hooks find the
 * requests in flight or done under the same keys.
 */
const pages: { path: RegExp; start: (queryClient: QueryClient, me: User) => Promise<unknown> }[] = [
  { path: /^\/$/, start: (queryClient, me) => import('./pages/dashboard/DashboardPage').then((m) => m.prefetchDashboard(queryClient, me)) },
];

export function startPageData(queryClient: QueryClient, pathname: string, me: User): void {
  const page = pages.find((p) => p.path.test(pathname));
  // A failed start changes nothing: the page asks again itself and shows the error.
  page?.start(queryClient, me).catch(() => undefined);
}
