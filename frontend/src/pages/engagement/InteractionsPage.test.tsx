import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { adminUser, json, organization, signedInRoutes, stubApi, type SeenRequest } from '../../test/api';
import { renderApp } from '../../test/render';
import { dayStart } from '../interactions/interactionFilter';

const meeting = {
  id: 40, version: 1, created_at: '', updated_at: '', office_id: 1, owner_id: 2, kind: 'meeting', status: 'held', subject: 'Framework review',
  summary: '', starts_at: '2026-09-02T08:30:00Z', ends_at: null, location: '', city: 'Sarajevo', country_code: 'BA', visit_id: null, project_id: null,
  restricted: true, tags: [], participants: [{ organization_id: 1, contact_id: null, name: 'Ministry of Security', role: 'host', restricted: false }],
};

const lists = (requests: SeenRequest[]) => requests.filter((r) => r.method === 'GET' && r.url.pathname === '/api/v1/interactions');

describe('the interactions list', { timeout: 30_000 }, () => {
  it('sends the filters the address holds as the API names them, and opens a meeting from its row', async () => {
    const { requests } = stubApi({
      ...signedInRoutes({ ...adminUser, id: 2, role: 'officer', office_id: 1 }),
      'GET /api/v1/interactions': json({ items: [meeting], next_cursor: null }),
      'GET /api/v1/organizations/1': json(organization(1, 'Ministry of Security')),
      'GET /api/v1/projects': json({ items: [], next_cursor: null }),
    });
    renderApp('/interactions?kind=meeting,call&status=held&country=BA&organization=1&owner=2&tag=pve&restricted=true&from=2026-09-01&until=2026-09-30&q=framework');
    expect(await screen.findByRole('link', { name: 'Framework review' }, { timeout: 15_000 })).toHaveAttribute('href', '/interactions/40');
    await waitFor(() => expect(lists(requests).length).toBeGreaterThan(0));
    const query = lists(requests).at(-1)!.url.searchParams;
    expect(query.get('kind')).toBe('meeting,call');
    expect(query.get('status')).toBe('held');
    expect(query.get('country_code')).toBe('BA');
    expect(query.get('organization_id')).toBe('1');
    expect(query.get('owner_id')).toBe('2');
    expect(query.get('tag')).toBe('pve');
    expect(query.get('restricted')).toBe('true');
    expect(query.get('q')).toBe('framework');
    expect(query.get('sort')).toBe('-starts_at');
    // Whole days on the reader's clock, both included.
    expect(new Date(query.get('starts_after')!).getTime()).toBe(dayStart('2026-09-01')!.getTime() - 1);
    expect(new Date(query.get('starts_before')!).getTime()).toBe(dayStart('2026-10-01')!.getTime());
  });

  it.each([
    ['2026-09-01', true],
    ['2026-9-1', false],
    ['', false],
    [undefined, false],
  ])('reads %s as a day: %s', (day, valid) => {
    expect(dayStart(day) !== null).toBe(valid);
  });
});
