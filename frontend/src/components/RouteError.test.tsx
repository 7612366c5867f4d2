import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { AppProviders } from '../AppProviders';
import { authKeys } from '../hooks/auth';
import { createQueryClient } from '../queryClient';
import { adminUser, signedInRoutes, stubApi } from '../test/api';
import { RouteError } from './RouteError';

/** A signed-in app whose page at /contacts fails to load with the given error. */
function failingPage(error: Error) {
  stubApi(signedInRoutes());
  vi.spyOn(console, 'error').mockImplementation(() => {});
  const queryClient = createQueryClient({ retry: false });
  queryClient.setQueryData(authKeys.me(), adminUser);
  const router = createMemoryRouter(
    [
      {
        path: '/',
        errorElement: <RouteError />,
        children: [
          {
            path: 'contacts',
            loader: () => {
              throw error;
            },
            element: <p>never shown</p>,
          },
        ],
      },
    ],
    { initialEntries: ['/contacts'] },
  );
  render(
    <AppProviders queryClient={queryClient} env="test">
      <RouterProvider router={router} />
    </AppProviders>,
  );
}

describe('a page that fails to load', () => {
  it('is said inside the app frame, so the navigation and the account menu stay', async () => {
    failingPage(new Error('boom'));
    expect(await screen.findByRole('heading', { name: 'This page could not be shown' })).toBeInTheDocument();
    expect(await screen.findByRole('navigation', { name: 'Main navigation' })).toBeInTheDocument();
    expect(screen.getByTestId('account-menu')).toBeInTheDocument();
  });

  it('says the network is the reason when its code could not be fetched, not "unexpected error"', async () => {
    failingPage(new TypeError('Failed to fetch dynamically imported module: /assets/ContactsPage-x.js'));
    expect(await screen.findByText('Cannot reach the server. Check your connection and try again.')).toBeInTheDocument();
    expect(screen.queryByText('An unexpected error stopped this page from loading.')).not.toBeInTheDocument();
    expect(await screen.findByRole('navigation', { name: 'Main navigation' })).toBeInTheDocument();
  });
});
