import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, ifMatch, unwrap, type RequestBody, type ResponseBody } from '../api/client';
import type { paths } from '../api/schema';
import { invalidateAfter } from './invalidation';
import { compact, PAGED } from './list';

export type Commitment = ResponseBody<'/api/v1/commitments', 'get'>['items'][number];
export type CommitmentFilter = Omit<NonNullable<paths['/api/v1/commitments']['get']['parameters']['query']>, 'cursor' | 'limit'>;
export type CreateCommitmentInput = RequestBody<'/api/v1/commitments', 'post'>;

const PAGE = 50;

export const commitmentKeys = {
  all: ['commitments'] as const,
  lists: () => [...commitmentKeys.all, 'list'] as const,
  list: (filter: CommitmentFilter) => [...commitmentKeys.lists(), filter] as const,
  counts: () => [...commitmentKeys.all, 'count'] as const,
  count: (filter: CommitmentFilter) => [...commitmentKeys.counts(), filter] as const,
};

export function useCommitments(filter: CommitmentFilter) {
  const query = compact(filter);
  return useInfiniteQuery({
    queryKey: commitmentKeys.list(query),
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/v1/commitments', { params: { query: { ...query, limit: PAGE, ...(pageParam ? { cursor: pageParam } : {}) } }, signal }),
      ),
    ...PAGED,
  });
}

const OVERDUE: CommitmentFilter = { overdue: 'true' };

/** How many commitments are overdue (visible to the reader). */
export function useOverdueCount() {
  return useQuery({
    queryKey: commitmentKeys.count(OVERDUE),
    queryFn: async ({ signal }) =>
      (await unwrap(api.GET('/api/v1/commitments', { params: { query: { ...OVERDUE, limit: 1, count: true } }, signal }))).total ?? 0,
  });
}

export function useCreateCommitment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCommitmentInput) => unwrap(api.POST('/api/v1/commitments', { body })),
    onSuccess: () => void invalidateAfter(queryClient, 'commitment'),
  });
}

/** A status change (with its closure note when done), sent with the version it was read at. */
export function useSetCommitmentStatus() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, status, closure_note }: { id: number; version: number; status: Commitment['status']; closure_note?: string }) =>
      unwrap(
        api.PATCH('/api/v1/commitments/{id}', {
          params: { path: { id }, header: ifMatch(version) },
          body: { status, ...(closure_note !== undefined ? { closure_note } : {}) },
        }),
      ),
    onSuccess: () => void invalidateAfter(queryClient, 'commitment'),
  });
}

export interface ReassignInput {
  owner_id: number;
  commitments: Pick<Commitment, 'id' | 'version' | 'title'>[];
}

/**
 * Which of the sent commitments a 412 names (`body.commitments[i].version`),
 * or null when the answer does not say.
 */
export function staleCommitment<T>(error: unknown, sent: readonly T[]): T | null {
  if (!(error instanceof ApiError) || error.status !== 412) return null;
  for (const e of error.errors) {
    const m = /^body\.commitments\[(\d+)\]/.exec(e.location);
    if (m) return sent[Number(m[1])] ?? null;
  }
  return null;
}

/**
 * Hands commitments to another owner, all or none (POST /commitments/reassign).
 * The lists are re-read after a failure too: a 412 means one of them changed.
 */
export function useReassignCommitments() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ owner_id, commitments }: ReassignInput) =>
      unwrap(
        api.POST('/api/v1/commitments/reassign', {
          body: { owner_id, commitments: commitments.map(({ id, version }) => ({ id, version })) },
        }),
      ),
    onSettled: () => void invalidateAfter(queryClient, 'commitment'),
  });
}
