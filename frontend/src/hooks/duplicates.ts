import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo } from 'react';
import { api, unwrap, type ResponseBody } from '../api/client';
import { compact } from './list';

type DuplicatePage = ResponseBody<'/api/v1/duplicates', 'get'>;
export type DuplicateGroup = DuplicatePage['items'][number];
export type DuplicateReason = DuplicateGroup['reasons'][number];
export type DuplicateKind = 'contacts' | 'organizations';

/** What a form knows of a record not yet saved; empty fields are left out of the check. */
export interface DuplicateProbe {
  name?: string;
  given_name?: string;
  family_name?: string;
  name_local?: string;
  acronym?: string;
  email?: string;
  phone?: string;
  country_code?: string | null;
  exclude_id?: number;
}

export const duplicateKeys = {
  all: ['duplicates'] as const,
  groups: (kind: DuplicateKind) => [...duplicateKeys.all, 'groups', kind] as const,
  check: (kind: DuplicateKind, probe: DuplicateProbe) => [...duplicateKeys.all, 'check', kind, probe] as const,
};

/** The groups of records that may be one, page by page (managers and admins). */
export function useDuplicateGroups(kind: DuplicateKind) {
  return useInfiniteQuery({
    queryKey: duplicateKeys.groups(kind),
    queryFn: ({ pageParam, signal }) =>
      unwrap(api.GET('/api/v1/duplicates', { params: { query: { kind, limit: 50, ...(pageParam ? { cursor: pageParam } : {}) } }, signal })),
    initialPageParam: '',
    getNextPageParam: (last: DuplicatePage) => last.next_cursor ?? undefined,
  });
}

/** Whether a probe says enough to look for its duplicates: a name of two letters, an email or a phone number. */
export function probeIsEnough(p: DuplicateProbe): boolean {
  const name = [p.name, p.given_name, p.family_name, p.name_local, p.acronym].map((s) => (s ?? '').trim()).join('');
  return name.length >= 2 || (p.email ?? '').trim().length >= 3 || (p.phone ?? '').replace(/\D/g, '').length >= 6;
}

/**
 * The existing records a form's record may duplicate, checked as the user
 * types (debounced, so that a word is asked for once, not letter by letter).
 */
export function useDuplicateCheck(kind: DuplicateKind, probe: DuplicateProbe, enabled = true, wait = 400) {
  // Debounced as text: a form makes a new probe object on every render, and
  // only a change of its fields may restart the wait.
  const [settled] = useDebouncedValue(JSON.stringify(compact({ ...probe, country_code: probe.country_code ?? undefined })), wait);
  const query = useMemo(() => JSON.parse(settled) as DuplicateProbe, [settled]);
  return useQuery({
    queryKey: duplicateKeys.check(kind, query),
    queryFn: async ({ signal }) =>
      (
        await unwrap(
          api.GET('/api/v1/duplicates/check', {
            params: { query: { kind, limit: 5, ...query, country_code: query.country_code ?? undefined } },
            signal,
          }),
        )
      ).items,
    enabled: enabled && probeIsEnough(query),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}
