import 'fake-indexeddb/auto';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { beforeEach, describe, expect, it } from 'vitest';
import { AppProviders } from '../../AppProviders';
import { createQueryClient } from '../../queryClient';
import { clearOutbox, loadOutbox } from '../../offline/outbox';
import { contact, json, organization, problem, signedInRoutes, stubApi, type SeenRequest } from '../../test/api';
import { renderApp } from '../../test/render';
import { LogInteractionForm } from '../LogInteractionForm';

const ministry = organization(1, 'Ministry of Security', { acronym: 'MoS' });
const ali = contact(8, 'Ali', 'Hasan', { positions: [{ organization_id: 1, title: 'Adviser', start_date: null, end_date: null, primary: true }] });

/** The quick log on its own, opened as if from `path` (in a session already signed in, when `queryClient` is one that was). */
function renderForm(path: string, ui: ReactNode = <LogInteractionForm onDone={() => {}} />, queryClient = createQueryClient({ retry: false })) {
  const router = createMemoryRouter([{ path: '*', element: ui }], { initialEntries: [path] });
  return render(
    <AppProviders queryClient={queryClient} env="test">
      <RouterProvider router={router} />
    </AppProviders>,
  );
}

const posts = (requests: SeenRequest[]) => requests.filter((r) => r.method === 'POST' && r.url.pathname === '/api/v1/interactions');

/** Organizations and people answering to a search, as the server would (it folds case and accents). */
function searchRoutes() {
  return {
    'GET /api/v1/organizations': (r: SeenRequest) => json({ items: /sec/i.test(r.url.searchParams.get('q') ?? '') ? [ministry] : [], next_cursor: null }),
    'GET /api/v1/contacts': (r: SeenRequest) => json({ items: /ali|sec/i.test(r.url.searchParams.get('q') ?? '') ? [ali] : [], next_cursor: null }),
    'GET /api/v1/organizations/1': json(ministry),
    'GET /api/v1/contacts/8': json(ali),
  };
}

beforeEach(async () => {
  await clearOutbox();
});

