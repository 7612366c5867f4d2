import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { adminUser, json, problem, stubApi, type SeenRequest } from '../../test/api';
import { renderApp } from '../../test/render';

const me = { ...adminUser, mfa_enabled: true, mfa_enrolment_required: false, mfa_recovery_codes_left: 10 };

function signInWithTwoFactor(options = { oidc: false, oidc_label: '', password_login: true }) {
  let signedIn = false;
  return stubApi({
    'GET /api/v1/auth/me': () => (signedIn ? json(me) : problem(401, 'Unauthorized')),
    'GET /api/v1/auth/config': json(options),
    'POST /api/v1/auth/login': ({ body }: SeenRequest) => {
      const { otp } = body as { otp?: string };
      if (otp === undefined) {
        return problem(401, 'Unauthorized', {
          code: 'mfa_required',
          detail: 'enter the code of your authenticator app, or a recovery code',
          errors: [{ location: 'body.otp', message: 'is required: two-factor sign-in is on for this account' }],
        });
      }
      if (otp !== '123456') return problem(401, 'Unauthorized', { code: 'invalid_credentials', detail: 'The email or password is not correct.' });
      signedIn = true;
      return json(me);
    },
  });
}

describe('two-factor sign-in', () => {
  it('asks for a one-time code in the same form and sends it with the password', async () => {
    const { requests } = signInWithTwoFactor();
    const user = userEvent.setup();
    const { router } = renderApp('/login?next=%2Forganizations');

    await user.type(await screen.findByLabelText(/^Email/, { selector: 'input' }), adminUser.email);
    await user.type(screen.getByLabelText(/^Password/, { selector: 'input' }), 'a-long-enough-password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    let code = await screen.findByLabelText(/^Authentication code/, { selector: 'input' });
    await waitFor(() => expect(code).toHaveFocus());
    expect(code).toHaveAttribute('inputmode', 'numeric');
    expect(code).toHaveAttribute('autocomplete', 'one-time-code');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    // The password is kept for the second attempt.
    expect(screen.getByLabelText(/^Password/, { selector: 'input' })).toHaveValue('a-long-enough-password');

    // A wrong code: the message is at the field, which is emptied and focused again.
    await user.type(code, '000000');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('That code is not right or has expired. Try again.')).toBeInTheDocument();
    code = screen.getByLabelText(/^Authentication code/, { selector: 'input' });
    expect(code).toHaveValue('');
    await waitFor(() => expect(code).toHaveFocus());
    expect(code).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();

    await user.type(code, '123456');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/organizations'));
    const logins = requests.filter((r) => r.method === 'POST');
    expect(logins.map((r) => r.body)).toEqual([
      { email: adminUser.email, password: 'a-long-enough-password' },
      { email: adminUser.email, password: 'a-long-enough-password', otp: '000000' },
      { email: adminUser.email, password: 'a-long-enough-password', otp: '123456' },
    ]);
  });

  it('asks for the code before sending an empty one', async () => {
    const { requests } = signInWithTwoFactor();
    const user = userEvent.setup();
    renderApp('/login');
    await user.type(await screen.findByLabelText(/^Email/, { selector: 'input' }), adminUser.email);
    await user.type(screen.getByLabelText(/^Password/, { selector: 'input' }), 'a-long-enough-password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await screen.findByLabelText(/^Authentication code/, { selector: 'input' });
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Enter the code from your authenticator app')).toBeInTheDocument();
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });
});

describe('single sign-on', () => {
  it('offers "Sign in with …" as a link beside the password form', async () => {
    stubApi({
      'GET /api/v1/auth/me': problem(401, 'Unauthorized'),
      'GET /api/v1/auth/config': json({ oidc: true, oidc_label: 'IOM Entra ID', password_login: true }),
    });
    renderApp('/login');
    const link = await screen.findByRole('link', { name: 'Sign in with IOM Entra ID' });
    expect(link).toHaveAttribute('href', '/auth/oidc/login');
    expect(screen.getByLabelText(/^Password/, { selector: 'input' })).toBeInTheDocument();
  });

  it('hides the password form when passwords are turned off', async () => {
    stubApi({
      'GET /api/v1/auth/me': problem(401, 'Unauthorized'),
      'GET /api/v1/auth/config': json({ oidc: true, oidc_label: 'IOM Entra ID', password_login: false }),
    });
    renderApp('/login');
    expect(await screen.findByRole('link', { name: 'Sign in with IOM Entra ID' })).toBeInTheDocument();
    expect(screen.queryByLabelText(/^Password/, { selector: 'input' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Sign in' })).not.toBeInTheDocument();
  });

  it('shows no button when single sign-on is not configured', async () => {
    stubApi({
      'GET /api/v1/auth/me': problem(401, 'Unauthorized'),
      'GET /api/v1/auth/config': json({ oidc: false, oidc_label: '', password_login: true }),
    });
    renderApp('/login');
    expect(await screen.findByLabelText(/^Password/, { selector: 'input' })).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('link', { name: /Sign in with/ })).not.toBeInTheDocument());
  });
});
