import { QueryClientProvider, type QueryClient, type QueryKey } from '@tanstack/react-query';
import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createQueryClient } from '../queryClient';
import { json, organization, stubApi } from '../test/api';
import { auditKeys } from './audit';
import { authKeys } from './auth';
import { commitmentKeys, counterpartKeys, useCreateCommitment, useReassignCommitments, useSetCommitmentStatus, useUpdateCommitment } from './commitments';
import {
  contactKeys,
  useArchiveContact,
  useCreateContact,
  useRestoreContact,
  useUpdateContact,
} from './contacts';
import { countryKeys } from './countries';
import { documentKeys } from './documents';
import { insightKeys } from './insights';
import { interactionKeys, useCreateInteraction, useUpdateInteraction } from './interactions';
import { invalidateAfter, staleAfter, WRITE_KINDS, type WriteKind } from './invalidation';
import { noteKeys } from './notes';
import { officeKeys, useCreateOffice, useUpdateOffice } from './offices';
import {
  organizationKeys,
  useArchiveOrganization,
  useCreateOrganization,
  useRestoreOrganization,
  useUpdateOrganization,
} from './organizations';
import { projectKeys, useCreateProject, useUpdateProject } from './projects';
import { relationshipKeys, useArchiveRelationship, useCreateRelationship } from './relationships';
import { duplicateKeys } from './duplicates';
import { reviewKeys } from './review';
import { searchKeys } from './search';
import { sessionKeys, useChangePassword, useEndMyOtherSessions, useEndMySession, useEndUserSessions } from './sessions';
import { tagKeys, useMergeTag, useRenameTag } from './tags';
import { timelineKeys } from './timeline';
import { tokenKeys, useCreateToken, useRevokeToken } from './tokens';
import { calendarKeys, useCreateCalendarFeed, useRevokeCalendarFeed } from './calendar';
import { useConfirmTwoFactor, useDisableTwoFactor, useEnrolTwoFactor, useResetUserTwoFactor } from './twoFactor';
import { userKeys, useCreateUser, useUpdateUser } from './users';
import { useCreateVisit, useUpdateVisit, visitKeys } from './visits';
import { useMergeRecordsMutation } from './merge';
import { jobKeys, useRetryJob } from './jobs';
import { notificationKeys, useMarkNotificationsRead } from './notifications';
import { preferenceKeys, useUpdatePreferences } from './preferences';
import { personalDataKeys, useDownloadSubjectExport, useEraseContact, useEraseContacts } from './personalData';
import { retentionKeys, useKeepContacts } from './retention';

/** One query of every shape the app caches, by a name the expectations use. */
const SAMPLES = {
  me: authKeys.me(),
  countries: countryKeys.list(),
  organizationList: organizationKeys.list({ q: 'zenica' }),
  organizationCount: organizationKeys.count({}),
  organizationOptions: organizationKeys.options('min'),
  organizationAncestors: organizationKeys.ancestors(3),
  organizationDetail: organizationKeys.detail(3),
  contactList: contactKeys.list({}),
  contactCount: contactKeys.count({}),
  contactOptions: contactKeys.options(''),
  contactDetail: contactKeys.detail(8),
  visitList: visitKeys.list({}),
  visitDetail: visitKeys.detail(5),
  visitItinerary: visitKeys.itinerary(5, 'Europe/Sarajevo'),
  interactionList: interactionKeys.list({}),
  interactionDetail: interactionKeys.detail(13),
  history: auditKeys.record('organization', 3),
  commitmentList: commitmentKeys.list({ owner_id: [1] }),
  overdueCount: commitmentKeys.count({ overdue: 'true' }),
  commitmentDetail: commitmentKeys.detail(21),
  counterpartNames: counterpartKeys.organizations([3, 5]),
  counterpartPeople: counterpartKeys.contacts([8]),
  organizationTimeline: timelineKeys.of('organization', 3),
  contactTimeline: timelineKeys.of('contact', 8),
  map: insightKeys.map({}),
  report: insightKeys.report({ from: '2026-01-01', to: '2026-12-31', by: 'country' }),
  reviewCommitments: reviewKeys.commitments(),
  reviewStale: reviewKeys.stale(90),
  search: searchKeys.records('zen', 20),
  people: searchKeys.people('zen', 8),
  projects: projectKeys.list('name'),
  project: projectKeys.detail(2),
  tags: tagKeys.list(),
  users: userKeys.directory(),
  offices: officeKeys.list(),
  mySessions: sessionKeys.mine(),
  userSessions: sessionKeys.ofUser(7),
  tokens: tokenKeys.mine(),
  calendarFeed: calendarKeys.mine(),
  relationships: relationshipKeys.ofOrganization(3),
  network: relationshipKeys.network({}),
  duplicateGroups: duplicateKeys.groups('contacts'),
  duplicateCheck: duplicateKeys.check('organizations', { name: 'Ministry' }),
  projectPages: projectKeys.pages({}),
  tagPages: tagKeys.pages({}),
  organizationNotes: noteKeys.of('organizations', 3),
  interactionDocuments: documentKeys.of('interactions', 4),
  unreadCount: notificationKeys.unreadCount(),
  notificationPages: notificationKeys.pages({ unread: true }),
  preferences: preferenceKeys.mine(),
  jobSummary: jobKeys.summary(),
  jobPages: jobKeys.pages('failed'),
  retentionDue: retentionKeys.due(),
  subjectExport: personalDataKeys.subjectExport(8),
} satisfies Record<string, QueryKey>;
type Sample = keyof typeof SAMPLES;

