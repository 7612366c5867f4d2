import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, organization, problem, signedInRoutes, stubApi } from '../../test/api';
import { organizationKeys } from '../../hooks/organizations';
import { renderApp } from '../../test/render';
import { fill } from '../../test/typing';

const NAME = /^Name\s*\*?$/;
const TYPE = /^Type\s*\*?$/;

describe('new organization', () => {
  it('checks the required fields before asking the server', async () => {
    const { requests } = stubApi({ ...signedInRoutes() });
    const user = userEvent.setup();
    renderApp('/organizations/new');
    await user.click(await screen.findByRole('button', { name: 'Create organization' }));
    expect(await screen.findByText("Enter the organization's name")).toBeInTheDocument();
    expect(screen.getByText('Choose the type of organization')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: NAME })).toHaveFocus();
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(0);
  });

  it("shows the server's 422 message under the field it names, in the UI language", async () => {
    const { requests } = stubApi({
      ...signedInRoutes(),
      'POST /api/v1/organizations': problem(422, 'Unprocessable Entity', {
        detail: 'validation failed',
        errors: [
          { location: 'body.name', message: 'an organization with this name already exists in this country' },
          { location: 'body.website', message: 'must start with http:// or https://' },
        ],
      }),
    });
    const user = userEvent.setup();
    renderApp('/organizations/new');

    await user.type(await screen.findByRole('textbox', { name: NAME }), 'Ministry of Interior');
    await user.click(screen.getByRole('combobox', { name: TYPE }));
    await user.click(await screen.findByRole('option', { name: 'Ministry' }));
    await user.click(screen.getByRole('button', { name: 'Create organization' }));

    const name = screen.getByRole('textbox', { name: NAME });
    await waitFor(() => expect(name).toHaveAccessibleDescription('an organization with this name already exists in this country'));
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('textbox', { name: 'Website' })).toHaveAccessibleDescription('The address must start with http:// or https://');
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({ name: 'Ministry of Interior', type: 'ministry' });
  });

  it('creates the organization under the parent it was opened for and shows it', async () => {
    const parent = organization(1, 'Ministry of Security', { acronym: 'MoS' });
    const created = organization(7, 'Sector for Counter-Terrorism', { parent_id: 1, name_local: 'Sektor za borbu protiv terorizma' });
    const { requests } = stubApi({
      ...signedInRoutes(),
      'GET /api/v1/organizations/1': json(parent),
      'GET /api/v1/organizations': json({ items: [parent], next_cursor: null }),
      'POST /api/v1/organizations': json(created, { status: 201, headers: { ETag: '"1"' } }),
      'GET /api/v1/organizations/7': json(created),
      'GET /api/v1/organizations/7/timeline': json({ items: [], next_cursor: null }),
      'GET /api/v1/contacts': json({ items: [], next_cursor: null }),
    });
    const user = userEvent.setup();
    const { router } = renderApp('/organizations/new?parent=1');

    expect(await screen.findByDisplayValue('Ministry of Security (MoS)')).toBeInTheDocument();
    await fill(user, screen.getByRole('textbox', { name: NAME }), 'Sector for Counter-Terrorism');
    await fill(user, screen.getByRole('textbox', { name: /local script/ }), 'Sektor za borbu protiv terorizma');
    await user.click(screen.getByRole('combobox', { name: TYPE }));
    await user.click(await screen.findByRole('option', { name: 'Government agency' }));
    await user.click(screen.getByRole('button', { name: 'Create organization' }));

    expect(await screen.findByText('Sector for Counter-Terrorism was added')).toBeInTheDocument();
    await waitFor(() => expect(router.state.location.pathname).toBe('/organizations/7'));
    expect(await screen.findByRole('heading', { level: 1, name: 'Sector for Counter-Terrorism' })).toBeInTheDocument();
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({
      name: 'Sector for Counter-Terrorism',
      name_local: 'Sektor za borbu protiv terorizma',
      type: 'government_agency',
      parent_id: 1,
    });
  });
});

