import { infiniteQueryOptions, useInfiniteQuery, type QueryClient } from '@tanstack/react-query';
import { api, unwrap, type ResponseBody } from '../api/client';

export type TimelinePage = ResponseBody<'/api/v1/organizations/{id}/timeline', 'get'>;
export type TimelineItem = TimelinePage['items'][number];
export type TimelineSubject = 'organization' | 'contact';

export const timelineKeys = {
  all: ['timeline'] as const,
  of: (subject: TimelineSubject, id: number) => [...timelineKeys.all, subject, id] as const,
};

/** What happened with an organization or a contact, newest first, page by page. */
export function useTimeline(subject: TimelineSubject, id: number, pageSize = 20) {
  return useInfiniteQuery(timelineQuery(subject, id, pageSize));
}

/** The query behind useTimeline, for starting it before the page is drawn (src/pageData.ts). */
export function timelineQuery(subject: TimelineSubject, id: number, pageSize = 20) {
  return infiniteQueryOptions({
    queryKey: timelineKeys.of(subject, id),
    queryFn: ({ pageParam, signal }) => {
      const params = { path: { id }, query: { limit: pageSize, ...(pageParam ? { cursor: pageParam } : {}) } };
      return subject === 'organization'
        ? unwrap(api.GET('/api/v1/organizations/{id}/timeline', { params, signal }))
        : unwrap(api.GET('/api/v1/contacts/{id}/timeline', { params, signal }));
    },
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.next_cursor ?? null,
  });
}

/** Starts a timeline before its page is opened (a pointer on the record's row), as prefetchOrganization does for the record. */
export function prefetchTimeline(queryClient: QueryClient, subject: TimelineSubject, id: number) {
  return queryClient.prefetchInfiniteQuery(timelineQuery(subject, id));
}
