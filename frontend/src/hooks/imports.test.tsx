import { QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { createQueryClient } from '../queryClient';
import { useImportColumns, type ImportResult } from './imports';

const read: ImportResult = {
  dry_run: true,
  rows: 2,
  created: 0,
  updated: 0,
  skipped: 0,
  errors: [],
  error_count: 0,
  duplicates: [],
  duplicate_count: 0,
  format: 'csv',
  separator: ';',
  columns: [
    { header: 'Ime', field: null },
    { header: 'Email', field: 'email' },
  ],
  preview: [
    ['Amra', 'amra@example.ba'],
    ['Žana', 'zana@example.ba'],
  ],
  created_ids: [],
  entity: 'contact',
};

/** Answers POST /api/v1/imports as the server streams it, keeping the forms sent. */
function stubImports() {
  const forms: FormData[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (_url: string, init: RequestInit) => {
      forms.push(init.body as FormData);
      return new Response(JSON.stringify({ result: read }) + '\n', { status: 200, headers: { 'Content-Type': 'application/x-ndjson' } });
    }),
  );
  return forms;
}

function wrapper() {
  const queryClient = createQueryClient({ retry: false });
  return { queryClient, Wrapper: ({ children }: { children: ReactNode }) => <QueryClientProvider client={queryClient}>{children}</QueryClientProvider> };
}

describe('useImportColumns', () => {
  it('asks only for the columns, as a dry run, and makes nothing stale', async () => {
    const forms = stubImports();
    const { Wrapper, queryClient } = wrapper();
    const invalidate = vi.spyOn(queryClient, 'invalidateQueries');
    const { result } = renderHook(() => useImportColumns(), { wrapper: Wrapper });
    const file = new File(['Ime;Email\nAmra;amra@example.ba\n'], 'kontakti.csv', { type: 'text/csv' });

    let answer: ImportResult | undefined;
    await act(async () => {
      answer = await result.current.mutateAsync({ file, kind: 'contacts' });
    });

    expect(answer).toEqual(read);
    const form = forms[0]!;
    expect(form.get('columns_only')).toBe('true');
    expect(form.get('dry_run')).toBe('true');
    expect(form.get('kind')).toBe('contacts');
    expect(form.get('mapping')).toBeNull();
    expect((form.get('file') as File).name).toBe('kontakti.csv');
    expect(invalidate).not.toHaveBeenCalled();
  });
});
