package services

import (
	"context"
	"strings"

	"liaison/models"
)

// The lists' exports. Each reads its list through the list's own service
// method, page after page, and writes one row per record: the record's
// fields, then related records by id and name side by side, owner and
// office last but the text fields and timestamps.

// recordColumns end every list's row: who keeps the record, and when it
// was made and last changed.
var recordColumns = []ExportColumn{
	{"owner_id", CellInt}, {"owner_name", CellText}, {"office_id", CellInt}, {"office_name", CellText},
}

var stampColumns = []ExportColumn{{"created_at", CellTime}, {"updated_at", CellTime}}

func columns(groups ...[]ExportColumn) []ExportColumn {
	var out []ExportColumn
	for _, g := range groups {
		out = append(out, g...)
	}
	return out
}

// keepers are the names of a batch's owners and offices.
type keepers struct{ owners, offices map[int64]string }

func (n exportNames) keepers(owners []int64, offices []int64) (keepers, error) {
	o, err := n.users(owners)
	if err != nil {
		return keepers{}, err
	}
	f, err := n.offices(offices)
	return keepers{o, f}, err
}

func (k keepers) cells(owner *int64, office int64) []any {
	return []any{optInt(owner), nameOf(k.owners, owner), office, nameOf(k.offices, &office)}
}

func (s *ExportService) names(ctx context.Context, actor Actor) exportNames {
	return exportNames{db: s.db.WithContext(ctx), actor: actor}
}

// batchSize turns a list filter's paging into the export's: the largest
// page, from the cursor given, without a count.
func batchSize(p *ListParams, cursor string) {
	p.Limit, p.Cursor, p.Count = exportBatch, cursor, false
}

var organizationExportColumns = columns([]ExportColumn{
	{"id", CellInt}, {"name", CellText}, {"name_local", CellText}, {"acronym", CellText}, {"type", CellText},
	{"level", CellText}, {"country_code", CellText}, {"city", CellText}, {"parent_id", CellInt}, {"parent_name", CellText},
	{"website", CellText}, {"email", CellText}, {"phone", CellText}, {"influence", CellInt}, {"interest", CellInt},
	{"tags", CellText},
}, recordColumns, []ExportColumn{{"description", CellText}}, stampColumns)

// Organizations exports the organizations list with its filters, search
// and sort. Errors: ErrForbidden (not a manager or admin), and the list's:
// *ValidationError, ErrUnknownSort.
func (s *ExportService) Organizations(ctx context.Context, actor Actor, f OrganizationFilter) (*Export, error) {
	names := s.names(ctx, actor)
	sheet := pagedSheet("organizations", organizationExportColumns, func(cursor string) (Page[OrganizationView], error) {
		batchSize(&f.ListParams, cursor)
		return s.svc.Organizations.List(ctx, actor, f)
	}, func(items []OrganizationView) ([][]any, error) {
		parents, err := names.organizations(idsOf(items, func(v *OrganizationView) *int64 { return v.ParentID }))
		if err != nil {
			return nil, err
		}
		k, err := names.keepers(idsOf(items, func(v *OrganizationView) *int64 { return v.OwnerID }), officesOf(items, func(v *OrganizationView) int64 { return v.OfficeID }))
		if err != nil {
			return nil, err
		}
		rows := make([][]any, len(items))
		for i, v := range items {
			o := v.Organization
			row := []any{o.ID, o.Name, o.NameLocal, o.Acronym, o.Type, optText(o.Level), optText(o.CountryCode), o.City,
				optInt(o.ParentID), nameOf(parents, o.ParentID), o.Website, o.Email, o.Phone,
				optSmallInt(o.Influence), optSmallInt(o.Interest), tagCell(v.Tags)}
			row = append(row, k.cells(o.OwnerID, o.OfficeID)...)
			rows[i] = append(row, o.Description, o.CreatedAt.UTC(), o.UpdatedAt.UTC())
		}
		return rows, nil
	})
	return s.begin(ctx, actor, "organizations", models.EntityOrganization, f, sheet)
}

var contactExportColumns = columns([]ExportColumn{
	{"id", CellInt}, {"honorific", CellText}, {"given_name", CellText}, {"family_name", CellText},
	{"full_name", CellText}, {"name_local", CellText}, {"gender", CellText}, {"email", CellText}, {"phone", CellText},
	{"languages", CellText}, {"country_code", CellText}, {"city", CellText}, {"restricted", CellBool},
	{"consent_basis", CellText}, {"organization_id", CellInt}, {"organization_name", CellText},
	{"position_title", CellText}, {"tags", CellText},
}, recordColumns, []ExportColumn{{"notes", CellText}}, stampColumns)

