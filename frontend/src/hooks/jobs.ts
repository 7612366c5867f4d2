import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type ResponseBody } from '../api/client';
import type { paths } from '../api/schema';
import { invalidateAfter } from './invalidation';
import { PAGED } from './list';

export type Job = ResponseBody<'/api/v1/admin/jobs', 'get'>['items'][number];
export type JobState = Job['state'];
export type JobSummary = ResponseBody<'/api/v1/admin/jobs/summary', 'get'>;
/** The groups of states the admin's list is filtered by ("failed" is retryable and discarded). */
export type JobStateFilter = NonNullable<NonNullable<paths['/api/v1/admin/jobs']['get']['parameters']['query']>['state']>;

const PAGE = 50;

/** The background jobs, for an admin. */
export const jobKeys = {
  all: ['jobs'] as const,
  summary: () => [...jobKeys.all, 'summary'] as const,
  pages: (state: JobStateFilter) => [...jobKeys.all, 'pages', state] as const,
};

/** How many jobs are queued, running, retrying, failed and completed. */
export function useJobSummary() {
  return useQuery({
    queryKey: jobKeys.summary(),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/admin/jobs/summary', { signal })),
  });
}

/** The jobs in one group of states, newest first, a page at a time. */
export function useJobList(state: JobStateFilter) {
  return useInfiniteQuery({
    queryKey: jobKeys.pages(state),
    queryFn: ({ pageParam, signal }) =>
      unwrap(api.GET('/api/v1/admin/jobs', { params: { query: { state, limit: PAGE, ...(pageParam ? { cursor: pageParam } : {}) } }, signal })),
    ...PAGED,
  });
}

/** True for a job that failed and may be run again: it is waiting to retry, or was given up on. */
export function canRetry(job: Pick<Job, 'state'>): boolean {
  return job.state === 'retryable' || job.state === 'discarded';
}

/** Runs a failed job again now. */
export function useRetryJob() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => unwrap(api.POST('/api/v1/admin/jobs/{id}/retry', { params: { path: { id } } })),
    onSuccess: () => invalidateAfter(queryClient, 'job'),
  });
}
