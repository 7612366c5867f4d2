package models

// The enumerations of API.md. Each list is the single source of truth that the
// services validate against and the API documents in its OpenAPI schema.

// Roles, from least to most powerful.
const (
	RoleViewer  = "viewer"
	RoleOfficer = "officer"
	RoleManager = "manager"
	RoleAdmin   = "admin"
)

var (
	Roles               = []string{RoleAdmin, RoleManager, RoleOfficer, RoleViewer}
	Locales             = []string{"en", "ar", "bs"}
	OrgTypes            = []string{"ministry", "government_agency", "local_government", "parliament", "national_committee", "ngo", "youth_group", "community_group", "faith_based", "academic", "media", "international_organization", "un_agency", "donor", "private_sector", "other"}
	OrgLevels           = []string{"international", "national", "regional", "local"}
	Genders             = []string{"female", "male", "other", "undisclosed"}
	ConsentBases        = []string{"consent", "legitimate_interest", "public_role"}
	VisitKinds          = []string{"study_visit", "delegation_visit", "field_visit", "conference", "event", "other"}
	VisitStatuses       = []string{"planned", "ongoing", "completed", "cancelled"}
	VisitSides          = []string{"visiting", "host", "facilitator", "funder", "other"}
	VisitRoles          = []string{"head_of_delegation", "delegate", "host", "organiser", "funder", "interpreter", "speaker", "observer", "partner"}
	InteractionKinds    = []string{"meeting", "call", "email", "message", "reception", "site_visit", "workshop", "event", "other"}
	InteractionStatuses = []string{"planned", "held", "cancelled"}
	InteractionRoles    = []string{"host", "participant", "speaker", "organiser", "observer"}
	Directions          = []string{"ours", "theirs", "joint"}
	CommitmentStatuses  = []string{"open", "in_progress", "done", "cancelled"}
	Priorities          = []string{"low", "normal", "high"}
	TagKinds            = []string{"theme", "sdg", "custom"}
)

// Entity names used in taggings and audit events.
const (
	EntityOrganization = "organization"
	EntityContact      = "contact"
	EntityVisit        = "visit"
	EntityInteraction  = "interaction"
	EntityCommitment   = "commitment"
	EntityUser         = "user"
	EntityOffice       = "office"
	EntityTag          = "tag"
	EntityProject      = "project"
	EntitySession      = "session"
	EntityAPIToken     = "api_token"
)

// TextDirection is the direction text in a locale is written in, for the
// dir attribute of the pages and mails the server writes: Arabic is right
// to left, the others left to right.
func TextDirection(locale string) string {
	if locale == "ar" {
		return "rtl"
	}
	return "ltr"
}
