import type { TFunction } from 'i18next';
import { dateFieldInvalid } from '../../components/dates/DateField';
import type { ConsentBasis, Contact, ContactPatch, CreateContactInput, Gender } from '../../hooks/contacts';

export interface PositionValues {
  /** Keeps React's row identity stable while rows are added and removed. */
  key: string;
  organization_id: number | null;
  title: string;
  start_date: string;
  end_date: string;
  primary: boolean;
}

export interface ContactFormValues {
  honorific: string;
  given_name: string;
  family_name: string;
  name_local: string;
  gender: string | null;
  email: string;
  phone: string;
  languages: string[];
  country_code: string | null;
  city: string;
  notes: string;
  restricted: boolean;
  consent_basis: string | null;
  /** ISO date the person consented, or ''. */
  consent_date: string;
  consent_source: string;
  /** ISO date consent was withdrawn, or '': the API keeps a moment, the form a day. */
  consent_withdrawn_at: string;
  owner_id: number | null;
  tags: string[];
  positions: PositionValues[];
}

export type ContactBody = Required<ContactPatch>;

export const EMPTY_CONTACT: ContactFormValues = {
  honorific: '',
  given_name: '',
  family_name: '',
  name_local: '',
  gender: null,
  email: '',
  phone: '',
  languages: [],
  country_code: null,
  city: '',
  notes: '',
  restricted: false,
  consent_basis: null,
  consent_date: '',
  consent_source: '',
  consent_withdrawn_at: '',
  owner_id: null,
  tags: [],
  positions: [],
};

export const CONTACT_FIELDS = Object.keys(EMPTY_CONTACT);

let rowCounter = 0;
export function newPosition(organizationId: number | null = null): PositionValues {
  rowCounter += 1;
  // Unique beyond this page's life too: a restored draft keeps the keys of its rows.
  return { key: `p${Date.now().toString(36)}-${rowCounter}`, organization_id: organizationId, title: '', start_date: '', end_date: '', primary: false };
}

export function contactToValues(c: Contact): ContactFormValues {
  return {
    honorific: c.honorific,
    given_name: c.given_name,
    family_name: c.family_name,
    name_local: c.name_local,
    gender: c.gender ?? null,
    email: c.email,
    phone: c.phone,
    languages: [...c.languages],
    country_code: c.country_code ?? null,
    city: c.city,
    notes: c.notes,
    restricted: c.restricted,
    consent_basis: c.consent_basis ?? null,
    consent_date: c.consent_date ?? '',
    consent_source: c.consent_source,
    consent_withdrawn_at: withdrawnDay(c.consent_withdrawn_at),
    owner_id: c.owner_id ?? null,
    tags: [...c.tags],
    positions: c.positions.map((p) => ({
      ...newPosition(p.organization_id),
      title: p.title ?? '',
      start_date: p.start_date ?? '',
      end_date: p.end_date ?? '',
      primary: Boolean(p.primary),
    })),
  };
}

export function valuesToBody(v: ContactFormValues): ContactBody {
  return {
    honorific: v.honorific.trim(),
    given_name: v.given_name.trim(),
    family_name: v.family_name.trim(),
    name_local: v.name_local.trim(),
    gender: (v.gender as Gender | null) || null,
    email: v.email.trim(),
    phone: v.phone.trim(),
    languages: [...v.languages],
    country_code: v.country_code || null,
    city: v.city.trim(),
    notes: v.notes.trim(),
    restricted: v.restricted,
    consent_basis: (v.consent_basis as ConsentBasis | null) || null,
    consent_date: v.consent_date || null,
    consent_source: v.consent_source.trim(),
    consent_withdrawn_at: v.consent_withdrawn_at ? `${v.consent_withdrawn_at}T00:00:00Z` : null,
    owner_id: v.owner_id || null,
    tags: [...v.tags],
    positions: v.positions.map((p) => ({
      organization_id: p.organization_id ?? 0,
      title: p.title.trim(),
      start_date: p.start_date || null,
      end_date: p.end_date || null,
      primary: p.primary,
    })),
  };
}

/**
 * The day of a withdrawal, as the server recorded it (UTC): the same day
 * whatever the reader's zone, so an unchanged form sends no change.
 */
export function withdrawnDay(at: string | null | undefined): string {
  return at ? at.slice(0, 10) : '';
}

/** The longest consent source the server takes. */
export const CONSENT_SOURCE_MAX = 500;

export function contactToBody(c: Contact): ContactBody {
  return valuesToBody(contactToValues(c));
}

export function valuesToCreate(v: ContactFormValues): CreateContactInput {
  const body = valuesToBody(v) as Record<string, unknown>;
  for (const [key, value] of Object.entries(body)) {
    if (value === null || value === '' || value === false || (Array.isArray(value) && value.length === 0)) delete body[key];
  }
  return body as CreateContactInput;
}

export function validateContact(t: TFunction) {
  const someName = (values: ContactFormValues) =>
    values.given_name.trim() || values.family_name.trim() || values.name_local.trim() ? null : t('contact.form.nameRequired');
  return {
    given_name: (_: string, values: ContactFormValues) => someName(values),
    email: (value: string) => (value.trim() && !/^\S+@\S+$/.test(value.trim()) ? t('validation.email') : null),
    consent_date: (value: string) => (dateFieldInvalid(value) ? t('quickLog.dateInvalid') : null),
    consent_withdrawn_at: (value: string, values: ContactFormValues) => {
      if (dateFieldInvalid(value)) return t('quickLog.dateInvalid');
      return value && values.consent_date && !dateFieldInvalid(values.consent_date) && value < values.consent_date ? t('personalData.consent.withdrawnBeforeGiven') : null;
    },
    consent_source: (value: string) => (value.trim().length > CONSENT_SOURCE_MAX ? t('serverErrors.maxLength', { count: CONSENT_SOURCE_MAX }) : null),
    positions: {
      organization_id: (value: number | null) => (value ? null : t('contact.form.organizationRequired')),
      start_date: (value: string) => (dateFieldInvalid(value) ? t('quickLog.dateInvalid') : null),
      end_date: (value: string, values: ContactFormValues, path: string) => {
        if (dateFieldInvalid(value)) return t('quickLog.dateInvalid');
        const index = Number(path.split('.')[1]);
        const start = values.positions[index]?.start_date;
        return value && start && !dateFieldInvalid(start) && value < start ? t('contact.form.endBeforeStart') : null;
      },
    },
  };
}
