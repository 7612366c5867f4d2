import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { adminUser, json, organization, signedInRoutes, stubApi } from '../test/api';
import { renderApp } from '../test/render';

const quietHome = {
  'GET /api/v1/organizations': json({ items: [], next_cursor: null }),
  'GET /api/v1/contacts': json({ items: [], next_cursor: null, total: 0 }),
  'GET /api/v1/commitments': json({ items: [], next_cursor: null, total: 0 }),
};

describe('command palette', () => {
  it('opens with Ctrl+K, searches every kind of record grouped by kind, and opens the chosen hit', async () => {
    const { requests } = stubApi({
      ...signedInRoutes(),
      ...quietHome,
      'GET /api/v1/search': json({
        items: [
          { kind: 'interaction', id: 9, title: 'Reception hosted by the Ministry of Security', snippet: '' },
          { kind: 'organization', id: 1, title: 'Ministry of Security', snippet: 'hosted the reception' },
          { kind: 'contact', id: 4, title: 'Amra Hodžić', snippet: 'Security adviser' },
        ],
      }),
      'GET /api/v1/organizations/1': json(organization(1, 'Ministry of Security')),
      'GET /api/v1/organizations/1/timeline': json({ items: [], next_cursor: null }),
    });
    const user = userEvent.setup();
    const { router } = renderApp('/');
    const opener = await screen.findByRole('button', { name: /Search organizations/ });
    opener.focus();
    await user.keyboard('{Control>}k{/Control}');
    const dialog = await screen.findByRole('dialog', { name: 'Search and go to' });
    const box = within(dialog).getByRole('combobox', { name: 'Search everything' });
    await waitFor(() => expect(box).toHaveFocus());
    await user.type(box, 'secur');

    const results = within(dialog).getByRole('listbox', { name: 'Search results' });
    await within(results).findByRole('option', { name: /Amra Hodžić/ });
    const groups = within(results).getAllByRole('group');
    // Organizations come first whatever order the server ranked the kinds in.
    expect(groups.map((g) => g.getAttribute('aria-labelledby') && document.getElementById(g.getAttribute('aria-labelledby')!)?.textContent)).toEqual([
      'Organizations',
      'Contacts',
      'Interactions',
    ]);
    // The first hit is chosen once the last answer has been laid out (an
    // answer to an earlier prefix may still be on screen for a moment).
    await waitFor(() => {
      const first = within(results).getAllByRole('option')[0]!;
      expect(first).toHaveTextContent('Ministry of Security');
      expect(first).toHaveAttribute('aria-selected', 'true');
      expect(box).toHaveAttribute('aria-activedescendant', first.id);
    });
    expect(requests.find((r) => r.url.pathname === '/api/v1/search')!.url.searchParams.get('q')).toBe('secur');

    await user.keyboard('{ArrowDown}');
    expect(within(results).getByRole('option', { name: /Amra Hodžić/ })).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{ArrowUp}{Enter}');
    await waitFor(() => expect(router.state.location.pathname).toBe('/organizations/1'));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('opens with "/" outside text fields, offers only the pages one may see, and Escape gives focus back', async () => {
    stubApi({ ...signedInRoutes({ ...adminUser, role: 'officer' }), ...quietHome });
    const user = userEvent.setup();
    renderApp('/');
    const opener = await screen.findByRole('button', { name: /Search organizations/ });
    opener.focus();
    await user.keyboard('/');
    const dialog = await screen.findByRole('dialog', { name: 'Search and go to' });
    const box = within(dialog).getByRole('combobox');
    await waitFor(() => expect(box).toHaveFocus());
    expect(within(dialog).getByRole('option', { name: 'Go to Commitments' })).toBeInTheDocument();
    // An officer neither reviews nor administers.
    expect(within(dialog).queryByRole('option', { name: 'Go to Review' })).not.toBeInTheDocument();
    expect(within(dialog).queryByRole('option', { name: 'Go to Admin' })).not.toBeInTheDocument();

    await user.type(box, 'comm');
    expect(within(dialog).getAllByRole('option').map((o) => o.textContent)).toEqual(['Go to Commitments']);

    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await waitFor(() => expect(opener).toHaveFocus());
  });

  it('goes to a page chosen among the actions', async () => {
    stubApi({ ...signedInRoutes(), ...quietHome, 'GET /api/v1/search': json({ items: [] }) });
    const user = userEvent.setup();
    const { router } = renderApp('/');
    await screen.findByRole('button', { name: /Search organizations/ });
    await user.keyboard('{Control>}k{/Control}');
    const dialog = await screen.findByRole('dialog', { name: 'Search and go to' });
    await user.type(within(dialog).getByRole('combobox'), 'revi');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(router.state.location.pathname).toBe('/review'));
  });

  it('does not open on "/" typed into a text field', async () => {
    stubApi({ ...signedInRoutes(), ...quietHome });
    const user = userEvent.setup();
    renderApp('/');
    await screen.findByRole('button', { name: /Search organizations/ });
    const field = document.createElement('input');
    document.body.appendChild(field);
    field.focus();
    await user.keyboard('/');
    expect(field).toHaveValue('/');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    field.remove();
  });

  it('keeps what is typed straight after the shortcut, before the palette has appeared', async () => {
    stubApi({ ...signedInRoutes(), ...quietHome, 'GET /api/v1/search': json({ items: [] }) });
    renderApp('/');
    await screen.findByRole('button', { name: /Search organizations/ });
    // Ctrl+K from inside another field, then keys in the same task: nothing has rendered yet.
    const field = document.createElement('input');
    document.body.appendChild(field);
    field.focus();
    fireEvent.keyDown(field, { key: 'k', code: 'KeyK', ctrlKey: true });
    for (const key of ['r', 'e', 'x', 'Backspace', 'v']) fireEvent.keyDown(document.activeElement ?? document.body, { key });
    const dialog = await screen.findByRole('dialog', { name: 'Search and go to' });
    const box = within(dialog).getByRole('combobox');
    await waitFor(() => expect(box).toHaveFocus());
    expect(box).toHaveValue('rev');
    // The keys went to the palette, not into the field that had focus.
    expect(field).toHaveValue('');
    field.remove();
  });
});
