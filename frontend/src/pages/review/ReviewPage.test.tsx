import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { adminUser, json, organization, signedInRoutes, stubApi } from '../../test/api';
import { renderApp } from '../../test/render';

const counts = { open: 0, in_progress: 0, done: 0, cancelled: 0, overdue: 0, due_7: 0, due_30: 0 };
const review = {
  as_of: '2026-11-27',
  totals: { ...counts, open: 9, overdue: 5, due_7: 2, due_30: 4 },
  by_owner: [
    { ...counts, key: '2', label: 'Emina Kovač', overdue: 3, due_7: 1, due_30: 2 },
    { ...counts, key: '1', label: 'Amina Hadžić', overdue: 2, due_7: 1, due_30: 2 },
  ],
  by_office: [{ ...counts, key: '1', label: 'IOM Bosnia and Herzegovina', overdue: 5, due_7: 2, due_30: 4 }],
  by_country: [{ ...counts, key: 'BA', label: 'Bosnia and Herzegovina', overdue: 5 }],
  by_project: [
    { ...counts, key: '4', label: 'SIMVEX — Countering violent extremism', overdue: 4 },
    { ...counts, key: null, label: '', overdue: 1 },
  ],
  overdue: [],
};

describe('the review', () => {
  it('links every number of a grouping to the commitments behind it', async () => {
    stubApi({ ...signedInRoutes(), 'GET /api/v1/review/commitments': json(review) });
    const user = userEvent.setup();
    const { router } = renderApp('/review');
    const table = await screen.findByRole('table', { name: 'Overdue and due soon, by owner, as a table' }, { timeout: 15_000 });
    const row = within(table).getByRole('row', { name: /Emina Kovač/ });
    expect(within(row).getByRole('link', { name: 'Emina Kovač — Overdue: 3 commitments' })).toHaveAttribute('href', '/commitments?owner_id=2&overdue=true');
    expect(within(row).getByRole('link', { name: 'Emina Kovač — Due within 7 days: 1 commitment' })).toHaveAttribute(
      'href',
      '/commitments?status=open%2Cin_progress&owner_id=2&due_after=2026-11-26&due_before=2026-12-05',
    );
    // The overdue total leads to the overdue list.
    expect(screen.getByTestId('overdue-count')).toHaveAttribute('href', '/commitments?overdue=true');

    await user.click(screen.getByRole('radio', { name: 'Project' }));
    await waitFor(() => expect(router.state.location.search).toBe('?by=project'));
    const projects = await screen.findByRole('table', { name: 'Overdue and due soon, by project, as a table' });
    expect(within(projects).getByRole('link', { name: /SIMVEX .* — Overdue: 4 commitments/ })).toHaveAttribute('href', '/commitments?project_id=4&overdue=true');
    // Commitments without a project cannot be filtered for: the number is shown, not linked.
    const none = within(projects).getByRole('row', { name: /No project/ });
    expect(within(none).queryByRole('link')).toBeNull();
  });

  it('lists stale key stakeholders with when they were last met, for the chosen number of days', async () => {
    const { requests } = stubApi({
      ...signedInRoutes(),
      'GET /api/v1/review/commitments': json(review),
      'GET /api/v1/review/stale': json({
        items: [
          { organization: organization(5, 'Ministry of Security', { influence: 5 }), last_held_at: null, open_commitments: 2 },
          { organization: organization(6, 'City of Zenica', { influence: 4 }), last_held_at: '2026-06-02T09:00:00Z', open_commitments: 0 },
        ],
      }),
    });
    const user = userEvent.setup();
    const { router } = renderApp('/review?tab=stale');
    const section = await screen.findByRole('region', { name: 'Key stakeholders nobody has met' }, { timeout: 15_000 });
    expect(await within(section).findByRole('link', { name: 'Ministry of Security' })).toHaveAttribute('href', '/organizations/5');
    expect(within(section).getByText('Never met')).toBeInTheDocument();
    expect(within(within(section).getByRole('row', { name: /City of Zenica/ })).getAllByRole('cell').at(-1)).toHaveTextContent(/2026/);
    expect(within(section).getByRole('link', { name: '2 open commitments with Ministry of Security' })).toHaveAttribute(
      'href',
      '/commitments?status=open%2Cin_progress&organization_id=5',
    );
    expect(requests.find((r) => r.url.pathname === '/api/v1/review/stale')!.url.searchParams.get('days')).toBe('90');
    await user.click(within(section).getByRole('radio', { name: '180 days' }));
    await waitFor(() => expect(router.state.location.search).toContain('days=180'));
    await waitFor(() => expect(requests.some((r) => r.url.pathname === '/api/v1/review/stale' && r.url.searchParams.get('days') === '180')).toBe(true));
  });

  it('scopes a manager to their own office by default, labels each overdue item with its office and counterpart, and lets them widen it', async () => {
    const overdueItem = {
      id: 21, version: 3, created_at: '', updated_at: '', office_id: 1, owner_id: 2, title: 'Send the draft action plan', details: '',
      direction: 'ours', priority: 'normal', status: 'open', due_date: '2026-10-20', overdue: true, closure_note: '', completed_at: null,
      counterpart_contact_id: null, counterpart_organization_id: 5, interaction_id: null, visit_id: null, project_id: null, restricted: false, tags: [],
    };
    const { requests } = stubApi({
      ...signedInRoutes({ ...adminUser, id: 3, role: 'manager', office_id: 1 }),
      'GET /api/v1/review/commitments': json({ ...review, overdue: [overdueItem] }),
      'GET /api/v1/organizations': json({ items: [organization(5, 'Ministry of Security')], next_cursor: null }),
    });
    const user = userEvent.setup();
    const { router } = renderApp('/review');
    const list = await screen.findByRole('table', { name: 'Overdue, oldest first' }, { timeout: 15_000 });
    const reviews = () => requests.filter((r) => r.url.pathname === '/api/v1/review/commitments');
    expect(reviews()[0]!.url.searchParams.get('office_id')).toBe('1');
    const row = within(list).getByRole('row', { name: /Send the draft action plan/ });
    expect(within(row).getByTestId('office-label')).toHaveTextContent('IOM Bosnia and Herzegovina');
    await waitFor(() => expect(within(row).getByTestId('with-whom')).toHaveTextContent('Ministry of Security'));
    expect(within(row).getByRole('link', { name: 'Send the draft action plan' })).toHaveAttribute('href', '/commitments/21');
    // The numbers lead to the same office's commitments.
    expect(screen.getByTestId('overdue-count')).toHaveAttribute('href', '/commitments?office_id=1&overdue=true');
    const office = screen.getAllByLabelText('Office')[0]!;
    expect(office).toHaveValue('IOM Bosnia and Herzegovina');
    await user.click(office);
    await user.click(await screen.findByRole('option', { name: 'All offices' }));
    await waitFor(() => expect(router.state.location.search).toContain('office=all'));
    await waitFor(() => expect(reviews().some((r) => !r.url.searchParams.has('office_id'))).toBe(true));
  });
});