const EVERYTHING_ON_A_RECORD_PAGE: Sample[] = ['organizationTimeline', 'contactTimeline', 'search', 'history'];

/** What each kind of write must make stale; anything not named must stay fresh. */
const EXPECTED: Record<WriteKind, Sample[]> = {
  organization: [
    ...EVERYTHING_ON_A_RECORD_PAGE,
    'organizationList',
    'organizationCount',
    'organizationOptions',
    'organizationAncestors',
    'counterpartNames',
    'counterpartPeople',
    'contactList',
    'visitList',
    'visitDetail',
    'visitItinerary',
    'interactionList',
    'interactionDetail',
    'commitmentList',
    'map',
    'report',
    'reviewCommitments',
    'reviewStale',
    'people',
    'tags',
    'tagPages',
    'relationships',
    'network',
    'duplicateGroups',
    'duplicateCheck',
  ],
  contact: [
    ...EVERYTHING_ON_A_RECORD_PAGE,
    'contactList',
    'contactCount',
    'contactOptions',
    'counterpartNames',
    'counterpartPeople',
    'visitList',
    'visitDetail',
    'visitItinerary',
    'interactionList',
    'interactionDetail',
    'commitmentList',
    'reviewCommitments',
    'reviewStale',
    'people',
    'tags',
    'tagPages',
    'duplicateGroups',
    'duplicateCheck',
  ],
  visit: [
    ...EVERYTHING_ON_A_RECORD_PAGE,
    'visitList',
    'visitDetail',
    'visitItinerary',
    'interactionList',
    'interactionDetail',
    'commitmentList',
    'overdueCount',
    'commitmentDetail',
    'map',
    'report',
    'reviewCommitments',
    'reviewStale',
    'people',
    'tags',
    'tagPages',
  ],
  interaction: [
    ...EVERYTHING_ON_A_RECORD_PAGE,
    'interactionList',
    'interactionDetail',
    'commitmentList',
    'overdueCount',
    'commitmentDetail',
    'visitList',
    'visitDetail',
    'visitItinerary',
    'map',
    'report',
    'reviewCommitments',
    'reviewStale',
    'people',
  ],
  commitment: [
    ...EVERYTHING_ON_A_RECORD_PAGE,
    'commitmentList',
    'overdueCount',
    'commitmentDetail',
    'visitItinerary',
    'map',
    'report',
    'reviewCommitments',
    'reviewStale',
    'people',
    // Handing out a commitment notifies its new owner; titles follow the commitment.
    'unreadCount',
    'notificationPages',
  ],
  project: ['projects', 'project', 'projectPages', 'visitList', 'visitDetail', 'visitItinerary', 'map', 'report', 'relationships', 'network'],
  tag: ['tags', 'tagPages', 'organizationList', 'contactList', 'visitList'],
  user: ['users'],
  office: ['offices', 'users'],
  session: ['mySessions', 'userSessions'],
  token: ['tokens'],
  calendarFeed: ['calendarFeed'],
  password: ['mySessions', 'userSessions', 'tokens', 'me', 'users'],
  twoFactor: ['me'],
  relationship: ['relationships', 'network'],
  // Every record and list may carry the merged tag.
  tagMerge: [
    ...EVERYTHING_ON_A_RECORD_PAGE,
    'tags',
    'tagPages',
    'organizationList',
    'organizationCount',
    'organizationOptions',
    'organizationAncestors',
    'organizationDetail',
    'contactList',
    'contactCount',
    'contactOptions',
    'contactDetail',
    'visitList',
    'visitDetail',
    'visitItinerary',
    'interactionList',
    'interactionDetail',
    'commitmentList',
    'overdueCount',
    'commitmentDetail',
    'map',
    'report',
    'people',
    'relationships',
    'network',
  ],
  // Everything that named a merged record now names the survivor.
  recordMerge: [
    ...EVERYTHING_ON_A_RECORD_PAGE,
    'organizationList',
    'organizationCount',
    'organizationOptions',
    'organizationAncestors',
    'organizationDetail',
    'contactList',
    'contactCount',
    'contactOptions',
    'contactDetail',
    'counterpartNames',
    'counterpartPeople',
    'visitList',
    'visitDetail',
    'visitItinerary',
    'interactionList',
    'interactionDetail',
    'commitmentList',
    'overdueCount',
    'commitmentDetail',
    'map',
    'report',
    'reviewCommitments',
    'reviewStale',
    'people',
    'projects',
    'project',
    'projectPages',
    'relationships',
    'network',
    'organizationNotes',
    'interactionDocuments',
  ],
  note: ['organizationNotes', 'history'],
  document: ['interactionDocuments', 'history'],
  export: ['history'],
  notification: ['unreadCount', 'notificationPages'],
  preferences: ['preferences'],
  job: ['jobSummary', 'jobPages'],
  // Every place that could name an erased person, and the retention review.
  erase: [
    ...EVERYTHING_ON_A_RECORD_PAGE,
    'contactList',
    'contactCount',
    'contactOptions',
    'contactDetail',
    'counterpartNames',
    'counterpartPeople',
    'visitList',
    'visitDetail',
    'visitItinerary',
    'interactionList',
    'interactionDetail',
    'commitmentList',
    'reviewCommitments',
    'reviewStale',
    'people',
    'organizationNotes',
    'duplicateGroups',
    'duplicateCheck',
    'retentionDue',
    'subjectExport',
  ],
  retentionKeep: ['retentionDue', 'history'],
};

