import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';
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
            // The frame (navigation, search, account menu) is code of its own,
            // fetched alongside the page: the first paint is the session check.
            lazy: page(() => import('./components/AppLayout'), (m) => m.AppLayout),
            errorElement: <RouteError />,
            children: [
              { index: true, lazy: page(() => import('./pages/dashboard/DashboardPage'), (m) => m.DashboardPage) },
              { path: 'organizations', lazy: page(() => import('./pages/organizations/OrganizationsPage'), (m) => m.OrganizationsPage) },
              { path: 'organizations/new', lazy: page(() => import('./pages/organizations/OrganizationFormPage'), (m) => m.OrganizationFormPage) },
              { path: 'organizations/:id', lazy: page(() => import('./pages/organizations/OrganizationDetailPage'), (m) => m.OrganizationDetailPage) },
              { path: 'organizations/:id/edit', lazy: page(() => import('./pages/organizations/OrganizationFormPage'), (m) => m.OrganizationFormPage) },
              { path: 'contacts', lazy: page(() => import('./pages/contacts/ContactsPage'), (m) => m.ContactsPage) },
              { path: 'contacts/new', lazy: page(() => import('./pages/contacts/ContactFormPage'), (m) => m.ContactFormPage) },
              { path: 'contacts/:id', lazy: page(() => import('./pages/contacts/ContactDetailPage'), (m) => m.ContactDetailPage) },
              { path: 'contacts/:id/edit', lazy: page(() => import('./pages/contacts/ContactFormPage'), (m) => m.ContactFormPage) },
              { path: 'contacts/:id/subject-export', lazy: page(() => import('./pages/personal-data/SubjectExportPage'), (m) => m.SubjectExportPage) },
              { path: 'retention', lazy: page(() => import('./pages/retention/RetentionPage'), (m) => m.RetentionPage) },
              { path: 'visits', lazy: page(() => import('./pages/engagement/VisitsPage'), (m) => m.VisitsPage) },
              { path: 'visits/new', lazy: page(() => import('./pages/visits/VisitFormPage'), (m) => m.VisitFormPage) },
              { path: 'visits/:id/edit', lazy: page(() => import('./pages/visits/VisitFormPage'), (m) => m.VisitFormPage) },
              { path: 'visits/:id', lazy: page(() => import('./pages/visits/VisitDetailPage'), (m) => m.VisitDetailPage) },
              { path: 'visits/:id/briefing', lazy: page(() => import('./pages/visits/briefing/BriefingPage'), (m) => m.BriefingPage) },
              { path: 'interactions', lazy: page(() => import('./pages/engagement/InteractionsPage'), (m) => m.InteractionsPage) },
              { path: 'interactions/:id', lazy: page(() => import('./pages/interactions/InteractionPage'), (m) => m.InteractionPage) },
              { path: 'commitments', lazy: page(() => import('./pages/engagement/CommitmentsPage'), (m) => m.CommitmentsPage) },
              { path: 'commitments/:id', lazy: page(() => import('./pages/commitments/CommitmentPage'), (m) => m.CommitmentPage) },
              { path: 'merge/:kind', lazy: page(() => import('./pages/merge/MergePage'), (m) => m.MergePage) },
              { path: 'review', lazy: page(() => import('./pages/engagement/ReviewPage'), (m) => m.ReviewPage) },
              { path: 'map', lazy: page(() => import('./pages/insights/StakeholderMapPage'), (m) => m.StakeholderMapPage) },
              { path: 'network', lazy: page(() => import('./pages/network/NetworkPage'), (m) => m.NetworkPage) },
              { path: 'duplicates', lazy: page(() => import('./pages/duplicates/DuplicatesPage'), (m) => m.DuplicatesPage) },
              { path: 'reports', lazy: page(() => import('./pages/insights/ReportsPage'), (m) => m.ReportsPage) },
              { path: 'import', lazy: page(() => import('./pages/import/ImportPage'), (m) => m.ImportPage) },
              { path: 'account/security', lazy: page(() => import('./pages/account/SecurityPage'), (m) => m.SecurityPage) },
              { path: 'account/notifications', lazy: page(() => import('./pages/account/NotificationSettingsPage'), (m) => m.NotificationSettingsPage) },
              { path: 'admin', lazy: page(() => import('./pages/admin/AdminPage'), (m) => m.AdminPage) },
              { path: 'admin/:tab', lazy: page(() => import('./pages/admin/AdminPage'), (m) => m.AdminPage) },
              { path: 'account/two-factor', lazy: page(() => import('./pages/account/TwoFactorPage'), (m) => m.TwoFactorPage) },
              { path: '*', lazy: page(() => import('./pages/not-found/NotFoundPage'), (m) => m.NotFoundPage) },
            ],
          },
        ],
      },
    ],
  },
];
