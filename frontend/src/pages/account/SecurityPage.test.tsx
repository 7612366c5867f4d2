import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { adminUser, json, problem, signedInRoutes, stubApi } from '../../test/api';
import { renderApp } from '../../test/render';

const officer = { ...adminUser, role: 'officer' };

function session(id: number, userAgent: string, current = false) {
  return {
    id,
    created_at: '2026-11-30T08:00:00Z',
    last_seen_at: current ? '2026-12-01T09:30:00Z' : '2026-11-30T17:10:00Z',
    expires_at: '2026-12-14T08:00:00Z',
    client_addr: current ? '10.0.0.5' : '203.0.113.7',
    user_agent: userAgent,
    current,
  };
}

const noContent = () => new Response(null, { status: 204 });

describe('sign-in and security', () => {
  it('lists my sessions, marks this one, and ends another after asking', async () => {
    let sessions = [session(3, 'Firefox on Windows', true), session(7, 'Safari on iPhone')];
    const { requests } = stubApi({
      ...signedInRoutes(officer),
      'GET /api/v1/me/sessions': () => json({ items: sessions }),
      'GET /api/v1/auth/tokens': json({ items: [] }),
      'GET /api/v1/me/calendar-feed': json({ active: false }),
      'DELETE /api/v1/me/sessions/7': () => {
        sessions = sessions.filter((s) => s.id !== 7);
        return noContent();
      },
    });
    const user = userEvent.setup();
    renderApp('/account/security');

    expect(await screen.findByRole('heading', { name: 'Sign-in and security' })).toBeInTheDocument();
    const list = await screen.findByRole('list', { name: 'Your sessions' });
    const rows = within(list).getAllByRole('listitem');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('Firefox on Windows');
    expect(rows[0]).toHaveTextContent('This device');
    expect(rows[0]).toHaveTextContent('10.0.0.5');
    expect(within(rows[0]!).queryByRole('button')).toBeNull();
    expect(rows[1]).not.toHaveTextContent('This device');

    await user.click(within(rows[1]!).getByRole('button', { name: 'End the session of Safari on iPhone' }));
    const dialog = await screen.findByRole('dialog', { name: 'End this session?' });
    expect(dialog).toHaveTextContent('Safari on iPhone will be signed out at its next request.');
    await user.click(within(dialog).getByRole('button', { name: 'End' }));

    expect(await screen.findByText('The session was ended')).toBeInTheDocument();
    expect(requests.filter((r) => r.method === 'DELETE').map((r) => r.url.pathname)).toEqual(['/api/v1/me/sessions/7']);
    // The list is read again and the ended session is gone.
    await waitFor(() => expect(within(screen.getByRole('list', { name: 'Your sessions' })).getAllByRole('listitem')).toHaveLength(1));
    expect(requests.filter((r) => r.method === 'GET' && r.url.pathname === '/api/v1/me/sessions')).toHaveLength(2);
    expect(screen.getByText('You are signed in only here.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sign out everywhere else' })).toBeDisabled();
  });

  it('signs out everywhere else', async () => {
    let sessions = [session(3, 'Firefox on Windows', true), session(7, 'Safari on iPhone'), session(8, '')];
    const { requests } = stubApi({
      ...signedInRoutes(officer),
      'GET /api/v1/me/sessions': () => json({ items: sessions }),
      'GET /api/v1/auth/tokens': json({ items: [] }),
      'GET /api/v1/me/calendar-feed': json({ active: false }),
      'POST /api/v1/me/sessions/revoke-others': () => {
        sessions = sessions.filter((s) => s.current);
        return json({ ended: 2 });
      },
    });
    const user = userEvent.setup();
    renderApp('/account/security');
    const list = await screen.findByRole('list', { name: 'Your sessions' });
    expect(within(list).getByText('Unknown browser')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Sign out everywhere else' }));
    const dialog = await screen.findByRole('dialog', { name: 'Sign out everywhere else?' });
    await user.click(within(dialog).getByRole('button', { name: 'Sign out everywhere else' }));
    expect(await screen.findByText('Signed out of 2 other sessions')).toBeInTheDocument();
    expect(requests.some((r) => r.method === 'POST' && r.url.pathname === '/api/v1/me/sessions/revoke-others')).toBe(true);
    await waitFor(() => expect(within(screen.getByRole('list', { name: 'Your sessions' })).getAllByRole('listitem')).toHaveLength(1));
  });

  it('changes the password, revoking the tokens unless told not to', async () => {
    const { requests } = stubApi({
      ...signedInRoutes(officer),
      'GET /api/v1/me/sessions': json({ items: [session(3, 'Firefox on Windows', true)] }),
      'GET /api/v1/auth/tokens': json({ items: [] }),
      'GET /api/v1/me/calendar-feed': json({ active: false }),
      'POST /api/v1/auth/password': noContent(),
    });
    const user = userEvent.setup();
    renderApp('/account/security');

    const current = await screen.findByLabelText(/^Current password/, { selector: 'input' });
    const next = screen.getByLabelText(/^New password/, { selector: 'input' });
    const confirm = screen.getByLabelText(/^Repeat the new password/, { selector: 'input' });
    const revoke = screen.getByRole('checkbox', { name: /Also revoke my API tokens/ });
    expect(revoke).toBeChecked();

    await user.type(current, 'the-old-password');
    await user.type(next, 'a-brand-new-password');
    await user.type(confirm, 'a-brand-new-passw0rd');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByText('The two passwords are not the same')).toBeInTheDocument();
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(0);

    await user.clear(confirm);
    await user.type(confirm, 'a-brand-new-password');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByText('Your password was changed, your other sessions were ended and your API tokens revoked.')).toBeInTheDocument();
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({
      current_password: 'the-old-password',
      new_password: 'a-brand-new-password',
      revoke_tokens: true,
    });
    await waitFor(() => expect(current).toHaveValue(''));

    await user.type(current, 'a-brand-new-password');
    await user.type(next, 'yet-another-password');
    await user.type(confirm, 'yet-another-password');
    await user.click(revoke);
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByText('Your password was changed and your other sessions were ended.')).toBeInTheDocument();
    expect(requests.filter((r) => r.method === 'POST').at(-1)?.body).toMatchObject({ revoke_tokens: false });
  });

  it("shows the server's field errors at their fields", async () => {
    stubApi({
      ...signedInRoutes(officer),
      'GET /api/v1/me/sessions': json({ items: [session(3, 'Firefox on Windows', true)] }),
      'GET /api/v1/auth/tokens': json({ items: [] }),
      'GET /api/v1/me/calendar-feed': json({ active: false }),
      'POST /api/v1/auth/password': problem(422, 'Unprocessable Entity', {
        code: 'validation_failed',
        detail: 'validation failed: body.current_password is not your current password',
        errors: [
          { location: 'body.current_password', message: 'is not your current password' },
          { location: 'body.new_password', message: 'must be at most 1024 bytes' },
        ],
      }),
    });
    const user = userEvent.setup();
    renderApp('/account/security');
    const current = await screen.findByLabelText(/^Current password/, { selector: 'input' });
    await user.type(current, 'a-wrong-password');
    await user.type(screen.getByLabelText(/^New password/, { selector: 'input' }), 'a-brand-new-password');
    await user.type(screen.getByLabelText(/^Repeat the new password/, { selector: 'input' }), 'a-brand-new-password');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    await waitFor(() => expect(current).toHaveAccessibleDescription('This is not your current password'));
    expect(screen.getByLabelText(/^New password/, { selector: 'input' })).toHaveAccessibleDescription(/must be at most 1024 bytes/);
    expect(screen.queryByText('The password was not changed')).toBeNull();
  });

  it('says how long to wait when password guesses are throttled', async () => {
    stubApi({
      ...signedInRoutes(officer),
      'GET /api/v1/me/sessions': json({ items: [session(3, 'Firefox on Windows', true)] }),
      'GET /api/v1/auth/tokens': json({ items: [] }),
      'GET /api/v1/me/calendar-feed': json({ active: false }),
      'POST /api/v1/auth/password': new Response(JSON.stringify({ title: 'Too Many Requests', status: 429, code: 'too_many_requests', detail: 'too many attempts; try again later' }), {
        status: 429,
        headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '60' },
      }),
    });
    const user = userEvent.setup();
    renderApp('/account/security');
    await user.type(await screen.findByLabelText(/^Current password/, { selector: 'input' }), 'a-wrong-password');
    await user.type(screen.getByLabelText(/^New password/, { selector: 'input' }), 'a-brand-new-password');
    await user.type(screen.getByLabelText(/^Repeat the new password/, { selector: 'input' }), 'a-brand-new-password');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The password was not changed');
    expect(alert).toHaveTextContent('Too many attempts; try again in 60 seconds.');
  });

  it('creates a token, shows it once with a copy button, and revokes one', async () => {
    let tokens = [{ id: 4, name: 'Old laptop', created_at: '2026-10-01T08:00:00Z', last_used_at: null as string | null }];
    const { requests } = stubApi({
      ...signedInRoutes(officer),
      'GET /api/v1/me/sessions': json({ items: [session(3, 'Firefox on Windows', true)] }),
      'GET /api/v1/auth/tokens': () => json({ items: tokens }),
      'POST /api/v1/auth/tokens': ({ body }) => {
        const created = { id: 9, name: (body as { name: string }).name, created_at: '2026-12-01T10:00:00Z', last_used_at: null };
        tokens = [...tokens, created];
        return json({ ...created, token: 'lsn_secret_value_123' }, { status: 201 });
      },
      'DELETE /api/v1/auth/tokens/4': () => {
        tokens = tokens.filter((t) => t.id !== 4);
        return noContent();
      },
    });
    const user = userEvent.setup();
    renderApp('/account/security');
    const list = await screen.findByRole('list', { name: 'Your API tokens' });
    expect(within(list).getByText('Old laptop')).toBeInTheDocument();
    expect(within(list).getByText('Never used')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Create token' }));
    expect(await screen.findByText('Give the token a name')).toBeInTheDocument();
    await user.type(screen.getByRole('textbox', { name: 'Token name' }), 'Report script');
    await user.click(screen.getByRole('button', { name: 'Create token' }));
    expect(await screen.findByText('lsn_secret_value_123')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Copy token' })).toBeInTheDocument();
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({ name: 'Report script' });
    expect(await within(screen.getByRole('list', { name: 'Your API tokens' })).findByText('Report script')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByText('lsn_secret_value_123')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Revoke the token Old laptop' }));
    const dialog = await screen.findByRole('dialog', { name: 'Revoke Old laptop?' });
    await user.click(within(dialog).getByRole('button', { name: 'Revoke' }));
    expect(await screen.findByText('The token Old laptop was revoked')).toBeInTheDocument();
    await waitFor(() => expect(within(screen.getByRole('list', { name: 'Your API tokens' })).queryByText('Old laptop')).toBeNull());
  });

  it('is reached from the account menu', async () => {
    stubApi({
      ...signedInRoutes(officer),
      'GET /api/v1/organizations': json({ items: [], next_cursor: null, total: 0 }),
      'GET /api/v1/contacts': json({ items: [], next_cursor: null, total: 0 }),
      'GET /api/v1/commitments': json({ items: [], next_cursor: null, total: 0 }),
      'GET /api/v1/me/sessions': json({ items: [session(3, 'Firefox on Windows', true)] }),
      'GET /api/v1/auth/tokens': json({ items: [] }),
      'GET /api/v1/me/calendar-feed': json({ active: false }),
    });
    const user = userEvent.setup();
    const { router } = renderApp('/');
    await user.click(await screen.findByRole('button', { name: /Account menu/ }));
    await user.click(await screen.findByRole('menuitem', { name: 'Sign-in and security' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/account/security'));
    expect(await screen.findByText('This device')).toBeInTheDocument();
  });
});
