import { queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, IDEMPOTENCY_HEADER, ifMatch, unwrap, type RequestBody, type ResponseBody } from '../api/client';
import { enqueue, outboxAvailable } from '../offline/outbox';
import type { paths } from '../api/schema';
import { authKeys, type User } from './auth';
import { invalidateAfter } from './invalidation';
import { COUNT_QUERY, compact, listTotal, PAGED } from './list';

/** An interaction as lists show it. */
export type Interaction = ResponseBody<'/api/v1/interactions', 'get'>['items'][number];
export type InteractionRecord = ResponseBody<'/api/v1/interactions/{id}', 'get'>;
export type InteractionFilter = Omit<NonNullable<paths['/api/v1/interactions']['get']['parameters']['query']>, 'cursor' | 'limit'>;
export type CreateInteractionInput = RequestBody<'/api/v1/interactions', 'post'>;
export type InteractionPatch = RequestBody<'/api/v1/interactions/{id}', 'patch'>;
export type InteractionRole = NonNullable<CreateInteractionInput['participants']>[number]['role'];

/** The roles one may have at a meeting, in the order they are offered. */
export const INTERACTION_ROLES = ['host', 'participant', 'speaker', 'organiser', 'observer'] as const satisfies readonly InteractionRole[];

const PAGE = 50;

export const interactionKeys = {
  all: ['interactions'] as const,
  lists: () => [...interactionKeys.all, 'list'] as const,
  list: (filter: InteractionFilter) => [...interactionKeys.lists(), filter] as const,
  counts: () => [...interactionKeys.all, 'count'] as const,
  count: (filter: InteractionFilter) => [...interactionKeys.counts(), filter] as const,
  details: () => [...interactionKeys.all, 'detail'] as const,
  detail: (id: number) => [...interactionKeys.details(), id] as const,
};

export function useInteractions(filter: InteractionFilter) {
  const query = compact(filter);
  return useInfiniteQuery({
    queryKey: interactionKeys.list(query),
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/v1/interactions', { params: { query: { ...query, limit: PAGE, ...(pageParam ? { cursor: pageParam } : {}) } }, signal }),
      ),
    ...PAGED,
  });
}

/** How many interactions a filter matches, asked for only when wanted (counting is work for the server). */
export function useInteractionCount(filter: InteractionFilter, enabled: boolean) {
  const query = compact(filter);
  return useQuery({
    queryKey: interactionKeys.count(query),
    queryFn: async ({ signal }) => listTotal(await unwrap(api.GET('/api/v1/interactions', { params: { query: { ...query, ...COUNT_QUERY } }, signal }))),
    enabled,
  });
}

/** The interaction as it is now on the server (a 412 shows it beside what one typed). */
export function fetchInteraction(id: number, signal?: AbortSignal) {
  return unwrap(api.GET('/api/v1/interactions/{id}', { params: { path: { id } }, signal }));
}

/** One interaction, for its page; a null id waits. */
export function useInteraction(id: number | null | undefined) {
  return useQuery({ ...interactionQuery(id ?? 0), enabled: !!id });
}

/** The query behind useInteraction, for starting it before the page is drawn (src/pageData.ts). */
export function interactionQuery(id: number) {
  return queryOptions({ queryKey: interactionKeys.detail(id), queryFn: ({ signal }) => fetchInteraction(id, signal) });
}

/** The server's answer is the interaction's page: kept, and everything it touches marked stale. */
function remember(queryClient: ReturnType<typeof useQueryClient>, saved: InteractionRecord) {
  queryClient.setQueryData(interactionKeys.detail(saved.id), saved);
  return invalidateAfter(queryClient, 'interaction', { keep: [interactionKeys.detail(saved.id)] });
}

/** Logs an interaction, with its follow-up commitments in the same request. */
export function useCreateInteraction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateInteractionInput) => unwrap(api.POST('/api/v1/interactions', { body })),
    onSuccess: () => void invalidateAfter(queryClient, 'interaction'),
  });
}

/** What logging gave: the saved interaction, or the request kept in this device's outbox. */
export type LogResult = { queued: false; interaction: InteractionRecord } | { queued: true };

export interface LogRequest {
  body: CreateInteractionInput;
  /** One key per logical request, the same on every retry of it. */
  idempotencyKey: string;
  /** Names the item in the outbox list. */
  label: string;
  /** The form's values, kept with an outbox item so it can be edited after a refusal. */
  form?: unknown;
}

/**
 * The quick log's save: the interaction and its follow-ups in one request,
 * with an Idempotency-Key. When the server cannot be reached (or the browser
 * knows it is offline) the request goes to the outbox and is sent, with the
 * same key, when the connection returns.
 */
export function useLogInteraction() {
  const queryClient = useQueryClient();
  return useMutation({
    // Not paused while offline (the default): offline is exactly when the outbox takes it.
    networkMode: 'always',
    mutationFn: async ({ body, idempotencyKey, label, form }: LogRequest): Promise<LogResult> => {
      const keep = async () => {
        const me = queryClient.getQueryData<User | null>(authKeys.me());
        if (!me) throw new ApiError({ status: 0, detail: 'not signed in' });
        await enqueue({ id: idempotencyKey, user_id: me.id, path: '/api/v1/interactions', body, kind: 'interaction', label, form });
        return { queued: true } as const;
      };
      if (navigator.onLine === false && outboxAvailable()) return keep();
      try {
        const interaction = await unwrap(api.POST('/api/v1/interactions', { body, headers: { [IDEMPOTENCY_HEADER]: idempotencyKey } }));
        return { queued: false, interaction };
      } catch (cause) {
        if (cause instanceof ApiError && cause.isNetworkError && outboxAvailable()) {
          try {
            return await keep();
          } catch {
            // No outbox on this device after all: say that the server could not be reached.
          }
        }
        throw cause;
      }
    },
    onSuccess: (result) => {
      if (!result.queued) void invalidateAfter(queryClient, 'interaction');
    },
  });
}

/** A merge patch sent with the version it was based on: a 412 means someone saved first. */
export function useUpdateInteraction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, patch }: { id: number; version: number; patch: InteractionPatch }) =>
      unwrap(api.PATCH('/api/v1/interactions/{id}', { params: { path: { id }, header: ifMatch(version) }, body: patch })),
    onSuccess: (saved) => void remember(queryClient, saved),
  });
}

/** Archives an interaction (with If-Match): it leaves lists, timelines and its page. */
export function useArchiveInteraction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version }: { id: number; version: number }) =>
      unwrap(api.DELETE('/api/v1/interactions/{id}', { params: { path: { id }, header: ifMatch(version) } })),
    onSuccess: (_data, { id }) => {
      queryClient.removeQueries({ queryKey: interactionKeys.detail(id) });
      void invalidateAfter(queryClient, 'interaction');
    },
  });
}

/** Brings an archived interaction back (a manager's act). */
export function useRestoreInteraction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => unwrap(api.POST('/api/v1/interactions/{id}/restore', { params: { path: { id } } })),
    onSuccess: (saved) => void remember(queryClient, saved),
  });
}
