import { useMemo } from 'react';
import { infiniteQueryOptions, keepPreviousData, queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, ApiError, ifMatch, unwrap, type RequestBody, type ResponseBody } from '../api/client';
import type { paths } from '../api/schema';
import { invalidateAfter } from './invalidation';
import { COUNT_QUERY, compact, listTotal, PAGED } from './list';

export type Commitment = ResponseBody<'/api/v1/commitments', 'get'>['items'][number];
export type CommitmentFilter = Omit<NonNullable<paths['/api/v1/commitments']['get']['parameters']['query']>, 'cursor' | 'limit'>;
export type CreateCommitmentInput = RequestBody<'/api/v1/commitments', 'post'>;
export type CommitmentPatch = RequestBody<'/api/v1/commitments/{id}', 'patch'>;
export type AuditEvent = ResponseBody<'/api/v1/audit', 'get'>['items'][number];

const PAGE = 50;

export const commitmentKeys = {
  all: ['commitments'] as const,
  lists: () => [...commitmentKeys.all, 'list'] as const,
  list: (filter: CommitmentFilter) => [...commitmentKeys.lists(), filter] as const,
  counts: () => [...commitmentKeys.all, 'count'] as const,
  count: (filter: CommitmentFilter) => [...commitmentKeys.counts(), filter] as const,
  details: () => [...commitmentKeys.all, 'detail'] as const,
  detail: (id: number) => [...commitmentKeys.details(), id] as const,
  /** The meeting a commitment was promised at: interaction writes reach it through `all`. */
  promisedAt: (interactionId: number) => [...commitmentKeys.all, 'promisedAt', interactionId] as const,
};

/**
 * Names of the organizations and people commitments are made with, asked
 * for a page at a time (`id=` on the lists), never one request per row.
 * Organization and contact writes make them stale (hooks/invalidation.ts).
 */
export const counterpartKeys = {
  all: ['counterparts'] as const,
  organizations: (ids: readonly number[]) => [...counterpartKeys.all, 'organizations', ids] as const,
  contacts: (ids: readonly number[]) => [...counterpartKeys.all, 'contacts', ids] as const,
};

export function fetchCommitment(id: number, signal?: AbortSignal) {
  return unwrap(api.GET('/api/v1/commitments/{id}', { params: { path: { id } }, signal }));
}

/** One commitment, for its page; null id waits. */
export function useCommitment(id: number | null | undefined) {
  return useQuery({ ...commitmentQuery(id ?? 0), enabled: !!id });
}

/** The query behind useCommitment, for starting it before the page is drawn. */
export function commitmentQuery(id: number) {
  return queryOptions({ queryKey: commitmentKeys.detail(id), queryFn: ({ signal }) => fetchCommitment(id, signal) });
}

/**
 * The meeting a commitment was promised at, named on its page. Every
 * interaction write makes commitments stale, this included.
 */
export function usePromisedAt(interactionId: number | null | undefined) {
  return useQuery({ ...promisedAtQuery(interactionId ?? 0), enabled: !!interactionId });
}

/** The query behind usePromisedAt, for starting it before the page is drawn. */
export function promisedAtQuery(interactionId: number) {
  return queryOptions({
    queryKey: commitmentKeys.promisedAt(interactionId),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/interactions/{id}', { params: { path: { id: interactionId } }, signal })),
  });
}

const NAME_BATCH = 200;

function distinct(ids: readonly (number | null | undefined)[]): number[] {
  return [...new Set(ids.filter((id): id is number => typeof id === 'number' && id > 0))].sort((a, b) => a - b);
}

async function namesOf(
  ids: number[],
  fetchPage: (batch: number[], signal?: AbortSignal) => Promise<{ id: number; name: string }[]>,
  signal?: AbortSignal,
): Promise<Record<number, string>> {
  const out: Record<number, string> = {};
  for (let i = 0; i < ids.length; i += NAME_BATCH) {
    for (const { id, name } of await fetchPage(ids.slice(i, i + NAME_BATCH), signal)) out[id] = name;
  }
  return out;
}

/**
 * The counterpart names of a set of commitments: one request for their
 * organizations and one for their people, whatever the number of rows.
 * A person hidden from the reader has no name here (the row shows none).
 */
export function useCounterpartNames(items: readonly Pick<Commitment, 'counterpart_organization_id' | 'counterpart_contact_id'>[]) {
  const queries = counterpartNameQueries(items);
  const organizations = useQuery(queries.organizations);
  const contacts = useQuery(queries.contacts);
  const organizationNames = organizations.data;
  const contactNames = contacts.data;
  const loading = organizations.isLoading || contacts.isLoading;
  // The same object until a name or the loading state changes: tables
  // whose columns show the names keep their rows drawn (VirtualTable's Cells).
  return useMemo(
    () => ({
      organization: (id: number | null | undefined) => (id ? (organizationNames?.[id] ?? '') : ''),
      contact: (id: number | null | undefined) => (id ? (contactNames?.[id] ?? '') : ''),
      /** The names are still being read (a row can keep their place meanwhile). */
      loading,
    }),
    [organizationNames, contactNames, loading],
  );
}

/** Starts both counterpart-name queries for these commitments (a page's first render then finds the names in). */
export function prefetchCounterpartNames(
  queryClient: QueryClient,
  items: readonly Pick<Commitment, 'counterpart_organization_id' | 'counterpart_contact_id'>[],
): Promise<unknown> {
  const names = counterpartNameQueries(items);
  return Promise.all([queryClient.prefetchQuery(names.organizations), queryClient.prefetchQuery(names.contacts)]);
}

