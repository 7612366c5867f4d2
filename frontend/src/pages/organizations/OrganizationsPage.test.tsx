import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { adminUser, countries, json, organization, problem, stubApi } from '../../test/api';
import { renderApp } from '../../test/render';

function signedIn(routes: Parameters<typeof stubApi>[0]) {
  return stubApi({
    'GET /api/v1/auth/me': json(adminUser),
    'GET /api/v1/countries': json(countries),
    ...routes,
  });
}

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
              total: 3,
            }),
    });
    const user = userEvent.setup();
    renderApp('/organizations');

    const table = await screen.findByRole('table', { name: 'Organizations' });
    expect(await within(table).findByText('Ministry of Security')).toBeInTheDocument();
    expect(within(table).getByText('وزارة الداخلية')).toBeInTheDocument();
    expect(within(table).getByText('Iraq')).toBeInTheDocument();
    expect(screen.getByText('Showing 2 of 3 organizations')).toBeInTheDocument();

    const first = requests.find((r) => r.url.pathname === '/api/v1/organizations')!;
    expect(first.url.searchParams.get('count')).toBe('true');
    expect(first.url.searchParams.get('sort')).toBe('name');
    expect(first.url.searchParams.has('cursor')).toBe(false);

    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await within(table).findByText('Violence Prevention Network')).toBeInTheDocument();
    expect(within(table).getByText('Ministry of Security')).toBeInTheDocument();
    const second = requests.filter((r) => r.url.pathname === '/api/v1/organizations')[1]!;
    expect(second.url.searchParams.get('cursor')).toBe('c2');
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument());
    expect(screen.getByText('Showing 3 of 3 organizations')).toBeInTheDocument();
  });

  it('passes the filters from the address to the server', async () => {
    const { requests } = signedIn({
      'GET /api/v1/organizations': json({ items: [], next_cursor: null, total: 0 }),
    });
    renderApp('/organizations?type=ngo&country=BA&q=zenica');

    expect(await screen.findByText('No organizations match')).toBeInTheDocument();
    const query = requests.find((r) => r.url.pathname === '/api/v1/organizations')!.url.searchParams;
    expect(Object.fromEntries(query)).toMatchObject({ type: 'ngo', country_code: 'BA', q: 'zenica' });
  });

  it('invites the first organization when there is none', async () => {
    signedIn({ 'GET /api/v1/organizations': json({ items: [], next_cursor: null, total: 0 }) });
    renderApp('/organizations');
    expect(await screen.findByText('No organizations yet')).toBeInTheDocument();
    expect(screen.getAllByRole('button', { name: 'New organization' }).length).toBeGreaterThan(0);
  });

  it('sends the person to sign in again when the session has expired', async () => {
    const { router } = (() => {
      signedIn({ 'GET /api/v1/organizations': problem(401, 'Unauthorized', { detail: 'session expired' }) });
      return renderApp('/organizations');
    })();
    await waitFor(() => expect(router.state.location.pathname).toBe('/login'));
  });
});

describe('create organization', () => {
  it("shows the server's 422 message under the Name field", async () => {
    const { requests } = signedIn({
      'GET /api/v1/organizations': json({ items: [], next_cursor: null, total: 0 }),
      'POST /api/v1/organizations': problem(422, 'Unprocessable Entity', {
        detail: 'validation failed',
        errors: [{ location: 'body.name', message: 'an organization with this name already exists in this country' }],
      }),
    });
    const user = userEvent.setup();
    renderApp('/organizations');

    await user.click((await screen.findAllByRole('button', { name: 'New organization' }))[0]!);
    const dialog = await screen.findByRole('dialog', { name: 'New organization' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Name' }), 'Ministry of Interior');
    await user.click(within(dialog).getByRole('combobox', { name: 'Type' }));
    await user.click(await screen.findByRole('option', { name: 'Ministry' }));
    await user.click(within(dialog).getByRole('button', { name: 'Create organization' }));

    const name = within(dialog).getByRole('textbox', { name: 'Name' });
    await waitFor(() => expect(name).toHaveAccessibleDescription('an organization with this name already exists in this country'));
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({ name: 'Ministry of Interior', type: 'ministry' });
  });

  it('creates the organization, says so, and refreshes the list', async () => {
    let created = false;
    const ministry = organization(7, 'Ministry of Interior', { name_local: 'وزارة الداخلية', country_code: 'IQ' });
    const { requests } = signedIn({
      'GET /api/v1/organizations': () => json({ items: created ? [ministry] : [], next_cursor: null, total: created ? 1 : 0 }),
      'POST /api/v1/organizations': () => {
        created = true;
        return json(ministry, { status: 201, headers: { ETag: '"1"' } });
      },
    });
    const user = userEvent.setup();
    renderApp('/organizations');

    await user.click((await screen.findAllByRole('button', { name: 'New organization' }))[0]!);
    const dialog = await screen.findByRole('dialog', { name: 'New organization' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Name' }), 'Ministry of Interior');
    await user.type(within(dialog).getByRole('textbox', { name: /local script/ }), 'وزارة الداخلية');
    await user.click(within(dialog).getByRole('combobox', { name: 'Type' }));
    await user.click(await screen.findByRole('option', { name: 'Ministry' }));
    await user.click(within(dialog).getByRole('combobox', { name: 'Country' }));
    await user.click(await screen.findByRole('option', { name: 'Iraq' }));
    await user.click(within(dialog).getByRole('button', { name: 'Create organization' }));

    expect(await screen.findByText('Ministry of Interior was added')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(await screen.findByRole('table', { name: 'Organizations' })).toHaveTextContent('Ministry of Interior');
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({
      name: 'Ministry of Interior',
      name_local: 'وزارة الداخلية',
      type: 'ministry',
      country_code: 'IQ',
    });
  });
});
