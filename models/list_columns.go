package models

// The list pages read thousands of rows a second. These methods name, for
// each listed record, the columns a list reads (every column but
// search_text, the full-text index's copy of the words) and where each one
// is stored, so that rows are scanned without reflection. models_test
// checks each list against the table's columns, so that a new field cannot
// be forgotten here.

var recordColumns = []string{"id", "version", "created_at", "updated_at", "deleted_at"}

var contactListColumns = append(recordColumns[:len(recordColumns):len(recordColumns)],
	"office_id", "owner_id", "honorific", "given_name", "family_name", "full_name", "name_local", "gender",
	"email", "phone", "languages", "country_code", "city", "notes", "restricted", "consent_basis",
	"consent_date", "consent_source", "consent_withdrawn_at", "erased_at", "sort_key", "merged_into_id")

// ListColumns names the columns ScanTargets receives, in order.
func (*Contact) ListColumns() []string { return contactListColumns }

// ScanTargets points at the fields ListColumns fill.
func (c *Contact) ScanTargets() []any {
	return []any{
		&c.ID, &c.Version, &c.CreatedAt, &c.UpdatedAt, &c.DeletedAt, &c.OfficeID, &c.OwnerID, &c.Honorific,
		&c.GivenName, &c.FamilyName, &c.FullName, &c.NameLocal, &c.Gender, &c.Email, &c.Phone, &c.Languages,
		&c.CountryCode, &c.City, &c.Notes, &c.Restricted, &c.ConsentBasis,
		&c.ConsentDate, &c.ConsentSource, &c.ConsentWithdrawnAt, &c.ErasedAt, &c.SortKey, &c.MergedIntoID,
	}
}

var organizationListColumns = append(recordColumns[:len(recordColumns):len(recordColumns)],
	"office_id", "owner_id", "name", "name_local", "acronym", "type", "level", "country_code", "city", "parent_id",
	"website", "email", "phone", "description", "influence", "interest", "sort_key", "merged_into_id")

// ListColumns names the columns ScanTargets receives, in order.
func (*Organization) ListColumns() []string { return organizationListColumns }

// ScanTargets points at the fields ListColumns fill.
func (o *Organization) ScanTargets() []any {
	return []any{
		&o.ID, &o.Version, &o.CreatedAt, &o.UpdatedAt, &o.DeletedAt, &o.OfficeID, &o.OwnerID, &o.Name,
		&o.NameLocal, &o.Acronym, &o.Type, &o.Level, &o.CountryCode, &o.City, &o.ParentID, &o.Website, &o.Email,
		&o.Phone, &o.Description, &o.Influence, &o.Interest, &o.SortKey, &o.MergedIntoID,
	}
}

var visitListColumns = append(recordColumns[:len(recordColumns):len(recordColumns)],
	"office_id", "owner_id", "title", "kind", "status", "purpose", "outcomes", "start_date", "end_date",
	"origin_country_code", "host_country_code", "city", "project_id")

// ListColumns names the columns ScanTargets receives, in order.
func (*Visit) ListColumns() []string { return visitListColumns }

// ScanTargets points at the fields ListColumns fill.
func (v *Visit) ScanTargets() []any {
	return []any{
		&v.ID, &v.Version, &v.CreatedAt, &v.UpdatedAt, &v.DeletedAt, &v.OfficeID, &v.OwnerID, &v.Title, &v.Kind,
		&v.Status, &v.Purpose, &v.Outcomes, &v.StartDate, &v.EndDate, &v.OriginCountryCode, &v.HostCountryCode,
		&v.City, &v.ProjectID,
	}
}

var interactionListColumns = append(recordColumns[:len(recordColumns):len(recordColumns)],
	"office_id", "owner_id", "kind", "status", "subject", "summary", "starts_at", "ends_at", "location", "city",
	"country_code", "visit_id", "project_id", "restricted")

// ListColumns names the columns ScanTargets receives, in order.
func (*Interaction) ListColumns() []string { return interactionListColumns }

// ScanTargets points at the fields ListColumns fill.
func (it *Interaction) ScanTargets() []any {
	return []any{
		&it.ID, &it.Version, &it.CreatedAt, &it.UpdatedAt, &it.DeletedAt, &it.OfficeID, &it.OwnerID, &it.Kind,
		&it.Status, &it.Subject, &it.Summary, &it.StartsAt, &it.EndsAt, &it.Location, &it.City, &it.CountryCode,
		&it.VisitID, &it.ProjectID, &it.Restricted,
	}
}

var commitmentListColumns = append(recordColumns[:len(recordColumns):len(recordColumns)],
	"office_id", "owner_id", "title", "details", "direction", "counterpart_organization_id", "counterpart_contact_id",
	"due_date", "status", "priority", "interaction_id", "visit_id", "project_id", "restricted", "completed_at",
	"closure_note")

// ListColumns names the columns ScanTargets receives, in order.
func (*Commitment) ListColumns() []string { return commitmentListColumns }

// ScanTargets points at the fields ListColumns fill.
func (c *Commitment) ScanTargets() []any {
	return []any{
		&c.ID, &c.Version, &c.CreatedAt, &c.UpdatedAt, &c.DeletedAt, &c.OfficeID, &c.OwnerID, &c.Title, &c.Details,
		&c.Direction, &c.CounterpartOrganizationID, &c.CounterpartContactID, &c.DueDate, &c.Status, &c.Priority,
		&c.InteractionID, &c.VisitID, &c.ProjectID, &c.Restricted, &c.CompletedAt, &c.ClosureNote,
	}
}
