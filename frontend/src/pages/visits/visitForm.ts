import { dateFieldInvalid } from '../../components/dates/DateField';
import type { TFunction } from 'i18next';
import type { CreateVisitInput, VisitParticipantInput, VisitPatch, VisitRecord, VisitRole, VisitSide } from '../../hooks/visits';
import type { Party } from '../../components/visit/ParticipantPicker';

export const VISIT_KINDS = ['study_visit', 'delegation_visit', 'field_visit', 'conference', 'event', 'other'] as const satisfies readonly VisitRecord['kind'][];
export const VISIT_STATUSES = ['planned', 'ongoing', 'completed', 'cancelled'] as const satisfies readonly VisitRecord['status'][];
export const VISIT_SIDES = ['visiting', 'host', 'facilitator', 'funder', 'other'] as const satisfies readonly VisitSide[];
export const VISIT_ROLES = [
  'head_of_delegation',
  'delegate',
  'host',
  'organiser',
  'funder',
  'interpreter',
  'speaker',
  'observer',
  'partner',
] as const satisfies readonly VisitRole[];

export interface VisitParticipantRow {
  organization_id?: number;
  contact_id?: number;
  name: string;
  side: VisitSide;
  role: VisitRole;
}

export interface VisitFormValues {
  title: string;
  kind: VisitRecord['kind'];
  status: VisitRecord['status'];
  start_date: string;
  end_date: string;
  origin_country_code: string | null;
  host_country_code: string | null;
  city: string;
  project_id: number | null;
  purpose: string;
  outcomes: string;
  owner_id: number | null;
  tags: string[];
  participants: VisitParticipantRow[];
  /** Offices organising the visit with its own office (their officers edit it and manage its sessions). */
  partner_office_ids: number[];
}

/** Every field the form edits, as the server stores it. */
export type VisitBody = Required<Omit<VisitPatch, 'participants'>> & { participants: VisitParticipantInput[] };

export const EMPTY_VISIT: VisitFormValues = {
  title: '',
  kind: 'study_visit',
  status: 'planned',
  start_date: '',
  end_date: '',
  origin_country_code: null,
  host_country_code: null,
  city: '',
  project_id: null,
  purpose: '',
  outcomes: '',
  owner_id: null,
  tags: [],
  participants: [],
  partner_office_ids: [],
};

export const VISIT_FIELDS = Object.keys(EMPTY_VISIT);

export function visitToValues(v: VisitRecord): VisitFormValues {
  return {
    title: v.title,
    kind: v.kind,
    status: v.status,
    start_date: v.start_date,
    end_date: v.end_date,
    origin_country_code: v.origin_country_code ?? null,
    host_country_code: v.host_country_code ?? null,
    city: v.city,
    project_id: v.project_id ?? null,
    purpose: v.purpose,
    outcomes: v.outcomes,
    owner_id: v.owner_id ?? null,
    tags: [...v.tags],
    // Participants hidden from the reader (restricted contacts of another office) are kept by the server.
    participants: v.participants
      .filter((p) => p.organization_id || p.contact_id)
      .map((p) => ({
        ...(p.organization_id ? { organization_id: p.organization_id } : { contact_id: p.contact_id! }),
        name: p.name ?? '',
        side: p.side,
        role: p.role,
      })),
    partner_office_ids: [...(v.partner_office_ids ?? [])],
  };
}

export function participantInput(p: VisitParticipantRow): VisitParticipantInput {
  return { ...(p.organization_id ? { organization_id: p.organization_id } : { contact_id: p.contact_id! }), side: p.side, role: p.role };
}

export function valuesToBody(v: VisitFormValues): VisitBody {
  return {
    title: v.title.trim(),
    kind: v.kind,
    status: v.status,
    start_date: v.start_date,
    end_date: v.end_date,
    origin_country_code: v.origin_country_code || null,
    host_country_code: v.host_country_code || null,
    city: v.city.trim(),
    project_id: v.project_id || null,
    purpose: v.purpose.trim(),
    outcomes: v.outcomes.trim(),
    owner_id: v.owner_id || null,
    tags: [...v.tags],
    participants: v.participants.map(participantInput),
    partner_office_ids: [...(v.partner_office_ids ?? [])].sort((a, b) => a - b),
  };
}

export function visitToBody(v: VisitRecord): VisitBody {
  return valuesToBody(visitToValues(v));
}

/** A new visit sends what was filled in; the server defaults the rest (owner: the creator). */
export function valuesToCreate(v: VisitFormValues): CreateVisitInput {
  const body = valuesToBody(v) as Record<string, unknown>;
  for (const [key, value] of Object.entries(body)) {
    if (value === null || value === '' || (Array.isArray(value) && value.length === 0)) delete body[key];
  }
  return body as CreateVisitInput;
}

/**
 * Where a newcomer most likely sits: funders by their type, people and
 * organizations of the host country as hosts, of the origin country as the
 * visiting delegation. The officer changes it in the row when the guess is wrong.
 */
export function guessSideAndRole(party: Party, origin: string | null, host: string | null, taken: readonly VisitParticipantRow[]): { side: VisitSide; role: VisitRole } {
  if (party.type === 'donor') return { side: 'funder', role: 'funder' };
  if (party.country_code && party.country_code === host && host !== origin) return { side: 'host', role: 'host' };
  if (party.country_code && party.country_code === origin) {
    const hasHead = taken.some((p) => p.side === 'visiting' && p.role === 'head_of_delegation');
    return { side: 'visiting', role: party.kind === 'contact' && !hasHead ? 'head_of_delegation' : 'delegate' };
  }
  if (party.type === 'international_organization' || party.type === 'un_agency' || party.type === 'ngo') return { side: 'facilitator', role: 'organiser' };
  return { side: 'other', role: 'partner' };
}

export function validateVisit(t: TFunction) {
  return {
    title: (value: string) =>
      !value.trim() ? t('visitForm.titleRequired') : value.trim().length > 300 ? t('validation.maxLength', { count: 300 }) : null,
    start_date: (value: string) => (!value ? t('visitForm.dateRequired') : dateFieldInvalid(value) ? t('quickLog.dateInvalid') : null),
    end_date: (value: string, values: VisitFormValues) =>
      !value
        ? t('visitForm.dateRequired')
        : dateFieldInvalid(value)
          ? t('quickLog.dateInvalid')
          : values.start_date && !dateFieldInvalid(values.start_date) && value < values.start_date
            ? t('serverErrors.endBeforeStart')
            : null,
  };
}
