import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type RequestBody, type ResponseBody } from '../api/client';
import type { paths } from '../api/schema';

export type OrganizationPage = ResponseBody<'/api/v1/organizations', 'get'>;
export type Organization = NonNullable<OrganizationPage['items']>[number];
export type OrganizationType = Organization['type'];
export type OrganizationLevel = NonNullable<Organization['level']>;
export type CreateOrganizationInput = RequestBody<'/api/v1/organizations', 'post'>;
type ListQuery = NonNullable<paths['/api/v1/organizations']['get']['parameters']['query']>;

/** What the list can be narrowed and ordered by; paging is the hook's business. */
export type OrganizationFilter = Omit<ListQuery, 'cursor' | 'limit' | 'count'>;
export type OrganizationSort = NonNullable<ListQuery['sort']>;

export const ORGANIZATIONS_PAGE_SIZE = 50;

export const organizationKeys = {
  all: ['organizations'] as const,
  lists: () => [...organizationKeys.all, 'list'] as const,
  list: (filter: OrganizationFilter) => [...organizationKeys.lists(), filter] as const,
  details: () => [...organizationKeys.all, 'detail'] as const,
  detail: (id: number) => [...organizationKeys.details(), id] as const,
};

/** Drops empty filter values so that equal filters give equal query keys. */
function compact(filter: OrganizationFilter): OrganizationFilter {
  return Object.fromEntries(
    Object.entries(filter).filter(([, v]) => v !== undefined && v !== null && v !== ''),
  ) as OrganizationFilter;
}

/**
 * Organizations page by page, following the server's opaque `next_cursor`.
 * The first page asks for `total` so the list can say "12 of 40".
 */
export function useOrganizations(filter: OrganizationFilter, pageSize = ORGANIZATIONS_PAGE_SIZE) {
  const query = compact(filter);
  return useInfiniteQuery({
    queryKey: organizationKeys.list(query),
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/v1/organizations', {
          params: {
            query: {
              ...query,
              limit: pageSize,
              ...(pageParam ? { cursor: pageParam } : { count: true }),
            },
          },
          signal,
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.next_cursor ?? null,
    placeholderData: keepPreviousData,
  });
}

export function useCreateOrganization() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateOrganizationInput) => unwrap(api.POST('/api/v1/organizations', { body })),
    onSuccess: (organization) => {
      queryClient.setQueryData(organizationKeys.detail(organization.id), organization);
      return queryClient.invalidateQueries({ queryKey: organizationKeys.lists() });
    },
  });
}
