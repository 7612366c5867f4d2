import type { User } from '../hooks/auth';

// The server decides; these only keep the UI from offering what it would refuse.

type Someone = Pick<User, 'role' | 'office_id'> | null | undefined;
type Identified = Pick<User, 'id' | 'role' | 'office_id'> | null | undefined;
type OfficeRecord = { office_id: number } | null | undefined;

/**
 * Why a control is not offered, for the words next to it
 * (`permissions.reason.<reason>` in the catalogue):
 * - `signedOut`: nobody is signed in (yet);
 * - `viewer`: viewers read, they change nothing;
 * - `otherOffice`: the record belongs to another office;
 * - `notOwner`: handing a commitment on is for its owner or a manager of its office;
 * - `closeNotOwner`: closing a commitment (done, cancelled) is for its owner or a manager of its office.
 */
export type DenyReason = 'signedOut' | 'viewer' | 'otherOffice' | 'notOwner' | 'closeNotOwner';

/** Whether the reader may do something, and if not, why not. */
export type Permission = { allowed: true; reason?: undefined } | { allowed: false; reason: DenyReason };

const ALLOWED: Permission = { allowed: true };
const deny = (reason: DenyReason): Permission => ({ allowed: false, reason });

export function isAdmin(me: Someone): boolean {
  return me?.role === 'admin';
}

/** Officers, managers and admins create records (in their own office). */
export function canCreate(me: Someone): boolean {
  return me?.role === 'admin' || me?.role === 'manager' || me?.role === 'officer';
}

/**
 * Officers and managers edit and archive their office's records; admins
 * any; viewers none. With the reason when not.
 */
export function canEditRecord(me: Someone, record: OfficeRecord): Permission {
  if (!me) return deny('signedOut');
  if (me.role === 'admin') return ALLOWED;
  if (me.role !== 'manager' && me.role !== 'officer') return deny('viewer');
  if (!record || record.office_id !== me.office_id) return deny('otherOffice');
  return ALLOWED;
}

/** Officers and managers edit and archive their office's records; admins any. */
export function canEdit(me: Someone, record: OfficeRecord): boolean {
  return !!record && canEditRecord(me, record).allowed;
}

type VisitLike = { office_id: number; partner_office_ids?: readonly number[] } | null | undefined;

/**
 * A visit, and the sessions and follow-ups of its itinerary: officers and
 * managers of its office and of its partner offices, admins any.
 */
export function canEditVisit(me: Someone, visit: VisitLike): Permission {
  const own = canEditRecord(me, visit);
  if (own.allowed || own.reason !== 'otherOffice') return own;
  return visit?.partner_office_ids?.includes(me!.office_id) ? ALLOWED : own;
}

/** A visit's partner offices are set by its own office (or an admin): canEditRecord. */
export function canSetVisitPartners(me: Someone, visit: VisitLike): Permission {
  return canEditRecord(me, visit);
}

/** Restoring an archived record is a manager's act (or an admin's). */
export function canRestore(me: Someone, record: OfficeRecord): boolean {
  if (!me || !record) return false;
  return me.role === 'admin' || (me.role === 'manager' && record.office_id === me.office_id);
}

/** Exports (lists, the review and reports as files) are for managers and admins. */
export function canExport(me: Someone): boolean {
  return me?.role === 'admin' || me?.role === 'manager';
}

/** The review of commitments is for managers and admins. */
export function canReview(me: Someone): boolean {
  return me?.role === 'admin' || me?.role === 'manager';
}

type CommitmentLike = { office_id: number; owner_id?: number | null };

/**
 * Changing a commitment's fields (title, due date, counterpart…): whoever
 * may edit its office's records.
 */
export function canEditCommitment(me: Someone, commitment: OfficeRecord): Permission {
  return canEditRecord(me, commitment);
}

/**
 * Moving a commitment between open and in progress, and reopening it: the
 * same people as editing it. Closing it asks more (canCloseCommitment).
 */
export function canSetCommitmentStatus(me: Someone, commitment: OfficeRecord): Permission {
  return canEditRecord(me, commitment);
}

/**
 * Closing a commitment (done or cancelled): officers their own, managers
 * any of their office, admins any — the API answers 403
 * commitment_close_not_allowed otherwise.
 */
export function canCloseCommitment(me: Identified, commitment: CommitmentLike | null | undefined): Permission {
  const edit = canEditRecord(me, commitment);
  if (!edit.allowed) return edit;
  if (me!.role === 'admin' || me!.role === 'manager') return ALLOWED;
  return commitment?.owner_id != null && commitment.owner_id === me!.id ? ALLOWED : deny('closeNotOwner');
}

/**
 * Giving a commitment another owner: managers of its office and admins,
 * or its current owner (who must also be able to edit it).
 */
export function canReassignCommitment(me: Identified, commitment: CommitmentLike | null | undefined): Permission {
  const edit = canEditRecord(me, commitment);
  if (!edit.allowed) return edit;
  if (me!.role === 'admin' || me!.role === 'manager') return ALLOWED;
  return commitment?.owner_id != null && commitment.owner_id === me!.id ? ALLOWED : deny('notOwner');
}

/** Everything the reader may do to one commitment, for a row, a card or its page. */
export function commitmentPermissions(me: Identified, commitment: CommitmentLike | null | undefined) {
  return {
    edit: canEditCommitment(me, commitment),
    status: canSetCommitmentStatus(me, commitment),
    close: canCloseCommitment(me, commitment),
    reassign: canReassignCommitment(me, commitment),
  };
}

/**
 * Several commitments handed on at once (POST /commitments/reassign) is a
 * manager's act: managers for their office's, admins any. Without a record:
 * whether the reader may do it at all.
 */
export function canBulkReassign(me: Someone, record?: { office_id: number }): boolean {
  if (me?.role === 'admin') return true;
  if (me?.role !== 'manager') return false;
  return !record || record.office_id === me.office_id;
}
