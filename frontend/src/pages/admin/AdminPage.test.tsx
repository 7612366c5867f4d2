import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { adminUser, json, problem, signedInRoutes, stubApi, users } from '../../test/api';
import { renderApp } from '../../test/render';

describe('admin: users', () => {
  it('lists users and creates one, with the server refusing a taken email on the field', async () => {
    let attempts = 0;
    const { requests } = stubApi({
      ...signedInRoutes(),
      'POST /api/v1/users': ({ body }) => {
        attempts += 1;
        return attempts === 1
          ? problem(409, 'Conflict', { detail: 'a user with this email exists', errors: [{ location: 'body.email', message: 'is already in use' }] })
          : json({ ...(body as object), id: 3, active: true, version: 1, created_at: '', updated_at: '', last_login_at: null }, { status: 201 });
      },
    });
    const user = userEvent.setup();
    renderApp('/admin/users');

    const table = await screen.findByRole('table', { name: 'Users' });
    expect(await within(table).findByText('Emina Kovač')).toBeInTheDocument();
    expect(within(table).getByText('Partnership officer')).toBeInTheDocument();
    expect(within(table).getAllByText('IOM Bosnia and Herzegovina').length).toBe(2);

    await user.click(screen.getByRole('button', { name: 'New user' }));
    const dialog = await screen.findByRole('dialog', { name: 'New user' });
    await user.type(within(dialog).getByRole('textbox', { name: /^Name/ }), 'Haris Begić');
    await user.type(within(dialog).getByRole('textbox', { name: /^Email/ }), 'haris@example.org');
    await user.type(within(dialog).getByLabelText(/^Password/), 'short');
    await user.click(within(dialog).getByRole('button', { name: 'Create user' }));
    expect(await within(dialog).findByText('Use at least 12 characters')).toBeInTheDocument();

    await user.clear(within(dialog).getByLabelText(/^Password/));
    await user.type(within(dialog).getByLabelText(/^Password/), 'a-long-enough-password');
    await user.click(within(dialog).getByRole('button', { name: 'Create user' }));
    await waitFor(() => expect(within(dialog).getByRole('textbox', { name: /^Email/ })).toHaveAccessibleDescription('is already in use'));

    await user.clear(within(dialog).getByRole('textbox', { name: /^Email/ }));
    await user.type(within(dialog).getByRole('textbox', { name: /^Email/ }), 'haris.begic@example.org');
    await user.click(within(dialog).getByRole('button', { name: 'Create user' }));
    expect(await screen.findByText('Haris Begić can now sign in')).toBeInTheDocument();
    expect(requests.filter((r) => r.method === 'POST').at(-1)?.body).toEqual({
      name: 'Haris Begić',
      email: 'haris.begic@example.org',
      password: 'a-long-enough-password',
      role: 'officer',
      office_id: 1,
      locale: 'en',
    });
  });

  it('deactivates a user after asking, with the version it read', async () => {
    const { requests } = stubApi({
      ...signedInRoutes(),
      'PATCH /api/v1/users/2': json({ ...users.items[1], active: false, version: 4 }),
    });
    const user = userEvent.setup();
    renderApp('/admin/users');
    await user.click(await screen.findByRole('button', { name: 'Actions for Emina Kovač' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Deactivate' }));
    const dialog = await screen.findByRole('dialog', { name: 'Deactivate Emina Kovač?' });
    await user.click(within(dialog).getByRole('button', { name: 'Deactivate' }));
    expect(await screen.findByText('Emina Kovač was deactivated')).toBeInTheDocument();
    const patch = requests.find((r) => r.method === 'PATCH')!;
    expect(patch.body).toEqual({ active: false });
    expect(patch.headers.get('If-Match')).toBe('"3"');
  });

  it("shows a user's sessions on their edit dialog and ends them all, with their tokens when ticked", async () => {
    let sessions = [
      { id: 21, created_at: '2026-11-30T08:00:00Z', last_seen_at: '2026-12-01T08:00:00Z', expires_at: '2026-12-14T08:00:00Z', client_addr: '198.51.100.4', user_agent: 'Edge on Windows', current: false },
    ];
    const { requests } = stubApi({
      ...signedInRoutes(),
      'GET /api/v1/users/2/sessions': () => json({ items: sessions }),
      'DELETE /api/v1/users/2/sessions': () => {
        sessions = [];
        return new Response(null, { status: 204 });
      },
    });
    const user = userEvent.setup();
    renderApp('/admin/users');
    await user.click(await screen.findByRole('button', { name: 'Actions for Emina Kovač' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Edit' }));
    const dialog = await screen.findByRole('dialog', { name: /Emina Kovač/ });
    const list = await within(dialog).findByRole('list', { name: 'Sessions of Emina Kovač' });
    expect(within(list).getByText('Edge on Windows')).toBeInTheDocument();
    expect(within(list).getByText('198.51.100.4')).toBeInTheDocument();

    await user.click(within(dialog).getByRole('checkbox', { name: 'Also revoke their API tokens' }));
    await user.click(within(dialog).getByRole('button', { name: 'End all sessions' }));
    const confirm = await screen.findByRole('dialog', { name: 'End all sessions of Emina Kovač?' });
    expect(confirm).toHaveTextContent('their API tokens will stop working');
    await user.click(within(confirm).getByRole('button', { name: 'End all sessions' }));
    expect(await screen.findByText('Emina Kovač was signed out everywhere')).toBeInTheDocument();
    const ended = requests.find((r) => r.method === 'DELETE')!;
    expect(ended.url.pathname + ended.url.search).toBe('/api/v1/users/2/sessions?revoke_tokens=true');
    expect(await within(dialog).findByText('Not signed in anywhere.')).toBeInTheDocument();
  });

  it('is not for officers', async () => {
    stubApi({
      ...signedInRoutes({ ...adminUser, role: 'officer' }),
      'GET /api/v1/organizations': json({ items: [], next_cursor: null }),
      'GET /api/v1/contacts': json({ items: [], next_cursor: null, total: 0 }),
      'GET /api/v1/commitments': json({ items: [], next_cursor: null, total: 0 }),
    });
    const { router } = renderApp('/admin/users');
    await waitFor(() => expect(router.state.location.pathname).toBe('/'));
  });
});

describe('admin: offices', () => {
  it('adds an office', async () => {
    const { requests } = stubApi({
      ...signedInRoutes(),
      'POST /api/v1/offices': json({ id: 3, name: 'IOM Jordan', country_code: 'JO', version: 1, created_at: '', updated_at: '' }, { status: 201 }),
    });
    const user = userEvent.setup();
    renderApp('/admin/offices');
    const table = await screen.findByRole('table', { name: 'Offices' });
    expect(await within(table).findByText('IOM Iraq')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'New office' }));
    const dialog = await screen.findByRole('dialog', { name: 'New office' });
    await user.type(within(dialog).getByRole('textbox', { name: /^Office/ }), 'IOM Jordan');
    await user.click(within(dialog).getByRole('button', { name: 'Create office' }));
    expect(await screen.findByText('IOM Jordan was saved')).toBeInTheDocument();
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({ name: 'IOM Jordan', country_code: null });
  });
});
