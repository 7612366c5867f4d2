import type { User } from '../hooks/auth';

// The server decides; these only keep the UI from offering what it would refuse.

type Someone = Pick<User, 'role' | 'office_id'> | null | undefined;

/**
 * A person's subject access export and erasure: managers of the office
 * the contact belongs to, and admins. Officers who edit the record may not:
 * erasure cannot be undone, and an export holds everything about someone.
 */
export function canHandlePersonalData(me: Someone, record: { office_id: number } | null | undefined): boolean {
  if (!me || !record) return false;
  return me.role === 'admin' || (me.role === 'manager' && record.office_id === me.office_id);
}

/** The retention review (keep or erase people nobody has met for years): managers and admins. */
export function canReviewRetention(me: Someone): boolean {
  return me?.role === 'admin' || me?.role === 'manager';
}
