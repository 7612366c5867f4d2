import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './i18n';

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { AppProviders } from './AppProviders';
import { notify } from './components/notify';
import i18n from './i18n';
import { createQueryClient } from './queryClient';
import { routes } from './router';

const queryClient = createQueryClient({
  onSessionExpired: () => notify.warning(i18n.t('errors.sessionExpired')),
});
const router = createBrowserRouter(routes);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppProviders queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProviders>
  </StrictMode>,
);
