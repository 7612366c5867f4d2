import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import { AppLayout } from './components/AppLayout';
import { PageLoader } from './components/PageLoader';
import { RequireAuth } from './components/RequireAuth';
import { RouteError } from './components/RouteError';

/** Loads a page's code only when its route is first visited. */
function page<M>(load: () => Promise<M>, pick: (module: M) => ComponentType) {
  return async () => ({ Component: pick(await load()) });
}

/**
 * The route table, shared by the browser router (main.tsx) and the memory
 * routers of the tests. Every path outside /api is served index.html by the
 * Go server, so deep links survive a reload.
 */
export const routes: RouteObject[] = [
  {
    path: '/',
    errorElement: <RouteError />,
    hydrateFallbackElement: <PageLoader fullScreen />,
    children: [
      {
        path: 'login',
        lazy: page(() => import('./pages/login/LoginPage'), (m) => m.LoginPage),
      },
      {
        element: <RequireAuth />,
        children: [
          {
            element: <AppLayout />,
            errorElement: <RouteError />,
            children: [
              { index: true, lazy: page(() => import('./pages/dashboard/DashboardPage'), (m) => m.DashboardPage) },
              { path: 'organizations', lazy: page(() => import('./pages/organizations/OrganizationsPage'), (m) => m.OrganizationsPage) },
              { path: '*', lazy: page(() => import('./pages/not-found/NotFoundPage'), (m) => m.NotFoundPage) },
            ],
          },
        ],
      },
    ],
  },
];
