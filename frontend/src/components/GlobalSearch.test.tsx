import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, organization, signedInRoutes, stubApi } from '../test/api';
import { renderApp } from '../test/render';

describe('global search', () => {
  it('searches every kind of record and opens the chosen hit', async () => {
    const { requests } = stubApi({
      ...signedInRoutes(),
      'GET /api/v1/organizations': json({ items: [], next_cursor: null }),
      'GET /api/v1/contacts': json({ items: [], next_cursor: null, total: 0 }),
      'GET /api/v1/commitments': json({ items: [], next_cursor: null, total: 0 }),
      'GET /api/v1/search': json({
        items: [
          { kind: 'organization', id: 1, title: 'Ministry of Security', snippet: 'hosted the reception' },
          { kind: 'contact', id: 4, title: 'Amra Hodžić', snippet: '' },
          { kind: 'interaction', id: 9, title: 'Reception hosted by the Ministry of Security', snippet: '' },
        ],
      }),
      'GET /api/v1/organizations/1': json(organization(1, 'Ministry of Security')),
      'GET /api/v1/organizations/1/timeline': json({ items: [], next_cursor: null }),
    });
    const user = userEvent.setup();
    const { router } = renderApp('/');
    const box = await screen.findByLabelText('Search everything');
    await user.type(box, 'secur');
    expect(await screen.findByRole('option', { name: /Amra Hodžić/ })).toBeInTheDocument();
    expect(screen.getByRole('listbox', { name: 'Search results' })).toHaveTextContent('Interactions');
    const search = requests.find((r) => r.url.pathname === '/api/v1/search')!;
    expect(search.url.searchParams.get('q')).toBe('secur');

    await user.keyboard('{ArrowDown}{Enter}');
    await waitFor(() => expect(router.state.location.pathname).toBe('/organizations/1'));
    expect(box).toHaveValue('');
  });

  it('is focused with the "/" key', async () => {
    stubApi({
      ...signedInRoutes(),
      'GET /api/v1/organizations': json({ items: [], next_cursor: null }),
      'GET /api/v1/contacts': json({ items: [], next_cursor: null, total: 0 }),
      'GET /api/v1/commitments': json({ items: [], next_cursor: null, total: 0 }),
    });
    const user = userEvent.setup();
    renderApp('/');
    const box = await screen.findByLabelText('Search everything');
    await user.keyboard('/');
    expect(box).toHaveFocus();
  });
});
