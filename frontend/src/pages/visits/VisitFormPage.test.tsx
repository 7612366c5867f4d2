import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { contact, json, organization, problem, signedInRoutes, stubApi, type SeenRequest } from '../../test/api';
import { visitKeys } from '../../hooks/visits';
import { renderApp } from '../../test/render';
import { guessSideAndRole } from './visitForm';
import { pickerGroups, splitName } from '../../components/visit/ParticipantPicker';
import { move } from '../../components/visit/ParticipantRows';

const ministry = organization(3, 'Ministry of Security', { country_code: 'BA' });
const committee = organization(5, 'National Committee on PVE', { country_code: 'IQ', type: 'national_committee' });
const canada = organization(9, 'Government of Canada', { country_code: 'CA', type: 'donor' });

function searchRoutes() {
  return {
    'GET /api/v1/organizations': (r: SeenRequest) => {
      const q = (r.url.searchParams.get('q') ?? '').toLowerCase();
      return json({ items: [ministry, committee, canada].filter((o) => o.name.toLowerCase().includes(q)), next_cursor: null });
    },
    'GET /api/v1/contacts': (r: SeenRequest) => {
      const q = (r.url.searchParams.get('q') ?? '').toLowerCase();
      const people = [contact(7, 'Mina', 'Hodžić', { country_code: 'BA' })];
      return json({ items: people.filter((c) => c.full_name.toLowerCase().includes(q)), next_cursor: null });
    },
    'GET /api/v1/projects': json({ items: [], next_cursor: null }),
  };
}

