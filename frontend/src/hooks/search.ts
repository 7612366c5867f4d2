import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap, type ResponseBody } from '../api/client';
import type { Contact } from './contacts';
import type { Organization } from './organizations';

export type SearchHit = ResponseBody<'/api/v1/search', 'get'>['items'][number];
export type SearchKind = SearchHit['kind'];

/** Organizations and contacts matching one search, side by side, for the participant picker. */
export interface PeopleMatches {
  organizations: Organization[];
  contacts: Contact[];
}

export const searchKeys = {
  all: ['search'] as const,
  records: (q: string, limit: number) => [...searchKeys.all, 'records', q, limit] as const,
  people: (q: string, limit: number) => [...searchKeys.all, 'people', q, limit] as const,
};

/** One search over every kind of record; nothing is asked until there are two characters. */
export function useSearch(q: string, limit = 12) {
  const term = q.trim();
  return useQuery({
    queryKey: searchKeys.records(term, limit),
    queryFn: async ({ signal }) => (await unwrap(api.GET('/api/v1/search', { params: { query: { q: term, limit } }, signal }))).items,
    enabled: term.length >= 2,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
}

/** Organizations and contacts whose names match `q` (the first few of each when `q` is empty). */
export function usePeopleSearch(q: string, enabled = true, limit = 8) {
  const term = q.trim();
  return useQuery({
    queryKey: searchKeys.people(term, limit),
    queryFn: async ({ signal }): Promise<PeopleMatches> => {
      const query = { ...(term ? { q: term } : {}), limit };
      const [organizations, contacts] = await Promise.all([
        unwrap(api.GET('/api/v1/organizations', { params: { query }, signal })),
        unwrap(api.GET('/api/v1/contacts', { params: { query }, signal })),
      ]);
      return { organizations: organizations.items, contacts: contacts.items };
    },
    placeholderData: keepPreviousData,
    enabled,
  });
}
