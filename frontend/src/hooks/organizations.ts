import { infiniteQueryOptions, keepPreviousData, queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, ifMatch, unwrap, type RequestBody, type ResponseBody } from '../api/client';
import type { paths } from '../api/schema';
import { invalidateAfter } from './invalidation';
import { COUNT_QUERY, compact, listTotal } from './list';

export type OrganizationPage = ResponseBody<'/api/v1/organizations', 'get'>;
export type Organization = NonNullable<OrganizationPage['items']>[number];
export type OrganizationType = Organization['type'];
export type OrganizationLevel = NonNullable<Organization['level']>;
export type CreateOrganizationInput = RequestBody<'/api/v1/organizations', 'post'>;
export type OrganizationPatch = RequestBody<'/api/v1/organizations/{id}', 'patch'>;
type ListQuery = NonNullable<paths['/api/v1/organizations']['get']['parameters']['query']>;

/** What the list can be narrowed and ordered by; paging is the hook's business. */
export type OrganizationFilter = Omit<ListQuery, 'cursor' | 'limit' | 'count'>;
export type OrganizationSort = NonNullable<ListQuery['sort']>;

export const ORGANIZATIONS_PAGE_SIZE = 50;

export const organizationKeys = {
  all: ['organizations'] as const,
  lists: () => [...organizationKeys.all, 'list'] as const,
  list: (filter: OrganizationFilter) => [...organizationKeys.lists(), filter] as const,
  counts: () => [...organizationKeys.all, 'count'] as const,
  count: (filter: OrganizationFilter) => [...organizationKeys.counts(), filter] as const,
  optionLists: () => [...organizationKeys.all, 'options'] as const,
  options: (q: string) => [...organizationKeys.optionLists(), q] as const,
  details: () => [...organizationKeys.all, 'detail'] as const,
  detail: (id: number) => [...organizationKeys.details(), id] as const,
  ancestorChains: () => [...organizationKeys.all, 'ancestors'] as const,
  ancestors: (id: number) => [...organizationKeys.ancestorChains(), id] as const,
  names: () => [...organizationKeys.all, 'name'] as const,
  name: (id: number) => [...organizationKeys.names(), id] as const,
};

export function fetchOrganization(id: number, signal?: AbortSignal) {
  return unwrap(api.GET('/api/v1/organizations/{id}', { params: { path: { id } }, signal }));
}

/**
 * Organizations page by page, following the server's opaque `next_cursor`.
 * Counting is left to useOrganizationCount, asked for only when wanted.
 */
export function useOrganizations(filter: OrganizationFilter, pageSize = ORGANIZATIONS_PAGE_SIZE) {
  return useInfiniteQuery(organizationsQuery(filter, pageSize));
}

/** The query behind useOrganizations, for starting it before the page is drawn. */
export function organizationsQuery(filter: OrganizationFilter, pageSize = ORGANIZATIONS_PAGE_SIZE) {
  const query = compact(filter);
  return infiniteQueryOptions({
    queryKey: organizationKeys.list(query),
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/v1/organizations', {
          params: { query: { ...query, limit: pageSize, ...(pageParam ? { cursor: pageParam } : {}) } },
          signal,
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.next_cursor ?? null,
    placeholderData: keepPreviousData,
  });
}

/** The number of organizations a filter matches; runs only when `enabled`. */
export function useOrganizationCount(filter: OrganizationFilter, enabled = true) {
  return useQuery({ ...organizationCountQuery(filter), enabled });
}

/** The query behind useOrganizationCount. */
export function organizationCountQuery(filter: OrganizationFilter) {
  const query = compact(filter);
  return queryOptions({
    queryKey: organizationKeys.count(query),
    queryFn: async ({ signal }) =>
      listTotal(await unwrap(api.GET('/api/v1/organizations', { params: { query: { ...query, ...COUNT_QUERY } }, signal }))),
  });
}