describe('participant picker logic', () => {
  it('groups organizations and people, leaves out those already chosen, and always offers to create', () => {
    const groups = pickerGroups(
      { organizations: [ministry, committee] as never, contacts: [contact(7, 'Mina', 'Hodžić')] as never },
      new Set(['o:3']),
      { organizations: 'Orgs', contacts: 'People', create: 'New', createOrganization: 'New org', createContact: 'New person' },
    );
    expect(groups.map((g) => g.group)).toEqual(['Orgs', 'People', 'New']);
    expect(groups[0]!.items.map((i) => i.value)).toEqual(['o:5']);
    expect(groups[1]!.items).toEqual([{ value: 'c:7', label: 'Mina Hodžić' }]);
    expect(groups[2]!.items.map((i) => i.value)).toEqual(['new:organization', 'new:contact']);
    expect(splitName('Ali Abdullah')).toEqual({ given: 'Ali', family: 'Abdullah' });
    expect(move(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(move(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
  });

  it('guesses a side and role from the country and type, which the officer can change', () => {
    const party = (kind: 'organization' | 'contact', country: string, type?: 'donor') => ({ kind, id: 1, name: 'x', country_code: country, type });
    expect(guessSideAndRole(party('organization', 'CA', 'donor'), 'IQ', 'BA', [])).toEqual({ side: 'funder', role: 'funder' });
    expect(guessSideAndRole(party('organization', 'BA'), 'IQ', 'BA', [])).toEqual({ side: 'host', role: 'host' });
    expect(guessSideAndRole(party('contact', 'IQ'), 'IQ', 'BA', [])).toEqual({ side: 'visiting', role: 'head_of_delegation' });
    expect(
      guessSideAndRole(party('contact', 'IQ'), 'IQ', 'BA', [{ contact_id: 2, name: 'y', side: 'visiting', role: 'head_of_delegation' }]),
    ).toEqual({ side: 'visiting', role: 'delegate' });
  });
});

describe('visit form', () => {
  it('finds organizations and people in one box, creates one inline, orders rows by button and shows the server’s row errors on the row', async () => {
    const user = userEvent.setup();
    let posts = 0;
    const { requests } = stubApi({
      ...signedInRoutes(),
      ...searchRoutes(),
      'POST /api/v1/contacts': (r) => json(contact(21, 'Ali', 'Abdullah', { country_code: (r.body as { country_code?: string }).country_code ?? null }), { status: 201 }),
      'POST /api/v1/visits': () =>
        ++posts === 1
          ? problem(422, 'Unprocessable Entity', { errors: [{ location: 'body.participants[1].role', message: 'is required' }] })
          : json({ id: 40 }, { status: 201 }),
    });
    renderApp('/visits/new');
    fireEvent.change(await screen.findByRole('textbox', { name: /^Title/ }), { target: { value: 'Study visit on PVE' } });
    fireEvent.change(screen.getByLabelText(/^First day/), { target: { value: '2026-09-25' } });
    fireEvent.change(screen.getByLabelText(/^Last day/), { target: { value: '2026-09-29' } });
    await user.click(screen.getByRole('combobox', { name: 'Coming from' }));
    await user.click(await screen.findByRole('option', { name: 'Iraq' }));
    await user.click(screen.getByRole('combobox', { name: 'Host country' }));
    await user.click(await screen.findByRole('option', { name: /^Bosnia/ }));

    const picker = screen.getByRole('combobox', { name: /^Add a participant/ });
    await user.type(picker, 'min');
    // One list, grouped: organizations, then people, then "create".
    const listbox = await screen.findByRole('listbox');
    await within(listbox).findByRole('option', { name: 'Ministry of Security' });
    expect(within(listbox).getByText('Organizations')).toBeInTheDocument();
    expect(within(listbox).getByText('People')).toBeInTheDocument();
    expect(within(listbox).getByRole('option', { name: 'Mina Hodžić' })).toBeInTheDocument();
    await user.click(within(listbox).getByRole('option', { name: 'Ministry of Security' }));
    const rows = screen.getByRole('list', { name: 'Participants' });
    const ministryRow = within(rows).getByRole('listitem', { name: 'Ministry of Security' });
    // Bosnian, and Bosnia hosts: a host.
    expect(within(ministryRow).getByRole('combobox', { name: 'Side of Ministry of Security' })).toHaveValue('Hosts');

    // Not there yet: created from the same box, keyboard only.
    await user.type(picker, 'Ali Abdullah');
    const create = await screen.findByRole('option', { name: 'Create person “Ali Abdullah”…' });
    expect(create).toBeInTheDocument();
    // The searches for the whole name have answered and the list is final.
    await waitFor(() =>
      expect(requests.filter((r) => r.method === 'GET' && r.url.searchParams.get('q') === 'Ali Abdullah').map((r) => r.url.pathname).sort()).toEqual([
        '/api/v1/contacts',
        '/api/v1/organizations',
      ]),
    );
    await waitFor(() => expect(within(screen.getByRole('listbox')).getAllByRole('option')).toHaveLength(2));
    // Nothing matches, so the two "create" choices are all there is: the second is a person.
    await user.keyboard('{ArrowDown}{ArrowDown}');
    await waitFor(() => expect(create).toHaveAttribute('data-combobox-selected'));
    await user.keyboard('{Enter}');
    const dialog = await screen.findByRole('dialog', { name: 'New person' });
    expect(within(dialog).getByRole('textbox', { name: 'Given name' })).toHaveValue('Ali');
    expect(within(dialog).getByRole('textbox', { name: 'Family name' })).toHaveValue('Abdullah');
    await user.click(within(dialog).getByRole('button', { name: 'Create and add' }));
    const ali = await within(rows).findByRole('listitem', { name: 'Ali Abdullah' });
    expect(requests.find((r) => r.method === 'POST' && r.url.pathname === '/api/v1/contacts')!.body).toMatchObject({ given_name: 'Ali', family_name: 'Abdullah', country_code: 'IQ' });
    expect(within(ali).getByRole('combobox', { name: 'Role of Ali Abdullah' })).toHaveValue('Head of delegation');

    // The head of delegation first.
    await user.click(within(ali).getByRole('button', { name: 'Move Ali Abdullah up' }));
    expect(within(rows).getAllByRole('listitem').map((li) => li.getAttribute('aria-label'))).toEqual(['Ali Abdullah', 'Ministry of Security']);

    await user.click(screen.getByRole('button', { name: 'Create visit' }));
    await within(within(rows).getByRole('listitem', { name: 'Ministry of Security' })).findByText('This field is required');
    const sent = requests.filter((r) => r.method === 'POST' && r.url.pathname === '/api/v1/visits')[0]!.body;
    expect(sent).toMatchObject({
      title: 'Study visit on PVE',
      kind: 'study_visit',
      start_date: '2026-09-25',
      end_date: '2026-09-29',
      origin_country_code: 'IQ',
      host_country_code: 'BA',
      participants: [
        { contact_id: 21, side: 'visiting', role: 'head_of_delegation' },
        { organization_id: 3, side: 'host', role: 'host' },
      ],
    });
  }, 120_000);

  it('sends only what changed with If-Match, and opens the conflict dialog on 412', async () => {
    const user = userEvent.setup();
    const visit = {
      id: 4,
      version: 2,
      created_at: '2026-09-01T10:00:00Z',
      updated_at: '2026-09-01T10:00:00Z',
      office_id: 1,
      owner_id: 1,
      title: 'Study visit on PVE',
      kind: 'study_visit',
      status: 'planned',
      start_date: '2026-09-25',
      end_date: '2026-09-29',
      origin_country_code: 'IQ',
      host_country_code: 'BA',
      city: 'Sarajevo',
      purpose: '',
      outcomes: '',
      project_id: null,
      tags: [],
      participants: [{ side: 'host', role: 'host', organization_id: 3, contact_id: null, name: 'Ministry of Security', restricted: false }],
    };
    const { requests } = stubApi({
      ...signedInRoutes(),
      ...searchRoutes(),
      'GET /api/v1/visits/4': json({ ...visit, version: 3, city: 'Zenica', updated_at: '2026-09-02T10:00:00Z' }),
      'PATCH /api/v1/visits/4': problem(412, 'Precondition Failed'),
    });
    renderApp('/visits/4/edit', {
      seed: (qc) => qc.setQueryData(visitKeys.detail(4), visit),
    });
    const city = await screen.findByRole('textbox', { name: 'City' });
    fireEvent.change(city, { target: { value: 'Mostar' } });
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    const dialog = await screen.findByRole('dialog', { name: 'Changed by someone else' });
    expect(within(dialog).getByRole('row', { name: /City.*Zenica.*Mostar/ })).toBeInTheDocument();
    const patch = requests.find((r) => r.method === 'PATCH')!;
    expect(patch.headers.get('If-Match')).toBe('"2"');
    expect(patch.body).toEqual({ city: 'Mostar' });
  }, 120_000);
});
