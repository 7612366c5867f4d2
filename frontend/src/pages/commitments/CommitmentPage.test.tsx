import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { adminUser, json, organization, signedInRoutes, stubApi } from '../../test/api';
import { renderApp } from '../../test/render';

const commitment = {
  id: 21, version: 3, created_at: '', updated_at: '', office_id: 1, owner_id: 2, title: 'Send the draft action plan', details: 'Both language versions.',
  direction: 'theirs', priority: 'high', status: 'done', due_date: '2026-10-20', overdue: false, closure_note: 'Sent on 2 December.',
  completed_at: '2026-12-02T10:00:00Z', counterpart_contact_id: null, counterpart_organization_id: 5, interaction_id: 40, visit_id: null,
  project_id: null, restricted: false, tags: [],
};

const routes = {
  'GET /api/v1/commitments/21': json(commitment, { headers: { ETag: '"3"' } }),
  'GET /api/v1/organizations': json({ items: [organization(5, 'Ministry of Security')], next_cursor: null }),
  'GET /api/v1/projects': json({ items: [], next_cursor: null }),
  'GET /api/v1/interactions/40': json({ id: 40, subject: 'Round table on community policing', kind: 'meeting', starts_at: '2026-03-25T09:00:00Z' }),
  'GET /api/v1/audit': json({
    items: [{ id: 9, action: 'update', actor_id: 2, at: '2026-12-02T10:00:00Z', entity: 'commitment', entity_id: 21, office_id: 1, request_id: '', changes: { status: { old: 'open', new: 'done' }, closure_note: { old: '', new: 'Sent.' } } }],
    next_cursor: null,
  }),
};

describe('a commitment’s page', () => {
  it('says with whom, where it was promised, how it was closed and what changed, with Edit and the status for its office', async () => {
    stubApi({ ...signedInRoutes({ ...adminUser, id: 2, role: 'officer', office_id: 1 }), ...routes });
    renderApp('/commitments/21');
    expect(await screen.findByRole('heading', { level: 1, name: 'Send the draft action plan' }, { timeout: 15_000 })).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: 'Ministry of Security' })).toHaveAttribute('href', '/organizations/5');
    expect(await screen.findByText(/Round table on community policing/)).toBeInTheDocument();
    expect(screen.getByText('Sent on 2 December.')).toBeInTheDocument();
    const history = screen.getByRole('region', { name: 'History' });
    expect(await within(history).findByText('Changed')).toBeInTheDocument();
    expect(within(history).getByText('Status')).toBeInTheDocument();
    expect(within(history).getByText('Done')).toBeInTheDocument();
    expect(within(history).getByText('Closure note')).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Status of Send the draft action plan' })).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Edit Send the draft action plan' })).toBeEnabled();
  });

  it('offers a viewer nothing to change', async () => {
    stubApi({ ...signedInRoutes({ ...adminUser, id: 9, role: 'viewer', office_id: 1 }), ...routes });
    renderApp('/commitments/21');
    await screen.findByRole('heading', { level: 1, name: 'Send the draft action plan' }, { timeout: 15_000 });
    expect(screen.queryByRole('combobox', { name: /Status of/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Edit/ })).toBeNull();
    expect(screen.getByText('Viewers can read commitments but not change them.')).toBeInTheDocument();
  });
});
