import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, signedInRoutes, stubApi } from '../../test/api';
import { renderApp } from '../../test/render';

function mapped(id: number, name: string, influence: number, interest: number, extra: Record<string, unknown> = {}) {
  return {
    id,
    name,
    acronym: '',
    type: 'ministry',
    country_code: 'BA',
    influence,
    interest,
    open_commitments: 0,
    overdue_commitments: 0,
    last_held_at: null,
    ...extra,
  };
}

const routes = (body: unknown) => ({
  ...signedInRoutes(),
  'GET /api/v1/projects': json({ items: [{ id: 3, code: 'SIMVEX', name: 'Study visits', office_id: 1, version: 1 }], next_cursor: null }),
  'GET /api/v1/stakeholder-map': json(body),
});

describe('stakeholder map', () => {
  it('places organizations in their cell and quadrant, marks commitments in words, and opens one', async () => {
    stubApi({
      ...routes({
        items: [
          mapped(5, 'Ministry of Security', 5, 4, { acronym: 'MoS', open_commitments: 2, overdue_commitments: 1 }),
          mapped(9, 'Parents’ Network Zenica', 1, 2),
        ],
        total: 2,
        truncated: false,
      }),
      'GET /api/v1/organizations/5': json({ id: 5 }),
    });
    const user = userEvent.setup();
    const { router } = renderApp('/map');
    const grid = await screen.findByRole('region', { name: 'Influence and interest grid' });
    const cell = within(grid).getByRole('group', { name: 'Influence 5, interest 4 — Manage closely' });
    const marker = within(cell).getByRole('link', { name: 'MoS, Ministry of Security, influence 5, interest 4, 2 open commitments, 1 overdue' });
    expect(marker).toHaveAttribute('href', '/organizations/5');
    expect(within(grid).getByRole('group', { name: 'Influence 1, interest 2 — Monitor' })).toHaveTextContent('Parents’ Network Zenica');
    expect(screen.getByText('2 organizations on the map')).toBeInTheDocument();

    await user.click(marker);
    await waitFor(() => expect(router.state.location.pathname).toBe('/organizations/5'));
  });

  it('keeps its filters in the address and asks the server with them; says when the map is cut short', async () => {
    const { requests } = stubApi(routes({ items: [mapped(5, 'Ministry of Security', 5, 4)], total: 812, truncated: true }));
    renderApp('/map?country=BA,RS&project=3&tag=sdg-5&type=ministry');
    await screen.findByText(/Showing 1 of 812/);
    const asked = requests.filter((r) => r.url.pathname === '/api/v1/stakeholder-map').pop()!;
    expect(Object.fromEntries(asked.url.searchParams)).toEqual({ country_code: 'BA,RS', project_id: '3', tag: 'sdg-5', type: 'ministry' });
  });

  it('lists the same organizations by quadrant', async () => {
    stubApi(routes({ items: [mapped(5, 'Ministry of Security', 5, 4), mapped(6, 'Youth Council', 2, 5)], total: 2, truncated: false }));
    const user = userEvent.setup();
    const { router } = renderApp('/map');
    await screen.findByRole('region', { name: 'Influence and interest grid' });
    await user.click(screen.getByText('List'));
    await waitFor(() => expect(router.state.location.search).toBe('?view=list'));
    const closely = screen.getByRole('region', { name: /Manage closely/ });
    expect(within(closely).getByRole('link', { name: 'Ministry of Security' })).toBeInTheDocument();
    expect(within(screen.getByRole('region', { name: /Keep informed/ })).getByRole('link', { name: 'Youth Council' })).toBeInTheDocument();
  });
});
