import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, ifMatch, unwrap, type RequestBody, type ResponseBody } from '../api/client';
import type { Contact } from './contacts';
import type { Organization } from './organizations';

export type VisitRecord = ResponseBody<'/api/v1/visits/{id}', 'get'>;
export type CreateVisitInput = RequestBody<'/api/v1/visits', 'post'>;
export type VisitPatch = RequestBody<'/api/v1/visits/{id}', 'patch'>;
export type VisitParticipantInput = NonNullable<CreateVisitInput['participants']>[number];
export type VisitSide = VisitParticipantInput['side'];
export type VisitRole = VisitParticipantInput['role'];
export type InteractionRecord = ResponseBody<'/api/v1/interactions/{id}', 'get'>;
export type CreateInteractionInput = RequestBody<'/api/v1/interactions', 'post'>;
export type InteractionPatch = RequestBody<'/api/v1/interactions/{id}', 'patch'>;
export type InteractionRole = NonNullable<CreateInteractionInput['participants']>[number]['role'];
export type CreateCommitmentInput = RequestBody<'/api/v1/commitments', 'post'>;
export type ProjectRecord = ResponseBody<'/api/v1/projects', 'get'>['items'][number];

export const visitRecordKeys = {
  detail: (id: number) => ['visits', 'record', id] as const,
  projects: () => ['projects', 'all'] as const,
  people: (q: string) => ['participants', 'search', q] as const,
};

export function fetchVisit(id: number, signal?: AbortSignal) {
  return unwrap(api.GET('/api/v1/visits/{id}', { params: { path: { id } }, signal }));
}

export function useVisit(id: number | null) {
  return useQuery({
    queryKey: visitRecordKeys.detail(id ?? 0),
    queryFn: ({ signal }) => fetchVisit(id!, signal),
    enabled: typeof id === 'number' && id > 0,
  });
}

/** Everything that shows a visit, its itinerary or what was promised during it is re-read after a write. */
function refreshVisits(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: ['visits'] });
  void queryClient.invalidateQueries({ queryKey: ['interactions'] });
  void queryClient.invalidateQueries({ queryKey: ['commitments'] });
  void queryClient.invalidateQueries({ queryKey: ['review'] });
}

export function useCreateVisit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateVisitInput) => unwrap(api.POST('/api/v1/visits', { body })),
    onSuccess: (visit) => {
      queryClient.setQueryData(visitRecordKeys.detail(visit.id), visit);
      refreshVisits(queryClient);
    },
  });
}

/** A merge patch sent with the version it was based on: a 412 means someone saved first. */
export function useUpdateVisit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, patch }: { id: number; version: number; patch: VisitPatch }) =>
      unwrap(api.PATCH('/api/v1/visits/{id}', { params: { path: { id }, header: ifMatch(version) }, body: patch })),
    onSuccess: (visit) => {
      queryClient.setQueryData(visitRecordKeys.detail(visit.id), visit);
      refreshVisits(queryClient);
    },
  });
}

export function fetchInteraction(id: number, signal?: AbortSignal) {
  return unwrap(api.GET('/api/v1/interactions/{id}', { params: { path: { id } }, signal }));
}

export function useCreateInteraction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateInteractionInput) => unwrap(api.POST('/api/v1/interactions', { body })),
    onSuccess: () => refreshVisits(queryClient),
  });
}

export function useUpdateInteraction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, patch }: { id: number; version: number; patch: InteractionPatch }) =>
      unwrap(api.PATCH('/api/v1/interactions/{id}', { params: { path: { id }, header: ifMatch(version) }, body: patch })),
    onSuccess: () => refreshVisits(queryClient),
  });
}

export function useCreateCommitment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCommitmentInput) => unwrap(api.POST('/api/v1/commitments', { body })),
    onSuccess: () => refreshVisits(queryClient),
  });
}

/** Every live project (there are tens, not thousands), for pickers and filters. */
export function useProjects() {
  return useQuery({
    queryKey: visitRecordKeys.projects(),
    queryFn: async ({ signal }) => (await unwrap(api.GET('/api/v1/projects', { params: { query: { limit: 200 } }, signal }))).items,
    staleTime: 60_000,
  });
}

/** Organizations and contacts matching one search, side by side, for the participant picker. */
export interface PeopleMatches {
  organizations: Organization[];
  contacts: Contact[];
}

export function usePeopleSearch(q: string, enabled = true, limit = 8) {
  const term = q.trim();
  return useQuery({
    queryKey: [...visitRecordKeys.people(term), limit] as const,
    queryFn: async ({ signal }): Promise<PeopleMatches> => {
      const query = { ...(term ? { q: term } : {}), limit };
      const [organizations, contacts] = await Promise.all([
        unwrap(api.GET('/api/v1/organizations', { params: { query }, signal })),
        unwrap(api.GET('/api/v1/contacts', { params: { query }, signal })),
      ]);
      return { organizations: organizations.items, contacts: contacts.items };
    },
    placeholderData: keepPreviousData,
    enabled,
  });
}
