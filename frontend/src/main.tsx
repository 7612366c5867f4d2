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
import { authKeys } from './hooks/auth';
import { createQueryClient } from './queryClient';
import { routes } from './router';

const queryClient = createQueryClient({
  onSessionExpired: () => notify.warning(i18n.t('errors.sessionExpired')),
});
// Started offline (the service worker serves the app), "who am I" fails with
// the network message and a retry instead of waiting without a word; it is
// asked again by itself once the connection returns.
queryClient.setQueryDefaults(authKeys.me(), { networkMode: 'always' });
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
// every change, so it is a production build's only.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch((error: unknown) => console.warn('The offline app shell is unavailable:', error));
}
