import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, problem, signedInRoutes, stubApi } from '../../test/api';
import { renderApp } from '../../test/render';

function tag(id: number, slug: string, name: string, kind: string, extra: Record<string, unknown> = {}) {
  return { id, version: 1, created_at: '2026-11-01T09:00:00Z', updated_at: '2026-11-01T09:00:00Z', slug, name, kind, ...extra };
}

const live = [tag(5, 'sdg-5', 'Gender Equality', 'sdg'), tag(30, 'youth', 'Youth', 'theme'), tag(31, 'young-people', 'Young people', 'custom', { version: 2 })];

describe('admin: tags', () => {
  it('keeps the SDGs fixed, renames with the server\'s refusal at the field, and merges one tag into another', async () => {
    let renames = 0;
    const { requests } = stubApi({
      ...signedInRoutes(),
      'GET /api/v1/tags': ({ url }) => json({ items: url.searchParams.get('archived') === 'true' ? [] : live, next_cursor: null }),
      'PATCH /api/v1/tags/30': ({ body }) =>
        ++renames === 1
          ? problem(422, 'Unprocessable Entity', { code: 'validation_failed', errors: [{ location: 'body.name', message: 'must be at most 100 characters' }] })
          : json(tag(30, 'youth', (body as { name: string }).name, 'theme', { version: 2 })),
      'POST /api/v1/tags/31/merge': json({ into: live[1], moved: 4 }),
    });
    const user = userEvent.setup();
    renderApp('/admin/tags');
    const table = await screen.findByRole('table', { name: 'Tags' });
    const sdgRow = await within(table).findByRole('row', { name: /SDG 5/ });
    expect(within(sdgRow).getByText('Shipped')).toBeInTheDocument();
    expect(within(sdgRow).queryByRole('button')).toBeNull();

    await user.click(within(table).getByRole('button', { name: 'Rename Youth' }));
    let dialog = await screen.findByRole('dialog', { name: 'Rename tag' });
    const name = within(dialog).getByRole('textbox', { name: /^Name/ });
    await user.clear(name);
    await user.type(name, 'Youth and adolescents');
    await user.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(name).toHaveAccessibleDescription('Use at most 100 characters'));
    expect(requests.find((r) => r.method === 'PATCH')!.headers.get('If-Match')).toBe('"1"');
    await user.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    await user.click(within(table).getByRole('button', { name: 'Merge Young people into another tag' }));
    dialog = await screen.findByRole('dialog', { name: 'Merge Young people' });
    await user.click(within(dialog).getByRole('button', { name: 'Merge' }));
    expect(await within(dialog).findByText('Choose the tag to keep.')).toBeInTheDocument();
    await user.click(within(dialog).getByLabelText(/^Merge into/, { selector: 'input' }));
    await user.click(await screen.findByRole('option', { name: 'Youth' }));
    await user.click(within(dialog).getByRole('button', { name: 'Merge' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const merge = requests.find((r) => r.url.pathname === '/api/v1/tags/31/merge')!;
    expect(merge.body).toEqual({ into: 30 });
    expect(merge.headers.get('If-Match')).toBe('"2"');
    expect(await screen.findByText('Young people merged; records changed: 4.')).toBeInTheDocument();
  });

  it('creates a tag, refusing a slug that cannot be one before asking the server', async () => {
    const { requests } = stubApi({
      ...signedInRoutes(),
      'GET /api/v1/tags': json({ items: live, next_cursor: null }),
      'POST /api/v1/tags': ({ body }) => json(tag(40, 'gender', (body as { name: string }).name, 'theme'), { status: 201 }),
    });
    const user = userEvent.setup();
    renderApp('/admin/tags');
    await user.click(await screen.findByRole('button', { name: 'New tag' }));
    const dialog = await screen.findByRole('dialog', { name: 'New tag' });
    await user.type(within(dialog).getByRole('textbox', { name: /^Name/ }), 'Gender');
    await user.type(within(dialog).getByRole('textbox', { name: /^Slug/ }), 'Gender Equality');
    await user.click(within(dialog).getByRole('button', { name: 'Create tag' }));
    expect(within(dialog).getByRole('textbox', { name: /^Slug/ })).toHaveAccessibleDescription(/Use lower-case letters, digits and dashes/);
    expect(requests.some((r) => r.method === 'POST')).toBe(false);
    await user.clear(within(dialog).getByRole('textbox', { name: /^Slug/ }));
    await user.type(within(dialog).getByRole('textbox', { name: /^Slug/ }), 'gender');
    await user.click(within(dialog).getByRole('button', { name: 'Create tag' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(requests.find((r) => r.method === 'POST')!.body).toEqual({ name: 'Gender', slug: 'gender', kind: 'theme' });
  });
});
