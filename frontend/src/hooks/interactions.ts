import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, unwrap, type RequestBody, type ResponseBody } from '../api/client';
import type { paths } from '../api/schema';
import { invalidateAfter } from './invalidation';
import { compact, PAGED } from './list';

/** An interaction as lists show it. */
export type Interaction = ResponseBody<'/api/v1/interactions', 'get'>['items'][number];
export type InteractionRecord = ResponseBody<'/api/v1/interactions/{id}', 'get'>;
export type InteractionFilter = Omit<NonNullable<paths['/api/v1/interactions']['get']['parameters']['query']>, 'cursor' | 'limit'>;
export type CreateInteractionInput = RequestBody<'/api/v1/interactions', 'post'>;
export type InteractionPatch = RequestBody<'/api/v1/interactions/{id}', 'patch'>;
export type InteractionRole = NonNullable<CreateInteractionInput['participants']>[number]['role'];

const PAGE = 50;

export const interactionKeys = {
  all: ['interactions'] as const,
  lists: () => [...interactionKeys.all, 'list'] as const,
  list: (filter: InteractionFilter) => [...interactionKeys.lists(), filter] as const,
};

export function useInteractions(filter: InteractionFilter) {
  const query = compact(filter);
  return useInfiniteQuery({
    queryKey: interactionKeys.list(query),
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/v1/interactions', { params: { query: { ...query, limit: PAGE, ...(pageParam ? { cursor: pageParam } : {}) } }, signal }),
      ),
    ...PAGED,
  });
}

/** The interaction as it is now on the server (a 412 shows it beside what one typed). */
export function fetchInteraction(id: number, signal?: AbortSignal) {
  return unwrap(api.GET('/api/v1/interactions/{id}', { params: { path: { id } }, signal }));
}

/** Logs an interaction, with its follow-up commitments in the same request. */
export function useCreateInteraction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateInteractionInput) => unwrap(api.POST('/api/v1/interactions', { body })),
    onSuccess: () => void invalidateAfter(queryClient, 'interaction'),
  });
}

/** A merge patch sent with the version it was based on: a 412 means someone saved first. */
export function useUpdateInteraction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, patch }: { id: number; version: number; patch: InteractionPatch }) =>
      unwrap(api.PATCH('/api/v1/interactions/{id}', { params: { path: { id }, header: ifMatch(version) }, body: patch })),
    onSuccess: () => void invalidateAfter(queryClient, 'interaction'),
  });
}
