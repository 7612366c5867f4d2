import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { adminUser, json, organization, problem, signedInRoutes, stubApi } from '../../test/api';
import { renderApp } from '../../test/render';

const ministry = organization(1, 'Ministry of Security', { acronym: 'MoS' });
const canada = organization(2, 'Government of Canada', { type: 'donor' });
const network = organization(3, 'Violence Prevention Network', { office_id: 2 });

function relationship(id: number, from: typeof ministry, to: typeof ministry, kind: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    version: 1,
    created_at: '2026-11-20T10:00:00Z',
    updated_at: '2026-11-20T10:00:00Z',
    office_id: 1,
    from_organization_id: from.id,
    from_organization_name: from.name,
    to_organization_id: to.id,
    to_organization_name: to.name,
    kind,
    start_date: null,
    end_date: null,
    note: '',
    ...extra,
  };
}

function routes(extra: Parameters<typeof stubApi>[0] = {}, me: Record<string, unknown> = adminUser) {
  return stubApi({
    ...signedInRoutes(me),
    'GET /api/v1/organizations/1': json(ministry),
    'GET /api/v1/organizations/2': json(canada),
    'GET /api/v1/organizations/1/timeline': json({ items: [], next_cursor: null }),
    'GET /api/v1/contacts': json({ items: [], next_cursor: null }),
    'GET /api/v1/organizations': ({ url }) => {
      const q = (url.searchParams.get('q') ?? '').toLowerCase();
      return json({ items: q ? [canada, network].filter((o) => o.name.toLowerCase().includes(q)) : [], next_cursor: null });
    },
    'GET /api/v1/relationships': json({
      items: [
        relationship(7, network, ministry, 'funded_by', { start_date: '2025-01-01', note: 'SIMVEX grant', office_id: 2 }),
        relationship(8, ministry, canada, 'member_of'),
      ],
      next_cursor: null,
    }),
    ...extra,
  });
}

describe('relationships on the organization page', () => {
  it('shows both directions in the words of this end, with links to the other organizations', async () => {
    const { requests } = routes({}, { ...adminUser, role: 'officer' });
    renderApp('/organizations/1');
    const section = await screen.findByRole('region', { name: 'Relationships' });
    const list = await within(section).findByTestId('relationships');
    const items = within(list).getAllByRole('listitem');
    // The network is funded by the ministry: from the ministry's end, it funds the network.
    expect(items[0]).toHaveTextContent(/^funds\s*Violence Prevention Network/);
    expect(items[0]).toHaveTextContent('SIMVEX grant');
    expect(items[1]).toHaveTextContent(/^is a member of\s*Government of Canada/);
    expect(within(items[0]!).getByRole('link', { name: 'Violence Prevention Network' })).toHaveAttribute('href', '/organizations/3');
    expect(requests.find((r) => r.url.pathname === '/api/v1/relationships')!.url.searchParams.get('organization_id')).toBe('1');
    // An officer changes only the links of their own office.
    expect(within(items[0]!).queryByRole('button', { name: /Archive the relationship/ })).toBeNull();
    expect(within(items[1]!).getByRole('button', { name: 'Archive the relationship with Government of Canada' })).toBeInTheDocument();
  });

  it('links the organization from either end, and shows the server\'s refusal at the field', async () => {
    let posts = 0;
    const { requests } = routes({
      'POST /api/v1/relationships': () =>
        ++posts === 1
          ? problem(409, 'Conflict', { code: 'conflict', errors: [{ location: 'body.kind', message: 'these organizations already have this relationship' }] })
          : json(relationship(9, canada, ministry, 'funded_by'), { status: 201 }),
    });
    const user = userEvent.setup();
    renderApp('/organizations/1');
    await user.click(await screen.findByRole('button', { name: 'Add relationship' }));
    const dialog = await screen.findByRole('dialog', { name: 'Link Ministry of Security to another organization' });
    await user.click(within(dialog).getByLabelText(/^Relationship/, { selector: 'input' }));
    await user.click(await screen.findByRole('option', { name: 'funds' }));
    await user.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    expect(await within(dialog).findByText('Choose the other organization.')).toBeInTheDocument();

    await user.type(within(dialog).getByLabelText(/^Other organization/, { selector: 'input' }), 'Canada');
    await user.click(await screen.findByRole('option', { name: /Government of Canada/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    expect(await within(dialog).findByText(/already have this relationship/)).toBeInTheDocument();
    expect(within(dialog).getByLabelText(/^Relationship/, { selector: 'input' })).toHaveAccessibleDescription(/already have this relationship/);
    // "Ministry … funds Canada" would be Canada funded_by the ministry: the ends are swapped.
    expect(requests.filter((r) => r.method === 'POST').pop()!.body).toEqual({
      from_organization_id: 2,
      to_organization_id: 1,
      kind: 'funded_by',
      start_date: null,
      end_date: null,
      note: '',
    });
    await user.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });
});
