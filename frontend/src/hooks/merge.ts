import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, unwrap, type ResponseBody } from '../api/client';
import { contactKeys, fetchContact, type Contact } from './contacts';
import { invalidateAfter } from './invalidation';
import { fetchOrganization, organizationKeys, type Organization } from './organizations';

/** The kinds of record that can be merged, as the screen's address names them. */
export type MergeKind = 'contacts' | 'organizations';
export const MERGE_KINDS: readonly MergeKind[] = ['contacts', 'organizations'];

export type MergePreview = NonNullable<ResponseBody<'/api/v1/merges/preview', 'get'>['items']>[number];
export type MergeRecord = Contact | Organization;

export const mergeKeys = {
  all: ['merges'] as const,
  preview: (kind: MergeKind, ids: readonly number[]) => [...mergeKeys.all, 'preview', kind, [...ids]] as const,
};

/** The records being compared, each read as its detail page reads it (and cached with it). */
export function useMergeRecords(kind: MergeKind, ids: readonly number[]) {
  return useQueries({
    queries: ids.map((id) =>
      kind === 'contacts'
        ? { queryKey: contactKeys.detail(id), queryFn: ({ signal }: { signal: AbortSignal }) => fetchContact(id, signal) as Promise<MergeRecord> }
        : { queryKey: organizationKeys.detail(id), queryFn: ({ signal }: { signal: AbortSignal }) => fetchOrganization(id, signal) as Promise<MergeRecord> },
    ),
  });
}

/** What a merge would move from each record: counts of what the reader can see. */
export function useMergePreview(kind: MergeKind, ids: readonly number[]) {
  return useQuery({
    queryKey: mergeKeys.preview(kind, ids),
    queryFn: async ({ signal }) =>
      (await unwrap(api.GET('/api/v1/merges/preview', { params: { query: { kind, ids: [...ids] } }, signal }))).items ?? [],
    enabled: ids.length > 0,
  });
}

export type MergeVariables = {
  kind: MergeKind;
  /** The record that stays, as read (its version is the If-Match). */
  survivor: { id: number; version: number };
  from: number[];
  /** For any field, the id of the record whose value is kept. */
  fields: Record<string, number>;
};

/** Merges records into the survivor; everything that showed any of them is read again. */
export function useMergeRecordsMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, survivor, from, fields }: MergeVariables) => {
      const options = { params: { path: { id: survivor.id }, header: ifMatch(survivor.version) }, body: { from, fields } };
      return kind === 'contacts'
        ? unwrap(api.POST('/api/v1/contacts/{id}/merge', options)).then((r): MergeRecord => r)
        : unwrap(api.POST('/api/v1/organizations/{id}/merge', options)).then((r): MergeRecord => r);
    },
    onSuccess: (record, { kind, from }) => {
      const detail = kind === 'contacts' ? contactKeys.detail : organizationKeys.detail;
      queryClient.setQueryData(detail(record.id), record);
      // The merged records' pages now lead to the survivor.
      for (const id of from) queryClient.removeQueries({ queryKey: detail(id), exact: true });
      return invalidateAfter(queryClient, 'recordMerge', { keep: [detail(record.id)] });
    },
  });
}
