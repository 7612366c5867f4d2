import type { User } from '../../hooks/auth';

/**
 * Managers reassign their office's commitments, admins any (the server
 * decides; this only keeps the UI from offering what it would refuse).
 * Without a record: whether the reader may reassign at all.
 */
export function canReassign(me: Pick<User, 'role' | 'office_id'> | null | undefined, record?: { office_id: number }): boolean {
  if (me?.role === 'admin') return true;
  if (me?.role !== 'manager') return false;
  return !record || record.office_id === me.office_id;
}
