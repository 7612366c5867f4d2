import type { Commitment, CommitmentPatch } from '../../hooks/commitments';

/** What the edit dialog holds: a commitment's correctable fields. `due_date` may be typed text that is not yet a date. */
export interface CommitmentFormValues {
  title: string;
  details: string;
  direction: Commitment['direction'];
  counterpart_organization_id: number | null;
  counterpart_contact_id: number | null;
  due_date: string;
  priority: Commitment['priority'];
  project_id: number | null;
  owner_id: number | null;
}

/** The body the dialog saves; the edit session sends only what differs from the record. */
export type CommitmentBody = Required<
  Pick<
    CommitmentPatch,
    'title' | 'details' | 'direction' | 'counterpart_organization_id' | 'counterpart_contact_id' | 'due_date' | 'priority' | 'project_id' | 'owner_id'
  >
>;

/** The fields the server may name in its errors, as the form names them. */
export const COMMITMENT_FIELDS = [
  'title',
  'details',
  'direction',
  'counterpart_organization_id',
  'counterpart_contact_id',
  'due_date',
  'priority',
  'project_id',
  'owner_id',
] as const satisfies readonly (keyof CommitmentFormValues)[];

export function commitmentToValues(c: Commitment): CommitmentFormValues {
  return {
    title: c.title,
    details: c.details,
    direction: c.direction,
    counterpart_organization_id: c.counterpart_organization_id ?? null,
    counterpart_contact_id: c.counterpart_contact_id ?? null,
    due_date: c.due_date ?? '',
    priority: c.priority,
    project_id: c.project_id ?? null,
    owner_id: c.owner_id ?? null,
  };
}

/**
 * The form as a request body. An owner cannot be removed (the API needs
 * one), so an emptied owner box keeps the owner it had.
 */
export function valuesToBody(v: CommitmentFormValues, before: Commitment): CommitmentBody {
  return {
    title: v.title.trim(),
    details: v.details.trim(),
    direction: v.direction,
    counterpart_organization_id: v.counterpart_organization_id,
    counterpart_contact_id: v.counterpart_contact_id,
    due_date: v.due_date || null,
    priority: v.priority,
    project_id: v.project_id,
    owner_id: (v.owner_id ?? before.owner_id ?? null) as number,
  };
}
