import { render, screen, within } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { AppProviders } from '../../AppProviders';
import type { User } from '../../hooks/auth';
import { startPageData } from '../../pageData';
import { createQueryClient } from '../../queryClient';
import { routes } from '../../router';
import { adminUser, json, signedInRoutes, stubApi } from '../../test/api';
import { renderApp } from '../../test/render';

const visit = {
  id: 4,
  version: 2,
  created_at: '',
  updated_at: '',
  office_id: 1,
  owner_id: 1,
  title: 'Study visit on PVE',
  kind: 'study_visit',
  status: 'completed',
  start_date: '2026-09-25',
  end_date: '2026-09-29',
  origin_country_code: 'IQ',
  host_country_code: 'BA',
  city: 'Sarajevo',
  purpose: 'Learn how local action teams work.',
  outcomes: 'A gender-inclusive action plan.',
  project_id: null,
  tags: ['sdg-16'],
  partner_office_ids: [2],
  participants: [
    { side: 'visiting', role: 'head_of_delegation', contact_id: 7, organization_id: null, name: 'Ali Abdullah', restricted: false },
    { side: 'host', role: 'host', contact_id: null, organization_id: 3, name: 'Ministry of Security', restricted: false },
    { side: 'funder', role: 'funder', contact_id: null, organization_id: 9, name: 'Government of Canada', restricted: false },
  ],
};

function session(id: number, subject: string, startsAt: string, kind = 'meeting') {
  return {
    id,
    version: 1,
    created_at: '',
    updated_at: '',
    office_id: 1,
    owner_id: 1,
    kind,
    status: 'held',
    subject,
    summary: '',
    starts_at: startsAt,
    ends_at: null,
    location: 'City Hall',
    city: 'Zenica',
    country_code: 'BA',
    visit_id: 4,
    project_id: null,
    restricted: false,
    participants: [{ organization_id: 3, contact_id: null, name: 'Ministry of Security', role: 'host', restricted: false }],
    tags: [],
  };
}

describe('visit page', () => {
  it('shows the route, participants by side, the itinerary by day and the overdue follow-up with text', async () => {
    const { requests } = stubApi({
      ...signedInRoutes(),
      'GET /api/v1/visits/4': json(visit),
      'GET /api/v1/visits/4/itinerary': json({
        visit,
        time_zone: 'Europe/Sarajevo',
        days: [
          { date: '2026-09-25', interactions: [session(1, 'National strategy briefing', '2026-09-25T06:00:00Z')] },
          { date: '2026-09-27', interactions: [session(2, 'Local budgeting', '2026-09-27T06:30:00Z', 'workshop')] },
        ],
      }),
      'GET /api/v1/commitments': json({
        items: [
          {
            id: 11,
            version: 1,
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
            counterpart_organization_id: 3,
            interaction_id: null,
            visit_id: 4,
            project_id: null,
            restricted: false,
            tags: [],
          },
        ],
        next_cursor: null,
      }),
    });
    renderApp('/visits/4');
    expect(await screen.findByRole('heading', { level: 1, name: 'Study visit on PVE' })).toBeInTheDocument();

    const participants = screen.getByRole('region', { name: 'Participants' });
    const visiting = within(participants).getByRole('heading', { name: 'Visiting delegation' }).parentElement!;
    expect(within(visiting).getByRole('link', { name: 'Ali Abdullah' })).toHaveAttribute('href', '/contacts/7');
    expect(visiting).toHaveTextContent('Head of delegation');
    expect(within(participants).getByRole('link', { name: 'Ministry of Security' })).toHaveAttribute('href', '/organizations/3');

    const itinerary = screen.getByRole('region', { name: 'Itinerary' });
    expect(within(itinerary).getByRole('heading', { name: /^Day 1/ })).toBeInTheDocument();
    expect(within(itinerary).getByRole('heading', { name: /^Day 2/ })).toBeInTheDocument();
    expect(within(itinerary).getByText('National strategy briefing')).toBeInTheDocument();
    expect(within(itinerary).getByText('Workshop')).toBeInTheDocument();
    // Days are cut in the host country's clock, not the reader's.
    expect(requests.find((r) => r.url.pathname.endsWith('/itinerary'))!.url.searchParams.get('tz')).toBe('Europe/Sarajevo');
    expect(itinerary).toHaveTextContent('Europe/Sarajevo');

    const commitments = screen.getByRole('region', { name: 'Commitments made during the visit' });
    expect(await within(commitments).findByText('Send the draft action plan')).toBeInTheDocument();
    expect(within(commitments).getByText('Overdue')).toBeInTheDocument();
    expect(requests.find((r) => r.url.pathname === '/api/v1/commitments')!.url.searchParams.get('visit_id')).toBe('4');
    expect(screen.getByRole('region', { name: 'About the visit' })).toHaveTextContent('Government of Canada');
    // Organised with another office: named under its partner offices.
    expect(await within(screen.getByRole('region', { name: 'About the visit' })).findByText('IOM Iraq')).toBeInTheDocument();
  });

  it('is asked for at once before a first visit draws it, which then asks for none of it again', async () => {
    const withProject = { ...visit, project_id: 2 };
    const { requests } = stubApi({
      ...signedInRoutes(),
      'GET /api/v1/visits/4': json(withProject),
      'GET /api/v1/visits/4/itinerary': json({ visit: withProject, time_zone: 'Europe/Sarajevo', days: [] }),
      'GET /api/v1/commitments': json({ items: [], next_cursor: null }),
      'GET /api/v1/projects/2': json({
        id: 2,
        version: 1,
        created_at: '',
        updated_at: '',
        code: 'BHRI',
        name: 'Building Resilience',
        description: '',
        office_id: 1,
        donor_organization_id: null,
        start_date: null,
        end_date: null,
      }),
    });
    const pagePaths = ['/api/v1/visits/4', '/api/v1/commitments', '/api/v1/visits/4/itinerary', '/api/v1/projects/2'];
    const asked = () => requests.filter((r) => pagePaths.includes(r.url.pathname)).map((r) => r.url.pathname);

    const queryClient = createQueryClient({ retry: false });
    await startPageData(queryClient, '/visits/4', Promise.resolve(adminUser as unknown as User));
    // The visit and its commitments leave together; the itinerary (in the host country's clock) and the project follow the visit.
    expect(asked().slice(0, 2).sort()).toEqual(['/api/v1/commitments', '/api/v1/visits/4']);
    expect(asked().sort()).toEqual([...pagePaths].sort());
    expect(requests.find((r) => r.url.pathname.endsWith('/itinerary'))!.url.searchParams.get('tz')).toBe('Europe/Sarajevo');

    render(
      <AppProviders queryClient={queryClient} env="test">
        <RouterProvider router={createMemoryRouter(routes, { initialEntries: ['/visits/4'] })} />
      </AppProviders>,
    );
    expect(await screen.findByRole('heading', { level: 1, name: 'Study visit on PVE' })).toBeInTheDocument();
    expect(await screen.findByText(/Building Resilience/)).toBeInTheDocument();
    expect(asked()).toHaveLength(pagePaths.length);
  });
});
