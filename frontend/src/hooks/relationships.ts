import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, unwrap, type RequestBody, type ResponseBody } from '../api/client';
import { compact } from './list';
import { invalidateAfter } from './invalidation';

type RelationshipPage = ResponseBody<'/api/v1/relationships', 'get'>;
export type Relationship = RelationshipPage['items'][number];
export type RelationshipKind = Relationship['kind'];
export type CreateRelationshipInput = RequestBody<'/api/v1/relationships', 'post'>;
export type RelationshipPatch = RequestBody<'/api/v1/relationships/{id}', 'patch'>;
export type Network = ResponseBody<'/api/v1/network', 'get'>;
export type NetworkNode = Network['nodes'][number];
export type NetworkEdge = Network['edges'][number];
export type NetworkEdgeKind = NetworkEdge['kind'];

export const RELATIONSHIP_KINDS: readonly RelationshipKind[] = ['partner_of', 'funded_by', 'member_of', 'coordinates_with', 'reports_to'];

/** What the network view is narrowed by. */
export interface NetworkFilter {
  country_code?: string[];
  project_id?: number[];
  tag?: string[];
}

export const relationshipKeys = {
  all: ['relationships'] as const,
  ofOrganization: (id: number) => [...relationshipKeys.all, 'organization', id] as const,
  network: (filter: NetworkFilter) => [...relationshipKeys.all, 'network', filter] as const,
};

/** Every live relationship of an organization, at either end (tens, not thousands). */
export function useOrganizationRelationships(organizationId: number) {
  return useQuery(organizationRelationshipsQuery(organizationId));
}

/** The query behind useOrganizationRelationships, for starting it before the page is drawn (src/pageData.ts). */
export function organizationRelationshipsQuery(organizationId: number) {
  return queryOptions({
    queryKey: relationshipKeys.ofOrganization(organizationId),
    queryFn: async ({ signal }) => {
      const out: Relationship[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 10; page++) {
        const result: RelationshipPage = await unwrap(
          api.GET('/api/v1/relationships', {
            params: { query: { organization_id: [organizationId], limit: 200, ...(cursor ? { cursor } : {}) } },
            signal,
          }),
        );
        out.push(...result.items);
        cursor = result.next_cursor ?? null;
        if (!cursor) break;
      }
      return out;
    },
  });
}

/** The organizations and their links, in one answer (the server bounds it and says when it did). */
export function useNetwork(filter: NetworkFilter) {
  const query = compact(filter);
  return useQuery({
    queryKey: relationshipKeys.network(query),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/network', { params: { query }, signal })),
  });
}

export function useCreateRelationship() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateRelationshipInput) => unwrap(api.POST('/api/v1/relationships', { body })),
    onSuccess: () => invalidateAfter(queryClient, 'relationship'),
  });
}

export function useUpdateRelationship() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ relationship, patch }: { relationship: Relationship; patch: RelationshipPatch }) =>
      unwrap(
        api.PATCH('/api/v1/relationships/{id}', {
          params: { path: { id: relationship.id }, header: ifMatch(relationship.version) },
          body: patch,
        }),
      ),
    onSuccess: () => invalidateAfter(queryClient, 'relationship'),
  });
}

export function useArchiveRelationship() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (relationship: Relationship) =>
      unwrap(api.DELETE('/api/v1/relationships/{id}', { params: { path: { id: relationship.id }, header: ifMatch(relationship.version) } })),
    onSuccess: () => invalidateAfter(queryClient, 'relationship'),
  });
}
