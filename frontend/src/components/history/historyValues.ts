// The history records each changed field's old and new value as the server
// stored it: scalars, arrays of scalars (tags, languages), arrays of objects
// (participants, positions) — and older entries may hold the same things with
// Go's field names (`OrganizationID`) or as JSON text. Everything here reads
// all of those shapes into one, so the panel draws them alike.

/** A plain object of a change (a participant, a position), its keys in snake_case. */
export type ChangeRecord = Record<string, unknown>;

/** A recorded value as the panel draws it. */
export type ValueShape =
  | { kind: 'empty' }
  | { kind: 'scalar'; value: string | number | boolean }
  | { kind: 'list'; items: (string | number | boolean)[] }
  | { kind: 'records'; items: ChangeRecord[] };

/** `OrganizationID` → `organization_id`, `StartDate` → `start_date`; snake_case stays as it is. */
export function snakeCase(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An object with its keys in snake_case (nested values left as they are). */
export function normalizeRecord(value: Record<string, unknown>): ChangeRecord {
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [snakeCase(k), v]));
}

/** JSON text that holds an array or an object, read; anything else as it is. */
function parsedText(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (!(text.startsWith('[') && text.endsWith(']')) && !(text.startsWith('{') && text.endsWith('}'))) return value;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return value;
  }
}

const isScalar = (v: unknown): v is string | number | boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/** Fields stored as comma-separated text ("ar,en") in older entries, and as arrays in newer ones. */
const COMMA_LISTS = new Set(['languages']);

/** What a recorded value is, whatever form it was stored in. */
export function shapeOf(raw: unknown, field = ''): ValueShape {
  const text = parsedText(raw);
  const value = COMMA_LISTS.has(field) && typeof text === 'string' ? text.split(',').map((v) => v.trim()) : text;
  if (value === null || value === undefined || value === '') return { kind: 'empty' };
  if (isScalar(value)) return { kind: 'scalar', value };
  if (Array.isArray(value)) {
    const present = value.filter((v) => v !== null && v !== undefined && v !== '');
    if (present.length === 0) return { kind: 'empty' };
    if (present.every(isScalar)) return { kind: 'list', items: present };
    return { kind: 'records', items: present.map((v) => (isObject(v) ? normalizeRecord(v) : { value: v })) };
  }
  if (isObject(value)) return { kind: 'records', items: [normalizeRecord(value)] };
  return { kind: 'scalar', value: String(value) };
}

/** Who an object of a change is about: an organization, a person, or (for positions without either) its content. */
export function recordKey(r: ChangeRecord): string {
  if (r.organization_id != null && r.contact_id == null) return `o:${String(r.organization_id)}:${String(r.title ?? '')}`;
  if (r.contact_id != null) return `c:${String(r.contact_id)}`;
  return JSON.stringify(r);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The difference between two lists of objects, by who each is about. */
export interface RecordsChange {
  added: ChangeRecord[];
  removed: ChangeRecord[];
  changed: { before: ChangeRecord; after: ChangeRecord }[];
}

/**
 * What changed in a list of participants or positions: who joined, who left,
 * and whose role (or title, dates…) changed. Hidden people of another office
 * carry no id; they are compared by what is left of them.
 */
export function compareRecords(before: ChangeRecord[], after: ChangeRecord[]): RecordsChange {
  const old = new Map(before.map((r) => [recordKey(r), r]));
  const next = new Map(after.map((r) => [recordKey(r), r]));
  const added: ChangeRecord[] = [];
  const changed: RecordsChange['changed'] = [];
  for (const [key, r] of next) {
    const was = old.get(key);
    if (!was) added.push(r);
    else if (!same(was, r)) changed.push({ before: was, after: r });
  }
  const removed = [...old].filter(([key]) => !next.has(key)).map(([, r]) => r);
  return { added, removed, changed };
}

/** Plain dates and timestamps, as the API writes them. */
export const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** The organizations and people a page of history mentions, to name them in one request each. */
export function referencedIds(changes: Iterable<[field: string, value: unknown]>, selfEntity: string) {
  const organizations = new Set<number>();
  const contacts = new Set<number>();
  const add = (set: Set<number>, v: unknown) => {
    const n = Number(v);
    if (Number.isInteger(n) && n > 0) set.add(n);
  };
  const visit = (field: string, value: unknown) => {
    const kind = referenceKind(field, selfEntity);
    if (kind === 'organization') add(organizations, value);
    if (kind === 'contact') add(contacts, value);
  };
  for (const [field, raw] of changes) {
    const shape = shapeOf(raw, field);
    if (shape.kind === 'scalar') visit(field, shape.value);
    if (shape.kind === 'records') for (const r of shape.items) for (const [k, v] of Object.entries(r)) visit(k, v);
  }
  return { organizations: [...organizations], contacts: [...contacts] };
}

/** What kind of record a field's id points at. */
export type ReferenceKind = 'organization' | 'contact' | 'user' | 'office' | 'project' | 'visit' | 'interaction' | null;

export function referenceKind(field: string, selfEntity: string): ReferenceKind {
  switch (field) {
    case 'organization_id':
    case 'parent_id':
    case 'counterpart_organization_id':
    case 'donor_organization_id':
      return 'organization';
    case 'contact_id':
    case 'counterpart_contact_id':
      return 'contact';
    case 'merged_into_id':
      return selfEntity === 'contact' ? 'contact' : selfEntity === 'organization' ? 'organization' : null;
    case 'owner_id':
    case 'actor_id':
    case 'author_id':
    case 'created_by':
    case 'mentions':
      return 'user';
    case 'office_id':
    case 'partner_office_ids':
      return 'office';
    case 'project_id':
      return 'project';
    case 'visit_id':
      return 'visit';
    case 'interaction_id':
      return 'interaction';
    default:
      return null;
  }
}

/**
 * Fields an event records to say which note or document it was about, or
 * which file exactly (its hash): how the record is kept, not what changed.
 */
const BOOKKEEPING = new Set(['note_id', 'document_id', 'sha256']);

/**
 * Whether a recorded field says something to the reader: not bookkeeping,
 * and not a value that stayed as it was (an edited note records its
 * mentions before and after even when they are the same; an empty list and
 * a missing one read alike).
 */
export function tellsAChange(field: string, change: { old?: unknown; new?: unknown; erased?: boolean }): boolean {
  if (BOOKKEEPING.has(field)) return false;
  if (change.erased) return true;
  return !same(shapeOf(change.old, field), shapeOf(change.new, field));
}

const SIZE_UNITS = [
  [1e9, 'gigabyte'],
  [1e6, 'megabyte'],
  [1e3, 'kilobyte'],
] as const;

/**
 * A file's size in bytes as people read it, in their language's digits and
 * units: 512 bytes, 12.3 kB, 4.1 MB. Bytes are written out, as their short
 * form is the unit's name without its plural ("512 byte").
 */
export function humanSize(bytes: number, locale: string): string {
  const [scale, unit] = SIZE_UNITS.find(([scale]) => bytes >= scale) ?? [1, 'byte'];
  const unitDisplay = scale === 1 ? 'long' : 'short';
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay, maximumFractionDigits: scale === 1 ? 0 : 1 }).format(bytes / scale);
}

/** Where a field comes in its event: what the thing is first, who attached, wrote or is mentioned last; the rest as recorded. */
const FIELD_RANK: Readonly<Record<string, number>> = { name: 0, body: 0, created_by: 2, author_id: 2, mentions: 2 };
export const fieldRank = (field: string) => FIELD_RANK[field] ?? 1;
