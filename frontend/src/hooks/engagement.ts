import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, unwrap, type ResponseBody } from '../api/client';
import type { paths } from '../api/schema';
import { compact } from './list';

// Read-only views of visits, interactions and commitments; their editors come later.

export type Visit = ResponseBody<'/api/v1/visits', 'get'>['items'][number];
export type Interaction = ResponseBody<'/api/v1/interactions', 'get'>['items'][number];
export type Commitment = ResponseBody<'/api/v1/commitments', 'get'>['items'][number];
export type CommitmentReview = ResponseBody<'/api/v1/review/commitments', 'get'>;

export type VisitFilter = Omit<NonNullable<paths['/api/v1/visits']['get']['parameters']['query']>, 'cursor' | 'limit'>;
export type InteractionFilter = Omit<NonNullable<paths['/api/v1/interactions']['get']['parameters']['query']>, 'cursor' | 'limit'>;
export type CommitmentFilter = Omit<NonNullable<paths['/api/v1/commitments']['get']['parameters']['query']>, 'cursor' | 'limit'>;

export const engagementKeys = {
  visits: (filter: VisitFilter) => ['visits', 'list', filter] as const,
  interactions: (filter: InteractionFilter) => ['interactions', 'list', filter] as const,
  commitments: (filter: CommitmentFilter) => ['commitments', 'list', filter] as const,
  review: () => ['review', 'commitments'] as const,
};

const PAGE = 50;
const paging = {
  initialPageParam: null as string | null,
  getNextPageParam: (lastPage: { next_cursor?: string | null }) => lastPage.next_cursor ?? null,
  placeholderData: keepPreviousData,
};

export function useVisits(filter: VisitFilter, enabled = true) {
  const query = compact(filter);
  return useInfiniteQuery({
    enabled,
    queryKey: engagementKeys.visits(query),
    queryFn: ({ pageParam, signal }) =>
      unwrap(api.GET('/api/v1/visits', { params: { query: { ...query, limit: PAGE, ...(pageParam ? { cursor: pageParam } : {}) } }, signal })),
    ...paging,
  });
}

export function useInteractions(filter: InteractionFilter) {
  const query = compact(filter);
  return useInfiniteQuery({
    queryKey: engagementKeys.interactions(query),
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/v1/interactions', { params: { query: { ...query, limit: PAGE, ...(pageParam ? { cursor: pageParam } : {}) } }, signal }),
      ),
    ...paging,
  });
}

export function useCommitments(filter: CommitmentFilter) {
  const query = compact(filter);
  return useInfiniteQuery({
    queryKey: engagementKeys.commitments(query),
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/v1/commitments', { params: { query: { ...query, limit: PAGE, ...(pageParam ? { cursor: pageParam } : {}) } }, signal }),
      ),
    ...paging,
  });
}

export function useCommitmentReview() {
  return useQuery({
    queryKey: engagementKeys.review(),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/review/commitments', { signal })),
  });
}

/** How many commitments are overdue (visible to the reader). */
export function useOverdueCount() {
  return useQuery({
    queryKey: ['commitments', 'count', { overdue: 'true' }] as const,
    queryFn: async ({ signal }) =>
      (await unwrap(api.GET('/api/v1/commitments', { params: { query: { overdue: 'true', limit: 1, count: true } }, signal }))).total ?? 0,
  });
}

export type Itinerary = ResponseBody<'/api/v1/visits/{id}/itinerary', 'get'>;
export type Project = ResponseBody<'/api/v1/projects/{id}', 'get'>;

export const visitKeys = {
  detail: (id: number) => ['visits', 'detail', id] as const,
  itinerary: (id: number, tz: string) => ['visits', 'itinerary', id, tz] as const,
};

/** The browser's IANA time zone, so itinerary days and times read as local. */
export function browserTimeZone() {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** A visit with its itinerary (its interactions grouped by day, in `tz`). */
export function useVisitItinerary(id: number, tz = browserTimeZone()) {
  return useQuery({
    queryKey: visitKeys.itinerary(id, tz),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/visits/{id}/itinerary', { params: { path: { id }, query: { tz } }, signal })),
    enabled: Number.isFinite(id) && id > 0,
  });
}

export function useProject(id: number | null | undefined) {
  return useQuery({
    queryKey: ['projects', 'detail', id] as const,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/projects/{id}', { params: { path: { id: id! } }, signal })),
    enabled: !!id,
  });
}

/** A status change (with its closure note when done), sent with the version it was read at. */
export function useSetCommitmentStatus() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, status, closure_note }: { id: number; version: number; status: Commitment['status']; closure_note?: string }) =>
      unwrap(
        api.PATCH('/api/v1/commitments/{id}', {
          params: { path: { id }, header: ifMatch(version) },
          body: { status, ...(closure_note !== undefined ? { closure_note } : {}) },
        }),
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['commitments'] });
      void queryClient.invalidateQueries({ queryKey: ['review'] });
    },
  });
}