// Contacts exports the contacts list with its filters, search and sort;
// each contact's organization is that of its primary (else most recent)
// position. Errors: ErrForbidden, *ValidationError, ErrUnknownSort.
func (s *ExportService) Contacts(ctx context.Context, actor Actor, f ContactFilter) (*Export, error) {
	names := s.names(ctx, actor)
	sheet := pagedSheet("contacts", contactExportColumns, func(cursor string) (Page[ContactView], error) {
		batchSize(&f.ListParams, cursor)
		return s.svc.Contacts.List(ctx, actor, f)
	}, func(items []ContactView) ([][]any, error) {
		orgs, err := names.organizations(idsOf(items, func(v *ContactView) *int64 { return positionOrg(v) }))
		if err != nil {
			return nil, err
		}
		k, err := names.keepers(idsOf(items, func(v *ContactView) *int64 { return v.OwnerID }), officesOf(items, func(v *ContactView) int64 { return v.OfficeID }))
		if err != nil {
			return nil, err
		}
		rows := make([][]any, len(items))
		for i, v := range items {
			c := v.Contact
			org, title := positionOrg(&v), ""
			if len(v.Positions) > 0 {
				title = v.Positions[0].Title
			}
			row := []any{c.ID, c.Honorific, c.GivenName, c.FamilyName, c.FullName, c.NameLocal, optText(c.Gender),
				c.Email, c.Phone, c.Languages, optText(c.CountryCode), c.City, c.Restricted, optText(c.ConsentBasis),
				optInt(org), nameOf(orgs, org), title, tagCell(v.Tags)}
			row = append(row, k.cells(c.OwnerID, c.OfficeID)...)
			rows[i] = append(row, c.Notes, c.CreatedAt.UTC(), c.UpdatedAt.UTC())
		}
		return rows, nil
	})
	return s.begin(ctx, actor, "contacts", models.EntityContact, f, sheet)
}

// positionOrg is the organization of a contact's first position: the
// primary one, else the most recent (the order of ContactView.Positions).
func positionOrg(v *ContactView) *int64 {
	if len(v.Positions) == 0 {
		return nil
	}
	return &v.Positions[0].OrganizationID
}

var visitExportColumns = columns([]ExportColumn{
	{"id", CellInt}, {"title", CellText}, {"kind", CellText}, {"status", CellText}, {"start_date", CellDate},
	{"end_date", CellDate}, {"origin_country_code", CellText}, {"host_country_code", CellText}, {"city", CellText},
	{"project_id", CellInt}, {"project_name", CellText}, {"participants", CellText}, {"tags", CellText},
}, recordColumns, []ExportColumn{{"purpose", CellText}, {"outcomes", CellText}}, stampColumns)

// Visits exports the visits list with its filters, search and sort.
// Errors: ErrForbidden, *ValidationError, ErrUnknownSort.
func (s *ExportService) Visits(ctx context.Context, actor Actor, f VisitFilter) (*Export, error) {
	names := s.names(ctx, actor)
	sheet := pagedSheet("visits", visitExportColumns, func(cursor string) (Page[VisitView], error) {
		batchSize(&f.ListParams, cursor)
		return s.svc.Visits.List(ctx, actor, f)
	}, func(items []VisitView) ([][]any, error) {
		projects, err := names.projects(idsOf(items, func(v *VisitView) *int64 { return v.ProjectID }))
		if err != nil {
			return nil, err
		}
		k, err := names.keepers(idsOf(items, func(v *VisitView) *int64 { return v.OwnerID }), officesOf(items, func(v *VisitView) int64 { return v.OfficeID }))
		if err != nil {
			return nil, err
		}
		rows := make([][]any, len(items))
		for i, v := range items {
			r := v.Visit
			row := []any{r.ID, r.Title, r.Kind, r.Status, dateCell(r.StartDate), dateCell(r.EndDate),
				optText(r.OriginCountryCode), optText(r.HostCountryCode), r.City, optInt(r.ProjectID),
				nameOf(projects, r.ProjectID), participantNames(v.Participants), tagCell(v.Tags)}
			row = append(row, k.cells(r.OwnerID, r.OfficeID)...)
			rows[i] = append(row, r.Purpose, r.Outcomes, r.CreatedAt.UTC(), r.UpdatedAt.UTC())
		}
		return rows, nil
	})
	return s.begin(ctx, actor, "visits", models.EntityVisit, f, sheet)
}

