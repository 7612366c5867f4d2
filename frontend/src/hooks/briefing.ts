import { useQuery } from '@tanstack/react-query';
import { api, unwrap, type ResponseBody } from '../api/client';

export type Briefing = ResponseBody<'/api/v1/visits/{id}/briefing', 'get'>;

export const briefingKeys = {
  all: ['briefing'] as const,
  of: (id: number, tz: string) => [...briefingKeys.all, id, tz] as const,
};

/**
 * A visit's briefing pack, read afresh whenever the page opens: it is
 * printed from what the records say at that moment, so no write needs to
 * keep it up to date.
 */
export function useBriefing(id: number, tz: string) {
  return useQuery({
    queryKey: briefingKeys.of(id, tz),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/visits/{id}/briefing', { params: { path: { id }, query: { tz } }, signal })),
    staleTime: 0,
    gcTime: 0,
    refetchOnMount: 'always',
  });
}
