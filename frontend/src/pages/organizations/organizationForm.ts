import type { TFunction } from 'i18next';
import type { CreateOrganizationInput, Organization, OrganizationLevel, OrganizationPatch, OrganizationType } from '../../hooks/organizations';

/** What the organization form holds: text as typed, choices as strings. */
export interface OrganizationFormValues {
  name: string;
  name_local: string;
  acronym: string;
  type: string | null;
  level: string | null;
  country_code: string | null;
  city: string;
  parent_id: number | null;
  website: string;
  email: string;
  phone: string;
  description: string;
  influence: string | null;
  interest: string | null;
  owner_id: number | null;
  tags: string[];
}

/** A full body: every field the form edits, empties as the server stores them. */
export type OrganizationBody = Required<Omit<OrganizationPatch, 'type'>> & { type: OrganizationType };

export const EMPTY_ORGANIZATION: OrganizationFormValues = {
  name: '',
  name_local: '',
  acronym: '',
  type: null,
  level: null,
  country_code: null,
  city: '',
  parent_id: null,
  website: '',
  email: '',
  phone: '',
  description: '',
  influence: null,
  interest: null,
  owner_id: null,
  tags: [],
};

export const ORGANIZATION_FIELDS = Object.keys(EMPTY_ORGANIZATION);

export function organizationToValues(o: Organization): OrganizationFormValues {
  return {
    name: o.name,
    name_local: o.name_local,
    acronym: o.acronym,
    type: o.type,
    level: o.level ?? null,
    country_code: o.country_code ?? null,
    city: o.city,
    parent_id: o.parent_id ?? null,
    website: o.website,
    email: o.email,
    phone: o.phone,
    description: o.description,
    influence: o.influence ? String(o.influence) : null,
    interest: o.interest ? String(o.interest) : null,
    owner_id: o.owner_id ?? null,
    tags: [...o.tags],
  };
}

export function valuesToBody(v: OrganizationFormValues): OrganizationBody {
  return {
    name: v.name.trim(),
    name_local: v.name_local.trim(),
    acronym: v.acronym.trim(),
    type: v.type as OrganizationType,
    level: (v.level as OrganizationLevel | null) || null,
    country_code: v.country_code || null,
    city: v.city.trim(),
    parent_id: v.parent_id || null,
    website: v.website.trim(),
    email: v.email.trim(),
    phone: v.phone.trim(),
    description: v.description.trim(),
    influence: v.influence ? Number(v.influence) : null,
    interest: v.interest ? Number(v.interest) : null,
    owner_id: v.owner_id || null,
    tags: [...v.tags],
  };
}

export function organizationToBody(o: Organization): OrganizationBody {
  return valuesToBody(organizationToValues(o));
}

/** For a new organization only what was filled in is sent; the server fills in the rest. */
export function valuesToCreate(v: OrganizationFormValues): CreateOrganizationInput {
  const body = valuesToBody(v) as Record<string, unknown>;
  for (const [key, value] of Object.entries(body)) {
    if (value === null || value === '' || (Array.isArray(value) && value.length === 0)) delete body[key];
  }
  return body as CreateOrganizationInput;
}

export function validateOrganization(t: TFunction) {
  return {
    name: (value: string) =>
      !value.trim() ? t('organization.form.nameRequired') : value.trim().length > 300 ? t('validation.maxLength', { count: 300 }) : null,
    type: (value: string | null) => (value ? null : t('organization.form.typeRequired')),
    website: (value: string) => (value.trim() && !/^https?:\/\//i.test(value.trim()) ? t('validation.website') : null),
    email: (value: string) => (value.trim() && !/^\S+@\S+$/.test(value.trim()) ? t('validation.email') : null),
  };
}