describe('the quick log', { timeout: 45_000 }, () => {
  it('finds organizations and people in one picker, and sends each participant with their role', async () => {
    const { requests } = stubApi({ ...signedInRoutes(), ...searchRoutes(), 'POST /api/v1/interactions': json({ id: 40 }, { status: 201 }) });
    const user = userEvent.setup();
    renderForm('/');
    const picker = await screen.findByRole('combobox', { name: 'Add a participant' });
    await user.type(picker, 'sec');
    const listbox = await screen.findByRole('listbox');
    expect(await within(listbox).findByRole('option', { name: /Ali Hasan/ })).toBeInTheDocument();
    expect(within(listbox).getByText('Organizations')).toBeInTheDocument();
    expect(within(listbox).getByText('People')).toBeInTheDocument();
    // A person is shown with their organization.
    expect(await within(within(listbox).getByRole('option', { name: /Ali Hasan/ })).findByText('Ministry of Security (MoS)')).toBeInTheDocument();
    expect(requests.some((r) => r.url.pathname === '/api/v1/contacts' && r.url.searchParams.get('q') === 'sec')).toBe(true);

    // Enter picks the first match: the ministry.
    await user.keyboard('{Enter}');
    const who = screen.getByRole('list', { name: 'Who took part' });
    expect(await within(who).findByText('Ministry of Security (MoS)')).toBeInTheDocument();

    await user.type(picker, 'ali');
    await user.click(await screen.findByRole('option', { name: /Ali Hasan/ }));
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Role of Ali Hasan' }), 'Speaker');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Role of Ministry of Security (MoS)' }), 'Host');
    await user.type(screen.getByRole('textbox', { name: /^Subject/ }), 'Border management talks');
    await user.click(screen.getByRole('button', { name: 'Save interaction' }));

    await waitFor(() => expect(posts(requests)).toHaveLength(1));
    expect(posts(requests)[0]!.body).toMatchObject({
      subject: 'Border management talks',
      participants: [
        { organization_id: 1, role: 'host' },
        { contact_id: 8, role: 'speaker' },
      ],
    });
    expect(posts(requests)[0]!.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps the people picked and their roles in the draft, and brings them back when the log opens again', async () => {
    stubApi({ ...signedInRoutes(), ...searchRoutes() });
    const user = userEvent.setup();
    const queryClient = createQueryClient({ retry: false });
    const first = renderForm('/organizations/1', undefined, queryClient);
    const picker = await screen.findByRole('combobox', { name: 'Add a participant' });
    await user.type(picker, 'ali');
    await user.click(await screen.findByRole('option', { name: /Ali Hasan/ }));
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Role of Ali Hasan' }), 'Organiser');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Role of Ministry of Security (MoS)' }), 'Host');
    // The draft is written as one types; the form closes without saving.
    await waitFor(() => expect(Object.keys(window.localStorage).some((k) => k.includes('quicklog:organization:1'))).toBe(true));
    first.unmount();

    renderForm('/organizations/1', undefined, queryClient);
    expect(await screen.findByRole('combobox', { name: 'Role of Ali Hasan' })).toHaveValue('organiser');
    expect(screen.getByRole('combobox', { name: 'Role of Ministry of Security (MoS)' })).toHaveValue('host');
  });

  it('saves a follow-up they owe with the meeting’s organization as counterpart and me as owner', async () => {
    const { requests } = stubApi({ ...signedInRoutes(), ...searchRoutes(), 'POST /api/v1/interactions': json({ id: 41 }, { status: 201 }) });
    const user = userEvent.setup();
    renderForm('/organizations/1');
    expect(await screen.findByText('Ministry of Security (MoS)')).toBeInTheDocument();
    await user.type(screen.getByRole('textbox', { name: /^Subject/ }), 'Framework review');
    await user.click(screen.getByRole('button', { name: 'Add follow-up' }));
    await user.type(screen.getByRole('textbox', { name: 'Follow-up 1' }), 'Share the draft framework');
    await user.click(screen.getByRole('radio', { name: 'They owe it' }));
    // The counterpart box already says who owes it.
    expect(screen.getByRole('combobox', { name: 'Owed by (follow-up 1)' })).toHaveValue('Ministry of Security (MoS)');
    await user.click(screen.getByRole('button', { name: 'Add follow-up' }));
    await user.type(screen.getByRole('textbox', { name: 'Follow-up 2' }), 'Send our comments');
    await user.click(screen.getByRole('button', { name: 'Save interaction' }));

    await waitFor(() => expect(posts(requests)).toHaveLength(1));
    expect(posts(requests)[0]!.body).toMatchObject({
      participants: [{ organization_id: 1, role: 'participant' }],
      commitments: [
        { title: 'Share the draft framework', direction: 'theirs', counterpart_organization_id: 1, owner_id: 1, due_date: null },
        { title: 'Send our comments', direction: 'ours', counterpart_organization_id: 1, owner_id: 1 },
      ],
    });
  });

  it('refuses to save a due date it cannot read, saying so at the field', async () => {
    const { requests } = stubApi({ ...signedInRoutes(), ...searchRoutes(), 'POST /api/v1/interactions': json({ id: 42 }, { status: 201 }) });
    const user = userEvent.setup();
    renderForm('/organizations/1');
    await user.type(await screen.findByRole('textbox', { name: /^Subject/ }), 'Framework review');
    await user.click(screen.getByRole('button', { name: 'Add follow-up' }));
    await user.type(screen.getByRole('textbox', { name: 'Follow-up 1' }), 'Share the draft framework');
    const due = screen.getByRole('textbox', { name: 'Due date 1' });
    await user.type(due, '12/16/162026');
    await user.click(screen.getByRole('button', { name: 'Save interaction' }));

    await waitFor(() => expect(due).toHaveAttribute('aria-invalid', 'true'));
    expect(due).toHaveValue('12/16/162026');
    expect(due).toHaveAccessibleDescription(/Not a date|not a date/);
    expect(posts(requests)).toHaveLength(0);

    await user.clear(due);
    await user.type(due, '12/16/2026');
    await user.click(screen.getByRole('button', { name: 'Save interaction' }));
    await waitFor(() => expect(posts(requests)).toHaveLength(1));
    expect(posts(requests)[0]!.body).toMatchObject({ commitments: [{ due_date: '2026-12-16' }] });
  });

  it('shows a failed save in words with Try again, which resends the same request with the same key', async () => {
    let attempt = 0;
    const { requests } = stubApi({
      ...signedInRoutes(),
      ...searchRoutes(),
      'POST /api/v1/interactions': () => (++attempt === 1 ? problem(500, 'Internal Server Error', { code: 'internal_error' }) : json({ id: 43 }, { status: 201 })),
    });
    const user = userEvent.setup();
    let done = false;
    renderForm('/organizations/1', <LogInteractionForm onDone={() => (done = true)} />);
    await user.type(await screen.findByRole('textbox', { name: /^Subject/ }), 'Framework review');
    await user.keyboard('{Control>}{Enter}{/Control}');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Something went wrong on the server. Please try again.');
    expect(alert).not.toHaveTextContent(/TypeError|Internal Server Error/);
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(done).toBe(true));
    const [first, second] = posts(requests);
    expect(second!.headers.get('Idempotency-Key')).toBe(first!.headers.get('Idempotency-Key'));
  });
});

