import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type RequestBody, type ResponseBody } from '../api/client';
import { invalidateAfter } from './invalidation';

export type Preferences = ResponseBody<'/api/v1/me/preferences', 'get'>;
export type PreferencesPatch = RequestBody<'/api/v1/me/preferences', 'patch'>;
export type Digest = Preferences['digest'];

/** The signed-in person's notification and email settings. */
export const preferenceKeys = {
  all: ['preferences'] as const,
  mine: () => [...preferenceKeys.all, 'mine'] as const,
};

export function usePreferences() {
  return useQuery({
    queryKey: preferenceKeys.mine(),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/me/preferences', { signal })),
  });
}

/** Saves the fields given; the answer is the whole of my settings, kept as the server said them. */
export function useUpdatePreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: PreferencesPatch) => unwrap(api.PATCH('/api/v1/me/preferences', { body: patch })),
    onSuccess: (saved) => {
      queryClient.setQueryData(preferenceKeys.mine(), saved);
      return invalidateAfter(queryClient, 'preferences', { keep: [preferenceKeys.mine()] });
    },
  });
}
