import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, signedInRoutes, stubApi, type SeenRequest } from '../../test/api';
import { renderApp } from '../../test/render';
import { fill } from '../../test/typing';

const due = {
  years: 5,
  items: [
    { id: 11, version: 4, full_name: 'Edin Mehić', office_id: 1, restricted: false, archived: false, last_activity: '2020-05-01T10:00:00Z' },
    { id: 12, version: 2, full_name: 'Lejla Kovač', office_id: 1, restricted: true, archived: false, last_activity: '2019-02-11T10:00:00Z' },
  ],
  next_cursor: null,
};

describe('the retention review', () => {
  it('keeps the selected people with the reason given', async () => {
    const kept: SeenRequest[] = [];
    let answered = due;
    stubApi({
      ...signedInRoutes(),
      'GET /api/v1/retention/contacts': () => json(answered),
      'POST /api/v1/retention/keep': (request) => {
        kept.push(request);
        answered = { ...due, items: due.items.filter((i) => i.id !== 12) };
        return new Response(null, { status: 204 });
      },
    });
    const user = userEvent.setup();
    renderApp('/retention');

    expect(await screen.findByText(/no meeting, visit, commitment or edit for 5 years/)).toBeInTheDocument();
    await user.click(await screen.findByRole('checkbox', { name: 'Select Lejla Kovač' }));
    expect(screen.getByText('Selected: 1')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Keep selected…' }));

    const dialog = await screen.findByRole('dialog', { name: 'Keep the selected people (1)?' });
    await user.click(within(dialog).getByRole('button', { name: 'Keep' }));
    expect(await within(dialog).findByText('Give a reason.')).toBeInTheDocument();
    await fill(user, within(dialog).getByRole('textbox', { name: /Reason/ }), 'still on the advisory board');
    await user.click(within(dialog).getByRole('button', { name: 'Keep' }));

    await waitFor(() => expect(kept).toHaveLength(1));
    expect(kept[0]!.body).toEqual({ ids: [12], reason: 'still on the advisory board' });
    await waitFor(() => expect(screen.queryByRole('checkbox', { name: 'Select Lejla Kovač' })).not.toBeInTheDocument());
    expect(screen.getByRole('checkbox', { name: 'Select Edin Mehić' })).toBeInTheDocument();
  });

  it('erases the selected people with the versions read, all in one request', async () => {
    const erased: SeenRequest[] = [];
    stubApi({
      ...signedInRoutes(),
      'GET /api/v1/retention/contacts': json(due),
      'POST /api/v1/contacts/erase': (request) => {
        erased.push(request);
        return new Response(null, { status: 204 });
      },
    });
    const user = userEvent.setup();
    renderApp('/retention');
    await user.click(await screen.findByRole('checkbox', { name: 'Select all shown' }));
    await user.click(screen.getByRole('button', { name: 'Erase selected…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Erase the selected people (2)?' });
    await fill(user, within(dialog).getByRole('textbox', { name: /Reason/ }), 'retention review of 2026');
    await user.click(within(dialog).getByRole('button', { name: 'Erase personal data' }));
    await waitFor(() => expect(erased).toHaveLength(1));
    expect(erased[0]!.body).toEqual({
      contacts: [
        { id: 11, version: 4 },
        { id: 12, version: 2 },
      ],
      reason: 'retention review of 2026',
    });
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('says when nobody is due', async () => {
    stubApi({ ...signedInRoutes(), 'GET /api/v1/retention/contacts': json({ years: 5, items: [], next_cursor: null }) });
    renderApp('/retention');
    expect(await screen.findByText('Nothing to review')).toBeInTheDocument();
    expect(screen.getByText('Everyone has had some activity in the last 5 years.')).toBeInTheDocument();
  });
});
