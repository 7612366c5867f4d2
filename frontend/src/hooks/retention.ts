import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type ResponseBody } from '../api/client';
import { invalidateAfter } from './invalidation';
import { PAGED } from './list';

export type RetentionPage = ResponseBody<'/api/v1/retention/contacts', 'get'>;
export type RetentionItem = RetentionPage['items'][number];

/** Most contacts one keep decision takes (the server refuses more). */
export const KEEP_BATCH = 200;

export const retentionKeys = {
  all: ['retention'] as const,
  due: () => [...retentionKeys.all, 'due'] as const,
};

/** The contacts without activity for the retention period, a page at a time (the period comes with each page). */
export function useRetentionDue() {
  return useInfiniteQuery({
    queryKey: retentionKeys.due(),
    queryFn: ({ pageParam, signal }) =>
      unwrap(api.GET('/api/v1/retention/contacts', { params: { query: { limit: 100, ...(pageParam ? { cursor: pageParam } : {}) } }, signal })),
    ...PAGED,
  });
}

/** Keeps contacts for another period, with the reason; they leave the list. */
export function useKeepContacts() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ ids, reason }: { ids: readonly number[]; reason: string }) => {
      for (let start = 0; start < ids.length; start += KEEP_BATCH) {
        await unwrap(api.POST('/api/v1/retention/keep', { body: { ids: ids.slice(start, start + KEEP_BATCH), reason } }));
      }
    },
    onSettled: () => invalidateAfter(queryClient, 'retentionKeep'),
  });
}