var interactionExportColumns = columns([]ExportColumn{
	{"id", CellInt}, {"kind", CellText}, {"status", CellText}, {"subject", CellText}, {"starts_at", CellTime},
	{"ends_at", CellTime}, {"location", CellText}, {"city", CellText}, {"country_code", CellText},
	{"visit_id", CellInt}, {"visit_title", CellText}, {"project_id", CellInt}, {"project_name", CellText},
	{"restricted", CellBool}, {"participants", CellText}, {"tags", CellText},
}, recordColumns, []ExportColumn{{"summary", CellText}}, stampColumns)

// Interactions exports the interactions list with its filters, search and
// sort. Errors: ErrForbidden, *ValidationError, ErrUnknownSort.
func (s *ExportService) Interactions(ctx context.Context, actor Actor, f InteractionFilter) (*Export, error) {
	names := s.names(ctx, actor)
	sheet := pagedSheet("interactions", interactionExportColumns, func(cursor string) (Page[InteractionView], error) {
		batchSize(&f.ListParams, cursor)
		return s.svc.Interactions.List(ctx, actor, f)
	}, func(items []InteractionView) ([][]any, error) {
		visits, err := names.visits(idsOf(items, func(v *InteractionView) *int64 { return v.VisitID }))
		if err != nil {
			return nil, err
		}
		projects, err := names.projects(idsOf(items, func(v *InteractionView) *int64 { return v.ProjectID }))
		if err != nil {
			return nil, err
		}
		k, err := names.keepers(idsOf(items, func(v *InteractionView) *int64 { return v.OwnerID }), officesOf(items, func(v *InteractionView) int64 { return v.OfficeID }))
		if err != nil {
			return nil, err
		}
		rows := make([][]any, len(items))
		for i, v := range items {
			r := v.Interaction
			row := []any{r.ID, r.Kind, r.Status, r.Subject, r.StartsAt.UTC(), optTime(r.EndsAt), r.Location, r.City,
				optText(r.CountryCode), optInt(r.VisitID), nameOf(visits, r.VisitID), optInt(r.ProjectID),
				nameOf(projects, r.ProjectID), r.Restricted, participantNames(v.Participants), tagCell(v.Tags)}
			row = append(row, k.cells(r.OwnerID, r.OfficeID)...)
			rows[i] = append(row, r.Summary, r.CreatedAt.UTC(), r.UpdatedAt.UTC())
		}
		return rows, nil
	})
	return s.begin(ctx, actor, "interactions", models.EntityInteraction, f, sheet)
}

var commitmentExportColumns = columns([]ExportColumn{
	{"id", CellInt}, {"title", CellText}, {"direction", CellText}, {"status", CellText}, {"priority", CellText},
	{"due_date", CellDate}, {"overdue", CellBool}, {"counterpart_organization_id", CellInt},
	{"counterpart_organization_name", CellText}, {"counterpart_contact_id", CellInt},
	{"counterpart_contact_name", CellText}, {"interaction_id", CellInt}, {"interaction_subject", CellText},
	{"visit_id", CellInt}, {"visit_title", CellText}, {"project_id", CellInt}, {"project_name", CellText},
	{"restricted", CellBool}, {"completed_at", CellTime}, {"tags", CellText},
}, recordColumns, []ExportColumn{{"details", CellText}, {"closure_note", CellText}}, stampColumns)

// Commitments exports the commitments list with its filters, search and
// sort; the owner is the user who follows the commitment up.
// Errors: ErrForbidden, *ValidationError, ErrUnknownSort.
func (s *ExportService) Commitments(ctx context.Context, actor Actor, f CommitmentFilter) (*Export, error) {
	names := s.names(ctx, actor)
	sheet := pagedSheet("commitments", commitmentExportColumns, func(cursor string) (Page[CommitmentView], error) {
		batchSize(&f.ListParams, cursor)
		return s.svc.Commitments.List(ctx, actor, f)
	}, func(items []CommitmentView) ([][]any, error) {
		return commitmentRows(names, items)
	})
	return s.begin(ctx, actor, "commitments", models.EntityCommitment, f, sheet)
}

