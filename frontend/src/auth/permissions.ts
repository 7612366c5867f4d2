import type { User } from '../hooks/auth';

// The server decides; these only keep the UI from offering what it would refuse.

type Someone = Pick<User, 'role' | 'office_id'> | null | undefined;

export function isAdmin(me: Someone): boolean {
  return me?.role === 'admin';
}

/** Officers, managers and admins create records (in their own office). */
export function canCreate(me: Someone): boolean {
  return me?.role === 'admin' || me?.role === 'manager' || me?.role === 'officer';
}

/** Officers and managers edit and archive their office's records; admins any. */
export function canEdit(me: Someone, record: { office_id: number } | null | undefined): boolean {
  if (!me || !record) return false;
  if (me.role === 'admin') return true;
  return (me.role === 'manager' || me.role === 'officer') && record.office_id === me.office_id;
}

/** Restoring an archived record is a manager's act (or an admin's). */
export function canRestore(me: Someone, record: { office_id: number } | null | undefined): boolean {
  if (!me || !record) return false;
  return me.role === 'admin' || (me.role === 'manager' && record.office_id === me.office_id);
}

/** The review of commitments is for managers and admins. */
export function canReview(me: Someone): boolean {
  return me?.role === 'admin' || me?.role === 'manager';
}
