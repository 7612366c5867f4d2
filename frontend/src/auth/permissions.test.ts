import { describe, expect, it } from 'vitest';
import { canBulkReassign, canEditRecord, canEditVisit, canSetVisitPartners, commitmentPermissions } from './permissions';

const officer = { id: 2, role: 'officer', office_id: 1 } as const;
const manager = { id: 3, role: 'manager', office_id: 1 } as const;
const viewer = { id: 4, role: 'viewer', office_id: 1 } as const;
const admin = { id: 1, role: 'admin', office_id: 9 } as const;
const ours = { office_id: 1, owner_id: 2 };
const colleagues = { office_id: 1, owner_id: 7 };
const theirs = { office_id: 2, owner_id: 8 };

describe('what a reader may do, and why not', () => {
  it('lets the writers of a visit’s partner offices edit it, but not set its partners', () => {
    const shared = { office_id: 2, partner_office_ids: [1] };
    expect(canEditVisit(officer, shared)).toEqual({ allowed: true });
    expect(canEditVisit(manager, shared)).toEqual({ allowed: true });
    expect(canEditVisit(viewer, shared)).toEqual({ allowed: false, reason: 'viewer' });
    expect(canEditVisit(officer, { office_id: 2, partner_office_ids: [5] })).toEqual({ allowed: false, reason: 'otherOffice' });
    expect(canSetVisitPartners(officer, shared)).toEqual({ allowed: false, reason: 'otherOffice' });
    expect(canSetVisitPartners(officer, { office_id: 1, partner_office_ids: [2] })).toEqual({ allowed: true });
  });

  it('lets officers and managers change their own office’s records, admins any, viewers none', () => {
    expect(canEditRecord(officer, ours)).toEqual({ allowed: true });
    expect(canEditRecord(officer, theirs)).toEqual({ allowed: false, reason: 'otherOffice' });
    expect(canEditRecord(viewer, ours)).toEqual({ allowed: false, reason: 'viewer' });
    expect(canEditRecord(admin, theirs)).toEqual({ allowed: true });
    expect(canEditRecord(null, ours)).toEqual({ allowed: false, reason: 'signedOut' });
  });

  it('follows the API on commitments: the same people set the status; reassigning is for the owner, the office’s managers and admins', () => {
    expect(commitmentPermissions(officer, ours)).toEqual({ edit: { allowed: true }, status: { allowed: true }, close: { allowed: true }, reassign: { allowed: true } });
    expect(commitmentPermissions(officer, colleagues).reassign).toEqual({ allowed: false, reason: 'notOwner' });
    expect(commitmentPermissions(officer, colleagues).status).toEqual({ allowed: true });
    expect(commitmentPermissions(manager, colleagues).reassign).toEqual({ allowed: true });
    expect(commitmentPermissions(manager, theirs).status).toEqual({ allowed: false, reason: 'otherOffice' });
    expect(commitmentPermissions(viewer, ours).status).toEqual({ allowed: false, reason: 'viewer' });
    expect(commitmentPermissions(admin, theirs).reassign).toEqual({ allowed: true });
    expect(canBulkReassign(officer)).toBe(false);
  });

  it('lets officers close only their own commitments; managers close any of their office, admins any', () => {
    expect(commitmentPermissions(officer, ours).close).toEqual({ allowed: true });
    expect(commitmentPermissions(officer, colleagues).close).toEqual({ allowed: false, reason: 'closeNotOwner' });
    expect(commitmentPermissions(manager, colleagues).close).toEqual({ allowed: true });
    expect(commitmentPermissions(manager, theirs).close).toEqual({ allowed: false, reason: 'otherOffice' });
    expect(commitmentPermissions(viewer, ours).close).toEqual({ allowed: false, reason: 'viewer' });
    expect(commitmentPermissions(admin, theirs).close).toEqual({ allowed: true });
    expect(canBulkReassign(manager, theirs)).toBe(false);
    expect(canBulkReassign(manager, ours)).toBe(true);
  });
});
