import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap, type ResponseBody } from '../api/client';

export type CommitmentReview = ResponseBody<'/api/v1/review/commitments', 'get'>;
export type StaleOrganization = ResponseBody<'/api/v1/review/stale', 'get'>['items'][number];

export const STALE_DAYS = [30, 60, 90, 180] as const;
export type StaleDays = (typeof STALE_DAYS)[number];

export const reviewKeys = {
  all: ['review'] as const,
  commitments: () => [...reviewKeys.all, 'commitments'] as const,
  stale: (days: number) => [...reviewKeys.all, 'stale', days] as const,
};

/** The commitments review: counts by status, owner and age, for managers. */
export function useCommitmentReview() {
  return useQuery({
    queryKey: reviewKeys.commitments(),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/review/commitments', { signal })),
  });
}

/**
 * Key stakeholders (influence 4 or more, or open commitments) that no held
 * interaction has touched in `days` days, the longest untouched first.
 */
export function useStaleOrganizations(days: StaleDays) {
  return useQuery({
    queryKey: reviewKeys.stale(days),
    queryFn: async ({ signal }) => (await unwrap(api.GET('/api/v1/review/stale', { params: { query: { days } }, signal }))).items ?? [],
    placeholderData: keepPreviousData,
  });
}
