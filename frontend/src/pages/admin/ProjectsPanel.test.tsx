import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, organization, problem, signedInRoutes, stubApi } from '../../test/api';
import { renderApp } from '../../test/render';

function project(id: number, code: string, name: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    version: 1,
    created_at: '2026-11-01T09:00:00Z',
    updated_at: '2026-11-01T09:00:00Z',
    office_id: 1,
    code,
    name,
    description: '',
    donor_organization_id: null,
    start_date: null,
    end_date: null,
    ...extra,
  };
}

const canada = organization(41, 'Government of Canada', { type: 'donor' });

describe('admin: projects', () => {
  it('lists projects with their donors, creates one with the server\'s refusal at the field, and restores an archived one', async () => {
    let posts = 0;
    const { requests } = stubApi({
      ...signedInRoutes(),
      'GET /api/v1/projects': ({ url }) =>
        json({
          items:
            url.searchParams.get('archived') === 'true'
              ? [project(3, 'OLD', 'Closed programme', { archived_at: '2026-10-01T00:00:00Z' })]
              : [project(1, 'SIMVEX', 'Study visit exchange', { donor_organization_id: 41, start_date: '2025-01-01', end_date: '2026-12-31' })],
          next_cursor: null,
        }),
      'GET /api/v1/organizations': ({ url }) => json({ items: url.searchParams.get('id') === '41' || url.searchParams.get('q') ? [canada] : [], next_cursor: null }),
      'GET /api/v1/organizations/41': json(canada),
      'POST /api/v1/projects': ({ body }) =>
        ++posts === 1
          ? problem(409, 'Conflict', { code: 'conflict', errors: [{ location: 'body.code', message: 'a project with this code exists' }] })
          : json(project(2, 'BHRI', (body as { name: string }).name), { status: 201 }),
      'POST /api/v1/projects/3/restore': json(project(3, 'OLD', 'Closed programme', { version: 3 })),
    });
    const user = userEvent.setup();
    const { router } = renderApp('/admin/projects');
    const table = await screen.findByRole('table', { name: 'Projects' });
    expect(await within(table).findByRole('link', { name: 'Government of Canada' })).toHaveAttribute('href', '/organizations/41');
    expect(within(table).getByText('SIMVEX')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'New project' }));
    const dialog = await screen.findByRole('dialog', { name: 'New project' });
    await user.click(within(dialog).getByRole('button', { name: 'Create project' }));
    expect(within(dialog).getByRole('textbox', { name: /^Code/ })).toHaveAccessibleDescription(/Enter a code/);
    await user.type(within(dialog).getByRole('textbox', { name: /^Code/ }), 'simvex');
    await user.type(within(dialog).getByRole('textbox', { name: /^Name/ }), 'Resilience Initiative');
    await user.click(within(dialog).getByRole('button', { name: 'Create project' }));
    await waitFor(() => expect(within(dialog).getByRole('textbox', { name: /^Code/ })).toHaveAccessibleDescription(/a project with this code exists/));
    expect(requests.find((r) => r.method === 'POST')!.body).toEqual({
      code: 'simvex',
      name: 'Resilience Initiative',
      description: '',
      donor_organization_id: null,
      start_date: null,
      end_date: null,
    });
    await user.clear(within(dialog).getByRole('textbox', { name: /^Code/ }));
    await user.type(within(dialog).getByRole('textbox', { name: /^Code/ }), 'BHRI');
    await user.click(within(dialog).getByRole('button', { name: 'Create project' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    await user.click(screen.getByRole('radio', { name: 'Archived' }));
    await waitFor(() => expect(router.state.location.search).toBe('?archived=true'));
    await user.click(await screen.findByRole('button', { name: 'Restore OLD' }));
    await waitFor(() => expect(requests.some((r) => r.method === 'POST' && r.url.pathname === '/api/v1/projects/3/restore')).toBe(true));
  });
});
