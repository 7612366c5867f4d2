import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, unwrap, type RequestBody, type ResponseBody } from '../api/client';
import { invalidateAfter } from './invalidation';

export type Office = NonNullable<ResponseBody<'/api/v1/offices', 'get'>['items']>[number];
export type CreateOfficeInput = RequestBody<'/api/v1/offices', 'post'>;
export type OfficePatch = RequestBody<'/api/v1/offices/{id}', 'patch'>;

export const officeKeys = {
  all: ['offices'] as const,
  list: () => [...officeKeys.all, 'list'] as const,
};

export function useOffices() {
  return useQuery(officesQuery());
}

/** The query behind useOffices, for starting it before a page is drawn (src/pageData.ts). */
export function officesQuery() {
  return queryOptions({
    queryKey: officeKeys.list(),
    // An organisation has tens of offices: one page of the most a list gives holds them all.
    queryFn: async ({ signal }) => (await unwrap(api.GET('/api/v1/offices', { params: { query: { limit: 200 } }, signal }))).items ?? [],
    staleTime: 5 * 60_000,
  });
}

export function useCreateOffice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateOfficeInput) => unwrap(api.POST('/api/v1/offices', { body })),
    onSuccess: () => invalidateAfter(queryClient, 'office'),
  });
}

export function useUpdateOffice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, patch }: { id: number; version: number; patch: OfficePatch }) =>
      unwrap(api.PATCH('/api/v1/offices/{id}', { params: { path: { id }, header: ifMatch(version) }, body: patch })),
    onSuccess: () => invalidateAfter(queryClient, 'office'),
  });
}
