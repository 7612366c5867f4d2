import { keepPreviousData } from '@tanstack/react-query';

/** Drops empty filter values so that equal filters give equal query keys and clean URLs. */
export function compact<F extends object>(filter: F): F {
  return Object.fromEntries(
    Object.entries(filter).filter(
      ([, v]) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0),
    ),
  ) as F;
}

/** A page of any list endpoint: `{items, next_cursor, total?, total_is_lower_bound?}`. */
export interface ListPage<T> {
  items: T[];
  next_cursor: string | null;
  total?: number;
  total_is_lower_bound?: boolean;
}

/** How many records a filtered list would hold: one item is asked for, with count=true. */
export const COUNT_QUERY = { limit: 1, count: true } as const;

/**
 * A list's total as the server counts it: exactly up to a bound (10,000),
 * past which it answers the bound and says it is only a lower bound.
 */
export interface ListTotal {
  count: number;
  /** More match than count: the server stopped counting there. */
  atLeast: boolean;
}

/** The total of a page asked for with count=true (none counted reads as zero). */
export function listTotal(page: { total?: number; total_is_lower_bound?: boolean }): ListTotal {
  return { count: page.total ?? 0, atLeast: page.total_is_lower_bound ?? false };
}

/** All items of the pages an infinite query has loaded so far. */
export function flattenPages<T>(pages: readonly { items?: T[] | null }[] | undefined): T[] {
  return pages?.flatMap((page) => page.items ?? []) ?? [];
}

/** Paging for a list endpoint: follow `next_cursor`, keep showing the last rows while a new filter loads. */
export const PAGED = {
  initialPageParam: null as string | null,
  getNextPageParam: (lastPage: { next_cursor?: string | null }) => lastPage.next_cursor ?? null,
  placeholderData: keepPreviousData,
};
