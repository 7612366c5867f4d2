import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap, type ResponseBody } from '../api/client';
import { compact } from './list';

export type Project = ResponseBody<'/api/v1/projects', 'get'>['items'][number];

/** One organization placed on the map, with its commitment tallies. */
export interface MappedOrganization {
  id: number;
  name: string;
  acronym: string;
  type: string;
  country_code: string | null;
  influence: number;
  interest: number;
  open_commitments: number;
  overdue_commitments: number;
  last_held_at: string | null;
}

export interface StakeholderMap {
  items: MappedOrganization[];
  total: number;
  truncated: boolean;
}

export interface StakeholderMapFilter {
  country_code?: string[];
  project_id?: number;
  tag?: string[];
  type?: string[];
  office_id?: number[];
}

export type ReportGrouping = 'country' | 'project' | 'sdg';

export interface EngagementCounts {
  interactions: number;
  visits: number;
  organizations: number;
  contacts: number;
  contacts_female: number;
  contacts_male: number;
  commitments_made: number;
  commitments_done: number;
  commitments_overdue: number;
}

export interface EngagementRow extends EngagementCounts {
  key: string;
  label: string;
}

export interface EngagementReport {
  from: string;
  to: string;
  by: ReportGrouping;
  rows: EngagementRow[];
  totals: EngagementCounts;
}

export interface EngagementQuery {
  from: string;
  to: string;
  by: ReportGrouping;
  office_id?: number[];
}

export const insightKeys = {
  map: (filter: StakeholderMapFilter) => ['stakeholder-map', filter] as const,
  report: (query: EngagementQuery) => ['reports', 'engagement', query] as const,
  projects: () => ['projects', 'list', 'all'] as const,
};

// The typed client learns these paths when the server's OpenAPI document is regenerated.
type LooseGet = (path: string, init: { params: { query: object }; signal?: AbortSignal }) => ReturnType<typeof api.GET>;
const get = api.GET as unknown as LooseGet;

/** Organizations with influence and interest, for the grid (at most 500, the weightiest first). */
export function useStakeholderMap(filter: StakeholderMapFilter) {
  const query = compact(filter);
  return useQuery({
    queryKey: insightKeys.map(query),
    queryFn: async ({ signal }) => (await unwrap(get('/api/v1/stakeholder-map', { params: { query }, signal }))) as unknown as StakeholderMap,
    placeholderData: keepPreviousData,
  });
}

/** Engagement counted by country, programme or SDG over a period (managers and admins). */
export function useEngagementReport(query: EngagementQuery, enabled = true) {
  const params = compact(query);
  return useQuery({
    queryKey: insightKeys.report(params),
    queryFn: async ({ signal }) => (await unwrap(get('/api/v1/reports/engagement', { params: { query: params }, signal }))) as unknown as EngagementReport,
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** Every project, for filters: offices run a handful, so one page of 200 holds them. */
export function useProjects() {
  return useQuery({
    queryKey: insightKeys.projects(),
    queryFn: async ({ signal }) => (await unwrap(api.GET('/api/v1/projects', { params: { query: { limit: 200, sort: 'code' } }, signal }))).items,
    staleTime: 10 * 60_000,
  });
}
