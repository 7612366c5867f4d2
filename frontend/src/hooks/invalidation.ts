import { hashKey, partialMatchKey, type QueryClient, type QueryKey } from '@tanstack/react-query';
import { auditKeys } from './audit';
import { authKeys } from './auth';
import { calendarKeys } from './calendar';
import { commitmentKeys, counterpartKeys } from './commitments';
import { contactKeys } from './contacts';
import { documentKeys } from './documents';
import { duplicateKeys } from './duplicates';
import { insightKeys } from './insights';
import { interactionKeys } from './interactions';
import { jobKeys } from './jobs';
import { noteKeys } from './notes';
import { notificationKeys } from './notifications';
import { officeKeys } from './offices';
import { organizationKeys } from './organizations';
import { personalDataKeys } from './personalData';
import { preferenceKeys } from './preferences';
import { projectKeys } from './projects';
import { relationshipKeys } from './relationships';
import { retentionKeys } from './retention';
import { reviewKeys } from './review';
import { searchKeys } from './search';
import { sessionKeys } from './sessions';
import { tagKeys } from './tags';
import { timelineKeys } from './timeline';
import { tokenKeys } from './tokens';
import { userKeys } from './users';
import { visitKeys } from './visits';

/** The kinds of record a write changes. */
export type WriteKind =
  | 'organization'
  | 'contact'
  | 'visit'
  | 'interaction'
  | 'commitment'
  | 'project'
  | 'tag'
  | 'user'
  | 'office'
  | 'session'
  | 'token'
  | 'password'
  | 'twoFactor'
  | 'relationship'
  | 'tagMerge'
  | 'recordMerge'
  | 'note'
  | 'document'
  | 'calendarFeed'
  | 'export'
  | 'notification'
  | 'preferences'
  | 'job'
  | 'erase'
  | 'retentionKeep';

export const WRITE_KINDS: readonly WriteKind[] = [
  'organization',
  'contact',
  'visit',
  'interaction',
  'commitment',
  'project',
  'tag',
  'user',
  'office',
  'session',
  'token',
  'password',
  'twoFactor',
  'relationship',
  'tagMerge',
  'recordMerge',
  'note',
  'document',
  'calendarFeed',
  'export',
  'notification',
  'preferences',
  'job',
  'erase',
  'retentionKeep',
];

/**
 * What goes stale after each kind of write: the one map every mutation goes
 * through. Keys are prefixes (`timelineKeys.all` covers every timeline).
 * A record the server has just answered with is put in the cache by its
 * mutation and need not be read again (see `keep`).
 *
 * Functions, not arrays: the key factories live in modules that import this
 * one, and are read only once a write happens.
 */
