import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap, type ResponseBody } from '../api/client';

export type CommitmentReview = ResponseBody<'/api/v1/review/commitments', 'get'>;
export type StaleOrganization = ResponseBody<'/api/v1/review/stale', 'get'>['items'][number];

export const STALE_DAYS = [30, 60, 90, 180] as const;
export type StaleDays = (typeof STALE_DAYS)[number];

export const reviewKeys = {
  all: ['review'] as const,
  commitments: (officeIds: readonly number[] = []) => [...reviewKeys.all, 'commitments', officeIds] as const,
  stale: (days: number, officeIds: readonly number[] = []) => [...reviewKeys.all, 'stale', days, officeIds] as const,
};

/**
 * The commitments review: counts by status, owner and age, for managers;
 * of the given offices only (all the reader may see when none).
 */
export function useCommitmentReview(officeIds: readonly number[] = [], enabled = true) {
  return useQuery({ ...commitmentReviewQuery(officeIds), enabled, placeholderData: keepPreviousData });
}

/** The query behind useCommitmentReview, for starting it before the page is drawn (src/pageData.ts). */
export function commitmentReviewQuery(officeIds: readonly number[] = []) {
  return queryOptions({
    queryKey: reviewKeys.commitments(officeIds),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/review/commitments', { params: { query: officeIds.length ? { office_id: [...officeIds] } : {} }, signal })),
  });
}

/**
 * Key stakeholders (influence 4 or more, or open commitments) that no held
 * interaction has touched in `days` days, the longest untouched first.
 */
export function useStaleOrganizations(days: StaleDays, officeIds: readonly number[] = []) {
  return useQuery({
    queryKey: reviewKeys.stale(days, officeIds),
    queryFn: async ({ signal }) =>
      (await unwrap(api.GET('/api/v1/review/stale', { params: { query: { days, ...(officeIds.length ? { office_id: [...officeIds] } : {}) } }, signal })))
        .items ?? [],
    placeholderData: keepPreviousData,
  });
}
