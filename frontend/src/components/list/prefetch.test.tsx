import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { adminUser, json, organization, signedInRoutes, stubApi } from '../../test/api';
import { renderApp } from '../../test/render';

const ministry = organization(1, 'Ministry of Security', { acronym: 'MoS' });

function organizations() {
  return stubApi({
    ...signedInRoutes(adminUser),
    'GET /api/v1/organizations': json({ items: [ministry, organization(2, 'Ministry of Interior')], next_cursor: null }),
    'GET /api/v1/organizations/1': json(ministry),
    'GET /api/v1/organizations/1/timeline': json({ items: [], next_cursor: null }),
  });
}

const asked = (requests: { method: string; url: URL }[], path: string) => requests.filter((r) => r.method === 'GET' && r.url.pathname === path).length;

describe('a list row shown the intent to open it', () => {
  it('fetches the record on hover, and the record page then draws it without asking again', async () => {
    const { requests } = organizations();
    const user = userEvent.setup();
    renderApp('/organizations');

    const table = await screen.findByRole('table', { name: /organizations/i });
    const link = await within(table).findByRole('link', { name: /Ministry of Security/ });
    expect(asked(requests, '/api/v1/organizations/1')).toBe(0);

    await user.hover(link);
    await expect.poll(() => asked(requests, '/api/v1/organizations/1')).toBe(1);
    // Another row is not fetched for this one's hover.
    expect(asked(requests, '/api/v1/organizations/2')).toBe(0);

    await user.click(link);
    expect(await screen.findByRole('heading', { level: 1, name: /Ministry of Security/ })).toBeInTheDocument();
    expect(asked(requests, '/api/v1/organizations/1')).toBe(1);
  });

  it('fetches the record when a row gets keyboard focus', async () => {
    const { requests } = organizations();
    renderApp('/organizations');

    const table = await screen.findByRole('table', { name: /organizations/i });
    const link = await within(table).findByRole('link', { name: /Ministry of Interior/ });
    link.focus();
    await expect.poll(() => asked(requests, '/api/v1/organizations/2')).toBe(1);
  });
});
