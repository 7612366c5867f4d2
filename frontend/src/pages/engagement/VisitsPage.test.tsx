import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, signedInRoutes, stubApi } from '../../test/api';
import { renderApp } from '../../test/render';

function visit(id: number, title: string, start_date: string, end_date: string, status = 'planned') {
  return {
    id,
    version: 1,
    created_at: '',
    updated_at: '',
    office_id: 1,
    owner_id: 1,
    title,
    kind: 'study_visit',
    status,
    start_date,
    end_date,
    origin_country_code: 'IQ',
    host_country_code: 'BA',
    city: 'Sarajevo',
    purpose: '',
    outcomes: '',
    project_id: 2,
    tags: [],
    participants: [],
  };
}

describe('visits calendar', () => {
  it('shows the month from the address with visits spanning their days, filters by project, and moves by keyboard', async () => {
    const user = userEvent.setup();
    const { requests } = stubApi({
      ...signedInRoutes(),
      'GET /api/v1/projects': json({ items: [{ id: 2, code: 'BHRI', name: 'Resilience', office_id: 1, version: 1 }], next_cursor: null }),
      'GET /api/v1/visits': json({
        items: [
          visit(1, 'Study visit on PVE', '2026-09-25', '2026-09-29', 'completed'),
          // Ended before September: asked for (the API filters on the start only) but not drawn.
          visit(2, 'Summer conference', '2026-08-10', '2026-08-12'),
        ],
        next_cursor: null,
      }),
    });
    const { router } = renderApp('/visits?view=calendar&month=2026-09&project=2');
    const grid = await screen.findByRole('grid', { name: 'September 2026' });
    // Friday to Tuesday: one chip in each of the two weeks it touches.
    const chips = await within(grid).findAllByRole('link', { name: /^Study visit on PVE/ });
    expect(chips).toHaveLength(2);
    expect(chips[0]).toHaveAttribute('href', '/visits/1');
    expect(within(grid).queryByRole('link', { name: /Summer conference/ })).not.toBeInTheDocument();
    await waitFor(() => expect(screen.getByText('1 visit in September 2026')).toBeInTheDocument());

    const asked = requests.find((r) => r.url.pathname === '/api/v1/visits')!.url.searchParams;
    expect(asked.get('start_before')).toBe('2026-10-01');
    expect(asked.get('project_id')).toBe('2');
    expect(asked.get('sort')).toBe('start_date');

    // The 25th is a Friday; Monday-first weeks (en-GB style) are not assumed: read the cell by date.
    const friday = grid.querySelector<HTMLElement>('[data-date="2026-09-25"]')!;
    expect(friday).toHaveTextContent(/Study visit on PVE/);
    friday.focus();
    fireEvent.keyDown(friday, { key: 'ArrowDown' });
    await waitFor(() => expect(document.activeElement).toHaveAttribute('data-date', '2026-10-02'));
    // Into October: the month in the address follows.
    await waitFor(() => expect(router.state.location.search).toContain('month=2026-10'));

    await user.click(screen.getByRole('button', { name: 'Previous month' }));
    await waitFor(() => expect(router.state.location.search).toContain('month=2026-09'));
    await user.click(screen.getByRole('radio', { name: 'List' }));
    await waitFor(() => expect(router.state.location.search).not.toContain('view=calendar'));
    expect(await screen.findByRole('table', { name: 'Visits' })).toBeInTheDocument();
  }, 60_000);
});
