import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, ifMatch, unwrap, type ResponseBody } from '../api/client';
import { auditKeys } from './audit';
import { contactKeys, type Contact } from './contacts';
import { exportFileName } from './exports';
import { invalidateAfter } from './invalidation';
import { PAGED } from './list';

/** Everything held about one person, as the subject access export gives it. */
export type SubjectExport = ResponseBody<'/api/v1/contacts/{id}/subject-export', 'get'>;
export type Participation = SubjectExport['participations'][number];
export type AuditEntry = SubjectExport['history'][number];

/** The audit actions of the personal data log, as the server names them. */
export const PERSONAL_DATA_ACTIONS = ['export', 'subject_export', 'erase', 'retention_keep'] as const;
export type PersonalDataAction = (typeof PERSONAL_DATA_ACTIONS)[number];

/** Most contacts one bulk erase takes (the server refuses more). */
export const ERASE_BATCH = 200;

export const personalDataKeys = {
  all: ['personal-data'] as const,
  subjectExports: () => [...personalDataKeys.all, 'subject-export'] as const,
  subjectExport: (id: number) => [...personalDataKeys.subjectExports(), id] as const,
  // Under the audit keys: every write that adds an audit event refreshes the log.
  log: () => [...auditKeys.all, 'personal-data-log'] as const,
};

/**
 * The subject access export of one person, for the printable view. Every
 * read is audited by the server, so it is read once per visit to the page,
 * not again when the window regains focus.
 */
export function useSubjectExport(id: number) {
  return useQuery({
    queryKey: personalDataKeys.subjectExport(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/contacts/{id}/subject-export', { params: { path: { id } }, signal })),
    enabled: id > 0,
    refetchOnWindowFocus: false,
    retry: false,
  });
}

/** Reads the export and hands it to the browser to save as a JSON file; resolves to the file's name. */
async function saveSubjectExport(id: number): Promise<string> {
  let result;
  try {
    result = await api.GET('/api/v1/contacts/{id}/subject-export', { params: { path: { id } }, parseAs: 'blob' });
  } catch (cause) {
    throw new ApiError({ status: 0, title: 'Network error', detail: String(cause) });
  }
  const { response } = result;
  if (!response.ok || !result.data) throw ApiError.fromResponse(result.error, response);
  const name = exportFileName(response.headers.get('Content-Disposition'), `subject-export-contact-${id}.json`);
  const url = URL.createObjectURL(new Blob([result.data as Blob], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}

/** Downloads a person's subject access export; the server's audit event joins the history. */
export function useDownloadSubjectExport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => saveSubjectExport(id),
    onSuccess: () => invalidateAfter(queryClient, 'export'),
  });
}

/**
 * Erases one person's personal data (If-Match: the version read). The
 * answer is the anonymous tombstone, which the contact's page shows at once.
 */
export function useEraseContact() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, reason }: { id: number; version: number; reason: string }) =>
      unwrap(api.POST('/api/v1/contacts/{id}/erase', { params: { path: { id }, header: ifMatch(version) }, body: { reason } })),
    onSuccess: (tombstone: Contact) => {
      queryClient.setQueryData(contactKeys.detail(tombstone.id), tombstone);
      return invalidateAfter(queryClient, 'erase', { keep: [contactKeys.detail(tombstone.id)] });
    },
  });
}

export type VersionedContact = { id: number; version: number };

/**
 * Erases several people, in batches the server accepts; each batch is all
 * or none. `onProgress` hears how many are erased so far. What is on screen
 * is refreshed after a failure too: an earlier batch may have gone through.
 */
export function useEraseContacts() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ contacts, reason, onProgress }: { contacts: readonly VersionedContact[]; reason: string; onProgress?: (done: number) => void }) => {
      for (let start = 0; start < contacts.length; start += ERASE_BATCH) {
        const batch = contacts.slice(start, start + ERASE_BATCH).map(({ id, version }) => ({ id, version }));
        await unwrap(api.POST('/api/v1/contacts/erase', { body: { contacts: batch, reason } }));
        onProgress?.(start + batch.length);
      }
    },
    onSettled: () => invalidateAfter(queryClient, 'erase'),
  });
}

/** The personal data log: exports, subject access exports, erasures and keep decisions, newest first. */
export function usePersonalDataLog() {
  return useInfiniteQuery({
    queryKey: personalDataKeys.log(),
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/v1/audit', {
          params: { query: { action: [...PERSONAL_DATA_ACTIONS], sort: '-at', limit: 50, ...(pageParam ? { cursor: pageParam } : {}) } },
          signal,
        }),
      ),
    ...PAGED,
  });
}
