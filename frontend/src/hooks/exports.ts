import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiError } from '../api/client';
import type { paths } from '../api/schema';
import { invalidateAfter } from './invalidation';
import { compact } from './list';

/** The addresses that answer with an export file. */
export type ExportPath = Extract<keyof paths, `${string}/export`>;
export type ExportFormat = 'csv' | 'xlsx';

/** The query an export takes: the list's filters, search and sort, without paging. */
export type ExportQuery = Record<string, string | number | boolean | readonly (string | number)[] | null | undefined>;

/** The file name the server chose (Content-Disposition), or a plain one. */
export function exportFileName(disposition: string | null, fallback: string): string {
  const star = disposition?.match(/filename\*=UTF-8''([^;]+)/i);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      // a malformed name: the plain one below
    }
  }
  return disposition?.match(/filename="([^"]+)"/i)?.[1] ?? fallback;
}

/**
 * Downloads an export: the file is read as it streams in (its size so far
 * reported to onProgress) and handed to the browser to save. Fetched by the
 * app rather than followed as a link, so that a refusal (403, 422) shows as
 * a message instead of a saved error page; the service worker never
 * touches /api/, so nothing caches or holds it.
 */
export async function downloadExport(
  path: ExportPath,
  query: ExportQuery,
  format: ExportFormat,
  onProgress: (bytes: number) => void,
): Promise<string> {
  let result;
  try {
    result = await api.GET(path as '/api/v1/contacts/export', {
      params: { query: { ...compact(query), format } as never },
      parseAs: 'stream',
    });
  } catch (cause) {
    throw new ApiError({ status: 0, title: 'Network error', detail: String(cause) });
  }
  const { response } = result;
  if (!response.ok || !result.data) throw ApiError.fromResponse(result.error, response);
  const reader = (result.data as ReadableStream<Uint8Array>).getReader();
  const parts: BlobPart[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value as BlobPart);
    received += value.byteLength;
    onProgress(received);
  }
  const name = exportFileName(response.headers.get('Content-Disposition'), `export.${format}`);
  const url = URL.createObjectURL(new Blob(parts, { type: response.headers.get('Content-Type') ?? 'application/octet-stream' }));
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

/**
 * An export of one address with its progress. It changes no record; the
 * server writes its audit event, which the history then shows.
 */
export function useExport(path: ExportPath) {
  const queryClient = useQueryClient();
  const [received, setReceived] = useState(0);
  const mutation = useMutation({
    mutationFn: ({ query, format }: { query: ExportQuery; format: ExportFormat }) => {
      setReceived(0);
      return downloadExport(path, query, format, setReceived);
    },
    onSuccess: () => invalidateAfter(queryClient, 'export'),
  });
  return { ...mutation, received };
}