function seeded(): QueryClient {
  const queryClient = createQueryClient({ retry: false });
  for (const key of Object.values(SAMPLES)) queryClient.setQueryData(key, { seeded: true });
  return queryClient;
}

function staleSamples(queryClient: QueryClient): Sample[] {
  return (Object.keys(SAMPLES) as Sample[]).filter((name) => queryClient.getQueryState(SAMPLES[name])?.isInvalidated).sort();
}

describe('the invalidation map', () => {
  it.each(WRITE_KINDS)('says what a write of %s makes stale', async (kind) => {
    const queryClient = seeded();
    await invalidateAfter(queryClient, kind);
    expect(staleSamples(queryClient)).toEqual([...new Set(EXPECTED[kind])].sort());
  });

  it('refreshes timelines after every write to what a timeline shows', () => {
    for (const kind of ['organization', 'contact', 'visit', 'interaction', 'commitment'] as const) {
      expect(staleAfter(kind)).toContainEqual(timelineKeys.all);
    }
  });

  it('ends an admin\'s "all sessions" with the tokens too when asked', async () => {
    const { requests } = stubApi({ 'DELETE /api/v1/users/7/sessions': new Response(null, { status: 204 }) });
    const queryClient = seeded();
    const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
    const { result } = renderHook(() => useEndUserSessions(), { wrapper });
    await act(() => result.current.mutateAsync({ userId: 7, revokeTokens: true }));
    expect(requests[0]?.url.search).toBe('?revoke_tokens=true');
    expect(staleSamples(queryClient)).toEqual(['mySessions', 'tokens', 'userSessions']);
  });

  it('leaves alone a record the mutation has just filled in', async () => {
    const queryClient = seeded();
    await invalidateAfter(queryClient, 'visit', { keep: [visitKeys.detail(5)] });
    expect(queryClient.getQueryState(visitKeys.detail(5))?.isInvalidated).toBe(false);
    expect(queryClient.getQueryState(visitKeys.itinerary(5, 'Europe/Sarajevo'))?.isInvalidated).toBe(true);
  });
});

