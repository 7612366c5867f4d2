import { keepPreviousData, queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, unwrap, type RequestBody, type ResponseBody } from '../api/client';
import { compact } from './list';
import { invalidateAfter } from './invalidation';

type ProjectPage = ResponseBody<'/api/v1/projects', 'get'>;
/** A project as lists show it. */
export type ProjectRecord = ProjectPage['items'][number];
export type Project = ResponseBody<'/api/v1/projects/{id}', 'get'>;
export type ProjectSort = 'name' | 'code';
export type CreateProjectInput = RequestBody<'/api/v1/projects', 'post'>;
export type ProjectPatch = RequestBody<'/api/v1/projects/{id}', 'patch'>;

/** What the admin's list of projects is narrowed by. */
export interface ProjectFilter {
  q?: string;
  archived?: boolean;
}

export const projectKeys = {
  all: ['projects'] as const,
  lists: () => [...projectKeys.all, 'list'] as const,
  list: (sort: ProjectSort) => [...projectKeys.lists(), sort] as const,
  details: () => [...projectKeys.all, 'detail'] as const,
  detail: (id: number) => [...projectKeys.details(), id] as const,
  pages: (filter: ProjectFilter) => [...projectKeys.all, 'pages', filter] as const,
};

/**
 * Every live project (an office runs tens of them, not thousands), for
 * pickers and filters, by name or by code.
 */
export function useProjects(sort: ProjectSort = 'name') {
  return useQuery(projectsQuery(sort));
}

/** The query behind useProjects, for starting it before a page with a project filter is drawn (src/pageData.ts). */
export function projectsQuery(sort: ProjectSort = 'name') {
  return queryOptions({
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
  return useQuery({ ...projectQuery(id ?? 0), enabled: !!id });
}

/** The query behind useProject, for starting it before the page is drawn. */
export function projectQuery(id: number) {
  return queryOptions({
    queryKey: projectKeys.detail(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/projects/{id}', { params: { path: { id } }, signal })),
  });
}

/** The admin's paged list of projects, live or archived. */
export function useProjectList(filter: ProjectFilter) {
  const query = compact(filter);
  return useInfiniteQuery({
    queryKey: projectKeys.pages(query),
    queryFn: ({ pageParam, signal }) =>
      unwrap(api.GET('/api/v1/projects', { params: { query: { ...query, limit: 100, ...(pageParam ? { cursor: pageParam } : {}) } }, signal })),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.next_cursor ?? null,
    placeholderData: keepPreviousData,
  });
}

export function useCreateProject() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateProjectInput) => unwrap(api.POST('/api/v1/projects', { body })),
    onSuccess: () => invalidateAfter(queryClient, 'project'),
  });
}

export function useUpdateProject() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ project, patch }: { project: ProjectRecord; patch: ProjectPatch }) =>
      unwrap(api.PATCH('/api/v1/projects/{id}', { params: { path: { id: project.id }, header: ifMatch(project.version) }, body: patch })),
    onSuccess: () => invalidateAfter(queryClient, 'project'),
  });
}

export function useArchiveProject() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (project: ProjectRecord) =>
      unwrap(api.DELETE('/api/v1/projects/{id}', { params: { path: { id: project.id }, header: ifMatch(project.version) } })),
    onSuccess: () => invalidateAfter(queryClient, 'project'),
  });
}

export function useRestoreProject() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (project: ProjectRecord) => unwrap(api.POST('/api/v1/projects/{id}/restore', { params: { path: { id: project.id } } })),
    onSuccess: () => invalidateAfter(queryClient, 'project'),
  });
}
