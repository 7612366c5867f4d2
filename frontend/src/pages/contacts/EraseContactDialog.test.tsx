import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { adminUser, contact, json, problem, signedInRoutes, stubApi, type SeenRequest } from '../../test/api';
import { renderApp } from '../../test/render';
import { fill } from '../../test/typing';

const amra = contact(8, 'Amra', 'Hodžić', { email: 'amra@example.org', consent_basis: 'consent', consent_date: '2025-03-01', consent_source: 'signed form', consent_withdrawn_at: null });
const tombstone = contact(8, 'Erased contact 8', '', {
  version: 3,
  given_name: '',
  full_name: 'Erased contact 8',
  erased_at: '2026-12-01T10:00:00Z',
  consent_source: '',
  consent_date: null,
  consent_withdrawn_at: null,
});

const pageRoutes = {
  'GET /api/v1/contacts/8/timeline': json({ items: [], next_cursor: null }),
  'GET /api/v1/audit': json({ items: [], next_cursor: null }),
};

async function openEraseDialog(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByRole('button', { name: 'Personal data' }));
  await user.click(await screen.findByRole('menuitem', { name: 'Erase personal data…' }));
  return screen.findByRole('dialog', { name: 'Erase the personal data of Amra Hodžić?' });
}

describe('erasing a person', () => {
  it('asks for a reason, sends the version read as If-Match, and shows the tombstone', async () => {
    const erasures: SeenRequest[] = [];
    stubApi({
      ...signedInRoutes(),
      ...pageRoutes,
      'GET /api/v1/contacts/8': json(amra),
      'POST /api/v1/contacts/8/erase': (request) => {
        erasures.push(request);
        return json(tombstone);
      },
    });
    const user = userEvent.setup();
    renderApp('/contacts/8');
    const dialog = await openEraseDialog(user);
    expect(dialog).toHaveTextContent('Erased contact 8');

    await user.click(within(dialog).getByRole('button', { name: 'Erase personal data' }));
    expect(await within(dialog).findByText('Give a reason.')).toBeInTheDocument();
    expect(erasures).toHaveLength(0);

    await fill(user, within(dialog).getByRole('textbox', { name: /Reason/ }), 'asked by email on 1 December');
    await user.click(within(dialog).getByRole('button', { name: 'Erase personal data' }));

    await waitFor(() => expect(erasures).toHaveLength(1));
    expect(erasures[0]!.headers.get('If-Match')).toBe('"1"');
    expect(erasures[0]!.body).toEqual({ reason: 'asked by email on 1 December' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Erased contact 8' })).toBeInTheDocument();
    expect(screen.getByText('Erased')).toBeInTheDocument();
    expect(screen.getByText('Personal data erased')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Personal data' })).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Edit' })).not.toBeInTheDocument();
  });

  it('on a stale version, says so, reloads the contact and erases against the new version', async () => {
    let version = 1;
    const erasures: SeenRequest[] = [];
    stubApi({
      ...signedInRoutes(),
      ...pageRoutes,
      'GET /api/v1/contacts/8': () => json({ ...amra, version }),
      'POST /api/v1/contacts/8/erase': (request) => {
        erasures.push(request);
        if (erasures.length === 1) {
          version = 2;
          return problem(412, 'Precondition Failed', { code: 'stale', detail: 'the record changed' });
        }
        return json(tombstone);
      },
    });
    const user = userEvent.setup();
    renderApp('/contacts/8');
    const dialog = await openEraseDialog(user);
    await fill(user, within(dialog).getByRole('textbox', { name: /Reason/ }), 'retention review');
    await user.click(within(dialog).getByRole('button', { name: 'Erase personal data' }));

    expect(await within(dialog).findByText(/Someone changed this contact since you opened it/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Reload their version' }));
    await waitFor(() => expect(within(dialog).queryByText(/Someone changed this contact/)).not.toBeInTheDocument());

    // The reason typed stays; the second try carries the version read again.
    expect(within(dialog).getByRole('textbox', { name: /Reason/ })).toHaveValue('retention review');
    await user.click(within(dialog).getByRole('button', { name: 'Erase personal data' }));
    await waitFor(() => expect(erasures).toHaveLength(2));
    expect(erasures[1]!.headers.get('If-Match')).toBe('"2"');
    expect(await screen.findByRole('heading', { level: 1, name: 'Erased contact 8' })).toBeInTheDocument();
  });

  it('is not offered to an officer, who still sees that consent was withdrawn', async () => {
    stubApi({
      ...signedInRoutes({ ...adminUser, role: 'officer' }),
      ...pageRoutes,
      'GET /api/v1/contacts/8': json({ ...amra, consent_withdrawn_at: '2026-11-30T09:00:00Z' }),
    });
    renderApp('/contacts/8');
    expect(await screen.findByText(/^Consent withdrawn on .*2026: cannot be added to new meetings or visits.$/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Edit' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Personal data' })).not.toBeInTheDocument();
  });
});