const saved = organization(3, 'Ministry of Security');
const contact = { id: 8, version: 2, given_name: 'Amra', family_name: 'Hodžić', positions: [], tags: [], languages: [] };
const visit = { id: 5, version: 2, title: 'Study visit', participants: [] };
const user = { id: 7, version: 2, email: 'x@example.org', name: 'X', role: 'officer' };
const office = { id: 2, version: 2, name: 'Sarajevo' };

/** Every mutation hook, what it sends, and the kind of write it is. */
const MUTATIONS: { name: string; kind: WriteKind; use: () => { mutateAsync: (v: never) => Promise<unknown> }; variables: unknown; routes: Record<string, Response> }[] = [
  { name: 'useCreateOrganization', kind: 'organization', use: useCreateOrganization, variables: { name: 'X', type: 'ministry' }, routes: { 'POST /api/v1/organizations': json(saved, { status: 201 }) } },
  { name: 'useUpdateOrganization', kind: 'organization', use: useUpdateOrganization, variables: { id: 3, version: 1, patch: {} }, routes: { 'PATCH /api/v1/organizations/3': json(saved) } },
  { name: 'useArchiveOrganization', kind: 'organization', use: useArchiveOrganization, variables: { id: 3, version: 1 }, routes: { 'DELETE /api/v1/organizations/3': new Response(null, { status: 204 }) } },
  { name: 'useRestoreOrganization', kind: 'organization', use: useRestoreOrganization, variables: 3, routes: { 'POST /api/v1/organizations/3/restore': json(saved) } },
  { name: 'useCreateContact', kind: 'contact', use: useCreateContact, variables: { given_name: 'Amra' }, routes: { 'POST /api/v1/contacts': json(contact, { status: 201 }) } },
  { name: 'useUpdateContact', kind: 'contact', use: useUpdateContact, variables: { id: 8, version: 1, patch: {} }, routes: { 'PATCH /api/v1/contacts/8': json(contact) } },
  { name: 'useArchiveContact', kind: 'contact', use: useArchiveContact, variables: { id: 8, version: 1 }, routes: { 'DELETE /api/v1/contacts/8': new Response(null, { status: 204 }) } },
  { name: 'useRestoreContact', kind: 'contact', use: useRestoreContact, variables: 8, routes: { 'POST /api/v1/contacts/8/restore': json(contact) } },
  { name: 'useCreateVisit', kind: 'visit', use: useCreateVisit, variables: { title: 'Study visit' }, routes: { 'POST /api/v1/visits': json(visit, { status: 201 }) } },
  { name: 'useUpdateVisit', kind: 'visit', use: useUpdateVisit, variables: { id: 5, version: 1, patch: {} }, routes: { 'PATCH /api/v1/visits/5': json(visit) } },
  { name: 'useCreateInteraction', kind: 'interaction', use: useCreateInteraction, variables: { subject: 'Debrief' }, routes: { 'POST /api/v1/interactions': json({ id: 40 }, { status: 201 }) } },
  { name: 'useUpdateInteraction', kind: 'interaction', use: useUpdateInteraction, variables: { id: 40, version: 1, patch: {} }, routes: { 'PATCH /api/v1/interactions/40': json({ id: 40 }) } },
  { name: 'useCreateCommitment', kind: 'commitment', use: useCreateCommitment, variables: { title: 'Send the plan' }, routes: { 'POST /api/v1/commitments': json({ id: 60 }, { status: 201 }) } },
  { name: 'useSetCommitmentStatus', kind: 'commitment', use: useSetCommitmentStatus, variables: { id: 60, version: 1, status: 'done' }, routes: { 'PATCH /api/v1/commitments/60': json({ id: 60 }) } },
  { name: 'useUpdateCommitment', kind: 'commitment', use: useUpdateCommitment, variables: { id: 21, version: 1, patch: { title: 'Send the plan' } }, routes: { 'PATCH /api/v1/commitments/21': json({ id: 21, version: 2, title: 'Send the plan' }) } },
  { name: 'useReassignCommitments', kind: 'commitment', use: useReassignCommitments, variables: { owner_id: 2, commitments: [{ id: 60, version: 1, title: 'x' }] }, routes: { 'POST /api/v1/commitments/reassign': json({ items: [] }) } },
  { name: 'useCreateUser', kind: 'user', use: useCreateUser, variables: { email: 'x@example.org' }, routes: { 'POST /api/v1/users': json(user, { status: 201 }) } },
  { name: 'useUpdateUser', kind: 'user', use: useUpdateUser, variables: { id: 7, version: 1, patch: {} }, routes: { 'PATCH /api/v1/users/7': json(user) } },
  { name: 'useCreateOffice', kind: 'office', use: useCreateOffice, variables: { name: 'Sarajevo' }, routes: { 'POST /api/v1/offices': json(office, { status: 201 }) } },
  { name: 'useUpdateOffice', kind: 'office', use: useUpdateOffice, variables: { id: 2, version: 1, patch: {} }, routes: { 'PATCH /api/v1/offices/2': json(office) } },
  { name: 'useEndMySession', kind: 'session', use: useEndMySession, variables: 12, routes: { 'DELETE /api/v1/me/sessions/12': new Response(null, { status: 204 }) } },
  { name: 'useEndMyOtherSessions', kind: 'session', use: useEndMyOtherSessions, variables: undefined, routes: { 'POST /api/v1/me/sessions/revoke-others': json({ ended: 2 }) } },
  { name: 'useEndUserSessions', kind: 'session', use: useEndUserSessions, variables: { userId: 7, revokeTokens: false }, routes: { 'DELETE /api/v1/users/7/sessions': new Response(null, { status: 204 }) } },
  { name: 'useChangePassword', kind: 'password', use: useChangePassword, variables: { current_password: 'a', new_password: 'b', revoke_tokens: true }, routes: { 'POST /api/v1/auth/password': new Response(null, { status: 204 }) } },
  { name: 'useCreateToken', kind: 'token', use: useCreateToken, variables: 'laptop script', routes: { 'POST /api/v1/auth/tokens': json({ id: 3, name: 'laptop script', token: 'lsn_x', created_at: '', last_used_at: null }, { status: 201 }) } },
  { name: 'useCreateCalendarFeed', kind: 'calendarFeed', use: useCreateCalendarFeed, variables: undefined, routes: { 'POST /api/v1/me/calendar-feed': json({ url: 'https://x/calendar/lcal_x.ics' }, { status: 201 }) } },
  { name: 'useRevokeCalendarFeed', kind: 'calendarFeed', use: useRevokeCalendarFeed, variables: undefined, routes: { 'DELETE /api/v1/me/calendar-feed': new Response(null, { status: 204 }) } },
  { name: 'useRevokeToken', kind: 'token', use: useRevokeToken, variables: 3, routes: { 'DELETE /api/v1/auth/tokens/3': new Response(null, { status: 204 }) } },
  { name: 'useEnrolTwoFactor', kind: 'twoFactor', use: useEnrolTwoFactor, variables: undefined, routes: { 'POST /api/v1/auth/mfa': json({ secret: 'ABC', otpauth_url: 'otpauth://totp/x', recovery_codes: [] }) } },
  { name: 'useConfirmTwoFactor', kind: 'twoFactor', use: useConfirmTwoFactor, variables: '123456', routes: { 'POST /api/v1/auth/mfa/confirm': new Response(null, { status: 204 }) } },
  { name: 'useDisableTwoFactor', kind: 'twoFactor', use: useDisableTwoFactor, variables: '123456', routes: { 'DELETE /api/v1/auth/mfa': new Response(null, { status: 204 }) } },
  { name: 'useCreateRelationship', kind: 'relationship', use: useCreateRelationship, variables: { from_organization_id: 3, to_organization_id: 4, kind: 'funded_by' }, routes: { 'POST /api/v1/relationships': json({ id: 9, version: 1 }, { status: 201 }) } },
  { name: 'useArchiveRelationship', kind: 'relationship', use: useArchiveRelationship, variables: { id: 9, version: 1 }, routes: { 'DELETE /api/v1/relationships/9': new Response(null, { status: 204 }) } },
  { name: 'useCreateProject', kind: 'project', use: useCreateProject, variables: { code: 'SIMVEX', name: 'Study visit' }, routes: { 'POST /api/v1/projects': json({ id: 2, version: 1 }, { status: 201 }) } },
  { name: 'useUpdateProject', kind: 'project', use: useUpdateProject, variables: { project: { id: 2, version: 1 }, patch: { name: 'X' } }, routes: { 'PATCH /api/v1/projects/2': json({ id: 2, version: 2 }) } },
  { name: 'useRenameTag', kind: 'tag', use: useRenameTag, variables: { tag: { id: 20, version: 1 }, name: 'Youth' }, routes: { 'PATCH /api/v1/tags/20': json({ id: 20, version: 2 }) } },
  { name: 'useMergeTag', kind: 'tagMerge', use: useMergeTag, variables: { tag: { id: 20, version: 2 }, into: 21 }, routes: { 'POST /api/v1/tags/20/merge': json({ into: { id: 21 }, moved: 3 }) } },
  {
    name: 'useMergeRecordsMutation',
    kind: 'recordMerge',
    use: useMergeRecordsMutation,
    variables: { kind: 'organizations', survivor: { id: 3, version: 1 }, from: [5], fields: {} },
    routes: { 'POST /api/v1/organizations/3/merge': json(organization(3, 'Ministry of Security', { version: 2 })) },
  },
  { name: 'useResetUserTwoFactor', kind: 'twoFactor', use: useResetUserTwoFactor, variables: 7, routes: { 'DELETE /api/v1/users/7/mfa': new Response(null, { status: 204 }) } },
  { name: 'useMarkNotificationsRead', kind: 'notification', use: useMarkNotificationsRead, variables: { all: true }, routes: { 'POST /api/v1/notifications/read': new Response(null, { status: 204 }) } },
  {
    name: 'useUpdatePreferences',
    kind: 'preferences',
    use: useUpdatePreferences,
    variables: { digest: 'daily' },
    routes: { 'PATCH /api/v1/me/preferences': json({ digest: 'daily', digest_hour: 7, time_zone: 'Europe/Sarajevo', email_on_assigned: true, email_available: false }) },
  },
  { name: 'useRetryJob', kind: 'job', use: useRetryJob, variables: 12, routes: { 'POST /api/v1/admin/jobs/12/retry': new Response(null, { status: 204 }) } },
  {
    name: 'useEraseContact',
    kind: 'erase',
    use: useEraseContact,
    variables: { id: 8, version: 2, reason: 'asked on 2026-12-01' },
    routes: { 'POST /api/v1/contacts/8/erase': json({ ...contact, version: 3, full_name: 'Erased contact 8', erased_at: '2026-12-01T10:00:00Z' }) },
  },
  {
    name: 'useEraseContacts',
    kind: 'erase',
    use: useEraseContacts,
    variables: { contacts: [{ id: 8, version: 2 }], reason: 'retention review' },
    routes: { 'POST /api/v1/contacts/erase': new Response(null, { status: 204 }) },
  },
  { name: 'useKeepContacts', kind: 'retentionKeep', use: useKeepContacts, variables: { ids: [8], reason: 'still a partner' }, routes: { 'POST /api/v1/retention/keep': new Response(null, { status: 204 }) } },
  {
    name: 'useDownloadSubjectExport',
    kind: 'export',
    use: useDownloadSubjectExport,
    variables: 8,
    routes: { 'GET /api/v1/contacts/8/subject-export': json({ exported_at: '2026-12-01T10:00:00Z', contact, participations: [], commitments: [], notes: [], documents: [], history: [] }) },
  },
];

