import type { TFunction } from 'i18next';
import { partyKeyOf } from '../../components/quicklog/PartyPicker';
import { countryTimeZone, utcToZoned, zonedToUtc } from '../../components/visit/timeZones';
import type { InteractionPatch, InteractionRecord, InteractionRole } from '../../hooks/interactions';

export const KINDS = ['meeting', 'call', 'email', 'message', 'reception', 'site_visit', 'workshop', 'event', 'other'] as const satisfies readonly InteractionRecord['kind'][];
export const STATUSES = ['planned', 'held', 'cancelled'] as const satisfies readonly InteractionRecord['status'][];

/**
 * The clock a meeting is told in: its country's (the visit's host country
 * when it is a session of a visit and names no country), as the visit
 * itinerary does; the reader's own when neither is known.
 */
export function meetingZone(interaction: Pick<InteractionRecord, 'country_code'>, visitHostCountry: string | null | undefined, fallback: string): string {
  return countryTimeZone(interaction.country_code ?? visitHostCountry ?? null, fallback);
}

/** The details an interaction page edits, as typed: times on the meeting's clock. */
export interface DetailsValues {
  kind: InteractionRecord['kind'];
  status: InteractionRecord['status'];
  subject: string;
  /** `YYYY-MM-DDTHH:MM` in the meeting's zone. */
  starts: string;
  ends: string;
  country_code: string | null;
  city: string;
  location: string;
  summary: string;
  restricted: boolean;
}

/** Every field the details form changes, as the server stores it. */
export type DetailsBody = Required<
  Pick<InteractionPatch, 'kind' | 'status' | 'subject' | 'starts_at' | 'ends_at' | 'country_code' | 'city' | 'location' | 'summary' | 'restricted'>
>;

export function detailsValues(i: InteractionRecord, zone: string): DetailsValues {
  return {
    kind: i.kind,
    status: i.status,
    subject: i.subject,
    starts: utcToZoned(i.starts_at, zone),
    ends: utcToZoned(i.ends_at, zone),
    country_code: i.country_code ?? null,
    city: i.city,
    location: i.location,
    summary: i.summary,
    restricted: i.restricted,
  };
}

export function detailsBody(v: DetailsValues, zone: string): DetailsBody {
  return {
    kind: v.kind,
    status: v.status,
    subject: v.subject.trim(),
    starts_at: zonedToUtc(v.starts, zone) ?? '',
    ends_at: v.ends ? zonedToUtc(v.ends, zone) : null,
    country_code: v.country_code || null,
    city: v.city.trim(),
    location: v.location.trim(),
    summary: v.summary.trim(),
    restricted: v.restricted,
  };
}

/** What stops a save of the details, by field, in the UI language. */
export function validateDetails(v: DetailsValues, zone: string, t: TFunction): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!v.subject.trim()) problems.subject = t('interactionPage.subjectRequired');
  const starts = zonedToUtc(v.starts, zone);
  if (!v.starts) problems.starts = t('interactionPage.startRequired');
  else if (!starts) problems.starts = t('interactionPage.badTime');
  const ends = v.ends ? zonedToUtc(v.ends, zone) : null;
  if (v.ends && !ends) problems.ends = t('interactionPage.badTime');
  if (starts && ends && ends < starts) problems.ends = t('interactionPage.endBeforeStart');
  return problems;
}

/** A participant as the editor holds it: who (one of the two ids), their name as known, their role. */
export interface ParticipantDraft {
  organization_id?: number;
  contact_id?: number;
  name: string;
  /** A person's organization, shown beside their name. */
  employer_id?: number | null;
  role: InteractionRole;
}

export type ParticipantsBody = { participants: NonNullable<InteractionPatch['participants']> };

/** The participants the reader may edit: protected people of another office stay as they are (the server keeps them). */
export function participantDrafts(i: Pick<InteractionRecord, 'participants'>): ParticipantDraft[] {
  return i.participants
    .filter((p) => p.organization_id || p.contact_id)
    .map((p) => ({ ...(p.organization_id ? { organization_id: p.organization_id } : { contact_id: p.contact_id! }), name: p.name ?? '', role: p.role }));
}

export function participantsBody(rows: readonly ParticipantDraft[]): ParticipantsBody {
  return { participants: rows.map((p) => (p.organization_id ? { organization_id: p.organization_id, role: p.role } : { contact_id: p.contact_id!, role: p.role })) };
}

/** Adds a party unless it is already there: one row per organization or person. */
export function addParticipant(rows: readonly ParticipantDraft[], party: Omit<ParticipantDraft, 'role'>, role: InteractionRole = 'participant'): ParticipantDraft[] {
  const key = partyKeyOf(party);
  if (rows.some((r) => partyKeyOf(r) === key)) return [...rows];
  return [...rows, { ...party, role }];
}
