package services

import (
	"context"
	"time"

	"liaison/models"
)

// The review's and the engagement report's exports: one sheet per
// grouping, read from the very review and report the app shows.

var reviewGroupColumns = []ExportColumn{
	{"key", CellText}, {"name", CellText}, {"open", CellInt}, {"in_progress", CellInt}, {"done", CellInt},
	{"cancelled", CellInt}, {"overdue", CellInt}, {"due_7_days", CellInt}, {"due_30_days", CellInt},
}

func reviewGroupRow(key *string, label string, c ReviewCounts) []any {
	return []any{optText(key), label, c.Open, c.InProgress, c.Done, c.Cancelled, c.Overdue, c.Due7, c.Due30}
}

func reviewGroupSheet(name string, groups []ReviewGroup) *ExportSheet {
	rows := make([][]any, len(groups))
	for i, g := range groups {
		rows[i] = reviewGroupRow(g.Key, g.Label, g.ReviewCounts)
	}
	return fixedSheet(name, reviewGroupColumns, rows)
}

// Review exports the manager's review of follow-ups as sheets: the totals
// (as of today), the counts by owner, office, country and project, and
// every overdue commitment, oldest due first (the commitments list's
// overdue filter, read page by page, so that none is cut off).
// Errors: ErrForbidden, *ValidationError.
func (s *ExportService) Review(ctx context.Context, actor Actor, f ReviewFilter) (*Export, error) {
	if !actor.canManage(actor.OfficeID) {
		return nil, ErrForbidden
	}
	r, err := s.svc.Commitments.Review(ctx, actor, f)
	if err != nil {
		return nil, err
	}
	asOf := dateCell(r.AsOf)
	summary := fixedSheet("summary", append([]ExportColumn{{"as_of", CellDate}}, reviewGroupColumns[2:]...),
		[][]any{append([]any{asOf}, reviewGroupRow(nil, "", r.Totals)[2:]...)})
	overdue := true
	lf := CommitmentFilter{OfficeID: f.OfficeID, OwnerID: f.OwnerID, ProjectID: f.ProjectID, CountryCode: f.CountryCode,
		Overdue: &overdue}
	lf.Sort = "due_date"
	names := s.names(ctx, actor)
	items := pagedSheet("overdue", commitmentExportColumns, func(cursor string) (Page[CommitmentView], error) {
		batchSize(&lf.ListParams, cursor)
		return s.svc.Commitments.List(ctx, actor, lf)
	}, func(items []CommitmentView) ([][]any, error) { return commitmentRows(names, items) })
	return s.begin(ctx, actor, "commitment-review", models.EntityCommitment, f, summary,
		reviewGroupSheet("by_owner", r.ByOwner), reviewGroupSheet("by_office", r.ByOffice),
		reviewGroupSheet("by_country", r.ByCountry), reviewGroupSheet("by_project", r.ByProject), items)
}

// EntityReport is what the audit calls a report that was exported.
const EntityReport = "report"

var engagementColumns = []ExportColumn{
	{"key", CellText}, {"name", CellText}, {"interactions", CellInt}, {"visits", CellInt},
	{"organizations", CellInt}, {"contacts", CellInt}, {"contacts_female", CellInt}, {"contacts_male", CellInt},
	{"commitments_made", CellInt}, {"commitments_done", CellInt}, {"commitments_overdue", CellInt},
}

func engagementRow(key, label any, c EngagementCounts) []any {
	return []any{key, label, c.Interactions, c.Visits, c.Organizations, c.Contacts, c.ContactsFemale,
		c.ContactsMale, c.CommitmentsMade, c.CommitmentsDone, c.CommitmentsOverdue}
}

// EngagementExportFilter chooses the period (inclusive dates, UTC) and,
// optionally, the offices of an engagement report export.
type EngagementExportFilter struct {
	From, To string
	OfficeID []int64
}

// Engagement exports the engagement report of a period with one sheet per
// grouping (country, project, SDG, donor), each ending with the totals,
// and a first sheet naming the period. Errors: ErrForbidden,
// *ValidationError (dates).
func (s *ExportService) Engagement(ctx context.Context, actor Actor, f EngagementExportFilter) (*Export, error) {
	if !actor.canManage(actor.OfficeID) {
		return nil, ErrForbidden
	}
	period := fixedSheet("period", []ExportColumn{{"from", CellDate}, {"to", CellDate}, {"as_of", CellDate}},
		[][]any{{dateCell(f.From), dateCell(f.To), dateCell(s.svc.Reports.clock().UTC().Format(time.DateOnly))}})
	sheets := []*ExportSheet{period}
	for _, by := range ReportGroupings {
		r, err := s.svc.Reports.Engagement(ctx, actor, EngagementFilter{From: f.From, To: f.To, By: by, OfficeID: f.OfficeID})
		if err != nil {
			return nil, err
		}
		rows := make([][]any, 0, len(r.Rows)+1)
		for _, row := range r.Rows {
			rows = append(rows, engagementRow(row.Key, row.Label, row.EngagementCounts))
		}
		rows = append(rows, engagementRow(nil, "total", r.Totals))
		sheets = append(sheets, fixedSheet("by_"+by, engagementColumns, rows))
	}
	return s.begin(ctx, actor, "engagement-report", EntityReport, f, sheets...)
}
