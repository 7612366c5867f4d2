import { infiniteQueryOptions, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import { api, ApiError, unwrap, type ResponseBody } from '../api/client';
import { invalidateAfter } from './invalidation';
import type { AttachableCollection } from './notes';

export type DocumentPage = ResponseBody<'/api/v1/organizations/{id}/documents', 'get'>;
export type RecordDocument = DocumentPage['items'][number];

/** The largest document the server takes: 25 MiB. */
export const MAX_DOCUMENT_BYTES = 25 * 1024 * 1024;

export const documentKeys = {
  all: ['documents'] as const,
  of: (collection: AttachableCollection, id: number) => [...documentKeys.all, collection, id] as const,
};

const documentsPath = (collection: AttachableCollection) => `/api/v1/${collection}/{id}/documents` as '/api/v1/organizations/{id}/documents';

/** Where a document's bytes are downloaded from (as an attachment). */
export function documentContentUrl(id: number): string {
  return `/api/v1/documents/${id}/content`;
}

/** A record's documents, newest first, page by page. */
export function useDocuments(collection: AttachableCollection, id: number, pageSize = 50) {
  return useInfiniteQuery(documentsQuery(collection, id, pageSize));
}

/** The query behind useDocuments, for starting it before the page is drawn (src/pageData.ts). */
export function documentsQuery(collection: AttachableCollection, id: number, pageSize = 50) {
  return infiniteQueryOptions({
    queryKey: documentKeys.of(collection, id),
    queryFn: ({ pageParam, signal }) =>
      unwrap(api.GET(documentsPath(collection), { params: { path: { id }, query: { limit: pageSize, ...(pageParam ? { cursor: pageParam } : {}) } }, signal })),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.next_cursor ?? null,
  });
}

export function useDeleteDocument() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => unwrap(api.DELETE('/api/v1/documents/{id}', { params: { path: { id } } })),
    onSuccess: () => invalidateAfter(queryClient, 'document'),
  });
}

/** One file on its way up: how far it got, and how it ended. */
export interface Upload {
  key: string;
  name: string;
  size: number;
  /** Bytes sent so far, 0 to size. */
  sent: number;
  status: 'uploading' | 'done' | 'failed';
  error?: unknown;
}

/**
 * Sends one file as multipart/form-data, reporting the bytes sent as they
 * go (XMLHttpRequest, since fetch reports no upload progress). Resolves
 * with the stored document; rejects with an ApiError (status 0 when the
 * server could not be reached).
 */
export function sendDocument(url: string, file: File, onProgress: (sent: number) => void): Promise<RecordDocument> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.min(file.size, Math.round((event.loaded / event.total) * file.size)));
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // Not JSON (a proxy's page): the status says what happened.
      }
      if (xhr.status === 201) {
        onProgress(file.size);
        resolve(body as RecordDocument);
        return;
      }
      const headers = new Headers();
      const retry = xhr.getResponseHeader('Retry-After');
      if (retry) headers.set('Retry-After', retry);
      reject(ApiError.fromResponse(body, new Response(null, { status: xhr.status, statusText: xhr.statusText, headers })));
    };
    xhr.onerror = () => reject(new ApiError({ status: 0, title: 'Network error' }));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

let uploadSerial = 0;

/**
 * Uploads files to a record, each in its own request, side by side, and
 * keeps each one's progress for the screen. Files over 25 MiB fail at once,
 * without being sent.
 */
export function useUploadDocuments(collection: AttachableCollection, id: number) {
  const queryClient = useQueryClient();
  const [uploads, setUploads] = useState<Upload[]>([]);
  const alive = useRef(true);
  const update = useCallback((key: string, change: Partial<Upload>) => {
    if (alive.current) setUploads((all) => all.map((u) => (u.key === key ? { ...u, ...change } : u)));
  }, []);

  const upload = useCallback(
    (files: readonly File[]) => {
      const started = files.map((file) => ({ file, key: `upload-${++uploadSerial}` }));
      setUploads((all) => [...all, ...started.map(({ file, key }) => ({ key, name: file.name, size: file.size, sent: 0, status: 'uploading' as const }))]);
      const url = documentsPath(collection).replace('{id}', String(id));
      return Promise.all(
        started.map(async ({ file, key }) => {
          if (file.size > MAX_DOCUMENT_BYTES) {
            update(key, { status: 'failed', error: new ApiError({ status: 413, code: 'body_too_large' }) });
            return;
          }
          try {
            await sendDocument(url, file, (sent) => update(key, { sent }));
            update(key, { status: 'done', sent: file.size });
            await invalidateAfter(queryClient, 'document');
          } catch (error) {
            update(key, { status: 'failed', error });
          }
        }),
      );
    },
    [collection, id, queryClient, update],
  );

  /** Forgets finished uploads (done or failed). */
  const clearFinished = useCallback(() => setUploads((all) => all.filter((u) => u.status === 'uploading')), []);

  return { uploads, upload, clearFinished };
}
