import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { AppProviders } from '../../AppProviders';
import { createQueryClient } from '../../queryClient';
import { json, stubApi } from '../../test/api';
import { NotificationBell } from './NotificationBell';

const ASSIGNED = {
  id: 7,
  kind: 'assigned',
  title: 'Emir Kovačević gave you "Send the training plan"',
  link: '/commitments/12',
  created_at: new Date(Date.now() - 5 * 60_000).toISOString(),
  read_at: null,
};
const MENTIONED = {
  id: 6,
  kind: 'mentioned',
  title: 'Lejla Softić mentioned you on Ministry of Security',
  link: '/organizations/3',
  created_at: '2026-11-20T10:00:00Z',
  read_at: '2026-11-20T11:00:00Z',
};

/** The bell alone in a router whose commitment pages say which one they are. */
function renderBell() {
  const router = createMemoryRouter(
    [
      { path: '/', element: <NotificationBell /> },
      { path: '/commitments/:id', element: <p>The commitment page</p> },
    ],
    { initialEntries: ['/'] },
  );
  render(
    <AppProviders queryClient={createQueryClient({ retry: false })} env="test">
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return router;
}

describe('the notification bell', () => {
  it('shows 99+ when the server stops counting, and says so in its name', async () => {
    stubApi({ 'GET /api/v1/notifications/unread-count': json({ count: 100 }) });
    renderBell();
    const bell = await screen.findByRole('button', { name: 'Notifications: 99+ unread' });
    expect(within(bell).getByTestId('notification-badge')).toHaveTextContent('99+');
  });

  it('shows the count below 100, and no badge at zero', async () => {
    stubApi({ 'GET /api/v1/notifications/unread-count': json({ count: 3 }) });
    renderBell();
    expect(await screen.findByRole('button', { name: 'Notifications: 3 unread' })).toHaveTextContent('3');
  });

  it('lists notifications newest first and marks all read', async () => {
    let count = 1;
    const { requests } = stubApi({
      'GET /api/v1/notifications/unread-count': () => json({ count }),
      'GET /api/v1/notifications': json({ items: [ASSIGNED, MENTIONED], next_cursor: null }),
      'POST /api/v1/notifications/read': () => {
        count = 0;
        return new Response(null, { status: 204 });
      },
    });
    const user = userEvent.setup();
    renderBell();
    await user.click(await screen.findByRole('button', { name: 'Notifications: 1 unread' }));
    const list = await screen.findByRole('list', { name: 'Notifications, newest first' });
    const rows = within(list).getAllByRole('listitem');
    expect(rows.map((row) => row.textContent)).toEqual([
      expect.stringMatching(/^Assigned to you5 minutes ago.*Send the training plan.*Unread$/),
      expect.stringMatching(/^You were mentioned.*Ministry of Security$/),
    ]);
    expect(screen.getByRole('region', { name: 'Notifications' })).toContainElement(list);

    await user.click(screen.getByRole('button', { name: 'Mark all read' }));
    await waitFor(() => expect(requests.find((r) => r.method === 'POST')?.body).toEqual({ all: true }));
    // The count is asked again, and the badge goes.
    expect(await screen.findByRole('button', { name: 'Notifications' })).not.toHaveTextContent('1');
  });

  it('marks one read and follows its link when clicked', async () => {
    const { requests } = stubApi({
      'GET /api/v1/notifications/unread-count': json({ count: 1 }),
      'GET /api/v1/notifications': json({ items: [ASSIGNED], next_cursor: null }),
      'POST /api/v1/notifications/read': new Response(null, { status: 204 }),
    });
    const user = userEvent.setup();
    const router = renderBell();
    await user.click(await screen.findByRole('button', { name: 'Notifications: 1 unread' }));
    await user.click(await screen.findByRole('link', { name: /Send the training plan/ }));
    expect(await screen.findByText('The commitment page')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/commitments/12');
    await waitFor(() => expect(requests.find((r) => r.method === 'POST')?.body).toEqual({ ids: [7] }));
  });

  it('asks only for the unread ones when told, and says when there are none', async () => {
    const { requests } = stubApi({
      'GET /api/v1/notifications/unread-count': json({ count: 0 }),
      'GET /api/v1/notifications': ({ url }) => json({ items: url.searchParams.get('unread') === 'true' ? [] : [MENTIONED], next_cursor: null }),
    });
    const user = userEvent.setup();
    renderBell();
    await user.click(await screen.findByRole('button', { name: 'Notifications' }));
    await screen.findByRole('list', { name: 'Notifications, newest first' });
    expect(screen.getByRole('button', { name: 'Mark all read' })).toBeDisabled();
    await user.click(screen.getByRole('switch', { name: 'Only unread' }));
    expect(await screen.findByText('You have no unread notifications.')).toBeInTheDocument();
    expect(requests.filter((r) => r.url.pathname === '/api/v1/notifications').map((r) => r.url.searchParams.get('unread'))).toEqual([null, 'true']);
  });
});
