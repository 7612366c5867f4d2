import { useQuery } from '@tanstack/react-query';
import { api, unwrap, type ResponseBody } from '../api/client';

type ProjectPage = ResponseBody<'/api/v1/projects', 'get'>;
/** A project as lists show it. */
export type ProjectRecord = ProjectPage['items'][number];
export type Project = ResponseBody<'/api/v1/projects/{id}', 'get'>;
export type ProjectSort = 'name' | 'code';

export const projectKeys = {
  all: ['projects'] as const,
  lists: () => [...projectKeys.all, 'list'] as const,
  list: (sort: ProjectSort) => [...projectKeys.lists(), sort] as const,
  details: () => [...projectKeys.all, 'detail'] as const,
  detail: (id: number) => [...projectKeys.details(), id] as const,
};

/**
 * Every live project (an office runs tens of them, not thousands), for
 * pickers and filters, by name or by code.
 */
export function useProjects(sort: ProjectSort = 'name') {
  return useQuery({
    queryKey: projectKeys.list(sort),
    queryFn: async ({ signal }) => {
      const out: ProjectRecord[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 10; page++) {
        const result: ProjectPage = await unwrap(
          api.GET('/api/v1/projects', { params: { query: { limit: 200, sort, ...(cursor ? { cursor } : {}) } }, signal }),
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

export function useProject(id: number | null | undefined) {
  return useQuery({
    queryKey: projectKeys.detail(id ?? 0),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/projects/{id}', { params: { path: { id: id! } }, signal })),
    enabled: !!id,
  });
}