/**
 * The two queries behind useCounterpartNames, for a page that starts them
 * before it is drawn (pages/pageData.ts): same keys, same requests.
 */
export function counterpartNameQueries(items: readonly Pick<Commitment, 'counterpart_organization_id' | 'counterpart_contact_id'>[]) {
  const orgIds = distinct(items.map((c) => c.counterpart_organization_id));
  const contactIds = distinct(items.map((c) => c.counterpart_contact_id));
  return {
    organizations: nameQuery(counterpartKeys.organizations(orgIds), orgIds, async (id, signal) =>
      (await unwrap(api.GET('/api/v1/organizations', { params: { query: { id, limit: NAME_BATCH } }, signal }))).items.map((o) => ({
        id: o.id,
        name: o.acronym ? `${o.name} (${o.acronym})` : o.name,
      })),
    ),
    contacts: nameQuery(counterpartKeys.contacts(contactIds), contactIds, async (id, signal) =>
      (await unwrap(api.GET('/api/v1/contacts', { params: { query: { id, limit: NAME_BATCH } }, signal }))).items.map((c) => ({
        id: c.id,
        name: c.full_name,
      })),
    ),
  };
}

/** One of counterpartNameQueries: the names of ids, read a batch at a time, kept five minutes. */
function nameQuery(
  queryKey: readonly unknown[],
  ids: number[],
  fetchPage: (batch: number[], signal?: AbortSignal) => Promise<{ id: number; name: string }[]>,
) {
  return queryOptions({
    queryKey,
    queryFn: ({ signal }) => namesOf(ids, fetchPage, signal),
    enabled: ids.length > 0,
    staleTime: 5 * 60_000,
    placeholderData: keepPreviousData,
  });
}

export function useCommitments(filter: CommitmentFilter) {
  return useInfiniteQuery(commitmentsQuery(filter));
}

/** The query behind useCommitments, for starting it before the page is drawn. */
export function commitmentsQuery(filter: CommitmentFilter) {
  const query = compact(filter);
  return infiniteQueryOptions({
    queryKey: commitmentKeys.list(query),
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/v1/commitments', { params: { query: { ...query, limit: PAGE, ...(pageParam ? { cursor: pageParam } : {}) } }, signal }),
      ),
    ...PAGED,
  });
}

const OVERDUE: CommitmentFilter = { overdue: 'true' };

/** How many commitments are overdue (visible to the reader). */
export function useOverdueCount() {
  return useQuery(overdueCountQuery());
}

/** The query behind useOverdueCount. */
export function overdueCountQuery() {
  return queryOptions({
    queryKey: commitmentKeys.count(OVERDUE),
    queryFn: async ({ signal }) =>
      listTotal(await unwrap(api.GET('/api/v1/commitments', { params: { query: { ...OVERDUE, ...COUNT_QUERY } }, signal }))),
  });
}

export function useCreateCommitment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCommitmentInput) => unwrap(api.POST('/api/v1/commitments', { body })),
    onSuccess: () => void invalidateAfter(queryClient, 'commitment'),
  });
}

/**
 * A correction of a commitment: only the fields given are sent (a JSON
 * merge patch), with the version it was read at; the answer goes into the
 * cache as the commitment's page.
 */
export function useUpdateCommitment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, patch }: { id: number; version: number; patch: CommitmentPatch }) =>
      unwrap(api.PATCH('/api/v1/commitments/{id}', { params: { path: { id }, header: ifMatch(version) }, body: patch })),
    onSuccess: (saved) => {
      queryClient.setQueryData(commitmentKeys.detail(saved.id), saved);
      return invalidateAfter(queryClient, 'commitment', { keep: [commitmentKeys.detail(saved.id)] });
    },
  });
}

/** A status change (with its closure note when done), sent with the version it was read at. */
export function useSetCommitmentStatus() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, status, closure_note }: { id: number; version: number; status: Commitment['status']; closure_note?: string }) =>
      unwrap(
        api.PATCH('/api/v1/commitments/{id}', {
          params: { path: { id }, header: ifMatch(version) },
          body: { status, ...(closure_note !== undefined ? { closure_note } : {}) },
        }),
      ),
    onSuccess: () => void invalidateAfter(queryClient, 'commitment'),
  });
}

export interface ReassignInput {
  owner_id: number;
  commitments: Pick<Commitment, 'id' | 'version' | 'title'>[];
}

/**
 * Which of the sent commitments a 412 names (`body.commitments[i].version`),
 * or null when the answer does not say.
 */
export function staleCommitment<T>(error: unknown, sent: readonly T[]): T | null {
  if (!(error instanceof ApiError) || error.status !== 412) return null;
  for (const e of error.errors) {
    const m = /^body\.commitments\[(\d+)\]/.exec(e.location);
    if (m) return sent[Number(m[1])] ?? null;
  }
  return null;
}

/**
 * Hands commitments to another owner, all or none (POST /commitments/reassign).
 * The lists are re-read after a failure too: a 412 means one of them changed.
 */
export function useReassignCommitments() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ owner_id, commitments }: ReassignInput) =>
      unwrap(
        api.POST('/api/v1/commitments/reassign', {
          body: { owner_id, commitments: commitments.map(({ id, version }) => ({ id, version })) },
        }),
      ),
    onSettled: () => void invalidateAfter(queryClient, 'commitment'),
  });
}
