import { QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { readDraft, writeDraft } from '../offline/drafts';
import { createQueryClient } from '../queryClient';
import { adminUser, json, problem, stubApi } from '../test/api';
import { REMEMBERED_USER_KEY, authKeys, fetchMe, useLogout } from './auth';

describe('who am I, in the field', () => {
  it('opens as the user last signed in on this device when the server is out of reach', async () => {
    stubApi({ 'GET /api/v1/auth/me': json(adminUser) });
    expect(await fetchMe()).toMatchObject({ id: adminUser.id });

    stubApi({
      'GET /api/v1/auth/me': () => {
        throw new TypeError('Failed to fetch');
      },
    });
    expect(await fetchMe()).toMatchObject({ id: adminUser.id, role: adminUser.role });
  });

  it('forgets that user once the server says the session is over', async () => {
    stubApi({ 'GET /api/v1/auth/me': json(adminUser) });
    await fetchMe();
    stubApi({ 'GET /api/v1/auth/me': problem(401, 'Unauthorized', { code: 'unauthenticated' }) });
    expect(await fetchMe()).toBeNull();
    expect(window.localStorage.getItem(REMEMBERED_USER_KEY)).toBeNull();

    stubApi({
      'GET /api/v1/auth/me': () => {
        throw new TypeError('Failed to fetch');
      },
    });
    await expect(fetchMe()).rejects.toBeDefined();
  });
});

describe('signing out', () => {
  it('forgets the person’s unsaved drafts on this device, and no one else’s', async () => {
    stubApi({ 'POST /api/v1/auth/logout': new Response(null, { status: 204 }) });
    const queryClient = createQueryClient({ retry: false });
    queryClient.setQueryData(authKeys.me(), adminUser);
    writeDraft(adminUser.id, 'quicklog:organization:3', { summary: 'Agreed on the training dates' });
    writeDraft(adminUser.id, 'form:contact:12', { city: 'Zenica' });
    writeDraft(adminUser.id + 1, 'form:contact:12', { city: 'Tuzla' });
    const Wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
    const { result } = renderHook(() => useLogout(), { wrapper: Wrapper });

    await act(() => result.current.mutateAsync());

    expect(readDraft(adminUser.id, 'quicklog:organization:3')).toBeNull();
    expect(readDraft(adminUser.id, 'form:contact:12')).toBeNull();
    expect(readDraft(adminUser.id + 1, 'form:contact:12')).toMatchObject({ value: { city: 'Tuzla' } });
    expect(window.localStorage.getItem(REMEMBERED_USER_KEY)).toBeNull();
  });
});
