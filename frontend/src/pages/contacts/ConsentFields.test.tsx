import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { contact, json, problem, signedInRoutes, stubApi, type SeenRequest } from '../../test/api';
import { renderApp } from '../../test/render';
import { fill } from '../../test/typing';

const amra = contact(8, 'Amra', 'Hodžić', { consent_basis: 'consent', consent_date: '2025-03-01', consent_source: '', consent_withdrawn_at: null });

describe('consent on the contact form', () => {
  it('sends the evidence and the withdrawal as a moment, and shows the server’s objection at its field', async () => {
    const patches: SeenRequest[] = [];
    stubApi({
      ...signedInRoutes(),
      'GET /api/v1/contacts/8': json(amra),
      'PATCH /api/v1/contacts/8': (request) => {
        patches.push(request);
        return problem(422, 'Unprocessable Entity', {
          code: 'validation_failed',
          errors: [{ location: 'body.consent_source', message: 'must not contain a newline' }],
        });
      },
    });
    const user = userEvent.setup();
    renderApp('/contacts/8/edit');

    const source = await screen.findByRole('textbox', { name: 'How consent was given' });
    expect(screen.getByRole('region', { name: 'Consent' })).toBeInTheDocument();
    await fill(user, source, 'signed form, Zenica workshop');
    await user.type(screen.getByLabelText(/^Consent withdrawn on/), '2026-11-30');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    await waitFor(() => expect(patches).toHaveLength(1));
    expect(patches[0]!.body).toEqual({ consent_source: 'signed form, Zenica workshop', consent_withdrawn_at: '2026-11-30T00:00:00Z' });
    await waitFor(() => expect(source).toHaveAccessibleDescription(expect.stringContaining('must not contain a newline')));
  });

  it('refuses a withdrawal before consent was given', async () => {
    const { requests } = stubApi({ ...signedInRoutes(), 'GET /api/v1/contacts/8': json(amra) });
    const user = userEvent.setup();
    renderApp('/contacts/8/edit');
    await user.type(await screen.findByLabelText(/^Consent withdrawn on/), '2024-01-10');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('Consent cannot be withdrawn before it was given.')).toBeInTheDocument();
    expect(requests.filter((r) => r.method === 'PATCH')).toHaveLength(0);
  });
});
