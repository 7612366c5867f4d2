import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { adminUser, json, problem, signedInRoutes, stubApi } from '../../test/api';
import { renderApp } from '../../test/render';

const emptyContacts = {
  'GET /api/v1/contacts': json({ items: [], next_cursor: null, total: 0 }),
};

describe('export button', () => {
  let clicked: HTMLAnchorElement[];
  beforeEach(() => {
    clicked = [];
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: vi.fn(() => 'blob:liaison/1'), revokeObjectURL: vi.fn() }));
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
  });
  afterEach(() => vi.restoreAllMocks());

  it("downloads the list with the page's search and sort, under the server's file name", async () => {
    const { requests } = stubApi({
      ...signedInRoutes({ ...adminUser, role: 'manager' }),
      ...emptyContacts,
      'GET /api/v1/contacts/export': new Response('\uFEFFid,full_name\n1,Amra Hodžić\n', {
        headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="contacts-2026-12-02.csv"; filename*=UTF-8''contacts-2026-12-02.csv` },
      }),
    });
    const user = userEvent.setup();
    renderApp('/contacts?q=amra&sort=-updated_at');
    await user.click(await screen.findByRole('button', { name: 'Export' }));
    await user.click(await screen.findByRole('menuitem', { name: /CSV/ }));
    await waitFor(() => expect(clicked).toHaveLength(1));
    expect(clicked[0]!.download).toBe('contacts-2026-12-02.csv');
    const sent = requests.find((r) => r.url.pathname === '/api/v1/contacts/export')!.url.searchParams;
    expect(Object.fromEntries(sent)).toEqual({ q: 'amra', sort: '-updated_at', format: 'csv' });
    expect(await screen.findByText('contacts-2026-12-02.csv is downloaded.')).toBeInTheDocument();
  });

  it('says why the server refused, and saves nothing', async () => {
    stubApi({
      ...signedInRoutes({ ...adminUser, role: 'manager' }),
      ...emptyContacts,
      'GET /api/v1/contacts/export': problem(403, 'Forbidden', { code: 'forbidden', detail: 'not allowed' }),
    });
    const user = userEvent.setup();
    renderApp('/contacts');
    await user.click(await screen.findByRole('button', { name: 'Export' }));
    await user.click(await screen.findByRole('menuitem', { name: /Excel/ }));
    await waitFor(() => expect(document.querySelector('.mantine-Notification-root')).not.toBeNull());
    expect(clicked).toHaveLength(0);
  });

  it('is not offered to officers and viewers', async () => {
    for (const role of ['officer', 'viewer']) {
      stubApi({ ...signedInRoutes({ ...adminUser, role }), ...emptyContacts });
      const { unmount } = renderApp('/contacts');
      await screen.findByRole('heading', { name: 'Contacts' });
      expect(screen.queryByRole('button', { name: 'Export' })).not.toBeInTheDocument();
      unmount();
    }
  });
});
