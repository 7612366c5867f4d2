import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { json, signedInRoutes, stubApi } from '../../test/api';
import { renderApp } from '../../test/render';

// The drawing library is replaced at its module boundary: jsdom has no
// canvas. The browser test drives the real one.
const drawn = vi.hoisted(() => ({ elements: [] as { data: Record<string, unknown>; classes?: string }[], tap: null as null | ((e: unknown) => void) }));
vi.mock('cytoscape', () => ({
  default: (options: { elements: typeof drawn.elements }) => {
    drawn.elements = options.elements;
    const collection = { removeClass: () => collection, addClass: () => collection };
    return {
      on: (_event: string, _selector: string, handler: (e: unknown) => void) => {
        drawn.tap = handler;
      },
      nodes: () => collection,
      getElementById: () => collection,
      destroy: () => {},
    };
  },
}));

const network = {
  nodes: [
    { id: 1, name: 'Ministry of Security', acronym: 'MoS', type: 'ministry', country_code: 'BA', matched: true },
    { id: 2, name: 'Government of Canada', acronym: '', type: 'donor', country_code: 'CA', matched: true },
    { id: 3, name: 'Sector for Counter-Terrorism', acronym: '', type: 'government_agency', country_code: 'BA', matched: false },
  ],
  edges: [
    { relationship_id: 7, from_organization_id: 1, to_organization_id: 2, kind: 'funded_by' },
    { relationship_id: null, from_organization_id: 3, to_organization_id: 1, kind: 'part_of' },
  ],
  truncated: false,
};

describe('network view', () => {
  beforeEach(() => {
    drawn.elements = [];
    drawn.tap = null;
  });

  it('draws the organizations and links, and lists the same links in a table of links that open the organizations', async () => {
    const { requests } = stubApi({
      ...signedInRoutes(),
      'GET /api/v1/projects': json({ items: [{ id: 4, code: 'SIMVEX', name: 'Study visit' }], next_cursor: null }),
      'GET /api/v1/network': json(network),
    });
    const user = userEvent.setup();
    const { router } = renderApp('/network?country=BA');
    const table = await screen.findByRole('table', { name: 'Links of the network' });
    expect(requests.find((r) => r.url.pathname === '/api/v1/network')!.url.searchParams.get('country_code')).toBe('BA');
    expect(await within(table).findByRole('row', { name: /Ministry of Security\s*is funded by\s*Government of Canada/ })).toBeInTheDocument();
    expect(within(table).getByRole('row', { name: /Sector for Counter-Terrorism\s*is part of\s*Ministry of Security/ })).toBeInTheDocument();
    expect(screen.getByRole('img', { name: /3 organizations and 2 links/ })).toBeInTheDocument();

    await waitFor(() => expect(drawn.elements).toHaveLength(5));
    expect(drawn.elements.filter((e) => e.classes === 'matched').map((e) => e.data.label)).toEqual(['MoS', 'Government of Canada']);
    expect(drawn.elements.find((e) => e.data.source === '3')).toMatchObject({ classes: 'hierarchy', data: { target: '1', label: 'is part of' } });

    // Choosing a node opens the organization; so does a link of the table, by keyboard.
    drawn.tap!({ target: { id: () => '2' } });
    await waitFor(() => expect(router.state.location.pathname).toBe('/organizations/2'), { timeout: 5000 });
    await router.navigate('/network?country=BA');
    // The table is drawn again once the page is back: the link is looked up
    // in the table as it stands, focused and opened, and tried again if a
    // re-render replaced it between the two steps.
    await waitFor(
      async () => {
        if (router.state.location.pathname !== '/organizations/3') {
          const back = screen.getByRole('table', { name: 'Links of the network' });
          const [link] = within(back).getAllByRole('link', { name: 'Sector for Counter-Terrorism' });
          link!.focus();
          expect(link).toHaveFocus();
          await user.keyboard('{Enter}');
        }
        expect(router.state.location.pathname).toBe('/organizations/3');
      },
      { timeout: 5000 },
    );
  });

  it('says when nothing is linked, and when the drawing is cut short', async () => {
    stubApi({
      ...signedInRoutes(),
      'GET /api/v1/projects': json({ items: [], next_cursor: null }),
      'GET /api/v1/network': ({ url }) =>
        json(url.searchParams.get('tag') ? { nodes: [], edges: [], truncated: false } : { ...network, truncated: true }),
    });
    renderApp('/network');
    expect(await screen.findByText(/Only the most linked organizations are drawn/)).toBeInTheDocument();
    renderApp('/network?tag=sdg-5');
    expect(await screen.findByText('No linked organizations match these filters.')).toBeInTheDocument();
  });
});
