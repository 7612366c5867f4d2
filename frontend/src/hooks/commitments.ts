import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, unwrap, type ResponseBody } from '../api/client';
import type { Commitment } from './engagement';

export type ProjectRecord = NonNullable<ResponseBody<'/api/v1/projects', 'get'>['items']>[number];

/** Every project (an organisation runs tens of them), for filters. */
export function useProjectDirectory() {
  return useQuery({
    queryKey: ['projects', 'directory'] as const,
    queryFn: async ({ signal }) => {
      const out: ProjectRecord[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 10; page++) {
        const result: ResponseBody<'/api/v1/projects', 'get'> = await unwrap(
          api.GET('/api/v1/projects', { params: { query: { limit: 200, ...(cursor ? { cursor } : {}) } }, signal }),
        );
        out.push(...(result.items ?? []));
        cursor = result.next_cursor ?? null;
        if (!cursor) break;
      }
      return out;
    },
    staleTime: 5 * 60_000,
  });
}

/** Contacts matching a typed name, for the counterpart filter. */
export function useContactOptions(q: string, enabled: boolean) {
  return useQuery({
    queryKey: ['contacts', 'options', q] as const,
    queryFn: async ({ signal }) =>
      (await unwrap(api.GET('/api/v1/contacts', { params: { query: { limit: 20, ...(q ? { q } : {}) } }, signal }))).items ?? [],
    enabled,
    staleTime: 60_000,
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

/** Hands commitments to another owner, all or none (POST /commitments/reassign). */
export function useReassignCommitments() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ owner_id, commitments }: ReassignInput) =>
      unwrap(
        api.POST('/api/v1/commitments/reassign', {
          body: { owner_id, commitments: commitments.map(({ id, version }) => ({ id, version })) },
        }),
      ),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ['commitments'] });
      void queryClient.invalidateQueries({ queryKey: ['review'] });
    },
  });
}
