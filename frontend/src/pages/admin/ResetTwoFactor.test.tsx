import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { signedInRoutes, stubApi, users } from '../../test/api';
import { renderApp } from '../../test/render';

describe('admin: reset two-factor sign-in', () => {
  it("asks, then resets a user's two-factor sign-in", async () => {
    const { requests } = stubApi({
      ...signedInRoutes(),
      'DELETE /api/v1/users/2/mfa': new Response(null, { status: 204 }),
    });
    const user = userEvent.setup();
    renderApp('/admin/users');
    await user.click(await screen.findByRole('button', { name: 'Actions for Emina Kovač' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Reset two-factor sign-in' }));
    const dialog = await screen.findByRole('dialog', { name: 'Reset two-factor sign-in of Emina Kovač?' });
    expect(requests.some((r) => r.method === 'DELETE')).toBe(false);
    await user.click(within(dialog).getByRole('button', { name: 'Reset two-factor sign-in' }));
    expect(await screen.findByText('Two-factor sign-in of Emina Kovač was reset.')).toBeInTheDocument();
    expect(requests.filter((r) => r.method === 'DELETE').map((r) => r.url.pathname)).toEqual(['/api/v1/users/2/mfa']);
    await waitFor(() => expect(screen.queryByRole('dialog', { name: /Reset two-factor/ })).not.toBeInTheDocument());
  });

  it('is not offered for oneself, nor for a user whose record says it is off', async () => {
    stubApi({
      ...signedInRoutes(),
      'GET /api/v1/users': new Response(
        JSON.stringify({ ...users, items: [users.items[0], { ...users.items[1], mfa_enabled: false }] }),
        { headers: { 'Content-Type': 'application/json' } },
      ),
    });
    const user = userEvent.setup();
    renderApp('/admin/users');
    await user.click(await screen.findByRole('button', { name: 'Actions for Emina Kovač' }));
    expect(await screen.findByRole('menuitem', { name: 'Reset password' })).toBeInTheDocument();
    expect(screen.queryByRole('menuitem', { name: 'Reset two-factor sign-in' })).not.toBeInTheDocument();
  });

  it('shows admins who has two-factor sign-in on', async () => {
    stubApi({
      ...signedInRoutes(),
      'GET /api/v1/users': new Response(
        JSON.stringify({ ...users, items: [{ ...users.items[0], mfa_enabled: true }, { ...users.items[1], mfa_enabled: false }] }),
        { headers: { 'Content-Type': 'application/json' } },
      ),
    });
    renderApp('/admin/users');
    const emina = (await screen.findByText('Emina Kovač')).closest('tr');
    const admin = screen.getByText(users.items[0].email).closest('tr');
    expect(within(admin as HTMLElement).getByText('On')).toBeInTheDocument();
    expect(within(emina as HTMLElement).getByText('Off')).toBeInTheDocument();
  });
});
