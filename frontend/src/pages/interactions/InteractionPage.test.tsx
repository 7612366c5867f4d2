import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { adminUser, contact, json, organization, problem, signedInRoutes, stubApi, type SeenRequest } from '../../test/api';
import { renderApp } from '../../test/render';

const ministry = organization(1, 'Ministry of Security');
const amela = contact(9, 'Amela', 'Kurtović', { positions: [{ organization_id: 1, title: 'Adviser', start_date: null, end_date: null, primary: true }] });

const meeting = {
  id: 40,
  version: 3,
  created_at: '2026-11-30T10:00:00Z',
  updated_at: '2026-11-30T10:00:00Z',
  office_id: 1,
  owner_id: 2,
  kind: 'meeting',
  status: 'held',
  subject: 'Framework review',
  summary: 'The ministry walked us through the draft.',
  // 08:30 UTC is 09:30 in Sarajevo (winter): the meeting's own clock.
  starts_at: '2026-11-30T08:30:00Z',
  ends_at: null,
  location: 'Trg BiH 1',
  city: 'Sarajevo',
  country_code: 'BA',
  visit_id: null,
  project_id: null,
  restricted: false,
  tags: [],
  participants: [
    { organization_id: 1, contact_id: null, name: 'Ministry of Security', role: 'host', restricted: false },
    { organization_id: null, contact_id: 9, name: 'Amela Kurtović', role: 'participant', restricted: false },
    { organization_id: null, contact_id: null, name: null, role: 'observer', restricted: true },
  ],
};

const followUp = {
  id: 21, version: 1, created_at: '', updated_at: '', office_id: 1, owner_id: 2, title: 'Send our comments', details: '', direction: 'ours', priority: 'normal',
  status: 'open', due_date: '2026-12-15', overdue: false, closure_note: '', completed_at: null, counterpart_contact_id: null, counterpart_organization_id: 1,
  interaction_id: 40, visit_id: null, project_id: null, restricted: false, tags: [],
};

function routes(patch?: (r: SeenRequest) => Response) {
  return {
    'GET /api/v1/interactions/40': json(meeting, { headers: { ETag: '"3"' } }),
    'GET /api/v1/commitments': json({ items: [followUp], next_cursor: null }),
    'GET /api/v1/organizations': json({ items: [ministry], next_cursor: null }),
    'GET /api/v1/organizations/1': json(ministry),
    'GET /api/v1/contacts/9': json(amela),
    'GET /api/v1/projects': json({ items: [], next_cursor: null }),
    'GET /api/v1/audit': json({ items: [], next_cursor: null }),
    ...(patch ? { 'PATCH /api/v1/interactions/40': patch } : {}),
  };
}

const officer = { ...adminUser, id: 2, role: 'officer', office_id: 1 };
const patches = (requests: SeenRequest[]) => requests.filter((r) => r.method === 'PATCH');

