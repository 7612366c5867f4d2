import type { Commitment, CommitmentFilter } from '../../hooks/commitments';

export const STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const satisfies readonly Commitment['status'][];
export type Status = (typeof STATUSES)[number];
export const VIEWS = ['table', 'board'] as const;
export type CommitmentView = (typeof VIEWS)[number];

/**
 * What the commitments page shows, as kept in its address. The parameter
 * names are the API's own (`owner_id`, `due_before`, …), so a link written
 * by hand, by the review page or by a script reads the same everywhere.
 */
export interface CommitmentFilters {
  q?: string;
  /**
   * Empty for every status (`status=all` in the address). An address
   * without `status` shows what is still to do (DEFAULT_STATUS), so years of
   * done items never come first.
   */
  status: Status[];
  owner: number[];
  office: number[];
  project: number[];
  organization: number[];
  contact: number[];
  /** Due strictly after this date (YYYY-MM-DD). */
  dueAfter?: string;
  /** Due strictly before this date (YYYY-MM-DD). */
  dueBefore?: string;
  overdue: boolean;
  /**
   * A country code, as the review groups commitments: the counterpart
   * organization's country, else the counterpart contact's, else the visit's host.
   */
  country?: string;
  view: CommitmentView;
}

/** What the list shows when the address does not say: what is still to do. */
export const DEFAULT_STATUS: readonly Status[] = ['open', 'in_progress'];
/** The address value for "every status, done and cancelled included". */
export const ALL_STATUSES = 'all';

/** Every filter off, every status included. */
export const EMPTY_FILTERS: CommitmentFilters = {
  status: [],
  owner: [],
  office: [],
  project: [],
  organization: [],
  contact: [],
  overdue: false,
  view: 'table',
};

/** The address parameter of each filter. */
export const PARAM = {
  q: 'q',
  status: 'status',
  owner: 'owner_id',
  office: 'office_id',
  project: 'project_id',
  organization: 'organization_id',
  contact: 'contact_id',
  dueAfter: 'due_after',
  dueBefore: 'due_before',
  overdue: 'overdue',
  country: 'country_code',
  view: 'view',
} as const satisfies Record<keyof CommitmentFilters, string>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const COUNTRY = /^[A-Z]{2}$/;

function list(params: URLSearchParams, key: string): string[] {
  return (params.get(key) ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}

function ids(params: URLSearchParams, key: string): number[] {
  return [...new Set(list(params, key).map(Number).filter((n) => Number.isInteger(n) && n > 0))];
}

function date(params: URLSearchParams, key: string): string | undefined {
  const v = params.get(key)?.trim();
  return v && DATE.test(v) ? v : undefined;
}

function statusFrom(params: URLSearchParams): Status[] {
  const values = list(params, PARAM.status);
  if (values.includes(ALL_STATUSES)) return [];
  const statuses = values.filter((s): s is Status => (STATUSES as readonly string[]).includes(s));
  return statuses.length ? statuses : [...DEFAULT_STATUS];
}

function sameStatuses(a: readonly Status[], b: readonly Status[]): boolean {
  return a.length === b.length && a.every((s) => b.includes(s));
}

/** Reads the filters from an address, ignoring whatever does not parse. */
export function filtersFromParams(params: URLSearchParams): CommitmentFilters {
  const view = params.get(PARAM.view);
  const country = params.get(PARAM.country)?.trim().toUpperCase();
  return {
    q: params.get(PARAM.q)?.trim() || undefined,
    status: statusFrom(params),
    owner: ids(params, PARAM.owner),
    office: ids(params, PARAM.office),
    project: ids(params, PARAM.project),
    organization: ids(params, PARAM.organization),
    contact: ids(params, PARAM.contact),
    dueAfter: date(params, PARAM.dueAfter),
    dueBefore: date(params, PARAM.dueBefore),
    overdue: params.get(PARAM.overdue) === 'true',
    country: country && COUNTRY.test(country) ? country : undefined,
    view: view === 'board' ? 'board' : 'table',
  };
}

/**
 * Writes filters as address parameters; empty ones and the default view are
 * left out, except an empty status list, written `status=all` (no status
 * at all means the default, open and in progress).
 */
export function filtersToParams(filters: Partial<CommitmentFilters>): URLSearchParams {
  const out = new URLSearchParams();
  for (const key of Object.keys(PARAM) as (keyof CommitmentFilters)[]) {
    const value = filters[key];
    if (value === undefined || value === false || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length) out.set(PARAM[key], value.join(','));
      else if (key === 'status') out.set(PARAM[key], ALL_STATUSES);
    } else if (key === 'view') {
      if (value !== 'table') out.set(PARAM[key], String(value));
    } else {
      out.set(PARAM[key], String(value));
    }
  }
  return out;
}

/** A link to the commitments page showing these filters. */
export function commitmentsLink(filters: Partial<CommitmentFilters>): string {
  const query = filtersToParams(filters).toString();
  return query ? `/commitments?${query}` : '/commitments';
}

/** The API query for the filters. */
export function filtersToQuery(filters: CommitmentFilters): CommitmentFilter {
  const query: CommitmentFilter = { sort: 'due_date' };
  if (filters.q) query.q = filters.q;
  if (filters.status.length) query.status = filters.status;
  if (filters.owner.length) query.owner_id = filters.owner;
  if (filters.office.length) query.office_id = filters.office;
  if (filters.project.length) query.project_id = filters.project;
  if (filters.organization.length) query.organization_id = filters.organization;
  if (filters.contact.length) query.contact_id = filters.contact;
  if (filters.country) query.country_code = [filters.country];
  if (filters.dueAfter) query.due_after = filters.dueAfter;
  if (filters.dueBefore) query.due_before = filters.dueBefore;
  if (filters.overdue) query.overdue = 'true';
  return query;
}

/** Whether anything differs from what the list shows by default. */
export function hasFilters(filters: CommitmentFilters): boolean {
  const { status, ...rest } = filters;
  return !sameStatuses(status, DEFAULT_STATUS) || filtersToParams({ ...rest, view: 'table' }).toString() !== '';
}

/** A date `days` after an ISO date (negative for before), as YYYY-MM-DD, in UTC like the server's. */
export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export type Bucket = 'overdue' | 'due7' | 'due30';
export type GroupBy = 'owner' | 'office' | 'country' | 'project';

/**
 * The commitments behind one number of the review: `bucket` of the group
 * `key` (a user, office or project id, or a country code), as of the
 * review's date. "Due within n days" is open or in progress and due from
 * today to today + n, both inclusive, as the review counts it.
 */
export function reviewFilters(asOf: string, bucket: Bucket, by?: GroupBy, key?: string | null): Partial<CommitmentFilters> {
  const out: Partial<CommitmentFilters> = {};
  if (bucket === 'overdue') out.overdue = true;
  else {
    out.status = ['open', 'in_progress'];
    out.dueAfter = addDays(asOf, -1);
    out.dueBefore = addDays(asOf, bucket === 'due7' ? 8 : 31);
  }
  if (by && key) {
    if (by === 'country') out.country = key;
    else {
      const id = Number(key);
      if (Number.isInteger(id) && id > 0) out[by] = [id];
    }
  }
  return out;
}
