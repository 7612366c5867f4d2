import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type ResponseBody } from '../api/client';
import { invalidateAfter } from './invalidation';

export type ApiToken = NonNullable<ResponseBody<'/api/v1/auth/tokens', 'get'>['items']>[number];

/** The signed-in person's personal API tokens. */
export const tokenKeys = {
  all: ['tokens'] as const,
  mine: () => [...tokenKeys.all, 'mine'] as const,
};

export function useMyTokens() {
  return useQuery({
    queryKey: tokenKeys.mine(),
    queryFn: async ({ signal }) => (await unwrap(api.GET('/api/v1/auth/tokens', { signal }))).items ?? [],
  });
}

/** Creates a token; its secret is in this answer only. */
export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => unwrap(api.POST('/api/v1/auth/tokens', { body: { name } })),
    onSuccess: () => invalidateAfter(queryClient, 'token'),
  });
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => unwrap(api.DELETE('/api/v1/auth/tokens/{id}', { params: { path: { id } } })),
    onSuccess: () => invalidateAfter(queryClient, 'token'),
  });
}
