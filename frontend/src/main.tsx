import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './global.css';
import './i18n';

import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { AppProviders } from './AppProviders';
import { appStyles } from './appStyles';
import { notify } from './components/notify';
import { authKeys, fetchMe, signedInHereBefore } from './hooks/auth';
import i18n, { changeLanguage, currentLanguage, i18nReady, isLanguage, warmIntl } from './i18n';
import { nextTask } from './nextTask';
import { startPageData } from './pageData';
import { registerServiceWorkerWhenSettled } from './offline/registerServiceWorker';
import { createQueryClient } from './queryClient';
import { routes } from './router';
import { keepServerDrawnShell } from './serverDrawnShell';

const queryClient = createQueryClient({
  onSessionExpired: () => notify.warning(i18n.t('errors.sessionExpired')),
});
// Started offline (the service worker serves the app), "who am I" fails with
// the network message and a retry instead of waiting without a word; it is
// asked again by itself once the connection returns.
queryClient.setQueryDefaults(authKeys.me(), { networkMode: 'always' });
// "Who am I" leaves now, alongside the catalogue and the route's code (which
// the router starts fetching as it is created), rather than after the first
// render: on a phone's connection each of these is a round trip. The sign-in
// page on a browser where no one has signed in does without it: there is no
// session to find there.
if (window.location.pathname !== '/login' || signedInHereBefore()) {
  void queryClient.prefetchQuery({ queryKey: authKeys.me(), queryFn: ({ signal }) => fetchMeInAccountLanguage(signal), staleTime: 5 * 60_000 });
}

/**
 * "Who am I", answered once the account's language and the first page's
 * data are in (src/pageData.ts; both asked for at once): the first page is
 * drawn in the language it will stay in, rather than in the browser's and
 * then all over again in the account's (twice the work on a phone, and every
 * line of text moving as it is translated).
 */
async function fetchMeInAccountLanguage(signal: AbortSignal) {
  const me = fetchMe(signal);
  // A browser signed in before is most likely signed in still: the page's
  // requests leave with "who am I" (src/pageData.ts), else once it answers.
  const data = signedInHereBefore()
    ? startPageData(queryClient, window.location.pathname, me)
    : me.then((user) => user && startPageData(queryClient, window.location.pathname, Promise.resolve(user)), () => undefined);
  const user = await me;
  const locale = user?.locale;
  if (isLanguage(locale)) {
    // After the first catalogue, so that the two switches cannot cross.
    await i18nReady.catch(() => undefined);
    if (locale !== currentLanguage()) await changeLanguage(locale).catch(() => undefined);
  }
  await data;
  return user;
}

// The first catalogue and the stylesheet arrive before the first render, so
// no raw keys or unstyled controls flash by.
const catalogueAndStyle = Promise.all([i18nReady, appStyles()]);

// What follows waits for the network anyway, so it is done in tasks of its
// own rather than at the end of the one that evaluated the app's code (a
// long task on a phone already): the router's set-up (matching the route,
// starting its code), then Intl's locale data.
await nextTask();
const router = createBrowserRouter(routes);
// The sign-in page shows no date: there it would load Intl's data for
// nothing, a long task of its own on a phone's CPU (~120 ms at 4x).
if (window.location.pathname !== '/login') {
  await nextTask();
  warmIntl(currentLanguage());
}

await catalogueAndStyle;

// The first render is a transition: React draws it in slices of a few
// milliseconds, leaving the phone's main thread free in between (for a tap,
// or the next request's answer), instead of one long task; what is on screen
// (the app's name, or the page's heading the server drew, from index.html)
// stays until it is done, and the full-screen loader that may come first
// shows that same heading (src/serverDrawnShell.ts).
const container = document.getElementById('root')!;
keepServerDrawnShell(container);
const root = createRoot(container);
startTransition(() =>
  root.render(
    <StrictMode>
      <AppProviders queryClient={queryClient}>
        <RouterProvider router={router} />
      </AppProviders>
    </StrictMode>,
  ),
);

// The service worker keeps the app's own files so that it starts without a
// network (src/service-worker.template.js). Development servers rebuild on
// every change, so it is a production build's only. It installs once the
// first page is drawn with its data (src/offline/registerServiceWorker.ts):
// its download of every file must not compete with the first visit's own.
if (import.meta.env.PROD && 'serviceWorker' in navigator) registerServiceWorkerWhenSettled(queryClient);
