import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, unwrap, type ResponseBody } from '../api/client';
import { invalidateAfter } from './invalidation';

export type SignInOptions = ResponseBody<'/api/v1/auth/config', 'get'>;
export type TwoFactorEnrolment = ResponseBody<'/api/v1/auth/mfa', 'post'>;

/** Where single sign-on starts: a full-page navigation, never a fetch. */
export const SINGLE_SIGN_ON_PATH = '/auth/oidc/login';

export const signInKeys = {
  all: ['signIn'] as const,
  options: () => [...signInKeys.all, 'options'] as const,
};

/** What the sign-in page offers (public): single sign-on, passwords, or both. */
export function useSignInOptions() {
  return useQuery({
    queryKey: signInKeys.options(),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/auth/config', { signal })),
    staleTime: 10 * 60_000,
  });
}

/**
 * True when a sign-in was refused only for want of a one-time code: the
 * password was right and two-factor sign-in is on (401 mfa_required, whose
 * errors name body.otp).
 */
export function needsOneTimeCode(error: unknown): boolean {
  if (!(error instanceof ApiError) || error.status !== 401) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && code !== '') return code === 'mfa_required';
  return error.errors.some((e) => e.location === 'body.otp');
}

/** Starts (or starts over) an enrolment: a new secret and ten recovery codes, shown once. */
export function useEnrolTwoFactor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/auth/mfa')),
    onSuccess: () => invalidateAfter(queryClient, 'twoFactor'),
  });
}

/** Turns two-factor sign-in on with a first code from the app. */
export function useConfirmTwoFactor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => unwrap(api.POST('/api/v1/auth/mfa/confirm', { body: { code } })),
    onSuccess: () => invalidateAfter(queryClient, 'twoFactor'),
  });
}

/** Turns two-factor sign-in off; the server asks for a current code. */
export function useDisableTwoFactor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => unwrap(api.DELETE('/api/v1/auth/mfa', { body: { code } })),
    onSuccess: () => invalidateAfter(queryClient, 'twoFactor'),
  });
}

/** Admins: resets a user's two-factor sign-in (lost phone and recovery codes). */
export function useResetUserTwoFactor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => unwrap(api.DELETE('/api/v1/users/{id}/mfa', { params: { path: { id } } })),
    onSuccess: () => invalidateAfter(queryClient, 'twoFactor'),
  });
}
