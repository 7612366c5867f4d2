import type { TFunction } from 'i18next';
import type { CreateInteractionInput, InteractionRole } from '../../hooks/interactions';
import { dateFieldInvalid, isIsoDate } from '../dates/DateField';
import { counterpartOf, type FollowUpDraft } from '../FollowUpRows';
import { zonedToUtc } from '../visit/timeZones';
import type { PickedParty } from './PartyPicker';

export type Kind = CreateInteractionInput['kind'];
export const KINDS = ['meeting', 'call', 'email', 'message', 'reception', 'site_visit', 'workshop', 'event', 'other'] as const satisfies readonly Kind[];

export interface QuickParticipant extends PickedParty {
  role: InteractionRole;
}

/** Everything the quick log holds: plain data, so it can be kept as a draft. */
export interface QuickLogValues {
  kind: Kind;
  /** ISO date, or typed text that is not a date (kept, and refused at the field). */
  date: string;
  /** HH:MM. */
  time: string;
  subject: string;
  location: string;
  summary: string;
  restricted: boolean;
  participants: QuickParticipant[];
  followUps: FollowUpDraft[];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Now, as a date and a time to the minute, on this device's clock. */
export function nowParts(now = new Date()): { date: string; time: string } {
  return { date: `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`, time: `${pad(now.getHours())}:${pad(now.getMinutes())}` };
}

export function emptyValues(participants: QuickParticipant[], when = nowParts()): QuickLogValues {
  return { kind: 'meeting', ...when, subject: '', location: '', summary: '', restricted: false, participants, followUps: [] };
}

/** The meeting's first organization: the counterpart of its follow-ups unless changed. */
export function meetingOrganization(values: Pick<QuickLogValues, 'participants'>): number | null {
  const organization = values.participants.find((p) => p.organization_id);
  if (organization?.organization_id) return organization.organization_id;
  return values.participants.find((p) => p.employer_id)?.employer_id ?? null;
}

/** A follow-up row with nothing in it is left out; one with something but no title is an error. */
function blank(f: FollowUpDraft) {
  return !f.title.trim() && !f.due_date && f.direction === undefined && f.counterpart_organization_id === undefined && f.owner_id === undefined;
}

/** What stops a save, by field (`subject`, `date`, `followUps.0.due_date` …), in the UI language. */
export function validateQuickLog(values: QuickLogValues, t: TFunction): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!values.subject.trim()) problems.subject = t('logInteraction.subjectRequired');
  if (!values.date) problems.date = t('quickLog.dateRequired');
  else if (dateFieldInvalid(values.date)) problems.date = t('quickLog.dateInvalid');
  if (!/^\d{2}:\d{2}$/.test(values.time)) problems.time = t('quickLog.timeRequired');
  values.followUps.forEach((f, i) => {
    if (blank(f)) return;
    if (!f.title.trim()) problems[`followUps.${i}.title`] = t('quickLog.followUpTitleRequired');
    if (dateFieldInvalid(f.due_date)) problems[`followUps.${i}.due_date`] = t('quickLog.dateInvalid');
  });
  return problems;
}

/**
 * The one request that records the meeting: the interaction, its
 * participants with their roles and its follow-ups with direction,
 * counterpart, owner and due date. `zone` is the visit host's clock when
 * logged from a visit (the time is read on it), else this device's.
 */
export function quickLogBody(
  values: QuickLogValues,
  { zone, visitId, me }: { zone: string | null; visitId: number | null; me: number | null },
): CreateInteractionInput {
  const local = `${values.date}T${values.time}`;
  const startsAt = zone ? zonedToUtc(local, zone) : isIsoDate(values.date) ? new Date(local).toISOString() : null;
  const defaultCounterpart = meetingOrganization(values);
  return {
    kind: values.kind,
    subject: values.subject.trim(),
    summary: values.summary,
    location: values.location.trim(),
    restricted: values.restricted,
    starts_at: startsAt ?? new Date().toISOString(),
    participants: values.participants.map((p) => (p.organization_id ? { organization_id: p.organization_id, role: p.role } : { contact_id: p.contact_id!, role: p.role })),
    ...(visitId ? { visit_id: visitId } : {}),
    commitments: values.followUps
      .filter((f) => !blank(f))
      .map((f) => {
        const counterpart = counterpartOf(f, { defaultCounterpart });
        const owner = f.owner_id === undefined ? me : f.owner_id;
        return {
          title: f.title.trim(),
          direction: f.direction ?? 'ours',
          due_date: f.due_date || null,
          ...(counterpart ? { counterpart_organization_id: counterpart } : {}),
          ...(owner ? { owner_id: owner } : {}),
          ...(visitId ? { visit_id: visitId } : {}),
        };
      }),
  };
}
