package services

import "liaison/models"

// Origin is where a request came from; it is written into audit events.
type Origin struct {
	ClientAddr string
	RequestID  string
}

// Actor is the signed-in user on whose behalf a service method runs. Every
// authorization decision is made from these fields.
type Actor struct {
	UserID    int64
	OfficeID  int64
	Role      string
	SessionID int64 // 0 when signed in with an API token
	// MFAEnrolmentRequired: the user's role requires two-factor sign-in
	// and it is not on yet; the API lets them do nothing but enrol.
	MFAEnrolmentRequired bool
	Origin
}

// IsAdmin reports whether the actor sees and may change everything.
func (a Actor) IsAdmin() bool { return a.Role == models.RoleAdmin }

// canWriteIn reports whether the actor may create or change ordinary records
// of the given office: officers and managers in their own, admins anywhere.
func (a Actor) canWriteIn(officeID int64) bool {
	switch a.Role {
	case models.RoleAdmin:
		return true
	case models.RoleManager, models.RoleOfficer:
		return officeID == a.OfficeID
	}
	return false
}

// canManage reports whether the actor may do a manager's act (restore,
// reassign, bulk edit) on records of the office.
func (a Actor) canManage(officeID int64) bool {
	return a.IsAdmin() || (a.Role == models.RoleManager && officeID == a.OfficeID)
}
