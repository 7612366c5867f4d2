import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { adminUser, json, signedInRoutes, stubApi, users } from '../../test/api';
import { renderWithProviders } from '../../test/render';
import { NotesPanel } from './NotesPanel';

const officer = users.items[1]!;

function note(id: number, authorId: number, body: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    version: 1,
    created_at: '2026-11-26T10:00:00Z',
    updated_at: '2026-11-26T10:00:00Z',
    entity: 'organization',
    entity_id: 3,
    author_id: authorId,
    body,
    mentions: [],
    ...extra,
  };
}

describe('the notes panel', () => {
  it('adds a note with a colleague picked from the suggestions', async () => {
    const api = stubApi({
      ...signedInRoutes({ ...officer }),
      'GET /api/v1/organizations/3/notes': json({ items: [note(9, adminUser.id, 'Earlier **remark**')], next_cursor: null }),
      'POST /api/v1/organizations/3/notes': (r) => json(note(10, officer.id, (r.body as { body: string }).body), { status: 201 }),
    });
    const user = userEvent.setup();
    renderWithProviders(<NotesPanel collection="organizations" recordId={3} canWrite />);
    expect(await screen.findByText('remark')).toBeInTheDocument();
    // Someone else's note: neither edit nor delete.
    expect(screen.queryByRole('button', { name: 'Edit the note' })).toBeNull();

    const box = screen.getByRole('textbox', { name: 'New note' });
    await user.type(box, 'Ask @ami');
    const options = await screen.findByRole('listbox', { name: 'Colleagues to mention' });
    const amina = within(options).getByRole('option', { name: /Amina Hadžić/ });
    expect(amina).toHaveAttribute('aria-selected', 'true');
    // The box points at the option the arrows move to, and names the list it controls.
    expect(box).toHaveAttribute('aria-activedescendant', amina.id);
    expect(box).toHaveAttribute('aria-controls', options.id);
    await user.keyboard('{Enter}');
    expect(box).toHaveValue(`Ask @[Amina Hadžić](user:${adminUser.id}) `);
    await user.type(box, 'to call');
    await user.click(screen.getByRole('button', { name: 'Add note' }));
    await waitFor(() => expect(api.requests.some((r) => r.method === 'POST')).toBe(true));
    const post = api.requests.find((r) => r.method === 'POST')!;
    expect(post.body).toEqual({ body: `Ask @[Amina Hadžić](user:${adminUser.id}) to call` });
    await waitFor(() => expect(box).toHaveValue(''));
  });

  it('lets the author edit and delete, and shows the server’s field error at the field', async () => {
    const api = stubApi({
      ...signedInRoutes({ ...officer }),
      'GET /api/v1/contacts/5/notes': json({ items: [note(11, officer.id, 'Mine')], next_cursor: null }),
      'PATCH /api/v1/notes/11': json(
        { title: 'Unprocessable Entity', status: 422, code: 'validation_failed', errors: [{ location: 'body.body', message: 'mentions user 99, who is not an active user' }] },
        { status: 422, headers: { 'Content-Type': 'application/problem+json' } },
      ),
      'DELETE /api/v1/notes/11': () => new Response(null, { status: 204 }),
    });
    const user = userEvent.setup();
    renderWithProviders(<NotesPanel collection="contacts" recordId={5} canWrite />);
    await user.click(await screen.findByRole('button', { name: 'Edit the note' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('mentions user 99, who is not an active user')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await user.click(screen.getByRole('button', { name: 'Delete' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete this note?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(api.requests.some((r) => r.method === 'DELETE' && r.headers.get('If-Match') === '"1"')).toBe(true));
  });

  it('offers no form to those who may not write', async () => {
    stubApi({
      ...signedInRoutes({ ...officer, role: 'viewer' }),
      'GET /api/v1/visits/4/notes': json({ items: [], next_cursor: null }),
    });
    renderWithProviders(<NotesPanel collection="visits" recordId={4} canWrite={false} />);
    expect(await screen.findByText('No notes yet.')).toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: 'New note' })).toBeNull();
  });
});