describe('nothing lost', { timeout: 45_000 }, () => {
  const pageRoutes = () => ({
    ...signedInRoutes(),
    ...searchRoutes(),
    'GET /api/v1/organizations/1/timeline': json({ items: [], next_cursor: null }),
    'GET /api/v1/commitments': json({ items: [], next_cursor: null, total: 0 }),
  });

  it('asks before Escape closes a log with something typed, and restores it as a draft when opened again', async () => {
    stubApi(pageRoutes());
    const user = userEvent.setup();
    renderApp('/organizations/1');
    await screen.findByRole('heading', { level: 1, name: 'Ministry of Security' });
    await user.keyboard('l');
    const dialog = await screen.findByRole('dialog', { name: 'Log an interaction' });
    await user.type(await within(dialog).findByRole('textbox', { name: /^Subject/ }), 'Notes from the corridor');
    await user.keyboard('{Escape}');

    const ask = await screen.findByRole('dialog', { name: 'Close the log?' });
    // Cancel keeps editing: nothing was closed.
    await user.click(within(ask).getByRole('button', { name: 'Cancel' }));
    expect(screen.getByRole('dialog', { name: 'Log an interaction' })).toBeInTheDocument();
    await user.keyboard('{Escape}');
    await user.click(within(await screen.findByRole('dialog', { name: 'Close the log?' })).getByRole('button', { name: 'Close and keep draft' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Log an interaction' })).not.toBeInTheDocument());

    await user.keyboard('l');
    const again = await screen.findByRole('dialog', { name: 'Log an interaction' });
    expect(within(again).getByRole('textbox', { name: /^Subject/ })).toHaveValue('Notes from the corridor');
    expect(within(again).getByRole('status')).toHaveTextContent(/Draft restored/);
    await user.click(within(again).getByRole('button', { name: 'Discard draft' }));
    expect(within(again).getByRole('textbox', { name: /^Subject/ })).toHaveValue('');
    // With nothing typed, Escape closes at once.
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Log an interaction' })).not.toBeInTheDocument());
    expect(screen.queryByRole('dialog', { name: 'Close the log?' })).not.toBeInTheDocument();
  });

  it('keeps a log the network refused in the outbox and sends it once, with the same key, when the connection returns', async () => {
    let online = false;
    const { requests } = stubApi({
      ...pageRoutes(),
      'POST /api/v1/interactions': () => {
        if (!online) throw new TypeError('Failed to fetch');
        return json({ id: 44 }, { status: 201 });
      },
    });
    const user = userEvent.setup();
    renderApp('/organizations/1');
    await screen.findByRole('heading', { level: 1, name: 'Ministry of Security' });
    await user.keyboard('l');
    const dialog = await screen.findByRole('dialog', { name: 'Log an interaction' });
    await user.type(await within(dialog).findByRole('textbox', { name: /^Subject/ }), 'Meeting in the field');
    await user.click(within(dialog).getByRole('button', { name: 'Save interaction' }));

    expect(await screen.findByText('Saved on this device — will send when online.')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Log an interaction' })).not.toBeInTheDocument());
    expect(screen.queryByText(/TypeError|Failed to fetch/)).not.toBeInTheDocument();
    const kept = await loadOutbox();
    expect(kept).toHaveLength(1);
    expect(kept[0]!.body).toMatchObject({ subject: 'Meeting in the field', participants: [{ organization_id: 1 }] });
    expect(posts(requests)).toHaveLength(1);

    online = true;
    window.dispatchEvent(new Event('online'));
    await waitFor(() => expect(posts(requests)).toHaveLength(2));
    await waitFor(async () => expect(await loadOutbox()).toHaveLength(0));
    const [first, second] = posts(requests);
    expect(second!.headers.get('Idempotency-Key')).toBe(first!.headers.get('Idempotency-Key'));
    expect(second!.headers.get('Idempotency-Key')).toBe(kept[0]!.id);

    // Sent once: another "online" finds nothing to send.
    window.dispatchEvent(new Event('online'));
    await new Promise((r) => setTimeout(r, 50));
    expect(posts(requests)).toHaveLength(2);
  });
});
