import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { adminUser, json, organization, problem, signedInRoutes, stubApi } from '../../test/api';
import { renderApp } from '../../test/render';

function signedIn(routes: Parameters<typeof stubApi>[0], me: Record<string, unknown> = adminUser) {
  return stubApi({ ...signedInRoutes(me), ...routes });
}

const listCalls = (requests: { url: URL; method: string }[]) =>
  requests.filter((r) => r.method === 'GET' && r.url.pathname === '/api/v1/organizations' && r.url.searchParams.get('limit') !== '1');

describe('organizations list', () => {
  it('renders the first page and loads the next one through next_cursor', async () => {
    const { requests } = signedIn({
      'GET /api/v1/organizations': ({ url }) =>
        url.searchParams.get('cursor') === 'c2'
          ? json({ items: [organization(3, 'Violence Prevention Network', { type: 'ngo', country_code: 'CA' })], next_cursor: null })
          : json({
              items: [
                organization(1, 'Ministry of Security', { acronym: 'MoS' }),
                organization(2, 'Ministry of Interior', { name_local: 'وزارة الداخلية', country_code: 'IQ', city: 'Baghdad' }),
              ],
              next_cursor: 'c2',
            }),
    });
    const user = userEvent.setup();
    renderApp('/organizations');

    const table = await screen.findByRole('table', { name: 'Organizations' });
    expect(await within(table).findByRole('link', { name: 'Ministry of Security' })).toHaveAttribute('href', '/organizations/1');
    expect(within(table).getByText('وزارة الداخلية')).toBeInTheDocument();
    expect(within(table).getByText('Iraq')).toBeInTheDocument();
    expect(screen.getByText('2 loaded')).toBeInTheDocument();

    const first = listCalls(requests)[0]!;
    expect(first.url.searchParams.get('sort')).toBe('name');
    expect(first.url.searchParams.has('count')).toBe(false);
    expect(first.url.searchParams.has('cursor')).toBe(false);

    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await within(table).findByText('Violence Prevention Network')).toBeInTheDocument();
    expect(listCalls(requests)[1]!.url.searchParams.get('cursor')).toBe('c2');
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument());
  });

  it('counts the matches only when asked', async () => {
    const { requests } = signedIn({
      'GET /api/v1/organizations': ({ url }) =>
        url.searchParams.get('count') === 'true'
          ? json({ items: [], next_cursor: null, total: 1234 })
          : json({ items: [organization(1, 'Ministry of Security')], next_cursor: 'more' }),
    });
    const user = userEvent.setup();
    renderApp('/organizations?type=ministry');
    await screen.findByRole('link', { name: 'Ministry of Security' });
    expect(requests.some((r) => r.url.searchParams.get('count') === 'true')).toBe(false);

    await user.click(screen.getByRole('button', { name: 'Count all' }));
    expect(await screen.findByText('1 loaded of 1,234 organizations')).toBeInTheDocument();
    const count = requests.find((r) => r.url.searchParams.get('count') === 'true')!;
    expect(Object.fromEntries(count.url.searchParams)).toMatchObject({ type: 'ministry', limit: '1', count: 'true' });
  });

  it('says "10,000+" when the server stops counting', async () => {
    signedIn({
      'GET /api/v1/organizations': ({ url }) =>
        url.searchParams.get('count') === 'true'
          ? json({ items: [], next_cursor: null, total: 10000, total_is_lower_bound: true })
          : json({ items: [organization(1, 'Ministry of Security')], next_cursor: 'more' }),
    });
    const user = userEvent.setup();
    renderApp('/organizations');
    await screen.findByRole('link', { name: 'Ministry of Security' });
    await user.click(screen.getByRole('button', { name: 'Count all' }));
    expect(await screen.findByRole('status', { name: /^1 loaded of 10,000\+ organizations \(at least 10,000/ })).toHaveTextContent(
      '1 loaded of 10,000+ organizations',
    );
  });

  it('passes every filter in the address to the server', async () => {
    const { requests } = signedIn({ 'GET /api/v1/organizations': json({ items: [], next_cursor: null }) });
    renderApp('/organizations?type=ngo,ministry&level=national&country=BA,IQ&office=1&owner=2&tag=sdg-16&q=zenica&sort=-updated_at');

    expect(await screen.findByText('No organizations match')).toBeInTheDocument();
    expect(Object.fromEntries(listCalls(requests)[0]!.url.searchParams)).toMatchObject({
      type: 'ngo,ministry',
      level: 'national',
      country_code: 'BA,IQ',
      office_id: '1',
      owner_id: '2',
      tag: 'sdg-16',
      q: 'zenica',
      sort: '-updated_at',
    });
  });

  it('puts a chosen filter into the address', async () => {
    const { router } = (() => {
      signedIn({ 'GET /api/v1/organizations': json({ items: [organization(1, 'Ministry of Security')], next_cursor: null }) });
      return renderApp('/organizations');
    })();
    const user = userEvent.setup();
    await screen.findByRole('link', { name: 'Ministry of Security' });
    await user.click(within(screen.getByRole('region', { name: 'Filters' })).getByLabelText('Level', { selector: 'input' }));
    await user.click(await screen.findByRole('option', { name: 'Local' }));
    await waitFor(() => expect(router.state.location.search).toBe('?level=local'));
  });

  it('remembers the columns a person chose', async () => {
    signedIn({ 'GET /api/v1/organizations': json({ items: [organization(1, 'Ministry of Security')], next_cursor: null }) });
    const user = userEvent.setup();
    const first = renderApp('/organizations');
    const table = await screen.findByRole('table', { name: 'Organizations' });
    expect(within(table).getByRole('columnheader', { name: 'Level' })).toBeInTheDocument();
    expect(within(table).queryByRole('columnheader', { name: 'Tags' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Columns' }));
    await user.click(await screen.findByRole('checkbox', { name: 'Level' }));
    await user.click(screen.getByRole('checkbox', { name: 'Tags' }));
    expect(within(table).queryByRole('columnheader', { name: 'Level' })).not.toBeInTheDocument();
    expect(within(table).getByRole('columnheader', { name: 'Tags' })).toBeInTheDocument();
    first.unmount();

    renderApp('/organizations');
    const again = await screen.findByRole('table', { name: 'Organizations' });
    expect(within(again).getByRole('columnheader', { name: 'Tags' })).toBeInTheDocument();
    expect(within(again).queryByRole('columnheader', { name: 'Level' })).not.toBeInTheDocument();
  });

  it('lists archived organizations and lets a manager restore one', async () => {
    const manager = { ...adminUser, role: 'manager' };
    const { requests } = signedIn(
      {
        'GET /api/v1/organizations': json({ items: [organization(9, 'Old Directorate', { archived_at: '2026-11-25T10:00:00Z' })], next_cursor: null }),
        'POST /api/v1/organizations/9/restore': json(organization(9, 'Old Directorate')),
      },
      manager,
    );
    const user = userEvent.setup();
    renderApp('/organizations?archived=true');
    const table = await screen.findByRole('table', { name: 'Archived organizations' });
    await user.click(await within(table).findByRole('button', { name: 'Restore Old Directorate' }));
    expect(await screen.findByText('Old Directorate was restored')).toBeInTheDocument();
    expect(listCalls(requests)[0]!.url.searchParams.get('archived')).toBe('true');
    expect(requests.some((r) => r.method === 'POST' && r.url.pathname === '/api/v1/organizations/9/restore')).toBe(true);
  });

  it('keeps only the first rows of ten thousand in the page', async () => {
    const many = Array.from({ length: 10_000 }, (_, i) => organization(i + 1, `Organization ${String(i + 1).padStart(5, '0')}`));
    signedIn({ 'GET /api/v1/organizations': json({ items: many, next_cursor: null }) });
    renderApp('/organizations');
    const table = await screen.findByRole('table', { name: 'Organizations' });
    await within(table).findByText('Organization 00001');
    expect(table).toHaveAttribute('aria-rowcount', '10001');
    const rendered = within(table).getAllByRole('row').length;
    expect(rendered).toBeLessThan(80);
    expect(within(table).queryByText('Organization 10000')).not.toBeInTheDocument();
  });

  it('invites the first organization when there is none', async () => {
    signedIn({ 'GET /api/v1/organizations': json({ items: [], next_cursor: null }) });
    renderApp('/organizations');
    expect(await screen.findByText('No organizations yet')).toBeInTheDocument();
    expect(screen.getAllByRole('link', { name: 'New organization' }).length).toBeGreaterThan(0);
  });

  it('offers no "New organization" to a viewer', async () => {
    signedIn({ 'GET /api/v1/organizations': json({ items: [organization(1, 'Ministry of Security')], next_cursor: null }) }, { ...adminUser, role: 'viewer' });
    renderApp('/organizations');
    await screen.findByRole('link', { name: 'Ministry of Security' });
    expect(screen.queryByRole('link', { name: 'New organization' })).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Admin' })).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Review' })).not.toBeInTheDocument();
  });

  it('sends the person to sign in again when the session has expired', async () => {
    signedIn({ 'GET /api/v1/organizations': problem(401, 'Unauthorized', { detail: 'session expired' }) });
    const { router } = renderApp('/organizations');
    await waitFor(() => expect(router.state.location.pathname).toBe('/login'));
  });
});
