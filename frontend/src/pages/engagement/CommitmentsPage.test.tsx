import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, signedInRoutes, stubApi } from '../../test/api';
import { renderApp } from '../../test/render';

const commitment = {
  id: 21,
  version: 3,
  created_at: '',
  updated_at: '',
  office_id: 1,
  owner_id: 1,
  title: 'Send the draft action plan',
  details: '',
  direction: 'ours',
  priority: 'normal',
  status: 'open',
  due_date: '2026-10-20',
  overdue: true,
  closure_note: '',
  completed_at: null,
  counterpart_contact_id: null,
  counterpart_organization_id: null,
  interaction_id: null,
  visit_id: null,
  project_id: null,
  restricted: false,
  tags: [],
};

describe('commitments', () => {
  it('marks overdue with text and an icon, and closes one in place with a closure note', async () => {
    const { requests } = stubApi({
      ...signedInRoutes(),
      'GET /api/v1/commitments': json({ items: [commitment], next_cursor: null }),
      'PATCH /api/v1/commitments/21': json({ ...commitment, status: 'done', version: 4 }),
    });
    const user = userEvent.setup();
    renderApp('/commitments');
    const status = await screen.findByRole('combobox', { name: 'Status of Send the draft action plan' });
    expect(screen.getByText('Overdue')).toBeInTheDocument();
    await user.selectOptions(status, 'done');
    const dialog = await screen.findByRole('dialog', { name: 'Mark as done' });
    await user.type(within(dialog).getByRole('textbox', { name: /Closure note/ }), 'Sent on 2 December.');
    await user.click(within(dialog).getByRole('button', { name: 'Mark as done' }));
    await waitFor(() => expect(requests.some((r) => r.method === 'PATCH')).toBe(true));
    const patch = requests.find((r) => r.method === 'PATCH')!;
    expect(patch.body).toEqual({ status: 'done', closure_note: 'Sent on 2 December.' });
    expect(patch.headers.get('If-Match')).toBe('"3"');
  });
});