describe('every mutation goes through the map', () => {
  // A download hands the browser a file through an object URL, which jsdom lacks.
  beforeAll(() => {
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: () => 'blob:liaison/1', revokeObjectURL: () => {} }));
  });
  afterAll(() => vi.unstubAllGlobals());

  it.each(MUTATIONS)('$name makes stale what a write of $kind does', async ({ name, kind, use, variables, routes }) => {
    stubApi(routes);
    const queryClient = seeded();
    const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
    const { result } = renderHook(() => use(), { wrapper });
    await act(() => result.current.mutateAsync(variables as never));
    // A saved visit, corrected commitment, merge survivor, tombstone or my saved settings are the server's answer, kept as it is; everything else the map names is stale.
    const expected = EXPECTED[kind].filter(
      (s) =>
        !(kind === 'visit' && s === 'visitDetail') &&
        !(name === 'useUpdateCommitment' && s === 'commitmentDetail') &&
        !(name === 'useMergeRecordsMutation' && s === 'organizationDetail') &&
        !(name === 'useUpdatePreferences' && s === 'preferences') &&
        !(name === 'useEraseContact' && s === 'contactDetail'),
    );
    const stale = staleSamples(queryClient);
    expect(stale).toEqual([...new Set(expected)].sort());
    if (['organization', 'contact', 'visit', 'interaction', 'commitment'].includes(kind)) {
      expect(stale).toEqual(expect.arrayContaining(['organizationTimeline', 'contactTimeline']));
    }
  });
});

