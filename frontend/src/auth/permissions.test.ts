import { describe, expect, it } from 'vitest';
import { canBulkReassign, canEditRecord, commitmentPermissions } from './permissions';

const officer = { id: 2, role: 'officer', office_id: 1 } as const;
const manager = { id: 3, role: 'manager', office_id: 1 } as const;
const viewer = { id: 4, role: 'viewer', office_id: 1 } as const;
const admin = { id: 1, role: 'admin', office_id: 9 } as const;
const ours = { office_id: 1, owner_id: 2 };
const colleagues = { office_id: 1, owner_id: 7 };
const theirs = { office_id: 2, owner_id: 8 };

describe('what a reader may do, and why not', () => {
  it('lets officers and managers change their own office’s records, admins any, viewers none', () => {
    expect(canEditRecord(officer, ours)).toEqual({ allowed: true });
    expect(canEditRecord(officer, theirs)).toEqual({ allowed: false, reason: 'otherOffice' });
    expect(canEditRecord(viewer, ours)).toEqual({ allowed: false, reason: 'viewer' });
    expect(canEditRecord(admin, theirs)).toEqual({ allowed: true });
    expect(canEditRecord(null, ours)).toEqual({ allowed: false, reason: 'signedOut' });
  });

  it('follows the API on commitments: the same people set the status; reassigning is for the owner, the office’s managers and admins', () => {
    expect(commitmentPermissions(officer, ours)).toEqual({ edit: { allowed: true }, status: { allowed: true }, reassign: { allowed: true } });
    expect(commitmentPermissions(officer, colleagues).reassign).toEqual({ allowed: false, reason: 'notOwner' });
    expect(commitmentPermissions(officer, colleagues).status).toEqual({ allowed: true });
    expect(commitmentPermissions(manager, colleagues).reassign).toEqual({ allowed: true });
    expect(commitmentPermissions(manager, theirs).status).toEqual({ allowed: false, reason: 'otherOffice' });
    expect(commitmentPermissions(viewer, ours).status).toEqual({ allowed: false, reason: 'viewer' });
    expect(commitmentPermissions(admin, theirs).reassign).toEqual({ allowed: true });
    expect(canBulkReassign(officer)).toBe(false);
    expect(canBulkReassign(manager, theirs)).toBe(false);
    expect(canBulkReassign(manager, ours)).toBe(true);
  });
});