/** Up to 20 organizations whose names match `q`, for pickers. */
export function useOrganizationOptions(q: string, enabled = true) {
  const term = q.trim();
  return useQuery({
    queryKey: organizationKeys.options(term),
    queryFn: async ({ signal }) =>
      (await unwrap(api.GET('/api/v1/organizations', { params: { query: { ...(term ? { q: term } : {}), limit: 20 } }, signal })))
        .items,
    placeholderData: keepPreviousData,
    enabled,
  });
}

/**
 * Asks for an organization before its page is opened (a pointer or a finger
 * on its row): the page then finds it under its key, fresh for the client's
 * stale time, and draws it without waiting. Fresh data already there is not
 * asked for again.
 */
export function prefetchOrganization(queryClient: QueryClient, id: number) {
  return queryClient.prefetchQuery(organizationQuery(id));
}

/** An organization's record under its key: what its page, its prefetches and its hook share. */
function organizationQuery(id: number) {
  return queryOptions({ queryKey: organizationKeys.detail(id), queryFn: ({ signal }) => fetchOrganization(id, signal) });
}

export function useOrganization(id: number | null | undefined) {
  return useQuery({ ...organizationQuery(id ?? 0), enabled: typeof id === 'number' && id > 0 });
}

/** The chain of parents above an organization, the topmost first (at most 10 levels). */
export function useOrganizationAncestors(organization: Organization | undefined) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: organizationKeys.ancestors(organization?.id ?? 0),
    queryFn: ({ signal }) => fetchAncestors(queryClient, organization?.parent_id ?? null, signal),
    enabled: Boolean(organization?.parent_id),
  });
}

/**
 * The parents above an organization, the topmost first, from its parent's
 * id up (at most 10 levels, stopping at one already met); each is kept as
 * that organization's record too. api/spa_shell.go walks them by the same
 * rule for the page the server draws.
 */
async function fetchAncestors(queryClient: QueryClient, parentOf: number | null, signal?: AbortSignal) {
  const chain: Organization[] = [];
  let parentId = parentOf;
  while (parentId && chain.length < 10 && !chain.some((o) => o.id === parentId)) {
    const id: number = parentId;
    const parent = await queryClient.fetchQuery({
      queryKey: organizationKeys.detail(id),
      queryFn: () => fetchOrganization(id, signal),
    });
    chain.unshift(parent);
    parentId = parent.parent_id;
  }
  return chain;
}

/** Starts an organization's record and, when it has parents, the chain of them (the page's trail). */
export async function prefetchOrganizationWithAncestors(queryClient: QueryClient, id: number) {
  const organization = await queryClient.fetchQuery(organizationQuery(id));
  if (organization.parent_id) {
    await queryClient.prefetchQuery({ queryKey: organizationKeys.ancestors(id), queryFn: ({ signal }) => fetchAncestors(queryClient, organization.parent_id, signal) });
  }
}

/** The saved organization is what the server answered; everything that shows organizations is re-read. */
function remember(queryClient: QueryClient, organization: Organization) {
  queryClient.setQueryData(organizationKeys.detail(organization.id), organization);
  void invalidateAfter(queryClient, 'organization');
}

export function useCreateOrganization() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateOrganizationInput) => unwrap(api.POST('/api/v1/organizations', { body })),
    onSuccess: (organization) => remember(queryClient, organization),
  });
}

/** A merge patch sent with the version it was based on: a 412 means someone saved first. */
export function useUpdateOrganization() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, patch }: { id: number; version: number; patch: OrganizationPatch }) =>
      unwrap(api.PATCH('/api/v1/organizations/{id}', { params: { path: { id }, header: ifMatch(version) }, body: patch })),
    onSuccess: (organization) => remember(queryClient, organization),
  });
}

export function useArchiveOrganization() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version }: { id: number; version: number }) =>
      unwrap(api.DELETE('/api/v1/organizations/{id}', { params: { path: { id }, header: ifMatch(version) } })),
    onSuccess: (_data, { id }) => {
      queryClient.removeQueries({ queryKey: organizationKeys.detail(id) });
      void invalidateAfter(queryClient, 'organization');
    },
  });
}

export function useRestoreOrganization() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => unwrap(api.POST('/api/v1/organizations/{id}/restore', { params: { path: { id } } })),
    onSuccess: (organization) => remember(queryClient, organization),
  });
}
