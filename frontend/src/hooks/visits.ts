import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, unwrap, type RequestBody, type ResponseBody } from '../api/client';
import type { paths } from '../api/schema';
import { invalidateAfter } from './invalidation';
import { compact, PAGED } from './list';

/** A visit as lists show it. */
export type Visit = ResponseBody<'/api/v1/visits', 'get'>['items'][number];
/** A visit as its own page shows it (participants by side). */
export type VisitRecord = ResponseBody<'/api/v1/visits/{id}', 'get'>;
export type VisitFilter = Omit<NonNullable<paths['/api/v1/visits']['get']['parameters']['query']>, 'cursor' | 'limit'>;
export type CreateVisitInput = RequestBody<'/api/v1/visits', 'post'>;
export type VisitPatch = RequestBody<'/api/v1/visits/{id}', 'patch'>;
export type VisitParticipantInput = NonNullable<CreateVisitInput['participants']>[number];
export type VisitSide = VisitParticipantInput['side'];
export type VisitRole = VisitParticipantInput['role'];
export type Itinerary = ResponseBody<'/api/v1/visits/{id}/itinerary', 'get'>;

const PAGE = 50;

export const visitKeys = {
  all: ['visits'] as const,
  lists: () => [...visitKeys.all, 'list'] as const,
  list: (filter: VisitFilter) => [...visitKeys.lists(), filter] as const,
  details: () => [...visitKeys.all, 'detail'] as const,
  detail: (id: number) => [...visitKeys.details(), id] as const,
  itineraries: () => [...visitKeys.all, 'itinerary'] as const,
  itinerary: (id: number, tz: string) => [...visitKeys.itineraries(), id, tz] as const,
};

/** Visits page by page (the list view); `enabled` is false while the calendar shows instead. */
export function useVisits(filter: VisitFilter, enabled = true) {
  return useInfiniteQuery({ ...visitsQuery(filter), enabled });
}

/** The query behind useVisits, for starting it before the list is drawn (src/pageData.ts). */
export function visitsQuery(filter: VisitFilter) {
  const query = compact(filter);
  return infiniteQueryOptions({
    queryKey: visitKeys.list(query),
    queryFn: ({ pageParam, signal }) =>
      unwrap(api.GET('/api/v1/visits', { params: { query: { ...query, limit: PAGE, ...(pageParam ? { cursor: pageParam } : {}) } }, signal })),
    ...PAGED,
  });
}

export function fetchVisit(id: number, signal?: AbortSignal) {
  return unwrap(api.GET('/api/v1/visits/{id}', { params: { path: { id } }, signal }));
}

export function useVisit(id: number | null) {
  return useQuery({ ...visitQuery(id ?? 0), enabled: typeof id === 'number' && id > 0 });
}

/** The query behind useVisit, for starting it before the page is drawn. */
export function visitQuery(id: number) {
  return queryOptions({ queryKey: visitKeys.detail(id), queryFn: ({ signal }) => fetchVisit(id, signal) });
}

/** The browser's IANA time zone, so itinerary days and times read as local. */
export function browserTimeZone() {
  return (zone ??= readBrowserTimeZone());
}

/** The browser's zone, asked once: each ask makes a formatter, a pause on a phone the first time. */
let zone: string | undefined;

function readBrowserTimeZone() {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** A visit with its itinerary (its interactions grouped by day, in `tz`). */
export function useVisitItinerary(id: number, tz = browserTimeZone()) {
  return useQuery({ ...itineraryQuery(id, tz), enabled: Number.isFinite(id) && id > 0 });
}

/** The query behind useVisitItinerary, for starting it before the page is drawn. */
export function itineraryQuery(id: number, tz: string) {
  return queryOptions({
    queryKey: visitKeys.itinerary(id, tz),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/visits/{id}/itinerary', { params: { path: { id }, query: { tz } }, signal })),
  });
}

export function useCreateVisit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateVisitInput) => unwrap(api.POST('/api/v1/visits', { body })),
    onSuccess: (visit) => {
      queryClient.setQueryData(visitKeys.detail(visit.id), visit);
      void invalidateAfter(queryClient, 'visit', { keep: [visitKeys.detail(visit.id)] });
    },
  });
}

/** A merge patch sent with the version it was based on: a 412 means someone saved first. */
export function useUpdateVisit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, patch }: { id: number; version: number; patch: VisitPatch }) =>
      unwrap(api.PATCH('/api/v1/visits/{id}', { params: { path: { id }, header: ifMatch(version) }, body: patch })),
    onSuccess: (visit) => {
      queryClient.setQueryData(visitKeys.detail(visit.id), visit);
      void invalidateAfter(queryClient, 'visit', { keep: [visitKeys.detail(visit.id)] });
    },
  });
}
