import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { adminUser, contact, json, organization, problem, signedInRoutes, stubApi } from '../../test/api';
import { renderApp } from '../../test/render';

const commitment = {
  id: 21,
  version: 3,
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
  counterpart_organization_id: null,
  interaction_id: null,
  visit_id: null,
  project_id: null,
  restricted: false,
  tags: [],
};

describe('commitments', () => {
  it('marks overdue with text and an icon, and closes one in place with a closure note', async () => {
    const { requests } = stubApi({
      ...signedInRoutes(),
      'GET /api/v1/commitments': json({ items: [commitment], next_cursor: null }),
      'PATCH /api/v1/commitments/21': json({ ...commitment, status: 'done', version: 4 }),
    });
    const user = userEvent.setup();
    renderApp('/commitments');
    const status = await screen.findByRole('combobox', { name: 'Status of Send the draft action plan' }, { timeout: 15_000 });
    expect(screen.getByText('Overdue')).toBeInTheDocument();
    await user.selectOptions(status, 'done');
    const dialog = await screen.findByRole('dialog', { name: 'Mark as done' });
    await user.type(within(dialog).getByRole('textbox', { name: /Closure note/ }), 'Sent on 2 December.');
    await user.click(within(dialog).getByRole('button', { name: 'Mark as done' }));
    await waitFor(() => expect(requests.some((r) => r.method === 'PATCH')).toBe(true));
    const patch = requests.find((r) => r.method === 'PATCH')!;
    expect(patch.body).toEqual({ status: 'done', closure_note: 'Sent on 2 December.' });
    expect(patch.headers.get('If-Match')).toBe('"3"');
  });

  it('sends the filters in the address to the API, and keeps changes in the address', async () => {
    const { requests } = stubApi({
      ...signedInRoutes(),
      'GET /api/v1/projects': json({ items: [], next_cursor: null }),
      'GET /api/v1/commitments': json({ items: [commitment], next_cursor: null }),
    });
    const user = userEvent.setup();
    const { router } = renderApp('/commitments?owner_id=2&office_id=1&project_id=4&due_after=2026-11-26&due_before=2026-12-05&status=open,in_progress');
    await screen.findByText('Send the draft action plan', {}, { timeout: 15_000 });
    const list = requests.filter((r) => r.url.pathname === '/api/v1/commitments');
    const query = Object.fromEntries(list[0]!.url.searchParams);
    expect(query).toMatchObject({
      owner_id: '2',
      office_id: '1',
      project_id: '4',
      due_after: '2026-11-26',
      due_before: '2026-12-05',
      status: 'open,in_progress',
    });
    expect(query.overdue).toBeUndefined();
    await user.click(screen.getByRole('switch', { name: 'Overdue only' }));
    await waitFor(() => expect(router.state.location.search).toContain('overdue=true'));
    await waitFor(() => expect(requests.some((r) => r.url.pathname === '/api/v1/commitments' && r.url.searchParams.get('overdue') === 'true')).toBe(true));
    await user.click(screen.getByRole('radio', { name: 'Board' }));
    await waitFor(() => expect(router.state.location.search).toContain('view=board'));
    expect(await screen.findByRole('list', { name: 'Commitments by status' })).toBeInTheDocument();
    expect(router.state.location.search).toContain('owner_id=2');
  });

  it('reassigns the ticked commitments; a stale one is named and the list reloads', async () => {
    const second = { ...commitment, id: 22, version: 5, title: 'Book the interpreters' };
    let answer = problem(412, 'Precondition Failed', { errors: [{ location: 'body.commitments[1].version', message: 'changed meanwhile' }] });
    const { requests } = stubApi({
      ...signedInRoutes(),
      'GET /api/v1/projects': json({ items: [], next_cursor: null }),
      'GET /api/v1/commitments': json({ items: [commitment, second], next_cursor: null }),
      'POST /api/v1/commitments/reassign': () => answer,
    });
    const user = userEvent.setup();
    renderApp('/commitments');
    await user.click(await screen.findByRole('checkbox', { name: 'Select Send the draft action plan' }, { timeout: 15_000 }));
    await user.click(screen.getByRole('checkbox', { name: 'Select Book the interpreters' }));
    expect(screen.getByText('2 selected')).toBeInTheDocument();
    const reassign = async () => {
      await user.click(screen.getByRole('button', { name: 'Reassign…' }));
      const dialog = await screen.findByRole('dialog', { name: 'Reassign commitments' });
      await user.click(within(dialog).getAllByLabelText(/New owner/)[0]!);
      await user.click(await screen.findByRole('option', { name: 'Emina Kovač' }));
      await user.click(within(dialog).getByRole('button', { name: 'Reassign 2 commitments' }));
    };
    const listsBefore = requests.filter((r) => r.url.pathname === '/api/v1/commitments').length;
    await reassign();
    expect(await screen.findByText(/“Book the interpreters” was changed by someone else meanwhile/)).toBeInTheDocument();
    const post = requests.find((r) => r.method === 'POST')!;
    expect(post.body).toEqual({ owner_id: 2, commitments: [{ id: 21, version: 3 }, { id: 22, version: 5 }] });
    await waitFor(() => expect(requests.filter((r) => r.url.pathname === '/api/v1/commitments').length).toBeGreaterThan(listsBefore));

    answer = json({ items: [{ ...commitment, owner_id: 2, version: 4 }, { ...second, owner_id: 2, version: 6 }] });
    await reassign();
    expect(await screen.findByText('2 commitments reassigned to Emina Kovač.')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByText('0 selected')).toBeInTheDocument());
  });

  it('moves a card on the board with the keyboard; done asks for the closure note', async () => {
    const { requests } = stubApi({
      ...signedInRoutes(),
      'GET /api/v1/projects': json({ items: [], next_cursor: null }),
      'GET /api/v1/commitments': json({ items: [commitment], next_cursor: null }),
      'PATCH /api/v1/commitments/21': json({ ...commitment, status: 'in_progress', version: 4 }),
    });
    const user = userEvent.setup();
    renderApp('/commitments?view=board');
    const open = await screen.findByRole('listitem', { name: 'Open' }, { timeout: 15_000 });
    const move = await within(open).findByRole('button', { name: 'Move Send the draft action plan' });
    move.focus();
    await user.keyboard('{Enter}');
    const menu = await screen.findByRole('menu');
    expect(within(menu).getAllByRole('menuitem').map((item) => item.textContent)).toEqual(['In progress', 'Done', 'Cancelled']);
    await user.keyboard('{ArrowDown}{Enter}');
    await waitFor(() => expect(requests.some((r) => r.method === 'PATCH')).toBe(true));
    expect(requests.find((r) => r.method === 'PATCH')!.body).toEqual({ status: 'in_progress' });

    move.focus();
    await user.keyboard('{Enter}');
    await screen.findByRole('menu');
    await user.keyboard('{ArrowDown}{ArrowDown}{Enter}');
    expect(await screen.findByRole('dialog', { name: 'Mark as done' })).toBeInTheDocument();
  });

  it('shows what is still to do by default, so done items never come first; every status is one choice away', async () => {
    const { requests } = stubApi({
      ...signedInRoutes(),
      'GET /api/v1/projects': json({ items: [], next_cursor: null }),
      'GET /api/v1/commitments': json({ items: [commitment], next_cursor: null }),
    });
    const user = userEvent.setup();
    const { router } = renderApp('/commitments');
    await screen.findByText('Send the draft action plan', {}, { timeout: 15_000 });
    const first = requests.find((r) => r.url.pathname === '/api/v1/commitments')!;
    expect(first.url.searchParams.get('status')).toBe('open,in_progress');
    expect(first.url.searchParams.get('sort')).toBe('due_date');
    // Clearing the status filter asks for every status, done included, and says so in the address.
    const status = screen.getAllByLabelText('Status')[0]!;
    await user.click(status);
    await user.keyboard('{Backspace}{Backspace}');
    await waitFor(() => expect(router.state.location.search).toContain('status=all'));
    await waitFor(() => expect(requests.some((r) => r.url.pathname === '/api/v1/commitments' && !r.url.searchParams.has('status'))).toBe(true));
  });

  it('says with whom each commitment is, naming every counterpart in one request per kind', async () => {
    const rows = [
      { ...commitment, id: 21, counterpart_organization_id: 5, counterpart_contact_id: 8 },
      { ...commitment, id: 22, counterpart_organization_id: 6, counterpart_contact_id: null },
      { ...commitment, id: 23, counterpart_organization_id: 5, counterpart_contact_id: null },
    ];
    const { requests } = stubApi({
      ...signedInRoutes(),
      'GET /api/v1/projects': json({ items: [], next_cursor: null }),
      'GET /api/v1/commitments': json({ items: rows, next_cursor: null }),
      'GET /api/v1/organizations': json({ items: [organization(5, 'Ministry of Security', { acronym: 'MoS' }), organization(6, 'City of Zenica')], next_cursor: null }),
      'GET /api/v1/contacts': json({ items: [contact(8, 'Adnan', 'Hodžić')], next_cursor: null }),
    });
    renderApp('/commitments');
    const table = await screen.findByRole('table', { name: 'Commitments' }, { timeout: 15_000 });
    expect(within(table).getByRole('columnheader', { name: 'With whom' })).toBeInTheDocument();
    await waitFor(() => expect(within(table).getAllByTestId('with-whom').map((e) => e.textContent)).toEqual([
      'Ministry of Security (MoS) · Adnan Hodžić',
      'City of Zenica',
      'Ministry of Security (MoS)',
    ]));
    const orgCalls = requests.filter((r) => r.url.pathname === '/api/v1/organizations');
    const contactCalls = requests.filter((r) => r.url.pathname === '/api/v1/contacts');
    expect(orgCalls).toHaveLength(1);
    expect(orgCalls[0]!.url.searchParams.get('id')).toBe('5,6');
    expect(contactCalls).toHaveLength(1);
    expect(contactCalls[0]!.url.searchParams.get('id')).toBe('8');
    // Each row says which office it belongs to.
    expect(within(table).getAllByRole('cell', { name: 'IOM Bosnia and Herzegovina' })).toHaveLength(3);
  });

  it('corrects a commitment from its row, sending only what changed with the version it was read at', async () => {
    const { requests } = stubApi({
      ...signedInRoutes(),
      'GET /api/v1/projects': json({ items: [], next_cursor: null }),
      'GET /api/v1/commitments': json({ items: [commitment], next_cursor: null }),
      'PATCH /api/v1/commitments/21': json({ ...commitment, title: 'Send the final action plan', direction: 'theirs', due_date: '2026-12-18', version: 4 }),
    });
    const user = userEvent.setup();
    renderApp('/commitments');
    await user.click(await screen.findByRole('button', { name: 'Edit Send the draft action plan' }, { timeout: 15_000 }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit commitment' });
    const title = within(dialog).getByRole('textbox', { name: /Title/ });
    await user.clear(title);
    await user.type(title, 'Send the final action plan');
    await user.click(within(dialog).getByRole('radio', { name: 'They owe it' }));
    const due = within(dialog).getByRole('textbox', { name: 'Due' });
    await user.clear(due);
    await user.type(due, '12/18/2026');
    await user.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(requests.some((r) => r.method === 'PATCH')).toBe(true));
    const patch = requests.find((r) => r.method === 'PATCH')!;
    expect(patch.body).toEqual({ title: 'Send the final action plan', direction: 'theirs', due_date: '2026-12-18' });
    expect(patch.headers.get('If-Match')).toBe('"3"');
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Edit commitment' })).toBeNull());
  });

  it('refuses to save a due date it cannot read, at the field', async () => {
    const { requests } = stubApi({
      ...signedInRoutes(),
      'GET /api/v1/projects': json({ items: [], next_cursor: null }),
      'GET /api/v1/commitments': json({ items: [commitment], next_cursor: null }),
    });
    const user = userEvent.setup();
    renderApp('/commitments');
    await user.click(await screen.findByRole('button', { name: 'Edit Send the draft action plan' }, { timeout: 15_000 }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit commitment' });
    const due = within(dialog).getByRole('textbox', { name: 'Due' });
    await user.clear(due);
    await user.type(due, '162026');
    await user.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(due).toHaveAttribute('aria-invalid', 'true'));
    expect(due).toHaveValue('162026');
    expect(requests.some((r) => r.method === 'PATCH')).toBe(false);
  });

  it('shows their version beside mine when someone else saved first (412), and re-applies mine on top', async () => {
    const theirs = { ...commitment, version: 4, title: 'Send the draft plan to the ministry', updated_at: '2026-11-30T10:00:00Z' };
    let answer: Response = problem(412, 'Precondition Failed', { code: 'stale' });
    const { requests } = stubApi({
      ...signedInRoutes(),
      'GET /api/v1/projects': json({ items: [], next_cursor: null }),
      'GET /api/v1/commitments': json({ items: [commitment], next_cursor: null }),
      'GET /api/v1/commitments/21': json(theirs, { headers: { ETag: '"4"' } }),
      'PATCH /api/v1/commitments/21': () => answer,
    });
    const user = userEvent.setup();
    renderApp('/commitments');
    await user.click(await screen.findByRole('button', { name: 'Edit Send the draft action plan' }, { timeout: 15_000 }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit commitment' });
    await user.click(within(dialog).getByRole('radio', { name: 'Joint' }));
    await user.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    const conflict = await screen.findByRole('dialog', { name: 'Changed by someone else' });
    const table = within(conflict).getByRole('table', { name: 'Their version beside yours' });
    expect(within(table).getByRole('row', { name: /Title/ })).toHaveTextContent('Send the draft plan to the ministry');
    expect(within(table).getByRole('row', { name: /Who owes it/ })).toHaveTextContent(/We owe it.*Joint/);
    answer = json({ ...theirs, direction: 'joint', version: 5 });
    await user.click(within(conflict).getByRole('button', { name: 'Re-apply my changes' }));
    await waitFor(() => expect(requests.filter((r) => r.method === 'PATCH')).toHaveLength(2));
    const [first, second] = requests.filter((r) => r.method === 'PATCH');
    expect(first!.body).toEqual({ direction: 'joint' });
    expect(second!.body).toEqual({ direction: 'joint' });
    expect(second!.headers.get('If-Match')).toBe('"4"');
  });

  it('shows a viewer the status as words and the reason, with nothing to change', async () => {
    stubApi({
      ...signedInRoutes({ ...adminUser, id: 9, role: 'viewer' }),
      'GET /api/v1/projects': json({ items: [], next_cursor: null }),
      'GET /api/v1/commitments': json({ items: [commitment], next_cursor: null }),
    });
    renderApp('/commitments');
    const table = await screen.findByRole('table', { name: 'Commitments' }, { timeout: 15_000 });
    await within(table).findByText('Send the draft action plan');
    expect(within(table).queryByRole('combobox', { name: /Status of/ })).toBeNull();
    expect(within(table).getByText('Open')).toBeInTheDocument();
    expect(within(table).queryByRole('button', { name: /Edit/ })).toBeNull();
    expect(screen.queryByRole('checkbox', { name: /Select/ })).toBeNull();
    expect(screen.getByText('You can read these commitments; changing them is for officers and managers.')).toBeInTheDocument();
  });

  it('shows an officer another office’s commitment with its status and Edit disabled, saying why', async () => {
    const theirs = { ...commitment, id: 31, office_id: 2, owner_id: 2, title: 'Share the Iraq framework' };
    const { requests } = stubApi({
      ...signedInRoutes({ ...adminUser, id: 2, role: 'officer', office_id: 1 }),
      'GET /api/v1/projects': json({ items: [], next_cursor: null }),
      'GET /api/v1/commitments': json({ items: [commitment, theirs], next_cursor: null }),
    });
    const user = userEvent.setup();
    renderApp('/commitments');
    const other = await screen.findByRole('combobox', { name: 'Status of Share the Iraq framework' }, { timeout: 15_000 });
    expect(other).toBeDisabled();
    expect(other).toHaveAccessibleDescription('This belongs to another office: only its own officers and managers can change it.');
    const edit = screen.getByRole('button', { name: 'Edit Share the Iraq framework' });
    expect(edit).toBeDisabled();
    expect(edit).toHaveAccessibleDescription(/another office/);
    // The officer's own office's commitment stays live.
    const mine = screen.getByRole('combobox', { name: 'Status of Send the draft action plan' });
    expect(mine).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Edit Send the draft action plan' })).toBeEnabled();
    await user.selectOptions(mine, 'in_progress');
    expect(requests.filter((r) => r.method === 'PATCH')).toHaveLength(1);
  });
});
