import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { organizationKeys } from './organizations';

/** What a list shows of an organization beside a record that points at it. */
export interface OrganizationName {
  id: number;
  name: string;
  acronym: string;
}

/** The list endpoint's largest page: ids beyond it go in a further request. */
const BATCH = 200;

/** A caller waiting for a name. */
interface Waiter {
  resolve: (name: OrganizationName | null) => void;
  reject: (error: unknown) => void;
}

/** Ids asked for since the last request left, each with the callers waiting for it; empty when none is scheduled. */
let waiting = new Map<number, Waiter[]>();

/**
 * An organization's name, asked for with every other asked for in the same
 * task in one request (`GET /organizations?id=…`): a list whose rows each
 * name an organization (a contact's current one) draws its rows in one
 * render, and asked one by one they were a request per row. An organization
 * the reader may not see (or one deleted) is null, as its own page's 404
 * would be.
 */
function loadName(id: number): Promise<OrganizationName | null> {
  return new Promise((resolve, reject) => {
    if (waiting.size === 0) setTimeout(flush, 0);
    waiting.set(id, [...(waiting.get(id) ?? []), { resolve, reject }]);
  });
}

function flush() {
  const waiters = waiting;
  waiting = new Map();
  const ids = [...waiters.keys()].sort((a, b) => a - b);
  for (let start = 0; start < ids.length; start += BATCH) {
    const batch = ids.slice(start, start + BATCH);
    unwrap(api.GET('/api/v1/organizations', { params: { query: { id: batch, limit: BATCH } } })).then(
      (page) => {
        const found = new Map(page.items.map((o) => [o.id, { id: o.id, name: o.name, acronym: o.acronym ?? '' }]));
        for (const id of batch) for (const { resolve } of waiters.get(id) ?? []) resolve(found.get(id) ?? null);
      },
      (error: unknown) => {
        for (const id of batch) for (const { reject } of waiters.get(id) ?? []) reject(error);
      },
    );
  }
}

/** An organization's name and acronym, batched with the others a render asks for (loadName). */
export function useOrganizationName(id: number | null | undefined) {
  return useQuery({
    queryKey: organizationKeys.name(id ?? 0),
    queryFn: () => loadName(id!),
    enabled: typeof id === 'number' && id > 0,
    staleTime: 5 * 60_000,
  });
}
