import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './global.css';
import './i18n';

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { AppProviders } from './AppProviders';
import { notify } from './components/notify';
import i18n, { i18nReady } from './i18n';
import { authKeys, fetchMe } from './hooks/auth';
import { createQueryClient } from './queryClient';
import { routes } from './router';

const queryClient = createQueryClient({
  onSessionExpired: () => notify.warning(i18n.t('errors.sessionExpired')),
});
// Started offline (the service worker serves the app), "who am I" fails with
// the network message and a retry instead of waiting without a word; it is
// asked again by itself once the connection returns.
queryClient.setQueryDefaults(authKeys.me(), { networkMode: 'always' });
// "Who am I" leaves now, alongside the catalogue and the route's code (which
// the router starts fetching as it is created), rather than after the first
// render: on a phone's connection each of these is a round trip.
void queryClient.prefetchQuery({ queryKey: authKeys.me(), queryFn: ({ signal }) => fetchMe(signal), staleTime: 5 * 60_000 });
const router = createBrowserRouter(routes);

// The first catalogue arrives before the first paint, so no raw keys flash by.
await i18nReady;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppProviders queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProviders>
  </StrictMode>,
);

// The service worker keeps the app's own files so that it starts without a
// network (src/service-worker.template.js). Development servers rebuild on
// every change, so it is a production build's only. It installs once the
// page has loaded: its download of every file must not compete with the
// first visit's own.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  const register = () =>
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch((error: unknown) => console.warn('The offline app shell is unavailable:', error));
  if (document.readyState === 'complete') void register();
  else window.addEventListener('load', () => void register(), { once: true });
}
