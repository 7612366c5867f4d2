import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, problem, signedInRoutes, stubApi } from '../../test/api';
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
});
