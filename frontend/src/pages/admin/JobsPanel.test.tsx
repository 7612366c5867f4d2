import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, signedInRoutes, stubApi } from '../../test/api';
import { renderApp } from '../../test/render';

function job(id: number, state: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    kind: 'digest',
    state,
    attempt: 1,
    max_attempts: 5,
    last_error: null,
    created_at: '2026-12-01T07:00:00Z',
    scheduled_at: '2026-12-01T07:00:00Z',
    finalized_at: null,
    ...extra,
  };
}

const FAILED = [
  job(31, 'retryable', { attempt: 2, last_error: 'dial tcp 10.0.0.5:587: connect: connection refused' }),
  job(30, 'discarded', { attempt: 5, last_error: 'smtp: 550 mailbox unavailable', finalized_at: '2026-12-01T09:00:00Z' }),
];

describe('admin: jobs', () => {
  it('counts jobs by state, lists the failed ones first, and retries one', async () => {
    let failed = FAILED;
    const { requests } = stubApi({
      ...signedInRoutes(),
      'GET /api/v1/notifications/unread-count': json({ count: 0 }),
      'GET /api/v1/admin/jobs/summary': () => json({ queued: 2, running: 1, retrying: 1, failed: failed.length, completed: 140 }),
      'GET /api/v1/admin/jobs': ({ url }) =>
        json({ items: url.searchParams.get('state') === 'completed' ? [job(29, 'completed', { finalized_at: '2026-12-01T08:00:00Z' })] : failed, next_cursor: null }),
      'POST /api/v1/admin/jobs/31/retry': () => {
        failed = FAILED.slice(1);
        return new Response(null, { status: 204 });
      },
    });
    const user = userEvent.setup();
    renderApp('/admin/jobs');

    const figures = await screen.findByRole('list', { name: 'Jobs by state' });
    await waitFor(() => expect(within(figures).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Queued2', 'Running1', 'Retrying1', 'Failed2', 'Completed140']));

    const table = await screen.findByRole('table', { name: 'Jobs' });
    await within(table).findByText('dial tcp 10.0.0.5:587: connect: connection refused');
    expect(within(table).getByText('2/5')).toBeInTheDocument();
    expect(within(table).getAllByRole('button', { name: /^Retry job/ })).toHaveLength(2);

    await user.click(within(table).getByRole('button', { name: 'Retry job 31 (Digest email)' }));
    expect(await screen.findByText('Job 31 is queued to run again')).toBeInTheDocument();
    expect(requests.some((r) => r.method === 'POST' && r.url.pathname === '/api/v1/admin/jobs/31/retry')).toBe(true);
    await waitFor(() => expect(within(table).queryByRole('button', { name: 'Retry job 31 (Digest email)' })).toBeNull());

    await user.click(screen.getByRole('radio', { name: 'Completed' }));
    await within(table).findByText('Completed');
    expect(within(table).queryByRole('button', { name: /^Retry/ })).toBeNull();
    expect(requests.filter((r) => r.url.pathname === '/api/v1/admin/jobs').map((r) => r.url.searchParams.get('state'))).toContain('completed');
  });
});