describe('editing an organization', () => {
  const opened = organization(5, 'Ministry of Interior', { city: 'Baghdad', country_code: 'IQ', version: 3 });
  const theirs = { ...opened, version: 4, city: 'Erbil', updated_at: '2026-11-27T09:00:00Z' };

  function routes(patch: (version: string | null) => Response) {
    let saved = false;
    return stubApi({
      ...signedInRoutes(),
      'GET /api/v1/organizations/5': () => json(saved ? { ...theirs, version: 5, name: 'Ministry of Interior of Iraq' } : theirs),
      'PATCH /api/v1/organizations/5': ({ headers }) => {
        const reply = patch(headers.get('If-Match'));
        if (reply.ok) saved = true;
        return reply;
      },
      'GET /api/v1/organizations/5/timeline': json({ items: [], next_cursor: null }),
      'GET /api/v1/organizations': json({ items: [], next_cursor: null }),
      'GET /api/v1/contacts': json({ items: [], next_cursor: null }),
    });
  }

  it('sends only what changed, with the version it was opened at', async () => {
    const { requests } = routes(() => json({ ...opened, version: 4, name: 'Ministry of Interior of Iraq' }));
    const user = userEvent.setup();
    renderApp('/organizations/5/edit', { seed: (queryClient) => queryClient.setQueryData(organizationKeys.detail(5), opened) });
    const name = await screen.findByRole('textbox', { name: NAME });
    await waitFor(() => expect(name).toHaveValue('Ministry of Interior'));
    await user.clear(name);
    await user.type(name, 'Ministry of Interior of Iraq');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await screen.findByText('Ministry of Interior of Iraq was saved');
    const patch = requests.find((r) => r.method === 'PATCH')!;
    expect(patch.body).toEqual({ name: 'Ministry of Interior of Iraq' });
    expect(patch.headers.get('If-Match')).toBe('"3"');
  });

  it('on 412 shows their version beside mine, and re-applies mine on top of theirs', async () => {
    const { requests } = routes((version) =>
      version === '"4"' ? json({ ...theirs, version: 5, name: 'Ministry of Interior of Iraq' }) : problem(412, 'Precondition Failed', { detail: 'stale' }),
    );
    const user = userEvent.setup();
    // The form was opened at version 3; meanwhile someone saved version 4 (Erbil).
    renderApp('/organizations/5/edit', { seed: (queryClient) => queryClient.setQueryData(organizationKeys.detail(5), opened) });
    const name = await screen.findByRole('textbox', { name: NAME });
    await user.clear(name);
    await user.type(name, 'Ministry of Interior of Iraq');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    const dialog = await screen.findByRole('dialog', { name: 'Changed by someone else' });
    expect(dialog).toHaveTextContent('changed by someone else since you opened it');
    const table = within(dialog).getByRole('table', { name: 'Their version beside yours' });
    const nameRow = within(table).getByRole('row', { name: /^Name / });
    expect(nameRow).toHaveTextContent('Ministry of Interior');
    expect(nameRow).toHaveTextContent('Ministry of Interior of Iraq');
    const cityRow = within(table).getByRole('row', { name: /^City/ });
    expect(cityRow).toHaveTextContent('Erbil');
    expect(cityRow).toHaveTextContent('Baghdad');

    await user.click(within(dialog).getByRole('button', { name: 'Re-apply my changes' }));
    await screen.findByText('Ministry of Interior of Iraq was saved');
    const patches = requests.filter((r) => r.method === 'PATCH');
    expect(patches.map((p) => p.headers.get('If-Match'))).toEqual(['"3"', '"4"']);
    expect(patches[1]!.body).toEqual({ name: 'Ministry of Interior of Iraq' });
  });

  it('on 412 can drop my changes and load theirs instead', async () => {
    routes(() => problem(412, 'Precondition Failed'));
    const user = userEvent.setup();
    renderApp('/organizations/5/edit', { seed: (queryClient) => queryClient.setQueryData(organizationKeys.detail(5), opened) });
    const name = await screen.findByRole('textbox', { name: NAME });
    await user.clear(name);
    await user.type(name, 'Something else');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    const dialog = await screen.findByRole('dialog', { name: 'Changed by someone else' });
    await user.click(within(dialog).getByRole('button', { name: 'Reload their version' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(screen.getByRole('textbox', { name: NAME })).toHaveValue('Ministry of Interior');
    expect(screen.getByRole('textbox', { name: 'City' })).toHaveValue('Erbil');
  });
});

describe('nothing typed is lost', { timeout: 45_000 }, () => {
  it('asks before leaving with unsaved changes, and puts them back as a draft when the form opens again', async () => {
    stubApi({
      ...signedInRoutes(),
      'GET /api/v1/organizations': json({ items: [], next_cursor: null }),
      'GET /api/v1/organizations/counts': json({}),
    });
    const user = userEvent.setup();
    const first = renderApp('/organizations/new');
    await user.type(await screen.findByRole('textbox', { name: NAME }), 'Agency for Statistics');
    // The breadcrumb back to the list.
    await user.click(within(screen.getByRole('main')).getByRole('link', { name: 'Organizations' }));

    const ask = await screen.findByRole('dialog', { name: 'Leave this page?' });
    await user.click(within(ask).getByRole('button', { name: 'Cancel' }));
    expect(first.router.state.location.pathname).toBe('/organizations/new');
    expect(screen.getByRole('textbox', { name: NAME })).toHaveValue('Agency for Statistics');
    first.unmount();

    // The tab was closed, say: the form opens again with what was typed.
    renderApp('/organizations/new');
    expect(await screen.findByRole('textbox', { name: NAME })).toHaveValue('Agency for Statistics');
    expect(screen.getByRole('status')).toHaveTextContent(/Draft restored/);
    await user.click(screen.getByRole('button', { name: 'Discard draft' }));
    expect(screen.getByRole('textbox', { name: NAME })).toHaveValue('');
  });
});
