import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { contact, json, problem, signedInRoutes, stubApi } from '../test/api';
import { renderApp } from '../test/render';
import { participantError } from './participantError';

describe('a participant the server refuses', () => {
  it('gathers what was said about the row, who it is and its role', () => {
    const errors = { 'participants.1.contact_id': 'this person withdrew their consent', 'participants.1.role': 'is required', 'participants.0': 'twice' };
    expect(participantError(errors, 1)).toBe('this person withdrew their consent is required');
    expect(participantError(errors, 1, { role: false })).toBe('this person withdrew their consent');
    expect(participantError(errors, 2)).toBeUndefined();
  });

  it('is named at its row in the quick log, in the reader’s words', async () => {
    const withdrawn = contact(8, 'Amra', 'Hodžić', { consent_basis: 'consent', consent_withdrawn_at: '2026-11-30T00:00:00Z' });
    stubApi({
      ...signedInRoutes(),
      'GET /api/v1/contacts/8': json(withdrawn),
      'GET /api/v1/contacts/8/timeline': json({ items: [], next_cursor: null }),
      'GET /api/v1/audit': json({ items: [], next_cursor: null }),
      'GET /api/v1/contacts': json({ items: [withdrawn], next_cursor: null }),
      'GET /api/v1/organizations': json({ items: [], next_cursor: null }),
      'GET /api/v1/commitments': json({ items: [], next_cursor: null, total: 0 }),
      'POST /api/v1/interactions': problem(422, 'Unprocessable Entity', {
        code: 'validation_failed',
        errors: [{ location: 'body.participants[0].contact_id', message: 'this person withdrew their consent' }],
      }),
    });
    const user = userEvent.setup();
    renderApp('/contacts/8');
    await screen.findByRole('heading', { level: 1, name: 'Amra Hodžić' });
    await user.keyboard('l');
    const dialog = await screen.findByRole('dialog', { name: 'Log an interaction' });
    await user.type(await within(dialog).findByRole('textbox', { name: /^Subject/ }), 'Debrief');
    await user.click(within(dialog).getByRole('button', { name: 'Save interaction' }));

    const row = (await within(dialog).findByText('This person withdrew their consent: they cannot be added to new meetings.')).closest('li');
    expect(row).toHaveTextContent('Amra Hodžić');
  });
});
