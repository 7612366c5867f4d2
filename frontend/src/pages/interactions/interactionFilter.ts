import type { useUrlFilters } from '../../components/list/useUrlFilters';
import type { InteractionFilter } from '../../hooks/interactions';
import { KINDS, STATUSES } from './interactionForm';

export const SORTS = ['-starts_at', 'starts_at', '-updated_at'] as const satisfies readonly NonNullable<InteractionFilter['sort']>[];
export type InteractionSort = (typeof SORTS)[number];

/** The address keys that narrow the list (sort and the archive arrange it). */
export const FILTER_KEYS = ['q', 'kind', 'status', 'country', 'visit', 'project', 'organization', 'contact', 'from', 'until', 'owner', 'tag', 'restricted'] as const;

/** A day typed as `YYYY-MM-DD` as the instant it starts on this device's clock; null for anything else. */
export function dayStart(day: string | undefined): Date | null {
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  const date = new Date(`${day}T00:00:00`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * The list's filter from the address (`/interactions?kind=meeting&from=2026-09-01`):
 * "from" and "until" are whole days on the reader's clock, both included.
 */
export function interactionFilterFrom(url: ReturnType<typeof useUrlFilters>): InteractionFilter & { sort: InteractionSort } {
  const sort = url.text('sort');
  const from = dayStart(url.text('from'));
  const until = dayStart(url.text('until'));
  const restricted = url.text('restricted');
  if (until) until.setDate(until.getDate() + 1);
  return {
    q: url.text('q'),
    kind: url.oneOf('kind', KINDS),
    status: url.oneOf('status', STATUSES),
    country_code: url.list('country'),
    visit_id: url.ids('visit'),
    project_id: url.ids('project'),
    organization_id: url.ids('organization'),
    contact_id: url.ids('contact'),
    owner_id: url.ids('owner'),
    tag: url.list('tag'),
    // "Starting strictly after": a meeting at midnight of the first day counts.
    starts_after: from ? new Date(from.getTime() - 1).toISOString() : undefined,
    starts_before: until ? until.toISOString() : undefined,
    restricted: restricted === 'true' || restricted === 'false' ? restricted : undefined,
    archived: url.flag('archived') || undefined,
    sort: (SORTS as readonly string[]).includes(sort ?? '') ? (sort as InteractionSort) : '-starts_at',
  };
}
