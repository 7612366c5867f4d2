import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap, type ResponseBody } from '../api/client';
import type { paths } from '../api/schema';
import { compact } from './list';

export type StakeholderMap = ResponseBody<'/api/v1/stakeholder-map', 'get'>;
/** One organization placed on the map, with its commitment tallies. */
export type MappedOrganization = StakeholderMap['items'][number];
export type StakeholderMapFilter = NonNullable<paths['/api/v1/stakeholder-map']['get']['parameters']['query']>;

export type EngagementReport = ResponseBody<'/api/v1/reports/engagement', 'get'>;
export type EngagementRow = EngagementReport['rows'][number];
export type EngagementCounts = EngagementReport['totals'];
export type ReportGrouping = EngagementReport['by'];
export type EngagementQuery = paths['/api/v1/reports/engagement']['get']['parameters']['query'];

export const insightKeys = {
  all: ['insights'] as const,
  map: (filter: StakeholderMapFilter) => [...insightKeys.all, 'map', filter] as const,
  report: (query: EngagementQuery) => [...insightKeys.all, 'report', query] as const,
};

/** Organizations with influence and interest, for the grid (at most 500, the weightiest first). */
export function useStakeholderMap(filter: StakeholderMapFilter) {
  return useQuery({ ...stakeholderMapQuery(filter), placeholderData: keepPreviousData });
}

/** The query behind useStakeholderMap, for starting it before the map is drawn (src/pageData.ts). */
export function stakeholderMapQuery(filter: StakeholderMapFilter) {
  const query = compact(filter);
  return queryOptions({
    queryKey: insightKeys.map(query),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/stakeholder-map', { params: { query }, signal })),
  });
}

/** Engagement counted by country, programme or SDG over a period (managers and admins). */
export function useEngagementReport(query: EngagementQuery, enabled = true) {
  return useQuery({ ...engagementReportQuery(query), enabled, placeholderData: keepPreviousData });
}

/** The query behind useEngagementReport, for starting it before the report is drawn (src/pageData.ts). */
export function engagementReportQuery(query: EngagementQuery) {
  const params = compact(query);
  return queryOptions({
    queryKey: insightKeys.report(params),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/reports/engagement', { params: { query: params }, signal })),
  });
}