const STALE_AFTER: Record<WriteKind, () => QueryKey[]> = {
  // Names, types, influence and interest show on lists, pickers, the map, the
  // review of untouched stakeholders, search and wherever the organization
  // takes part; a new tag joins the tag list.
  organization: () => [
    organizationKeys.lists(),
    organizationKeys.counts(),
    organizationKeys.optionLists(),
    organizationKeys.ancestorChains(),
    organizationKeys.names(),
    contactKeys.lists(),
    visitKeys.all,
    interactionKeys.lists(),
    commitmentKeys.lists(),
    counterpartKeys.all,
    timelineKeys.all,
    insightKeys.all,
    reviewKeys.all,
    searchKeys.all,
    tagKeys.all,
    relationshipKeys.all,
    // A meeting's page names its organizations; every record page shows its history.
    interactionKeys.details(),
    auditKeys.all,
    // A name, email or phone number changes what it may duplicate.
    duplicateKeys.all,
  ],
  contact: () => [
    contactKeys.lists(),
    contactKeys.counts(),
    contactKeys.optionLists(),
    visitKeys.all,
    interactionKeys.lists(),
    commitmentKeys.lists(),
    counterpartKeys.all,
    timelineKeys.all,
    reviewKeys.all,
    searchKeys.all,
    tagKeys.all,
    interactionKeys.details(),
    auditKeys.all,
    duplicateKeys.all,
  ],
  // A visit carries its participants, sessions and follow-ups.
  visit: () => [
    visitKeys.all,
    interactionKeys.all,
    commitmentKeys.all,
    timelineKeys.all,
    insightKeys.all,
    reviewKeys.all,
    searchKeys.all,
    tagKeys.all,
    auditKeys.all,
  ],
  // An interaction is saved with its follow-up commitments, and touches its
  // participants' timelines, the visit it belongs to, the map, the reports
  // and the review of untouched stakeholders.
  interaction: () => [
    interactionKeys.all,
    commitmentKeys.all,
    visitKeys.all,
    timelineKeys.all,
    insightKeys.all,
    reviewKeys.all,
    searchKeys.all,
    auditKeys.all,
  ],
  // The dashboard's overdue count and "mine" list are commitment queries.
  // Handing a commitment to someone notifies them as it is saved, and a
  // notification's title is written from the commitment as it is now: the
  // bell's count and list are read again rather than at the next poll.
  commitment: () => [
    commitmentKeys.all,
    visitKeys.itineraries(),
    timelineKeys.all,
    insightKeys.all,
    reviewKeys.all,
    searchKeys.all,
    auditKeys.all,
    notificationKeys.all,
  ],
  project: () => [projectKeys.all, visitKeys.all, insightKeys.all, relationshipKeys.all],
  tag: () => [tagKeys.all, organizationKeys.lists(), contactKeys.lists(), visitKeys.lists()],
  // Owner names come from the user directory.
  user: () => [userKeys.all],
  office: () => [officeKeys.all, userKeys.all],
  // Ending sign-in sessions: mine, or (an admin's act) someone else's.
  session: () => [sessionKeys.all],
  // Creating or revoking a personal API token.
  token: () => [tokenKeys.all],
  // Making, replacing or revoking my calendar feed.
  calendarFeed: () => [calendarKeys.all],
  // A password change ends my other sessions, may revoke my tokens, and
  // gives my account a new version.
  password: () => [sessionKeys.all, tokenKeys.all, authKeys.me(), userKeys.all],
  // Enrolling, confirming, turning off or an admin's reset: "me" carries the two-factor state.
  twoFactor: () => [authKeys.me()],
  // A link shows on both organizations' pages and in the network.
  relationship: () => [relationshipKeys.all],
  // A merge moves a tag onto every record that carried the other: records
  // change (tags, version), and so do the lists filtered by tag.
  tagMerge: () => [
    tagKeys.all,
    organizationKeys.all,
    contactKeys.all,
    visitKeys.all,
    interactionKeys.all,
    commitmentKeys.all,
    timelineKeys.all,
    insightKeys.all,
    searchKeys.all,
    relationshipKeys.all,
    auditKeys.all,
  ],
  // Merging contacts or organizations re-points meetings, visits,
  // commitments, positions, children, donors, relationships, notes and
  // documents to the survivor: every record and list may show it.
  recordMerge: () => [
    organizationKeys.all,
    contactKeys.all,
    visitKeys.all,
    interactionKeys.all,
    commitmentKeys.all,
    counterpartKeys.all,
    projectKeys.all,
    timelineKeys.all,
    insightKeys.all,
    reviewKeys.all,
    searchKeys.all,
    relationshipKeys.all,
    noteKeys.all,
    documentKeys.all,
    auditKeys.all,
  ],
  // A record's notes and documents are read only by their own panels.
  // Adding or removing one is written in its record's history.
  note: () => [noteKeys.all, auditKeys.all],
  document: () => [documentKeys.all, auditKeys.all],
  // An export changes no record; its audit event joins the history.
  export: () => [auditKeys.all],
  // Reading one or all: the bell's count and the panel's pages.
  notification: () => [notificationKeys.all],
  // My digest and email settings are read by their own form only.
  preferences: () => [preferenceKeys.all],
  // Retrying a job moves it between states: the counts and every filtered page.
  job: () => [jobKeys.all],
  // Erasing people empties their records, their notes and their history's
  // values, and takes their names out of search: every list, meeting and
  // timeline that named them, the retention review and any subject export.
  erase: () => [
    contactKeys.all,
    counterpartKeys.all,
    visitKeys.all,
    interactionKeys.all,
    commitmentKeys.lists(),
    timelineKeys.all,
    reviewKeys.all,
    searchKeys.all,
    noteKeys.all,
    duplicateKeys.all,
    auditKeys.all,
    retentionKeys.all,
    personalDataKeys.all,
  ],
  // A keep decision is audited and takes the contacts off the retention list.
  retentionKeep: () => [retentionKeys.all, auditKeys.all],
};

/** The query keys (as prefixes) that a write of this kind makes stale. */
export function staleAfter(kind: WriteKind): QueryKey[] {
  return STALE_AFTER[kind]();
}

/**
 * Marks stale everything a write of `kind` changed; what is on screen is
 * read again at once. `keep` names exact keys the mutation has just filled
 * with the server's answer.
 */
export function invalidateAfter(queryClient: QueryClient, kind: WriteKind, options: { keep?: readonly QueryKey[] } = {}): Promise<void> {
  const prefixes = staleAfter(kind);
  const keep = new Set((options.keep ?? []).map((key) => hashKey(key)));
  // One pass with a predicate: overlapping prefixes must not start a query's refetch twice.
  return queryClient.invalidateQueries({
    predicate: (query) => !keep.has(query.queryHash) && prefixes.some((prefix) => partialMatchKey(query.queryKey, prefix)),
  });
}

/** Signing in or out: nothing another session read may stay, except "who am I". */
export function forgetServerState(queryClient: QueryClient) {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== authKeys.all[0] });
}
