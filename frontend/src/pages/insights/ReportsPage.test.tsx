import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { adminUser, json, signedInRoutes, stubApi } from '../../test/api';
import { renderApp } from '../../test/render';
import { localToday, presetPeriod } from './period';

const counts = (interactions: number) => ({
  interactions,
  visits: 1,
  organizations: 2,
  contacts: 3,
  contacts_female: 2,
  contacts_male: 1,
  commitments_made: 4,
  commitments_done: 2,
  commitments_overdue: 1,
});

function report(from: string, to: string, by: string) {
  const rows =
    by === 'sdg'
      ? [{ key: 'sdg-5', label: 'Gender Equality', ...counts(7) }]
      : by === 'donor'
        ? [
            { key: '', label: '', ...counts(2) },
            { key: '41', label: 'Government of Canada', ...counts(9) },
          ]
        : [
          { key: 'BA', label: 'Bosnia and Herzegovina', ...counts(12) },
          { key: '', label: '', ...counts(1) },
        ];
  return { from, to, by, rows, totals: counts(13) };
}

describe('engagement report', () => {
  it('asks for the chosen period and grouping, and shows rows with totals', async () => {
    const thisYear = presetPeriod('thisYear', localToday());
    const lastQuarter = presetPeriod('lastQuarter', localToday());
    const { requests } = stubApi({
      ...signedInRoutes({ ...adminUser, role: 'manager' }),
      'GET /api/v1/reports/engagement': (r) =>
        json(report(r.url.searchParams.get('from')!, r.url.searchParams.get('to')!, r.url.searchParams.get('by') ?? 'country')),
    });
    const user = userEvent.setup();
    const { router } = renderApp('/reports');
    const table = await screen.findByRole('table', { name: 'Engagement by country' });
    const asked = () => Object.fromEntries(requests.filter((r) => r.url.pathname === '/api/v1/reports/engagement').pop()!.url.searchParams);
    // This year by country unless the address says otherwise.
    expect(asked()).toEqual({ ...thisYear, by: 'country' });
    expect(within(table).getByRole('row', { name: /Bosnia.*BA\s*12/ })).toBeInTheDocument();
    // Records without a country come last, named as such; the totals close the table.
    const rows = within(table).getAllByRole('row');
    expect(rows.at(-2)).toHaveTextContent('No country');
    expect(rows.at(-1)).toHaveTextContent(/^Total13/);

    await user.click(screen.getByText('Last quarter'));
    await waitFor(() => expect(asked()).toEqual({ ...lastQuarter, by: 'country' }));
    await user.click(screen.getByText('SDG'));
    await screen.findByRole('table', { name: 'Engagement by SDG' });
    expect(router.state.location.search).toBe(`?from=${lastQuarter.from}&to=${lastQuarter.to}&by=sdg`);
    expect(screen.getByRole('row', { name: /SDG 5: Gender equality/ })).toBeInTheDocument();
  });

  it('groups by the donor of each record\'s project, the records without one last', async () => {
    const { requests } = stubApi({
      ...signedInRoutes({ ...adminUser, role: 'manager' }),
      'GET /api/v1/reports/engagement': (r) => json(report('2026-01-01', '2026-12-31', r.url.searchParams.get('by') ?? 'country')),
    });
    const user = userEvent.setup();
    renderApp('/reports');
    await screen.findByRole('table', { name: 'Engagement by country' });
    await user.click(screen.getByText('Donor'));
    const table = await screen.findByRole('table', { name: 'Engagement by donor' });
    expect(requests.filter((r) => r.url.pathname === '/api/v1/reports/engagement').pop()!.url.searchParams.get('by')).toBe('donor');
    const rows = within(table).getAllByRole('row');
    expect(rows[1]).toHaveTextContent(/^Government of Canada9/);
    expect(rows.at(-2)).toHaveTextContent('No donor');
  });

  it('refuses a period that ends before it starts, on the field', async () => {
    const { requests } = stubApi({ ...signedInRoutes({ ...adminUser, role: 'manager' }), 'GET /api/v1/reports/engagement': json(report('', '', 'country')) });
    renderApp('/reports?from=2026-12-31&to=2026-01-01');
    expect(await screen.findByText('The end comes before the start.')).toBeInTheDocument();
    expect(requests.some((r) => r.url.pathname === '/api/v1/reports/engagement')).toBe(false);
  });

  it('prints with the browser', async () => {
    stubApi({ ...signedInRoutes(), 'GET /api/v1/reports/engagement': json(report('2026-01-01', '2026-12-31', 'country')) });
    const print = vi.fn();
    vi.stubGlobal('print', print);
    const user = userEvent.setup();
    renderApp('/reports');
    await screen.findByRole('table', { name: 'Engagement by country' });
    await user.click(screen.getByRole('button', { name: 'Print' }));
    expect(print).toHaveBeenCalledOnce();
  });

  it('is for managers and admins only', async () => {
    stubApi({
      ...signedInRoutes({ ...adminUser, role: 'officer' }),
      'GET /api/v1/organizations': json({ items: [], next_cursor: null }),
      'GET /api/v1/contacts': json({ items: [], next_cursor: null, total: 0 }),
      'GET /api/v1/commitments': json({ items: [], next_cursor: null, total: 0 }),
    });
    const { router } = renderApp('/reports');
    await waitFor(() => expect(router.state.location.pathname).toBe('/'));
  });
});
