import { keepPreviousData, queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, unwrap, type RequestBody, type ResponseBody } from '../api/client';
import type { paths } from '../api/schema';
import { authKeys } from './auth';
import { invalidateAfter } from './invalidation';
import { compact } from './list';

export type UserPage = ResponseBody<'/api/v1/users', 'get'>;
export type UserRecord = NonNullable<UserPage['items']>[number];
export type Role = UserRecord['role'];
export type CreateUserInput = RequestBody<'/api/v1/users', 'post'>;
export type UserPatch = RequestBody<'/api/v1/users/{id}', 'patch'>;
type ListQuery = NonNullable<paths['/api/v1/users']['get']['parameters']['query']>;
export type UserFilter = Omit<ListQuery, 'cursor' | 'limit' | 'count'>;

export const ROLES: readonly Role[] = ['admin', 'manager', 'officer', 'viewer'];

export const userKeys = {
  all: ['users'] as const,
  lists: () => [...userKeys.all, 'list'] as const,
  list: (filter: UserFilter) => [...userKeys.lists(), filter] as const,
  directory: () => [...userKeys.all, 'directory'] as const,
};

/** Users page by page, for the admin screen. */
export function useUsers(filter: UserFilter) {
  const query = compact(filter);
  return useInfiniteQuery({
    queryKey: userKeys.list(query),
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/v1/users', {
          params: { query: { ...query, limit: 100, ...(pageParam ? { cursor: pageParam } : { count: true }) } },
          signal,
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.next_cursor ?? null,
    placeholderData: keepPreviousData,
  });
}

/**
 * Every user (an office has tens, not thousands), for owner pickers and for
 * showing an owner's name next to a record.
 */
export function useUserDirectory() {
  return useQuery(userDirectoryQuery());
}

/** The query behind useUserDirectory, for starting it before a page is drawn (src/pageData.ts). */
export function userDirectoryQuery() {
  return queryOptions({
    queryKey: userKeys.directory(),
    queryFn: async ({ signal }) => {
      const users: UserRecord[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 20; page++) {
        const result: UserPage = await unwrap(
          api.GET('/api/v1/users', { params: { query: { limit: 200, ...(cursor ? { cursor } : {}) } }, signal }),
        );
        users.push(...(result.items ?? []));
        cursor = result.next_cursor ?? null;
        if (!cursor) break;
      }
      return users;
    },
    staleTime: 5 * 60_000,
  });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUserInput) => unwrap(api.POST('/api/v1/users', { body })),
    onSuccess: () => invalidateAfter(queryClient, 'user'),
  });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, patch }: { id: number; version: number; patch: UserPatch }) =>
      unwrap(api.PATCH('/api/v1/users/{id}', { params: { path: { id }, header: ifMatch(version) }, body: patch })),
    onSuccess: (user) => {
      const me = queryClient.getQueryData<{ id: number } | null>(authKeys.me());
      if (me?.id === user.id) queryClient.setQueryData(authKeys.me(), user);
      return invalidateAfter(queryClient, 'user');
    },
  });
}
