import type { TFunction } from 'i18next';
import type { OrganizationLevel, OrganizationType } from '../hooks/organizations';

// The API's enumerations in the order people expect to pick from. Written as
// records so the type checker fails when the OpenAPI document adds or drops a value.
const TYPES: Record<OrganizationType, true> = {
  ministry: true,
  government_agency: true,
  local_government: true,
  parliament: true,
  national_committee: true,
  ngo: true,
  youth_group: true,
  community_group: true,
  faith_based: true,
  academic: true,
  media: true,
  international_organization: true,
  un_agency: true,
  donor: true,
  private_sector: true,
  other: true,
};

const LEVELS: Record<OrganizationLevel, true> = { international: true, national: true, regional: true, local: true };

export const ORGANIZATION_TYPES = Object.keys(TYPES) as OrganizationType[];
export const ORGANIZATION_LEVELS = Object.keys(LEVELS) as OrganizationLevel[];

export function typeOptions(t: TFunction) {
  return ORGANIZATION_TYPES.map((value) => ({ value, label: t(`organization.types.${value}`) }));
}

export function levelOptions(t: TFunction) {
  return ORGANIZATION_LEVELS.map((value) => ({ value, label: t(`organization.levels.${value}`) }));
}

export function isOrganizationType(value: string | null): value is OrganizationType {
  return value !== null && (ORGANIZATION_TYPES as readonly string[]).includes(value);
}
