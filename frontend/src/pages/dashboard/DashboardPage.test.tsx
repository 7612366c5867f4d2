import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { adminUser, json, organization, signedInRoutes, stubApi } from '../../test/api';
import { renderApp } from '../../test/render';

const mine = {
  id: 21,
  version: 3,
  created_at: '',
  updated_at: '',
  office_id: 1,
  owner_id: 2,
  title: 'Send the draft action plan',
  details: '',
  direction: 'ours',
  priority: 'normal',
  status: 'open',
  due_date: '2026-01-20',
  overdue: true,
  closure_note: '',
  completed_at: null,
  counterpart_contact_id: null,
  counterpart_organization_id: 5,
  interaction_id: null,
  visit_id: null,
  project_id: null,
  restricted: false,
  tags: [],
};

describe('the dashboard', () => {
  it('lists my open commitments with whom they are, each opening its record; "See all" keeps to mine', async () => {
    const me = { ...adminUser, id: 2, role: 'officer' };
    const { requests } = stubApi({
      ...signedInRoutes(me),
      'GET /api/v1/commitments': json({ items: [mine], next_cursor: null, total: 1 }),
      'GET /api/v1/organizations': (r) =>
        r.url.searchParams.get('id')
          ? json({ items: [organization(5, 'Ministry of Security')], next_cursor: null })
          : json({ items: [], next_cursor: null, total: 0 }),
      'GET /api/v1/contacts': json({ items: [], next_cursor: null, total: 0 }),
    });
    renderApp('/');
    const section = await screen.findByRole('region', { name: 'My open commitments' }, { timeout: 15_000 });
    const item = await within(section).findByRole('link', { name: /Send the draft action plan/ });
    expect(item).toHaveAttribute('href', '/commitments/21');
    await waitFor(() => expect(item).toHaveTextContent('With whom: Ministry of Security'));
    const seeAll = within(section).getByRole('link', { name: 'See all' });
    const target = new URL(seeAll.getAttribute('href')!, 'http://x');
    expect(target.pathname).toBe('/commitments');
    expect(target.searchParams.get('owner_id')).toBe('2');
    expect(target.searchParams.get('status')).toBe('open,in_progress');
    // Mine are asked for as mine, still to do.
    const asked = requests.find((r) => r.url.pathname === '/api/v1/commitments' && r.url.searchParams.has('owner_id'))!;
    expect(asked.url.searchParams.get('owner_id')).toBe('2');
    expect(asked.url.searchParams.get('status')).toBe('open,in_progress');
  });
});
