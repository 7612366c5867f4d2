import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, unwrap } from '../api/client';
import type { components } from '../api/schema';
import { invalidateAfter, type WriteKind } from './invalidation';

export type ImportKind = 'organizations' | 'contacts' | 'interactions' | 'commitments';
export type OnDuplicate = 'skip' | 'update' | 'create';
export type ImportResult = components['schemas']['ImportResult'];
export type ImportFieldInfo = components['schemas']['ImportFieldInfo'];

export const IMPORT_KINDS: readonly ImportKind[] = ['organizations', 'contacts', 'interactions', 'commitments'];

/** The largest file the server imports: 20 MiB. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/** The record kind whose caches an import of each kind makes stale. */
const WRITE_KIND: Record<ImportKind, WriteKind> = {
  organizations: 'organization',
  contacts: 'contact',
  interactions: 'interaction',
  commitments: 'commitment',
};

export const importKeys = {
  all: ['imports'] as const,
  fields: () => [...importKeys.all, 'fields'] as const,
};

/** The fields each import kind takes, in template order. */
export function useImportFields() {
  return useQuery({
    queryKey: importKeys.fields(),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/imports/fields', { signal })),
    staleTime: Infinity,
  });
}

/** Where a kind's template downloads from. */
export function importTemplateUrl(kind: ImportKind, format: 'csv' | 'xlsx'): string {
  return `/api/v1/imports/templates/${kind}?format=${format}`;
}

export interface ImportRequest {
  file: File;
  kind: ImportKind;
  /** Column header → field name ('' leaves the column out). */
  mapping?: Record<string, string>;
  onDuplicate?: OnDuplicate;
  dryRun: boolean;
  /** Only the columns and the first rows, read at once (needs dryRun). */
  columnsOnly?: boolean;
}

/**
 * Sends a file to POST /api/v1/imports and reads the answer as it streams
 * (application/x-ndjson): a progress line per batch of rows, then the
 * result. Rejects with an ApiError, as every other request does.
 */
export async function sendImport(request: ImportRequest, onProgress?: (rows: number) => void, signal?: AbortSignal): Promise<ImportResult> {
  const form = new FormData();
  form.append('kind', request.kind);
  form.append('dry_run', String(request.dryRun));
  if (request.columnsOnly) form.append('columns_only', 'true');
  if (request.onDuplicate) form.append('on_duplicate', request.onDuplicate);
  if (request.mapping) form.append('mapping', JSON.stringify(request.mapping));
  form.append('file', request.file, request.file.name);
  let response: Response;
  try {
    response = await globalThis.fetch('/api/v1/imports', {
      method: 'POST',
      body: form,
      headers: { Accept: 'application/x-ndjson, application/problem+json' },
      credentials: 'same-origin',
      signal,
    });
  } catch {
    throw new ApiError({ status: 0 });
  }
  if (!response.ok || !response.body) {
    let body: unknown = null;
    try {
      body = await response.json();
    } catch {
      // Not JSON: the status says enough.
    }
    throw ApiError.fromResponse(body, response);
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (value) buffered += value;
    let newline = buffered.indexOf('\n');
    while (newline >= 0) {
      const line = buffered.slice(0, newline).trim();
      buffered = buffered.slice(newline + 1);
      newline = buffered.indexOf('\n');
      if (!line) continue;
      const message = JSON.parse(line) as { rows?: number; result?: ImportResult; error?: unknown };
      if (message.result) return message.result;
      if (message.error) throw ApiError.fromResponse(message.error, response);
      if (typeof message.rows === 'number') onProgress?.(message.rows);
    }
    if (done) break;
  }
  throw new ApiError({ status: response.status, detail: 'the import ended without a result' });
}

/**
 * Reads a file's columns, the fields they map to by themselves and its
 * first rows: what the wizard maps columns by. The server stops reading
 * after those rows, so a large file answers at once; `rows` then counts
 * only the rows read. It writes nothing, so nothing goes stale.
 */
export function useImportColumns() {
  return useMutation({
    meta: { writesNothing: true },
    mutationFn: ({ file, kind }: { file: File; kind: ImportKind }) => sendImport({ file, kind, dryRun: true, columnsOnly: true }),
  });
}

/**
 * Sends a file: a dry run (what the file holds and what an import would
 * do; writes nothing) or the import itself, after which the lists of the
 * imported kind go stale. The wizard keeps one of each.
 */
export function useImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ request, onProgress }: { request: ImportRequest; onProgress?: (rows: number) => void }) => sendImport(request, onProgress),
    onSuccess: (result, { request }) => {
      if (request.dryRun || result.created + result.updated === 0) return undefined;
      return invalidateAfter(queryClient, WRITE_KIND[request.kind]);
    },
  });
}
