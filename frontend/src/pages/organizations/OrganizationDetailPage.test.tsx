import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { adminUser, contact, json, organization, signedInRoutes, stubApi } from '../../test/api';
import { renderApp } from '../../test/render';

const ministry = organization(1, 'Ministry of Security', { acronym: 'MoS', influence: 5, interest: 4, tags: ['sdg-16'] });
const sector = organization(2, 'Sector for Counter-Terrorism', { parent_id: 1, version: 7, name_local: 'Sektor za borbu protiv terorizma' });
const unit = organization(3, 'Prevention Unit', { parent_id: 2, type: 'government_agency' });

function routes(extra: Parameters<typeof stubApi>[0] = {}, me: Record<string, unknown> = adminUser) {
  return stubApi({
    ...signedInRoutes(me),
    'GET /api/v1/organizations/1': json(ministry),
    'GET /api/v1/organizations/2': json(sector),
    'GET /api/v1/organizations/2/timeline': json({
      items: [
        {
          kind: 'interaction',
          at: '2026-10-06T17:00:00Z',
          interaction: {
            id: 9,
            version: 1,
            created_at: '',
            updated_at: '',
            office_id: 1,
            owner_id: 1,
            kind: 'reception',
            status: 'held',
            subject: 'Reception hosted by the Ministry of Security',
            summary: 'Local-national coordination.',
            starts_at: '2026-10-06T17:00:00Z',
            ends_at: null,
            location: '',
            city: 'Sarajevo',
            country_code: 'BA',
            visit_id: null,
            project_id: null,
            restricted: false,
            participants: [],
            tags: [],
          },
        },
      ],
      next_cursor: null,
    }),
    'GET /api/v1/organizations': ({ url }) => json({ items: url.searchParams.get('parent_id') === '2' ? [unit] : [], next_cursor: null }),
    'GET /api/v1/contacts': json({
      items: [
        contact(5, 'Amra', 'Hodžić', { positions: [{ organization_id: 2, title: 'Head of Sector', start_date: '2022-05-01', end_date: null, primary: true }] }),
        contact(6, 'Lejla', 'Mehmedović', {
          restricted: true,
          positions: [{ organization_id: 2, title: 'Intern', start_date: '2020-01-01', end_date: '2020-06-30', primary: false }],
        }),
      ],
      next_cursor: null,
    }),
    ...extra,
  });
}

describe('organization page', () => {
  it('shows the hierarchy, the people now and before, the mapping and the timeline', async () => {
    routes();
    renderApp('/organizations/2');
    expect(await screen.findByRole('heading', { level: 1, name: 'Sector for Counter-Terrorism' })).toBeInTheDocument();
    expect(screen.getAllByText('Sektor za borbu protiv terorizma').length).toBeGreaterThan(0);
    const trail = screen.getByRole('navigation', { name: 'Where it sits' });
    expect(await within(trail).findByRole('link', { name: 'MoS' })).toHaveAttribute('href', '/organizations/1');

    const people = screen.getByRole('region', { name: 'People' });
    const current = (await within(people).findByRole('heading', { name: 'Current' })).parentElement!;
    const former = within(people).getByRole('heading', { name: 'Former' }).parentElement!;
    expect(within(current).getByRole('link', { name: 'Amra Hodžić' })).toBeInTheDocument();
    expect(current).toHaveTextContent('Head of Sector');
    expect(within(former).getByRole('link', { name: 'Lejla Mehmedović' })).toBeInTheDocument();
    expect(within(former).getByText('Restricted')).toBeInTheDocument();

    expect(await within(screen.getByRole('region', { name: 'Sub-units' })).findByRole('link', { name: 'Prevention Unit' })).toBeInTheDocument();
    expect(await within(screen.getByRole('region', { name: 'Timeline' })).findByText('Reception hosted by the Ministry of Security')).toBeInTheDocument();
  });

  it('archives after asking, with the version it shows', async () => {
    const { requests } = routes({ 'DELETE /api/v1/organizations/2': new Response(null, { status: 204 }) });
    const user = userEvent.setup();
    const { router } = renderApp('/organizations/2');
    await screen.findByRole('heading', { level: 1, name: 'Sector for Counter-Terrorism' });
    await user.click(screen.getByRole('button', { name: 'More' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Archive' }));
    const dialog = await screen.findByRole('dialog', { name: 'Archive Sector for Counter-Terrorism?' });
    expect(dialog).toHaveTextContent('a manager can restore it');
    await user.click(within(dialog).getByRole('button', { name: 'Archive' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/organizations'));
    const deletion = requests.find((r) => r.method === 'DELETE')!;
    expect(deletion.headers.get('If-Match')).toBe('"7"');
  });

  it('offers no editing to an officer of another office', async () => {
    routes({}, { ...adminUser, role: 'officer', office_id: 2 });
    renderApp('/organizations/2');
    await screen.findByRole('heading', { level: 1, name: 'Sector for Counter-Terrorism' });
    expect(screen.queryByRole('link', { name: 'Edit' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'More' })).not.toBeInTheDocument();
  });
});
