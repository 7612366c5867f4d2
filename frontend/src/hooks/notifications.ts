import { queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type RequestBody, type ResponseBody } from '../api/client';
import { invalidateAfter } from './invalidation';
import { PAGED } from './list';

export type AppNotification = ResponseBody<'/api/v1/notifications', 'get'>['items'][number];
export type NotificationKind = AppNotification['kind'];
export type MarkReadInput = RequestBody<'/api/v1/notifications/read', 'post'>;

/** What the panel's list is narrowed by. */
export interface NotificationFilter {
  unread: boolean;
}

const PAGE = 30;

/** How often the bell asks for the unread count while the page is open. */
export const UNREAD_POLL_MS = 60_000;

/** The signed-in person's notifications: the bell's count and the panel's pages. */
export const notificationKeys = {
  all: ['notifications'] as const,
  unreadCount: () => [...notificationKeys.all, 'unreadCount'] as const,
  pages: (filter: NotificationFilter) => [...notificationKeys.all, 'pages', filter] as const,
};

/**
 * How many notifications I have not read (the server stops counting at 100).
 * Asked again every minute, and whenever the window regains focus: someone
 * may have given me a commitment in the meantime.
 */
export function useUnreadCount() {
  return useQuery({
    ...unreadCountQuery(),
    refetchInterval: UNREAD_POLL_MS,
    refetchOnWindowFocus: 'always',
  });
}

/** The request behind useUnreadCount, for starting it before the frame is drawn (src/pageData.ts). */
export function unreadCountQuery() {
  return queryOptions({
    queryKey: notificationKeys.unreadCount(),
    queryFn: async ({ signal }) => (await unwrap(api.GET('/api/v1/notifications/unread-count', { signal }))).count,
  });
}

/** My notifications, newest first, a page at a time; only the unread ones when asked. */
export function useNotifications(filter: NotificationFilter) {
  return useInfiniteQuery({
    queryKey: notificationKeys.pages(filter),
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/v1/notifications', {
          params: { query: { limit: PAGE, ...(filter.unread ? { unread: true } : {}), ...(pageParam ? { cursor: pageParam } : {}) } },
          signal,
        }),
      ),
    ...PAGED,
  });
}

/** Marks some of my notifications read (`{ids}`), or all of them (`{all: true}`). */
export function useMarkNotificationsRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: MarkReadInput) => unwrap(api.POST('/api/v1/notifications/read', { body })),
    onSuccess: () => invalidateAfter(queryClient, 'notification'),
  });
}
