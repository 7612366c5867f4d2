import { keepPreviousData, queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, unwrap, type RequestBody, type ResponseBody } from '../api/client';
import { compact } from './list';
import { invalidateAfter } from './invalidation';

type TagPage = ResponseBody<'/api/v1/tags', 'get'>;
export type Tag = TagPage['items'][number];
export type TagKind = Tag['kind'];
export type CreateTagInput = RequestBody<'/api/v1/tags', 'post'>;

/** What the admin's list of tags is narrowed by. */
export interface TagFilter {
  q?: string;
  kind?: TagKind[];
  archived?: boolean;
}

export const tagKeys = {
  all: ['tags'] as const,
  list: () => [...tagKeys.all, 'list'] as const,
  pages: (filter: TagFilter) => [...tagKeys.all, 'pages', filter] as const,
};

/** Every page of the tags, live or archived: a few hundred at most. */
async function allTags(archived: boolean, signal: AbortSignal): Promise<Tag[]> {
  const out: Tag[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 20; page++) {
    const result: TagPage = await unwrap(
      api.GET('/api/v1/tags', { params: { query: { limit: 200, archived, ...(cursor ? { cursor } : {}) } }, signal }),
    );
    out.push(...result.items);
    cursor = result.next_cursor ?? null;
    if (!cursor) break;
  }
  return out;
}

/**
 * Every tag, the archived ones too (`archived_at` set): records still carry
 * them and show their names, while pickers offer only the live ones.
 */
export function useTags() {
  return useQuery(tagsQuery());
}

/** The query behind useTags, for starting it before a page is drawn (src/pageData.ts). */
export function tagsQuery() {
  return queryOptions({
    queryKey: tagKeys.list(),
    queryFn: async ({ signal }) => {
      const [live, archived] = await Promise.all([allTags(false, signal), allTags(true, signal)]);
      return [...new Map([...live, ...archived].map((tag) => [tag.id, tag])).values()];
    },
    staleTime: 10 * 60_000,
  });
}

/** The admin's paged list of tags. */
export function useTagList(filter: TagFilter) {
  const query = compact(filter);
  return useInfiniteQuery({
    queryKey: tagKeys.pages(query),
    queryFn: ({ pageParam, signal }) =>
      unwrap(api.GET('/api/v1/tags', { params: { query: { ...query, limit: 100, ...(pageParam ? { cursor: pageParam } : {}) } }, signal })),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.next_cursor ?? null,
    placeholderData: keepPreviousData,
  });
}

export function useCreateTag() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateTagInput) => unwrap(api.POST('/api/v1/tags', { body })),
    onSuccess: () => invalidateAfter(queryClient, 'tag'),
  });
}

export function useRenameTag() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ tag, name }: { tag: Tag; name: string }) =>
      unwrap(api.PATCH('/api/v1/tags/{id}', { params: { path: { id: tag.id }, header: ifMatch(tag.version) }, body: { name } })),
    onSuccess: () => invalidateAfter(queryClient, 'tag'),
  });
}

export function useArchiveTag() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (tag: Tag) => unwrap(api.DELETE('/api/v1/tags/{id}', { params: { path: { id: tag.id }, header: ifMatch(tag.version) } })),
    onSuccess: () => invalidateAfter(queryClient, 'tag'),
  });
}

export function useRestoreTag() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (tag: Tag) => unwrap(api.POST('/api/v1/tags/{id}/restore', { params: { path: { id: tag.id } } })),
    onSuccess: () => invalidateAfter(queryClient, 'tag'),
  });
}

/** Moves every use of a tag onto another and archives it: records change too. */
export function useMergeTag() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ tag, into }: { tag: Tag; into: number }) =>
      unwrap(api.POST('/api/v1/tags/{id}/merge', { params: { path: { id: tag.id }, header: ifMatch(tag.version) }, body: { into } })),
    onSuccess: () => invalidateAfter(queryClient, 'tagMerge'),
  });
}