// commitmentRows are commitments as export rows, their related records
// named in one query per kind.
func commitmentRows(names exportNames, items []CommitmentView) ([][]any, error) {
	orgs, err := names.organizations(idsOf(items, func(v *CommitmentView) *int64 { return v.CounterpartOrganizationID }))
	if err != nil {
		return nil, err
	}
	contacts, err := names.contacts(idsOf(items, func(v *CommitmentView) *int64 { return v.CounterpartContactID }))
	if err != nil {
		return nil, err
	}
	interactions, err := names.interactions(idsOf(items, func(v *CommitmentView) *int64 { return v.InteractionID }))
	if err != nil {
		return nil, err
	}
	visits, err := names.visits(idsOf(items, func(v *CommitmentView) *int64 { return v.VisitID }))
	if err != nil {
		return nil, err
	}
	projects, err := names.projects(idsOf(items, func(v *CommitmentView) *int64 { return v.ProjectID }))
	if err != nil {
		return nil, err
	}
	k, err := names.keepers(idsOf(items, func(v *CommitmentView) *int64 { return v.OwnerID }), officesOf(items, func(v *CommitmentView) int64 { return v.OfficeID }))
	if err != nil {
		return nil, err
	}
	rows := make([][]any, len(items))
	for i, v := range items {
		c := v.Commitment
		row := []any{c.ID, c.Title, c.Direction, c.Status, c.Priority, optDate(c.DueDate), v.Overdue,
			optInt(c.CounterpartOrganizationID), nameOf(orgs, c.CounterpartOrganizationID),
			optInt(c.CounterpartContactID), nameOf(contacts, c.CounterpartContactID),
			optInt(c.InteractionID), nameOf(interactions, c.InteractionID), optInt(c.VisitID), nameOf(visits, c.VisitID),
			optInt(c.ProjectID), nameOf(projects, c.ProjectID), c.Restricted, optTime(c.CompletedAt), tagCell(v.Tags)}
		row = append(row, k.cells(c.OwnerID, c.OfficeID)...)
		rows[i] = append(row, c.Details, c.ClosureNote, c.CreatedAt.UTC(), c.UpdatedAt.UTC())
	}
	return rows, nil
}

var projectExportColumns = []ExportColumn{
	{"id", CellInt}, {"code", CellText}, {"name", CellText}, {"donor_organization_id", CellInt},
	{"donor_organization_name", CellText}, {"start_date", CellDate}, {"end_date", CellDate}, {"office_id", CellInt},
	{"office_name", CellText}, {"description", CellText}, {"created_at", CellTime}, {"updated_at", CellTime},
}

// Projects exports the projects list with its filters, search and sort.
// Errors: ErrForbidden, *ValidationError, ErrUnknownSort.
func (s *ExportService) Projects(ctx context.Context, actor Actor, f ProjectFilter) (*Export, error) {
	names := s.names(ctx, actor)
	sheet := pagedSheet("projects", projectExportColumns, func(cursor string) (Page[models.Project], error) {
		batchSize(&f.ListParams, cursor)
		return s.svc.Projects.List(ctx, actor, f)
	}, func(items []models.Project) ([][]any, error) {
		donors, err := names.organizations(idsOf(items, func(p *models.Project) *int64 { return p.DonorOrganizationID }))
		if err != nil {
			return nil, err
		}
		offices, err := names.offices(officesOf(items, func(p *models.Project) int64 { return p.OfficeID }))
		if err != nil {
			return nil, err
		}
		rows := make([][]any, len(items))
		for i, p := range items {
			rows[i] = []any{p.ID, p.Code, p.Name, optInt(p.DonorOrganizationID), nameOf(donors, p.DonorOrganizationID),
				optDate(p.StartDate), optDate(p.EndDate), p.OfficeID, nameOf(offices, &p.OfficeID), p.Description,
				p.CreatedAt.UTC(), p.UpdatedAt.UTC()}
		}
		return rows, nil
	})
	return s.begin(ctx, actor, "projects", models.EntityProject, f, sheet)
}

func officesOf[T any](items []T, office func(*T) int64) []int64 {
	out := make([]int64, len(items))
	for i := range items {
		out[i] = office(&items[i])
	}
	return out
}

// sheetName keeps a sheet's name within what spreadsheet programs accept.
func sheetName(s string) string {
	s = strings.NewReplacer("/", "-", "\\", "-", "?", "", "*", "", "[", "(", "]", ")", ":", "-").Replace(s)
	if len(s) > 31 {
		s = s[:31]
	}
	return s
}
