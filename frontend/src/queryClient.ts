import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from './api/client';
import { authKeys, forgetRememberedUser } from './hooks/auth';

/**
 * The app's QueryClient. A 401 from any request other than "who am I" means
 * the session died (expired, signed out elsewhere, user deactivated): the
 * cached user is cleared, and the auth guard sends the person to /login.
 */
export function createQueryClient(options: { onSessionExpired?: () => void; retry?: boolean } = {}) {
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (error, query) => handleError(error, query.queryKey) }),
    mutationCache: new MutationCache({ onError: (error, _v, _c, mutation) => handleError(error, mutation.options.mutationKey) }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: options.retry === false ? false : (failureCount, error) => shouldRetry(failureCount, error),
      },
      // A save while offline fails at once with the network message and a retry
      // (the form and its draft stay), rather than waiting silently for a
      // connection; the quick log's outbox takes its own saves.
      mutations: { retry: false, networkMode: 'always' },
    },
  });

  function handleError(error: unknown, key: readonly unknown[] | undefined) {
    if (!(error instanceof ApiError) || error.status !== 401) return;
    if (key?.[0] === authKeys.all[0]) return; // login and "me" handle their own 401
    if (queryClient.getQueryData(authKeys.me()) === null) return;
    forgetRememberedUser();
    queryClient.setQueryData(authKeys.me(), null);
    options.onSessionExpired?.();
  }

  return queryClient;
}

function shouldRetry(failureCount: number, error: unknown): boolean {
  // A 4xx answer will not change by asking again; network blips and 5xx may.
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}
