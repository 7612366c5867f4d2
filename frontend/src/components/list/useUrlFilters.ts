import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

export type UrlValue = string | number | boolean | readonly (string | number)[] | null | undefined;

/**
 * A list's filters, sort and search kept in the address (`?type=ministry,ngo&q=zenica`),
 * so a filtered list survives a reload and can be shared as a link.
 * Alternatives are comma-separated, as the API takes them.
 */
export function useUrlFilters() {
  const [params, setParams] = useSearchParams();

  const set = useCallback(
    (updates: Record<string, UrlValue>) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [key, value] of Object.entries(updates)) {
            const text = Array.isArray(value) ? value.join(',') : value === null || value === undefined || value === false ? '' : String(value);
            if (text) next.set(key, text);
            else next.delete(key);
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  return useMemo(() => {
    const read = readUrl(params);
    const clear = (keep: readonly string[] = []) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams();
          for (const key of keep) {
            const value = prev.get(key);
            if (value) next.set(key, value);
          }
          return next;
        },
        { replace: true },
      );
    return { ...read, set, clear };
  }, [params, set, setParams]);
}

/**
 * What a list reads from its address, without React: the page's hook and a
 * start of the page's data before it is drawn (src/pageData.ts) read the
 * same filter from the same address, so they ask for the same list.
 */
export function readUrl(params: URLSearchParams) {
  const text = (key: string): string | undefined => params.get(key)?.trim() || undefined;
  const list = (key: string): string[] =>
    (params.get(key) ?? '')
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean);
  const ids = (key: string): number[] => list(key).map(Number).filter((n) => Number.isInteger(n) && n > 0);
  const oneOf = <T extends string>(key: string, allowed: readonly T[]): T[] => list(key).filter((v): v is T => (allowed as readonly string[]).includes(v));
  const flag = (key: string): boolean => params.get(key) === 'true';
  return { params, text, list, ids, oneOf, flag };
}

/** A list's address as readFilter functions take it. */
export type UrlReader = ReturnType<typeof readUrl>;
