import { QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { createQueryClient } from '../queryClient';
import { json, organization, stubApi } from '../test/api';
import { organizationKeys, useOrganizationCount, useOrganizations } from './organizations';

function wrapper() {
  const queryClient = createQueryClient({ retry: false });
  return {
    queryClient,
    Wrapper: ({ children }: { children: ReactNode }) => <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>,
  };
}

describe('useOrganizations', () => {
  it('pages through the list with the cursor the server hands out', async () => {
    const { requests } = stubApi({
      'GET /api/v1/organizations': ({ url }) =>
        url.searchParams.get('cursor') === 'page-2'
          ? json({ items: [organization(2, 'Youth Council Zenica', { type: 'youth_group' })], next_cursor: null })
          : json({ items: [organization(1, 'Ministry of Security')], next_cursor: 'page-2', total: 2 }),
    });
    const { Wrapper, queryClient } = wrapper();
    const { result } = renderHook(() => useOrganizations({ q: '', type: ['ministry', 'youth_group'] }, 1), { wrapper: Wrapper });

    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(result.current.hasNextPage).toBe(true);
    expect(requests[0]?.url.search).toBe('?type=ministry,youth_group&limit=1');

    await act(() => result.current.fetchNextPage());
    await waitFor(() => expect(result.current.data?.pages).toHaveLength(2));
    expect(result.current.hasNextPage).toBe(false);
    expect(requests[1]?.url.search).toBe('?type=ministry,youth_group&limit=1&cursor=page-2');

    // Empty filter values do not make a different cache entry.
    expect(queryClient.getQueryData(organizationKeys.list({ type: ['ministry', 'youth_group'] }))).toBeDefined();
  });
});

describe('useOrganizationCount', () => {
  it('asks for the total only when enabled, with one item and count=true', async () => {
    const { requests } = stubApi({ 'GET /api/v1/organizations': json({ items: [], next_cursor: null, total: 42 }) });
    const { Wrapper } = wrapper();
    const { result, rerender } = renderHook(({ enabled }) => useOrganizationCount({ level: ['national'] }, enabled), {
      wrapper: Wrapper,
      initialProps: { enabled: false },
    });
    expect(requests).toHaveLength(0);
    rerender({ enabled: true });
    await waitFor(() => expect(result.current.data).toEqual({ count: 42, atLeast: false }));
    expect(requests[0]?.url.search).toBe('?level=national&limit=1&count=true');
  });
});
