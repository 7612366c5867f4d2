import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api, unwrap, type ResponseBody } from '../api/client';
import { PAGED } from './list';

/** One entry of a record's history: who did what, when, and each changed field's old and new value. */
export type AuditEvent = ResponseBody<'/api/v1/audit', 'get'>['items'][number];

/** The records whose pages show their history. */
export type HistoryEntity = 'organization' | 'contact' | 'visit' | 'interaction' | 'commitment';

const PAGE = 20;

export const auditKeys = {
  all: ['audit'] as const,
  records: () => [...auditKeys.all, 'record'] as const,
  record: (entity: HistoryEntity, id: number) => [...auditKeys.records(), entity, id] as const,
};

/**
 * What happened to one record, newest first, a page at a time. The server
 * leaves out what the reader may not see (hidden people in participant lists,
 * where sign-ins came from), so this shows what it is given.
 */
export function useRecordHistory(entity: HistoryEntity, id: number | null | undefined) {
  return useInfiniteQuery(recordHistoryQuery(entity, id));
}

/** The query behind useRecordHistory, for starting it before the page is drawn (src/pageData.ts). */
export function recordHistoryQuery(entity: HistoryEntity, id: number | null | undefined) {
  return infiniteQueryOptions({
    queryKey: auditKeys.record(entity, id ?? 0),
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/v1/audit', {
          params: { query: { entity: [entity], entity_id: [id!], sort: '-at', limit: PAGE, ...(pageParam ? { cursor: pageParam } : {}) } },
          signal,
        }),
      ),
    enabled: !!id,
    ...PAGED,
    // A different record's history is not a placeholder for this one's.
    placeholderData: undefined,
  });
}
