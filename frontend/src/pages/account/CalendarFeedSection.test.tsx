import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { adminUser, json, signedInRoutes, stubApi } from '../../test/api';
import { renderApp } from '../../test/render';

const officer = { ...adminUser, role: 'officer' };
const ADDRESS = 'https://liaison.example.org/calendar/lcal_abc.ics';

describe('the calendar feed on the security page', () => {
  it('makes an address, shows it once, and revokes it after asking', async () => {
    let feed: { active: boolean; created_at?: string } = { active: false };
    const { requests } = stubApi({
      ...signedInRoutes(officer),
      'GET /api/v1/me/sessions': json({ items: [] }),
      'GET /api/v1/auth/tokens': json({ items: [] }),
      'GET /api/v1/me/calendar-feed': () => json(feed),
      'POST /api/v1/me/calendar-feed': () => {
        feed = { active: true, created_at: '2026-12-02T15:00:00Z' };
        return json({ url: ADDRESS }, { status: 201 });
      },
      'DELETE /api/v1/me/calendar-feed': () => {
        feed = { active: false };
        return new Response(null, { status: 204 });
      },
    });
    const user = userEvent.setup();
    renderApp('/account/security');

    expect(await screen.findByText('You have no calendar feed.')).toBeInTheDocument();
    expect(screen.getByText(/Subscribe from web/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Make a calendar address' }));
    expect(await screen.findByTestId('calendar-feed-url')).toHaveTextContent(ADDRESS);
    expect(screen.getByRole('button', { name: 'Copy the address' })).toBeInTheDocument();

    // Put away, the address is not shown again: only that a feed is live.
    await user.click(screen.getByRole('button', { name: 'Done' }));
    expect(await screen.findByText(/Your calendar feed is active/)).toBeInTheDocument();
    expect(screen.queryByText(ADDRESS)).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Revoke' }));
    const dialog = await screen.findByRole('dialog', { name: 'Revoke the calendar feed?' });
    await user.click(within(dialog).getByRole('button', { name: 'Revoke' }));
    expect(await screen.findByText('You have no calendar feed.')).toBeInTheDocument();
    expect(requests.filter((r) => r.url.pathname === '/api/v1/me/calendar-feed').map((r) => r.method)).toEqual(
      expect.arrayContaining(['POST', 'DELETE']),
    );
  });
});
