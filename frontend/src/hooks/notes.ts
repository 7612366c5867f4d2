import { infiniteQueryOptions, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, unwrap, type ResponseBody } from '../api/client';
import { invalidateAfter } from './invalidation';

/** The collections whose records carry notes and documents. */
export type AttachableCollection = 'organizations' | 'contacts' | 'visits' | 'interactions';

export type NotePage = ResponseBody<'/api/v1/organizations/{id}/notes', 'get'>;
export type Note = NotePage['items'][number];

export const noteKeys = {
  all: ['notes'] as const,
  of: (collection: AttachableCollection, id: number) => [...noteKeys.all, collection, id] as const,
};

/**
 * The four collections' notes routes have one shape; the client is typed by
 * path, so one of them names them all.
 */
const notesPath = (collection: AttachableCollection) => `/api/v1/${collection}/{id}/notes` as '/api/v1/organizations/{id}/notes';

/** A record's notes, newest first, page by page. */
export function useNotes(collection: AttachableCollection, id: number, pageSize = 20) {
  return useInfiniteQuery(notesQuery(collection, id, pageSize));
}

/** The query behind useNotes, for starting it before the page is drawn (src/pageData.ts). */
export function notesQuery(collection: AttachableCollection, id: number, pageSize = 20) {
  return infiniteQueryOptions({
    queryKey: noteKeys.of(collection, id),
    queryFn: ({ pageParam, signal }) =>
      unwrap(api.GET(notesPath(collection), { params: { path: { id }, query: { limit: pageSize, ...(pageParam ? { cursor: pageParam } : {}) } }, signal })),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.next_cursor ?? null,
  });
}

export function useCreateNote(collection: AttachableCollection, id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => unwrap(api.POST(notesPath(collection), { params: { path: { id } }, body: { body } })),
    onSuccess: () => invalidateAfter(queryClient, 'note'),
  });
}

/** Changes the body of one's own note, from the version read. */
export function useUpdateNote() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ note, body }: { note: Note; body: string }) =>
      unwrap(api.PATCH('/api/v1/notes/{id}', { params: { path: { id: note.id }, header: ifMatch(note.version) }, body: { body } })),
    onSuccess: () => invalidateAfter(queryClient, 'note'),
  });
}

export function useDeleteNote() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (note: Note) => unwrap(api.DELETE('/api/v1/notes/{id}', { params: { path: { id: note.id }, header: ifMatch(note.version) } })),
    onSuccess: () => invalidateAfter(queryClient, 'note'),
  });
}
