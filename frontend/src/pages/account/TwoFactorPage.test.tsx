import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { adminUser, json, problem, signedInRoutes, stubApi } from '../../test/api';
import { renderApp } from '../../test/render';

const off = { ...adminUser, mfa_enabled: false, mfa_enrolment_required: false, mfa_recovery_codes_left: 0 };
const on = { ...off, mfa_enabled: true, mfa_recovery_codes_left: 10 };
const RECOVERY_CODES = Array.from({ length: 10 }, (_, i) => `abcd-ef${String(i).padStart(2, '0')}`);
const enrolment = {
  secret: 'JBSWY3DPEHPK3PXPJBSWY3DP',
  otpauth_url: 'otpauth://totp/Liaison:amina%40example.org?secret=JBSWY3DPEHPK3PXPJBSWY3DP&issuer=Liaison',
  recovery_codes: RECOVERY_CODES,
};

describe('two-factor sign-in page', () => {
  it('enrols: shows the key and the recovery codes, and turns on with a first code', async () => {
    let me: Record<string, unknown> = off;
    const { requests } = stubApi({
      ...signedInRoutes(),
      'GET /api/v1/auth/me': () => json(me),
      'POST /api/v1/auth/mfa': json(enrolment),
      'POST /api/v1/auth/mfa/confirm': () => {
        me = on;
        return new Response(null, { status: 204 });
      },
    });
    const user = userEvent.setup();
    renderApp('/account/two-factor');

    expect(await screen.findByRole('heading', { name: 'Two-factor sign-in' })).toBeInTheDocument();
    expect(screen.getByText('Two-factor sign-in is off.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Set up two-factor sign-in' }));

    expect(await screen.findByTestId('two-factor-secret')).toHaveTextContent('JBSW Y3DP EHPK 3PXP JBSW Y3DP');
    const codes = within(screen.getByRole('list', { name: 'Recovery codes' })).getAllByRole('listitem');
    expect(codes.map((c) => c.textContent)).toEqual(RECOVERY_CODES);
    expect(screen.getByRole('button', { name: 'Copy the codes' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Download as .txt' })).toBeInTheDocument();
    expect(await screen.findByRole('img', { name: 'QR code of your two-factor sign-in key' })).toHaveAttribute(
      'src',
      expect.stringMatching(/^data:image\/svg\+xml/),
    );

    await user.type(screen.getByLabelText(/^Code/, { selector: 'input' }), '123 456');
    await user.click(screen.getByRole('button', { name: 'Turn on' }));

    expect(await screen.findByText('10 recovery codes left.')).toBeInTheDocument();
    expect(requests.find((r) => r.url.pathname === '/api/v1/auth/mfa/confirm')?.body).toEqual({ code: '123456' });
    // The codes were shown once and are gone.
    expect(screen.queryByRole('list', { name: 'Recovery codes' })).not.toBeInTheDocument();
  });

  it('shows a wrong code at the field', async () => {
    stubApi({
      ...signedInRoutes(off),
      'POST /api/v1/auth/mfa': json(enrolment),
      'POST /api/v1/auth/mfa/confirm': problem(422, 'Unprocessable Entity', {
        code: 'validation_failed',
        errors: [{ location: 'body.code', message: 'is not a current code of this key' }],
      }),
    });
    const user = userEvent.setup();
    renderApp('/account/two-factor');
    await user.click(await screen.findByRole('button', { name: 'Set up two-factor sign-in' }));
    const field = await screen.findByLabelText(/^Code/, { selector: 'input' });
    await user.type(field, '000000');
    await user.click(screen.getByRole('button', { name: 'Turn on' }));
    expect(await screen.findByText('That code is not right or has expired. Try again.')).toBeInTheDocument();
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByText('That did not work')).not.toBeInTheDocument();
  });

  it('shows the recovery codes left and turns off with a current code', async () => {
    let me: Record<string, unknown> = { ...on, mfa_recovery_codes_left: 2 };
    const { requests } = stubApi({
      ...signedInRoutes(),
      'GET /api/v1/auth/me': () => json(me),
      'DELETE /api/v1/auth/mfa': () => {
        me = off;
        return new Response(null, { status: 204 });
      },
    });
    const user = userEvent.setup();
    renderApp('/account/two-factor');
    expect(await screen.findByText('2 recovery codes left.')).toBeInTheDocument();
    expect(screen.getByText(/Running low/)).toBeInTheDocument();
    await user.type(screen.getByLabelText(/^Code/, { selector: 'input' }), '654321');
    await user.click(screen.getByRole('button', { name: 'Turn off' }));
    expect(await screen.findByText('Two-factor sign-in is off.')).toBeInTheDocument();
    const sent = requests.find((r) => r.method === 'DELETE');
    expect(sent?.url.pathname).toBe('/api/v1/auth/mfa');
    expect(sent?.body).toEqual({ code: '654321' });
  });

  it('sends someone who must enrol to the set-up page from every other page', async () => {
    stubApi(signedInRoutes({ ...off, mfa_enrolment_required: true }));
    const { router } = renderApp('/organizations');
    await waitFor(() => expect(router.state.location.pathname).toBe('/account/two-factor'));
    expect(await screen.findByText('Your role needs two-factor sign-in. Set it up to go on using Liaison.')).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Organizations' })).not.toBeInTheDocument();
  });

  it('lets everyone else through, and links the page from the account menu', async () => {
    stubApi({ ...signedInRoutes(on), 'GET /api/v1/organizations': json({ items: [], next_cursor: null, total: 0 }) });
    const user = userEvent.setup();
    const { router } = renderApp('/organizations');
    expect(await screen.findByRole('heading', { name: 'Organizations' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /Account/ }));
    await user.click(await screen.findByRole('menuitem', { name: 'Two-factor sign-in' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/account/two-factor'));
  });
});
