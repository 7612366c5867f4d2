import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { timelineKeys } from '../hooks/timeline';
import { json, organization, signedInRoutes, stubApi } from '../test/api';
import { renderApp } from '../test/render';
import { prefillFrom } from './LogInteractionForm';

describe('log interaction', () => {
  it('takes its participant or visit from the page it is opened on', () => {
    expect(prefillFrom('/organizations/3')).toEqual({ participants: [{ organization_id: 3, role: 'participant' }], visitId: null });
    expect(prefillFrom('/contacts/8/edit')).toEqual({ participants: [{ contact_id: 8, role: 'participant' }], visitId: null });
    expect(prefillFrom('/visits/5')).toEqual({ participants: [], visitId: 5 });
    expect(prefillFrom('/commitments')).toEqual({ participants: [], visitId: null });
  });

  it('opens with L on an organization page and saves the interaction and its follow-ups in one request', async () => {
    const { requests } = stubApi({
      ...signedInRoutes(),
      'GET /api/v1/organizations/1': json(organization(1, 'Ministry of Security')),
      'GET /api/v1/organizations/1/timeline': json({ items: [], next_cursor: null }),
      'GET /api/v1/organizations': json({ items: [], next_cursor: null }),
      'GET /api/v1/contacts': json({ items: [], next_cursor: null }),
      'GET /api/v1/commitments': json({ items: [], next_cursor: null, total: 0 }),
      'POST /api/v1/interactions': json({ id: 40 }, { status: 201 }),
    });
    const user = userEvent.setup();
    // A contact who took part has their timeline in the cache too.
    const { queryClient } = renderApp('/organizations/1', {
      seed: (qc) => qc.setQueryData(timelineKeys.of('contact', 8), { pages: [{ items: [], next_cursor: null }], pageParams: [null] }),
    });
    await screen.findByRole('heading', { level: 1, name: 'Ministry of Security' });
    const timelineReads = () => requests.filter((r) => r.method === 'GET' && r.url.pathname === '/api/v1/organizations/1/timeline').length;
    await waitFor(() => expect(timelineReads()).toBe(1));
    await user.keyboard('l');
    const dialog = await screen.findByRole('dialog', { name: 'Log an interaction' });
    expect(await within(dialog).findByText('Ministry of Security')).toBeInTheDocument();

    await user.click(within(dialog).getByRole('button', { name: 'Save interaction' }));
    expect(await within(dialog).findByText('Say in a few words what it was about.')).toBeInTheDocument();

    await user.type(within(dialog).getByRole('textbox', { name: /^Subject/ }), 'Debrief on the action plan');
    await user.click(within(dialog).getByRole('button', { name: 'Add follow-up' }));
    await user.type(within(dialog).getByRole('textbox', { name: 'Follow-up 1' }), 'Send the draft plan');
    await user.click(within(dialog).getByRole('button', { name: 'Save interaction' }));

    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Log an interaction' })).not.toBeInTheDocument());
    const posts = requests.filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0].body).toMatchObject({
      kind: 'meeting',
      subject: 'Debrief on the action plan',
      participants: [{ organization_id: 1, role: 'participant' }],
      commitments: [{ title: 'Send the draft plan', due_date: null }],
    });
    // The timelines show the new interaction at once, not after the cache's 30 s.
    await waitFor(() => expect(timelineReads()).toBe(2));
    expect(queryClient.getQueryState(timelineKeys.of('contact', 8))?.isInvalidated).toBe(true);
  });
});
