import { infiniteQueryOptions, keepPreviousData, queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, ifMatch, unwrap, type RequestBody, type ResponseBody } from '../api/client';
import type { paths } from '../api/schema';
import { invalidateAfter } from './invalidation';
import { COUNT_QUERY, compact, listTotal } from './list';

export type ContactPage = ResponseBody<'/api/v1/contacts', 'get'>;
export type Contact = NonNullable<ContactPage['items']>[number];
export type Position = Contact['positions'][number];
export type Gender = NonNullable<Contact['gender']>;
export type ConsentBasis = NonNullable<Contact['consent_basis']>;
export type CreateContactInput = RequestBody<'/api/v1/contacts', 'post'>;
export type ContactPatch = RequestBody<'/api/v1/contacts/{id}', 'patch'>;
type ListQuery = NonNullable<paths['/api/v1/contacts']['get']['parameters']['query']>;

export type ContactFilter = Omit<ListQuery, 'cursor' | 'limit' | 'count'>;
export type ContactSort = NonNullable<ListQuery['sort']>;

export const CONTACTS_PAGE_SIZE = 50;

export const contactKeys = {
  all: ['contacts'] as const,
  lists: () => [...contactKeys.all, 'list'] as const,
  list: (filter: ContactFilter, pageSize?: number) => [...contactKeys.lists(), filter, pageSize ?? CONTACTS_PAGE_SIZE] as const,
  counts: () => [...contactKeys.all, 'count'] as const,
  count: (filter: ContactFilter) => [...contactKeys.counts(), filter] as const,
  optionLists: () => [...contactKeys.all, 'options'] as const,
  options: (q: string) => [...contactKeys.optionLists(), q] as const,
  details: () => [...contactKeys.all, 'detail'] as const,
  detail: (id: number) => [...contactKeys.details(), id] as const,
};

export function useContacts(filter: ContactFilter, pageSize = CONTACTS_PAGE_SIZE) {
  return useInfiniteQuery(contactsQuery(filter, pageSize));
}

/** The query behind useContacts, for starting it before the page is drawn (src/pageData.ts). */
export function contactsQuery(filter: ContactFilter, pageSize = CONTACTS_PAGE_SIZE) {
  const query = compact(filter);
  return infiniteQueryOptions({
    queryKey: contactKeys.list(query, pageSize),
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/v1/contacts', {
          params: { query: { ...query, limit: pageSize, ...(pageParam ? { cursor: pageParam } : {}) } },
          signal,
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.next_cursor ?? null,
    placeholderData: keepPreviousData,
  });
}

export function useContactCount(filter: ContactFilter, enabled = true) {
  return useQuery({ ...contactCountQuery(filter), enabled });
}

/** The query behind useContactCount. */
export function contactCountQuery(filter: ContactFilter) {
  const query = compact(filter);
  return queryOptions({
    queryKey: contactKeys.count(query),
    queryFn: async ({ signal }) =>
      listTotal(await unwrap(api.GET('/api/v1/contacts', { params: { query: { ...query, ...COUNT_QUERY } }, signal }))),
  });
}

/** Up to 20 contacts whose names match `q`, for pickers and filters. */
export function useContactOptions(q: string, enabled = true) {
  const term = q.trim();
  return useQuery({
    queryKey: contactKeys.options(term),
    queryFn: async ({ signal }) =>
      (await unwrap(api.GET('/api/v1/contacts', { params: { query: { limit: 20, ...(term ? { q: term } : {}) } }, signal }))).items ?? [],
    enabled,
    staleTime: 60_000,
  });
}

export function fetchContact(id: number, signal?: AbortSignal) {
  return unwrap(api.GET('/api/v1/contacts/{id}', { params: { path: { id } }, signal }));
}

/** Asks for a contact before its page is opened, as prefetchOrganization does for an organization. */
export function prefetchContact(queryClient: QueryClient, id: number) {
  return queryClient.prefetchQuery({ queryKey: contactKeys.detail(id), queryFn: ({ signal }) => fetchContact(id, signal) });
}

export function useContact(id: number | null | undefined) {
  return useQuery({
    queryKey: contactKeys.detail(id ?? 0),
    queryFn: ({ signal }) => fetchContact(id!, signal),
    enabled: typeof id === 'number' && id > 0,
  });
}

/** The saved contact is what the server answered; everything that shows contacts is re-read. */
function remember(queryClient: QueryClient, contact: Contact) {
  queryClient.setQueryData(contactKeys.detail(contact.id), contact);
  void invalidateAfter(queryClient, 'contact');
}

export function useCreateContact() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateContactInput) => unwrap(api.POST('/api/v1/contacts', { body })),
    onSuccess: (contact) => remember(queryClient, contact),
  });
}

export function useUpdateContact() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, patch }: { id: number; version: number; patch: ContactPatch }) =>
      unwrap(api.PATCH('/api/v1/contacts/{id}', { params: { path: { id }, header: ifMatch(version) }, body: patch })),
    onSuccess: (contact) => remember(queryClient, contact),
  });
}

export function useArchiveContact() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version }: { id: number; version: number }) =>
      unwrap(api.DELETE('/api/v1/contacts/{id}', { params: { path: { id }, header: ifMatch(version) } })),
    onSuccess: (_data, { id }) => {
      queryClient.removeQueries({ queryKey: contactKeys.detail(id) });
      void invalidateAfter(queryClient, 'contact');
    },
  });
}

export function useRestoreContact() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => unwrap(api.POST('/api/v1/contacts/{id}/restore', { params: { path: { id } } })),
    onSuccess: (contact) => remember(queryClient, contact),
  });
}