describe('the interaction page', { timeout: 45_000 }, () => {
  it('shows the meeting whole: when on its own clock, who took part as what, the follow-ups, notes, documents and history', async () => {
    stubApi({ ...signedInRoutes(officer), ...routes() });
    renderApp('/interactions/40');
    expect(await screen.findByRole('heading', { level: 1, name: 'Framework review' }, { timeout: 15_000 })).toBeInTheDocument();
    expect(screen.getAllByText(/9:30/).length).toBeGreaterThan(0);
    expect(screen.getAllByText('Europe/Sarajevo').length).toBeGreaterThan(0);
    const who = screen.getByRole('region', { name: 'Who took part' });
    expect(within(within(who).getByRole('list', { name: 'Organizations' })).getByRole('link', { name: 'Ministry of Security' })).toHaveAttribute('href', '/organizations/1');
    const people = within(who).getByRole('list', { name: 'People' });
    expect(within(people).getByRole('link', { name: 'Amela Kurtović' })).toHaveAttribute('href', '/contacts/9');
    expect(within(people).getByText('A protected person of another office')).toBeInTheDocument();
    expect(within(who).getByText('Host')).toBeInTheDocument();
    const followUps = screen.getByRole('region', { name: 'Follow-ups made here' });
    expect(await within(followUps).findByRole('link', { name: 'Send our comments' })).toHaveAttribute('href', '/commitments/21');
    expect(screen.getByRole('region', { name: 'Notes' })).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Documents' })).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'History' })).toBeInTheDocument();
  });

  it('changes a participant’s role in place, sending only the participants with the version it was opened at', async () => {
    const { requests } = stubApi({
      ...signedInRoutes(officer),
      ...routes((r) => {
        const body = r.body as { participants: { organization_id?: number; contact_id?: number; role: string }[] };
        return json({ ...meeting, version: 4, participants: meeting.participants.map((p) => ({ ...p, role: p.contact_id === 9 ? body.participants[1]!.role : p.role })) });
      }),
    });
    const user = userEvent.setup();
    renderApp('/interactions/40');
    await screen.findByRole('heading', { level: 1, name: 'Framework review' }, { timeout: 15_000 });
    await user.click(screen.getByRole('button', { name: 'Edit participants' }));
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Role of Amela Kurtović' }), 'Speaker');
    await user.click(screen.getByRole('button', { name: 'Save participants' }));
    await waitFor(() => expect(patches(requests)).toHaveLength(1));
    const sent = patches(requests)[0]!;
    expect(sent.headers.get('If-Match')).toBe('"3"');
    // The protected person of another office is not sent: the server keeps them.
    expect(sent.body).toEqual({
      participants: [
        { organization_id: 1, role: 'host' },
        { contact_id: 9, role: 'speaker' },
      ],
    });
    const who = screen.getByRole('region', { name: 'Who took part' });
    expect(await within(who).findByText('Speaker')).toBeInTheDocument();
    expect(within(who).queryByRole('button', { name: 'Save participants' })).toBeNull();
  });

  it('adds nobody twice: who already takes part is not offered again', async () => {
    stubApi({
      ...signedInRoutes(officer),
      ...routes(),
      'GET /api/v1/contacts': json({ items: [amela], next_cursor: null }),
      'GET /api/v1/organizations': json({ items: [ministry, organization(6, 'Ministry of Justice')], next_cursor: null }),
    });
    const user = userEvent.setup();
    renderApp('/interactions/40');
    await screen.findByRole('heading', { level: 1, name: 'Framework review' }, { timeout: 15_000 });
    await user.click(screen.getByRole('button', { name: 'Edit participants' }));
    await user.type(screen.getByRole('combobox', { name: 'Add an organization or a person' }), 'Minis');
    const listbox = await screen.findByRole('listbox');
    expect(await within(listbox).findByRole('option', { name: /Ministry of Justice/ })).toBeInTheDocument();
    expect(within(listbox).queryByRole('option', { name: /Ministry of Security/ })).toBeNull();
    expect(within(listbox).queryByRole('option', { name: /Amela Kurtović/ })).toBeNull();
  });

  it('shows their version beside this one when someone saved first (412)', async () => {
    stubApi({
      ...signedInRoutes(officer),
      ...routes(() => problem(412, 'Precondition Failed', { code: 'stale' })),
    });
    const user = userEvent.setup();
    renderApp('/interactions/40');
    await screen.findByRole('heading', { level: 1, name: 'Framework review' }, { timeout: 15_000 });
    await user.click(screen.getByRole('button', { name: 'Edit details' }));
    const subject = await screen.findByRole('textbox', { name: /^Subject/ });
    await user.type(subject, ' II');
    await user.click(screen.getByRole('button', { name: 'Save details' }));
    const conflict = await screen.findByRole('dialog', { name: 'Changed by someone else' });
    expect(within(conflict).getByText('Framework review II')).toBeInTheDocument();
  });

  it('offers a viewer nothing to change', async () => {
    stubApi({ ...signedInRoutes({ ...adminUser, id: 7, role: 'viewer', office_id: 1 }), ...routes() });
    renderApp('/interactions/40');
    await screen.findByRole('heading', { level: 1, name: 'Framework review' }, { timeout: 15_000 });
    expect(screen.queryByRole('button', { name: /Edit/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Add follow-ups' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'More' })).toBeNull();
  });

  it('says a meeting it cannot find is not there', async () => {
    stubApi({ ...signedInRoutes(officer), 'GET /api/v1/interactions/41': problem(404, 'Not Found', { code: 'not_found' }) });
    renderApp('/interactions/41');
    expect(await screen.findByRole('heading', { level: 1, name: /not found|cannot be found|doesn/i }, { timeout: 15_000 })).toBeInTheDocument();
  });
});
