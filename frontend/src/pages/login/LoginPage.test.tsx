import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { adminUser, countries, json, problem, stubApi } from '../../test/api';
import { renderApp } from '../../test/render';

describe('login', () => {
  it("shows the server's message when the credentials are refused", async () => {
    const { requests } = stubApi({
      'GET /api/v1/auth/me': problem(401, 'Unauthorized', { detail: 'not signed in' }),
      'POST /api/v1/auth/login': problem(401, 'Unauthorized', { detail: 'The email or password is not correct.' }),
    });
    const user = userEvent.setup();
    renderApp('/login');

    await user.type(await screen.findByLabelText(/^Email/, { selector: 'input' }), 'amina@example.org');
    await user.type(screen.getByLabelText(/^Password/, { selector: 'input' }), 'wrong-password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Sign-in failed');
    expect(alert).toHaveTextContent('The email or password is not correct.');
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({ email: 'amina@example.org', password: 'wrong-password' });
    expect(screen.getByLabelText(/^Password/, { selector: 'input' })).toHaveValue('');
  });

  it('checks the fields before asking the server', async () => {
    const { requests } = stubApi({ 'GET /api/v1/auth/me': problem(401, 'Unauthorized') });
    const user = userEvent.setup();
    renderApp('/login');

    await user.click(await screen.findByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Enter your email address')).toBeInTheDocument();
    expect(screen.getByText('Enter your password')).toBeInTheDocument();
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(0);
  });

  it('sends a signed-out visitor to /login and back to the page they asked for', async () => {
    let signedIn = false;
    stubApi({
      'GET /api/v1/auth/me': () => (signedIn ? json(adminUser) : problem(401, 'Unauthorized')),
      'POST /api/v1/auth/login': () => {
        signedIn = true;
        return json(adminUser);
      },
      'GET /api/v1/countries': json(countries),
      'GET /api/v1/organizations': json({ items: [], next_cursor: null, total: 0 }),
    });
    const user = userEvent.setup();
    const { router } = renderApp('/organizations?type=ngo');

    await waitFor(() => expect(router.state.location.pathname).toBe('/login'));
    expect(router.state.location.search).toBe(`?next=${encodeURIComponent('/organizations?type=ngo')}`);

    await user.type(await screen.findByLabelText(/^Email/, { selector: 'input' }), adminUser.email);
    await user.type(screen.getByLabelText(/^Password/, { selector: 'input' }), 'a-long-enough-password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('heading', { name: 'Organizations' })).toBeInTheDocument();
    expect(router.state.location.pathname + router.state.location.search).toBe('/organizations?type=ngo');
  });

  it('never follows a next= that leaves the site', async () => {
    let signedIn = false;
    stubApi({
      'GET /api/v1/auth/me': () => (signedIn ? json(adminUser) : problem(401, 'Unauthorized')),
      'POST /api/v1/auth/login': () => {
        signedIn = true;
        return json(adminUser);
      },
    });
    const user = userEvent.setup();
    const { router } = renderApp('/login?next=//evil.example/phish');
    await user.type(await screen.findByLabelText(/^Email/, { selector: 'input' }), adminUser.email);
    await user.type(screen.getByLabelText(/^Password/, { selector: 'input' }), 'a-long-enough-password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/'));
  });

  it('says how long to wait when sign-ins are throttled, in the UI language', async () => {
    stubApi({
      'GET /api/v1/auth/me': problem(401, 'Unauthorized'),
      'POST /api/v1/auth/login': new Response(
        JSON.stringify({ title: 'Too Many Requests', status: 429, code: 'too_many_requests', detail: 'too many attempts; try again later' }),
        { status: 429, headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '30' } },
      ),
    });
    const user = userEvent.setup();
    renderApp('/login');
    await user.type(await screen.findByLabelText(/^Email/, { selector: 'input' }), adminUser.email);
    await user.type(screen.getByLabelText(/^Password/, { selector: 'input' }), 'wrong-password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Too many attempts; try again in 30 seconds.');
  });

  it('translates refused credentials by their code', async () => {
    stubApi({
      'GET /api/v1/auth/me': problem(401, 'Unauthorized'),
      'POST /api/v1/auth/login': problem(401, 'Unauthorized', { code: 'invalid_credentials', detail: 'wrong email or password' }),
    });
    const user = userEvent.setup();
    renderApp('/login');
    await user.type(await screen.findByLabelText(/^Email/, { selector: 'input' }), adminUser.email);
    await user.type(screen.getByLabelText(/^Password/, { selector: 'input' }), 'wrong-password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The email or password is not correct.');
  });
});
