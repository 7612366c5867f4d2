import type { QueryClient } from '@tanstack/react-query';
import type { User } from './hooks/auth';
import { unreadCountQuery } from './hooks/notifications';

/**
 * The first page's requests, started with "who am I" instead of after the
 * page's first render: on a phone that render (and the account's catalogue
 * before it) takes long enough for the requests to be answered meanwhile.
 * The page's module is the one the router is already fetching for the
 * route, so this costs no extra download; the page's own hooks find the
 * requests in flight or done under the same keys. A page whose requests
 * depend on who is signed in (`needsMe`: the dashboard's "my follow-ups",
 * the review's office, the report only managers read) starts them when
 * "who am I" answers; the others at once, alongside it, a round trip sooner
 * on a phone's connection.
 */
type PageStart =
  | { path: RegExp; needsMe: true; start: (queryClient: QueryClient, me: User) => Promise<unknown> }
  | { path: RegExp; needsMe?: never; start: (queryClient: QueryClient, match: RegExpExecArray) => Promise<unknown> };

const pages: PageStart[] = [
  { path: /^\/$/, needsMe: true, start: (queryClient, me) => import('./pages/dashboard/DashboardPage').then((m) => m.prefetchDashboard(queryClient, me)) },
  { path: /^\/organizations$/, start: (queryClient) => import('./pages/organizations/OrganizationsPage').then((m) => m.prefetchOrganizationsPage(queryClient, window.location.search)) },
  { path: /^\/commitments$/, start: (queryClient) => import('./pages/engagement/CommitmentsPage').then((m) => m.prefetchCommitmentsPage(queryClient, window.location.search)) },
  { path: /^\/review$/, needsMe: true, start: (queryClient, me) => import('./pages/engagement/ReviewPage').then((m) => m.prefetchReviewPage(queryClient, me, window.location.search)) },
  { path: /^\/visits$/, start: (queryClient) => import('./pages/engagement/VisitsPage').then((m) => m.prefetchVisitsPage(queryClient, window.location.search)) },
  { path: /^\/map$/, start: (queryClient) => import('./pages/insights/StakeholderMapPage').then((m) => m.prefetchStakeholderMapPage(queryClient, window.location.search)) },
  { path: /^\/reports$/, needsMe: true, start: (queryClient, me) => import('./pages/insights/ReportsPage').then((m) => m.prefetchReportsPage(queryClient, me, window.location.search)) },
  { path: /^\/contacts$/, start: (queryClient) => import('./pages/contacts/ContactsPage').then((m) => m.prefetchContactsPage(queryClient, window.location.search)) },
  {
    path: /^\/organizations\/(\d+)$/,
    start: (queryClient, [, id]) => import('./pages/organizations/OrganizationDetailPage').then((m) => m.prefetchOrganizationPage(queryClient, Number(id))),
  },
  {
    path: /^\/contacts\/(\d+)$/,
    start: (queryClient, [, id]) => import('./pages/contacts/ContactDetailPage').then((m) => m.prefetchContactPage(queryClient, Number(id))),
  },
  {
    path: /^\/interactions\/(\d+)$/,
    start: (queryClient, [, id]) => import('./pages/interactions/InteractionPage').then((m) => m.prefetchInteractionPage(queryClient, Number(id))),
  },
  {
    path: /^\/commitments\/(\d+)$/,
    start: (queryClient, [, id]) => import('./pages/commitments/CommitmentPage').then((m) => m.prefetchCommitmentPage(queryClient, Number(id))),
  },
  {
    path: /^\/visits\/(\d+)$/,
    start: (queryClient, [, id]) => import('./pages/visits/VisitDetailPage').then((m) => m.prefetchVisitPage(queryClient, Number(id))),
  },
];

/**
 * How long the first page waits for its data before it is drawn with
 * placeholders. Drawn once with its data, the page is one render instead of
 * one for the placeholders and then one per answer (each a long task on a
 * phone, and each moving what is on screen); a slow server is not waited for.
 */
const WAIT_FOR_DATA_MS = 1500;

/**
 * Starts the page's requests, those that need to know who is signed in once
 * `me` (the answer of "who am I") says; resolves when they are in, or after
 * WAIT_FOR_DATA_MS. Started before that answer, a request of a browser whose
 * session has ended answers 401 as "who am I" does (src/queryClient.ts).
 */
export function startPageData(queryClient: QueryClient, pathname: string, me: Promise<User | null>): Promise<void> {
  const found = pages.map((page) => ({ page, match: page.path.exec(pathname) })).find(({ match }) => match);
  // The frame's bell, on every page but the sign-in page.
  const frame = pathname === '/login' ? Promise.resolve() : queryClient.prefetchQuery(unreadCountQuery());
  if (!found?.match) return Promise.resolve();
  const { page, match } = found;
  const started = page.needsMe ? me.then((user) => user && page.start(queryClient, user)) : page.start(queryClient, match);
  // A failed start changes nothing: the page asks again itself and shows the error.
  const done = Promise.all([started, frame]).then(
    () => undefined,
    () => undefined,
  );
  // Offline (the app started from the service worker), the requests wait for a network: the page does not.
  if (typeof navigator !== 'undefined' && !navigator.onLine) return Promise.resolve();
  return Promise.race([done, new Promise<void>((resolve) => setTimeout(resolve, WAIT_FOR_DATA_MS))]);
}