/** The source files of the app, as text (tests aside). */
const SOURCES = Object.entries(
  import.meta.glob<string>(['../**/*.ts', '../**/*.tsx', '!../**/*.test.ts', '!../**/*.test.tsx', '!../test/**'], {
    query: '?raw',
    import: 'default',
    eager: true,
  }),
);

describe('server state has one map', () => {
  it('writes only from hooks, and invalidates only through the map', () => {
    expect(SOURCES.length).toBeGreaterThan(50);
    const offenders: string[] = [];
    for (const [path, text] of SOURCES) {
      const inHooks = path.startsWith('./') || path.startsWith('../hooks/');
      if (/\buseMutation\(/.test(text) && !inHooks) offenders.push(`${path}: useMutation outside src/hooks`);
      if (/\binvalidateQueries\(/.test(text) && path !== './invalidation.ts') offenders.push(`${path}: invalidateQueries outside the map`);
      if (/queryKey:\s*\[/.test(text)) offenders.push(`${path}: a query key written by hand instead of a key factory`);
      // Each mutation in a hooks file says what it made stale, or declares
      // that it writes nothing (a request sent by POST that only reads).
      const mutations = text.match(/\buseMutation\(/g)?.length ?? 0;
      const settled =
        (text.match(/\b(invalidateAfter|forgetServerState|remember)\(queryClient/g)?.length ?? 0) +
        (text.match(/\bmeta: \{ writesNothing: true \}/g)?.length ?? 0);
      if (mutations > settled) offenders.push(`${path}: ${mutations} mutations, ${settled} go through the map`);
    }
    expect(offenders).toEqual([]);
  });

  it('has one hook per name', () => {
    const exported = new Map<string, string[]>();
    for (const [path, text] of SOURCES) {
      for (const m of text.matchAll(/export function (use[A-Z]\w*)/g)) exported.set(m[1]!, [...(exported.get(m[1]!) ?? []), path]);
    }
    const twice = [...exported].filter(([, paths]) => paths.length > 1);
    expect(twice).toEqual([]);
  });
});
