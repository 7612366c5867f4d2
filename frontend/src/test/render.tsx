import { render } from '@testing-library/react';
import type { QueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { AppProviders } from '../AppProviders';
import { createQueryClient } from '../queryClient';
import { routes } from '../router';

/** Renders the whole app (real routes, providers and hooks) at a path. */
export function renderApp(path = '/', options: { seed?: (queryClient: QueryClient) => void } = {}) {
  const queryClient = createQueryClient({ retry: false });
  options.seed?.(queryClient);
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const view = render(
    <AppProviders queryClient={queryClient} env="test">
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { ...view, router, queryClient };
}

/** Renders one component inside the providers, for hooks and small pieces. */
export function renderWithProviders(ui: ReactNode) {
  const queryClient = createQueryClient({ retry: false });
  const router = createMemoryRouter([{ path: '*', element: ui }]);
  return {
    ...render(
      <AppProviders queryClient={queryClient} env="test">
        <RouterProvider router={router} />
      </AppProviders>,
    ),
    queryClient,
  };
}
