import { useQuery } from '@tanstack/react-query';
import { api, unwrap, type ResponseBody } from '../api/client';

export type Tag = NonNullable<ResponseBody<'/api/v1/tags', 'get'>['items']>[number];

export const tagKeys = {
  all: ['tags'] as const,
  list: () => [...tagKeys.all, 'list'] as const,
};

export function useTags() {
  return useQuery({
    queryKey: tagKeys.list(),
    queryFn: async ({ signal }) => (await unwrap(api.GET('/api/v1/tags', { signal }))).items ?? [],
    staleTime: 10 * 60_000,
  });
}
