import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type RequestBody, type ResponseBody } from '../api/client';
import { invalidateAfter } from './invalidation';

export type SignInSession = NonNullable<ResponseBody<'/api/v1/me/sessions', 'get'>['items']>[number];
export type PasswordChange = RequestBody<'/api/v1/auth/password', 'post'>;

/** Sign-in sessions: the signed-in person's own, and (for admins) anyone's. */
export const sessionKeys = {
  all: ['sessions'] as const,
  mine: () => [...sessionKeys.all, 'mine'] as const,
  ofUser: (userId: number) => [...sessionKeys.all, 'user', userId] as const,
};

/** Where I am signed in; the session of this browser is marked `current`. */
export function useMySessions() {
  return useQuery({
    queryKey: sessionKeys.mine(),
    queryFn: async ({ signal }) => (await unwrap(api.GET('/api/v1/me/sessions', { signal }))).items ?? [],
  });
}

/** Ends one of my sessions (another browser or device). */
export function useEndMySession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => unwrap(api.DELETE('/api/v1/me/sessions/{id}', { params: { path: { id } } })),
    onSuccess: () => invalidateAfter(queryClient, 'session'),
  });
}

/** Ends every session of mine but this one; answers how many ended. */
export function useEndMyOtherSessions() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => (await unwrap(api.POST('/api/v1/me/sessions/revoke-others'))).ended,
    onSuccess: () => invalidateAfter(queryClient, 'session'),
  });
}

/**
 * Changes my password. The server ends my other sessions, and revokes my
 * personal API tokens unless `revoke_tokens` is false.
 */
export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PasswordChange) => unwrap(api.POST('/api/v1/auth/password', { body })),
    onSuccess: () => invalidateAfter(queryClient, 'password'),
  });
}

/** A user's sessions, for an admin. */
export function useUserSessions(userId: number) {
  return useQuery({
    queryKey: sessionKeys.ofUser(userId),
    queryFn: async ({ signal }) =>
      (await unwrap(api.GET('/api/v1/users/{id}/sessions', { params: { path: { id: userId } }, signal }))).items ?? [],
  });
}

/** Ends all of a user's sessions (an admin's act), and optionally revokes their API tokens. */
export function useEndUserSessions() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, revokeTokens }: { userId: number; revokeTokens: boolean }) =>
      unwrap(api.DELETE('/api/v1/users/{id}/sessions', { params: { path: { id: userId }, query: { revoke_tokens: revokeTokens } } })),
    onSuccess: async (_data, { revokeTokens }) => {
      await invalidateAfter(queryClient, 'session');
      if (revokeTokens) await invalidateAfter(queryClient, 'token');
    },
  });
}
