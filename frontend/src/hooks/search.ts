import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap, type ResponseBody } from '../api/client';

export type SearchHit = ResponseBody<'/api/v1/search', 'get'>['items'][number];
export type SearchKind = SearchHit['kind'];

export const searchKeys = {
  all: ['search'] as const,
  query: (q: string) => [...searchKeys.all, q] as const,
};

/** One search over every kind of record; nothing is asked until there are two characters. */
export function useSearch(q: string, limit = 12) {
  const term = q.trim();
  return useQuery({
    queryKey: searchKeys.query(term),
    queryFn: async ({ signal }) => (await unwrap(api.GET('/api/v1/search', { params: { query: { q: term, limit } }, signal }))).items,
    enabled: term.length >= 2,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
}
