import type { MergeKind, MergePreview, MergeRecord } from '../../hooks/merge';

/** A field whose value a merge picks: its API name and its label's key under `contact.fields` or `organization.fields`. */
export type MergeField = { name: string; label: string };

/** The fields the server lets a merge pick (services.ContactMergeFields, OrganizationMergeFields), in the order of the forms. */
export const MERGE_FIELDS: Record<MergeKind, readonly MergeField[]> = {
  contacts: [
    { name: 'honorific', label: 'honorific' },
    { name: 'given_name', label: 'givenName' },
    { name: 'family_name', label: 'familyName' },
    { name: 'name_local', label: 'nameLocal' },
    { name: 'gender', label: 'gender' },
    { name: 'email', label: 'email' },
    { name: 'phone', label: 'phone' },
    { name: 'languages', label: 'languages' },
    { name: 'country_code', label: 'country' },
    { name: 'city', label: 'city' },
    { name: 'notes', label: 'notes' },
    { name: 'consent_basis', label: 'consentBasis' },
    { name: 'owner_id', label: 'owner' },
  ],
  organizations: [
    { name: 'name', label: 'name' },
    { name: 'name_local', label: 'nameLocal' },
    { name: 'acronym', label: 'acronym' },
    { name: 'type', label: 'type' },
    { name: 'level', label: 'level' },
    { name: 'country_code', label: 'country' },
    { name: 'city', label: 'city' },
    { name: 'parent_id', label: 'parent' },
    { name: 'website', label: 'website' },
    { name: 'email', label: 'email' },
    { name: 'phone', label: 'phone' },
    { name: 'description', label: 'description' },
    { name: 'influence', label: 'influence' },
    { name: 'interest', label: 'interest' },
    { name: 'owner_id', label: 'owner' },
  ],
};

/** A field's raw value on a record. */
export function valueOf(record: MergeRecord, field: string): unknown {
  return (record as unknown as Record<string, unknown>)[field];
}

/** Whether a value counts as empty, as the server judges it (a zero value). */
export function isEmpty(value: unknown): boolean {
  return value == null || value === '' || (Array.isArray(value) && value.length === 0);
}

/** The fields on which the records do not all agree. */
export function differingFields(kind: MergeKind, records: readonly MergeRecord[]): MergeField[] {
  return MERGE_FIELDS[kind].filter((f) => new Set(records.map((r) => JSON.stringify(valueOf(r, f.name) ?? null))).size > 1);
}

/** The record whose value the survivor keeps unless told otherwise: its own, or the first non-empty one (as the server does). */
export function defaultSource(field: string, survivor: MergeRecord, others: readonly MergeRecord[]): number {
  if (!isEmpty(valueOf(survivor, field))) return survivor.id;
  return others.find((r) => !isEmpty(valueOf(r, field)))?.id ?? survivor.id;
}

/**
 * The record proposed to stay: the one with most activity (meetings, visits,
 * commitments), then the oldest.
 */
export function proposedSurvivor(records: readonly MergeRecord[], previews: readonly MergePreview[]): MergeRecord | undefined {
  const activity = (r: MergeRecord) => {
    const p = previews.find((x) => x.id === r.id);
    return p ? p.interactions + p.visits + p.commitments : 0;
  };
  return [...records].sort((a, b) => activity(b) - activity(a) || a.created_at.localeCompare(b.created_at) || a.id - b.id)[0];
}

/** The ids of the page's address (`?ids=12,40`): positive, each once, in order. */
export function parseIds(raw: string | null): number[] {
  const ids = (raw ?? '')
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((n) => Number.isInteger(n) && n > 0);
  return [...new Set(ids)];
}
