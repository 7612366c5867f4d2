import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type ResponseBody } from '../api/client';
import { invalidateAfter } from './invalidation';

export type CalendarFeedState = ResponseBody<'/api/v1/me/calendar-feed', 'get'>;

/** The signed-in person's calendar feed: whether one is live (its address is shown once, when made). */
export const calendarKeys = {
  all: ['calendarFeed'] as const,
  mine: () => [...calendarKeys.all, 'mine'] as const,
};

export function useCalendarFeed() {
  return useQuery({
    queryKey: calendarKeys.mine(),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/me/calendar-feed', { signal })),
  });
}

/** Makes a new secret address, replacing any earlier one; the answer holds the address. */
export function useCreateCalendarFeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => (await unwrap(api.POST('/api/v1/me/calendar-feed'))).url,
    onSuccess: () => invalidateAfter(queryClient, 'calendarFeed'),
  });
}

/** Revokes the feed: its address answers 404 from now on. */
export function useRevokeCalendarFeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/me/calendar-feed')),
    onSuccess: () => invalidateAfter(queryClient, 'calendarFeed'),
  });
}
