//go:build bench

package bench

import (
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"liaison/models"
	"liaison/services"
	"liaison/services/query"
)

// The filter × sort matrix: every filter that API.md names for the five
// main lists, alone (the list's default order) and with each of the
// list's sorts, as the service call beside the same page written as plain
// SQL. Filter values are the most common ones in the data (the most
// contacts per contactsCountryCode, the busiest owner, the largest organization):
// they match the most rows, which is where a plan that reads the filter's
// rows and then sorts them falls off a cliff, and where walking the sort
// order and filtering pays. Run one list with
// `-bench 'Matrix/list=contacts'`.

// matrixFilter is one filter of a list: how the service takes it, and the
// same condition as plain SQL (with ? placeholders).
type matrixFilter[F any] struct {
	name string
	set  func(*F)
	cond string
	args []any
}

// applied is the service's filter with f set, and f's condition as plain
// SQL to append to a WHERE.
func (f matrixFilter[F]) applied() (F, string) {
	var filter F
	if f.set != nil {
		f.set(&filter)
	}
	if f.cond == "" {
		return filter, ""
	}
	return filter, " AND " + f.cond
}

// matrixList is one list of the matrix.
type matrixList[F any] struct {
	name string
	// sorts are the list's sort keys in the direction users ask for them
	// (names A–Z, times newest first), each with the plain SQL order.
	sorts   []matrixSort
	filters []matrixFilter[F]
	list    func(f F, p services.ListParams) int
	raw     func(b *testing.B, where, order string, args ...any) int
	// table and visible (the restriction rule as plain SQL, or empty) are
	// for the bounded count as plain SQL.
	table, visible string
}

type matrixSort struct{ param, order string }

func runMatrix[F any](b *testing.B, l matrixList[F]) {
	b.Run("list="+l.name, func(b *testing.B) {
		all := append([]matrixFilter[F]{{name: "none"}}, l.filters...)
		for _, f := range all {
			for i, s := range append([]matrixSort{{param: "", order: l.sorts[0].order}}, l.sorts...) {
				name := "sort=" + strings.TrimPrefix(s.param, "-")
				if i == 0 {
					name = "sort=default"
				} else if s.param == l.sorts[0].param {
					continue // the default, under its name above
				}
				w.recordPath(l.name, f.name, strings.TrimPrefix(name, "sort="), f.args, s.param)
				b.Run("filter="+f.name+"/"+name, func(b *testing.B) {
					filter, where := f.applied()
					pair(b, func(b *testing.B) int {
						return l.list(filter, services.ListParams{Sort: s.param})
					}, func(b *testing.B) int {
						return l.raw(b, where, s.order, f.args...)
					})
				})
			}
			// count=true: the bounded count beside the first page, as
			// readers find it when nothing was written since the last
			// count of the same filter (count: kept), and as the first
			// reader after a write does (first_count: counted).
			w.recordPath(l.name, f.name, "count", f.args, "")
			for _, cell := range []string{"count", "first_count"} {
				b.Run("filter="+f.name+"/"+cell, func(b *testing.B) {
					filter, where := f.applied()
					pair(b, func(b *testing.B) int {
						if cell == "first_count" {
							b.StopTimer()
							w.raiseListEpoch(b)
							b.StartTimer()
						}
						return l.list(filter, services.ListParams{Count: true})
					}, func(b *testing.B) int {
						return w.rawBoundedCount(b, l.table, l.visible, where, f.args...)
					})
				})
			}
		}
	})
}

// raiseListEpoch is what any write does to the kept totals of lists.
func (x *world) raiseListEpoch(b *testing.B) {
	if _, err := x.raw.Exec(models.RaiseListEpoch); err != nil {
		b.Fatal(err)
	}
}

// rawBoundedCount is count=true as plain SQL: the matching rows counted
// up to the list's bound.
func (x *world) rawBoundedCount(b *testing.B, table, visible, where string, args ...any) int {
	vis, visArgs := "", []any(nil)
	if visible != "" {
		vis, visArgs = " AND "+visible, []any{false, x.manager.OfficeID}
	}
	var n int
	q := x.rebind("SELECT COUNT(*) FROM (SELECT 1 FROM " + table + " WHERE deleted_at IS NULL" + vis + where +
		" LIMIT " + strconv.Itoa(query.CountBound+1) + ") AS counted")
	if err := x.raw.QueryRow(q, append(visArgs, args...)...).Scan(&n); err != nil {
		b.Fatal(err)
	}
	return n
}

// recordPath appends the cell's request, as a client would send it, to
// the file named by BENCH_MATRIX_PATHS (list, filter, cell, path), so that
// scripts/bench-http.sh can load the slowest cells with wrk.
func (x *world) recordPath(list, filter, cell string, args []any, sort string) {
	file := os.Getenv("BENCH_MATRIX_PATHS")
	if file == "" {
		return
	}
	v := url.Values{}
	if sort != "" {
		v.Set("sort", sort)
	}
	value := func(a any) string {
		switch t := a.(type) {
		case time.Time:
			return t.UTC().Format(time.RFC3339)
		case bool:
			return strconv.FormatBool(t)
		default:
			return fmt.Sprint(t)
		}
	}
	switch filter {
	case "none":
	case "tag":
		v.Set("tag", value(args[1]))
	case "overdue":
		v.Set("overdue", "true")
	case "q":
		v.Set("q", strings.Trim(value(args[0]), `"*:`))
	case "owner_id+status":
		v.Set("owner_id", value(args[0]))
		v.Set("status", "open,in_progress")
	default:
		v.Set(filter, value(args[0]))
	}
	if cell == "count" {
		v.Set("count", "true")
	}
	path := "/api/v1/" + list
	if q := v.Encode(); q != "" {
		path += "?" + q
	}
	f, err := os.OpenFile(file, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return
	}
	defer f.Close()
	fmt.Fprintf(f, "%s\t%s\t%s\t%s\n", list, filter, cell, path)
}

// mostCommon is the value of column that the most live rows of table hold.
func (x *world) mostCommon(b *testing.B, table, column string) any {
	var v any
	q := "SELECT " + column + " FROM " + table + " WHERE deleted_at IS NULL AND " + column + " IS NOT NULL GROUP BY " + column + " ORDER BY COUNT(*) DESC LIMIT 1"
	if err := x.raw.QueryRow(q).Scan(&v); err != nil {
		b.Fatalf("%s: %v", q, err)
	}
	if bs, ok := v.([]byte); ok {
		return string(bs)
	}
	return v
}

func (x *world) mostCommonID(b *testing.B, table, column string) int64 {
	switch v := x.mostCommon(b, table, column).(type) {
	case int64:
		return v
	case int32:
		return int64(v)
	default:
		b.Fatalf("%s.%s: %T", table, column, v)
		return 0
	}
}

func (x *world) mostCommonText(b *testing.B, table, column string) string {
	v, ok := x.mostCommon(b, table, column).(string)
	if !ok {
		b.Fatalf("%s.%s is not text", table, column)
	}
	return v
}

// mostCommonTag is the slug that most records of a kind carry.
func (x *world) mostCommonTag(b *testing.B, entity string) string {
	var slug string
	q := x.rebind("SELECT tags.slug FROM taggings JOIN tags ON tags.id = taggings.tag_id WHERE taggings.entity_type = ? GROUP BY tags.slug ORDER BY COUNT(*) DESC LIMIT 1")
	if err := x.raw.QueryRow(q, entity).Scan(&slug); err != nil {
		b.Fatalf("tag of %s: %v", entity, err)
	}
	return slug
}

const taggedAs = "id IN (SELECT taggings.entity_id FROM taggings JOIN tags ON tags.id = taggings.tag_id WHERE taggings.entity_type = ? AND tags.slug = ?)"

// rawPageWithTags is a list page as plain SQL, then the tags of its rows.
func (x *world) rawPageWithTags(b *testing.B, table, entity, visible, where, order string, args ...any) int {
	vis, visArgs := "", []any(nil)
	if visible != "" {
		vis, visArgs = " AND "+visible, []any{false, x.manager.OfficeID}
	}
	n, ids := x.rows(b, "SELECT * FROM "+table+" WHERE deleted_at IS NULL"+vis+where+" ORDER BY "+order+" LIMIT 51", append(visArgs, args...)...)
	x.rows(b, "SELECT taggings.entity_id, tags.slug FROM taggings JOIN tags ON tags.id = taggings.tag_id WHERE taggings.entity_type = '"+entity+"' AND taggings.entity_id IN "+in(ids)+" ORDER BY tags.slug")
	return min(n, 50)
}

func BenchmarkMatrix(b *testing.B) {
	yes := true
	now := time.Now().UTC()
	quarterAgo, yearAgo := now.AddDate(0, -3, 0), now.AddDate(-1, 0, 0)
	yearAgoDate, today := yearAgo.Format(time.DateOnly), w.today
	otherOffice := w.manager.OfficeID%5 + 1
	// The most common value of each filtered column, read once.
	commitmentTag := w.mostCommonTag(b, "commitment")
	commitmentsCounterpartContactID := w.mostCommonID(b, "commitments", "counterpart_contact_id")
	commitmentsCounterpartOrganizationID := w.mostCommonID(b, "commitments", "counterpart_organization_id")
	commitmentsInteractionID := w.mostCommonID(b, "commitments", "interaction_id")
	commitmentsOwnerID := w.mostCommonID(b, "commitments", "owner_id")
	commitmentsProjectID := w.mostCommonID(b, "commitments", "project_id")
	commitmentsVisitID := w.mostCommonID(b, "commitments", "visit_id")
	contactTag := w.mostCommonTag(b, "contact")
	contactsCountryCode := w.mostCommonText(b, "contacts", "country_code")
	contactsOwnerID := w.mostCommonID(b, "contacts", "owner_id")
	interactionTag := w.mostCommonTag(b, "interaction")
	interactionsOwnerID := w.mostCommonID(b, "interactions", "owner_id")
	interactionsProjectID := w.mostCommonID(b, "interactions", "project_id")
	organizationTag := w.mostCommonTag(b, "organization")
	organizationsCountryCode := w.mostCommonText(b, "organizations", "country_code")
	organizationsOwnerID := w.mostCommonID(b, "organizations", "owner_id")
	organizationsParentID := w.mostCommonID(b, "organizations", "parent_id")
	visitTag := w.mostCommonTag(b, "visit")
	visitsHostCountryCode := w.mostCommonText(b, "visits", "host_country_code")
	visitsOriginCountryCode := w.mostCommonText(b, "visits", "origin_country_code")
	visitsOwnerID := w.mostCommonID(b, "visits", "owner_id")
	visitsProjectID := w.mostCommonID(b, "visits", "project_id")
	// A search by a word thousands of records hold (the walked plan,
	// services/query/textsearch.go): a family name, and words that begin
	// organizations' names and visits' titles, where the holders sort
	// side by side.
	contactsSearch, contactsSearchArg := w.ftsWhere("contacts", "hodzic")
	organizationsSearch, organizationsSearchArg := w.ftsWhere("organizations", "municipality")
	interactionsSearch, interactionsSearchArg := w.ftsWhere("interactions", "mosul")
	commitmentsSearch, commitmentsSearchArg := w.ftsWhere("commitments", "draft")
	visitsSearch, visitsSearchArg := w.ftsWhere("visits", "study")

	runMatrix(b, matrixList[services.ContactFilter]{
		name: "contacts", table: "contacts", visible: "(restricted = ? OR office_id = ?)",
		sorts: []matrixSort{{"name", "sort_key, id"}, {"full_name", "full_name, id"}, {"family_name", "family_name, id"},
			{"-created_at", "created_at DESC, id DESC"}, {"-updated_at", "updated_at DESC, id DESC"}, {"id", "id"}},
		filters: []matrixFilter[services.ContactFilter]{
			{"gender", func(f *services.ContactFilter) { f.Gender = []string{"female"} }, "gender = ?", []any{"female"}},
			{"country_code", func(f *services.ContactFilter) { f.CountryCode = []string{contactsCountryCode} }, "country_code = ?", []any{contactsCountryCode}},
			{"office_id", func(f *services.ContactFilter) { f.OfficeID = []int64{otherOffice} }, "office_id = ?", []any{otherOffice}},
			{"owner_id", func(f *services.ContactFilter) { f.OwnerID = []int64{contactsOwnerID} }, "owner_id = ?", []any{contactsOwnerID}},
			{"organization_id", func(f *services.ContactFilter) { f.OrganizationID = []int64{w.bigOrg} },
				"id IN (SELECT contact_id FROM positions WHERE organization_id = ?)", []any{w.bigOrg}},
			{"tag", func(f *services.ContactFilter) { f.Tag = []string{contactTag} }, taggedAs, []any{"contact", contactTag}},
			{"q", func(f *services.ContactFilter) { f.Q = "hodzic" }, contactsSearch, []any{contactsSearchArg}},
			{"restricted", func(f *services.ContactFilter) { f.Restricted = &yes }, "restricted = ?", []any{true}},
			{"updated_after", func(f *services.ContactFilter) { f.UpdatedAfter = &quarterAgo }, "updated_at > ?", []any{quarterAgo}},
		},
		list: func(f services.ContactFilter, p services.ListParams) int {
			p.Q = f.Q // the search is one of the matrix's filters
			f.ListParams = p
			return len(must(w.svc.Contacts.List(ctx, w.manager, f)).Items)
		},
		raw: w.rawContactPage,
	})

	runMatrix(b, matrixList[services.OrganizationFilter]{
		name: "organizations", table: "organizations", visible: "",
		sorts: []matrixSort{{"name", "sort_key, id"}, {"-created_at", "created_at DESC, id DESC"}, {"-updated_at", "updated_at DESC, id DESC"}, {"id", "id"}},
		filters: []matrixFilter[services.OrganizationFilter]{
			{"type", func(f *services.OrganizationFilter) { f.Type = []string{"ngo"} }, "type = ?", []any{"ngo"}},
			{"level", func(f *services.OrganizationFilter) { f.Level = []string{"local"} }, "level = ?", []any{"local"}},
			{"country_code", func(f *services.OrganizationFilter) { f.CountryCode = []string{organizationsCountryCode} }, "country_code = ?", []any{organizationsCountryCode}},
			{"office_id", func(f *services.OrganizationFilter) { f.OfficeID = []int64{otherOffice} }, "office_id = ?", []any{otherOffice}},
			{"owner_id", func(f *services.OrganizationFilter) { f.OwnerID = []int64{organizationsOwnerID} },
				"owner_id = ?", []any{organizationsOwnerID}},
			{"parent_id", func(f *services.OrganizationFilter) { f.ParentID = []int64{organizationsParentID} },
				"parent_id = ?", []any{organizationsParentID}},
			{"tag", func(f *services.OrganizationFilter) { f.Tag = []string{organizationTag} }, taggedAs, []any{"organization", organizationTag}},
			{"q", func(f *services.OrganizationFilter) { f.Q = "municipality" }, organizationsSearch, []any{organizationsSearchArg}},
			{"updated_after", func(f *services.OrganizationFilter) { f.UpdatedAfter = &quarterAgo }, "updated_at > ?", []any{quarterAgo}},
		},
		list: func(f services.OrganizationFilter, p services.ListParams) int {
			p.Q = f.Q // the search is one of the matrix's filters
			f.ListParams = p
			return len(must(w.svc.Organizations.List(ctx, w.manager, f)).Items)
		},
		raw: func(b *testing.B, where, order string, args ...any) int {
			return w.rawPageWithTags(b, "organizations", "organization", "", where, order, args...)
		},
	})

	runMatrix(b, matrixList[services.InteractionFilter]{
		name: "interactions", table: "interactions", visible: "(restricted = ? OR office_id = ?)",
		sorts: []matrixSort{{"-starts_at", "starts_at DESC, id DESC"}, {"-created_at", "created_at DESC, id DESC"},
			{"-updated_at", "updated_at DESC, id DESC"}, {"id", "id"}},
		filters: []matrixFilter[services.InteractionFilter]{
			{"kind", func(f *services.InteractionFilter) { f.Kind = []string{"meeting"} }, "kind = ?", []any{"meeting"}},
			{"status", func(f *services.InteractionFilter) { f.Status = []string{"held"} }, "status = ?", []any{"held"}},
			{"country_code", func(f *services.InteractionFilter) { f.CountryCode = []string{contactsCountryCode} }, "country_code = ?", []any{contactsCountryCode}},
			{"visit_id", func(f *services.InteractionFilter) { f.VisitID = []int64{w.bigVisit} }, "visit_id = ?", []any{w.bigVisit}},
			{"project_id", func(f *services.InteractionFilter) { f.ProjectID = []int64{interactionsProjectID} }, "project_id = ?", []any{interactionsProjectID}},
			{"office_id", func(f *services.InteractionFilter) { f.OfficeID = []int64{otherOffice} }, "office_id = ?", []any{otherOffice}},
			{"owner_id", func(f *services.InteractionFilter) { f.OwnerID = []int64{interactionsOwnerID} }, "owner_id = ?", []any{interactionsOwnerID}},
			{"organization_id", func(f *services.InteractionFilter) { f.OrganizationID = []int64{w.bigOrg} },
				"id IN (SELECT interaction_id FROM interaction_participants WHERE organization_id = ?)", []any{w.bigOrg}},
			{"contact_id", func(f *services.InteractionFilter) { f.ContactID = []int64{w.busyContact} },
				"id IN (SELECT interaction_id FROM interaction_participants WHERE contact_id = ?)", []any{w.busyContact}},
			{"restricted", func(f *services.InteractionFilter) { f.Restricted = &yes }, "restricted = ?", []any{true}},
			{"starts_after", func(f *services.InteractionFilter) { f.StartsAfter = &yearAgo }, "starts_at > ?", []any{yearAgo}},
			{"starts_before", func(f *services.InteractionFilter) { f.StartsBefore = &yearAgo }, "starts_at < ?", []any{yearAgo}},
			{"tag", func(f *services.InteractionFilter) { f.Tag = []string{interactionTag} }, taggedAs, []any{"interaction", interactionTag}},
			{"q", func(f *services.InteractionFilter) { f.Q = "mosul" }, interactionsSearch, []any{interactionsSearchArg}},
			{"updated_after", func(f *services.InteractionFilter) { f.UpdatedAfter = &quarterAgo }, "updated_at > ?", []any{quarterAgo}},
		},
		list: func(f services.InteractionFilter, p services.ListParams) int {
			p.Q = f.Q // the search is one of the matrix's filters
			f.ListParams = p
			return len(must(w.svc.Interactions.List(ctx, w.manager, f)).Items)
		},
		raw: w.rawInteractionPage,
	})

	runMatrix(b, matrixList[services.CommitmentFilter]{
		name: "commitments", table: "commitments", visible: "(restricted = ? OR office_id = ?)",
		sorts: []matrixSort{{"due_date", "COALESCE(due_date, '9999-12-31'), id"},
			{"-priority", "CASE priority WHEN 'high' THEN 3 WHEN 'normal' THEN 2 ELSE 1 END DESC, id DESC"},
			{"-created_at", "created_at DESC, id DESC"}, {"-updated_at", "updated_at DESC, id DESC"}, {"id", "id"}},
		filters: []matrixFilter[services.CommitmentFilter]{
			{"status", func(f *services.CommitmentFilter) { f.Status = []string{"open"} }, "status = ?", []any{"open"}},
			{"priority", func(f *services.CommitmentFilter) { f.Priority = []string{"normal"} }, "priority = ?", []any{"normal"}},
			{"direction", func(f *services.CommitmentFilter) { f.Direction = []string{"ours"} }, "direction = ?", []any{"ours"}},
			{"visit_id", func(f *services.CommitmentFilter) { f.VisitID = []int64{commitmentsVisitID} },
				"visit_id = ?", []any{commitmentsVisitID}},
			{"interaction_id", func(f *services.CommitmentFilter) { f.InteractionID = []int64{commitmentsInteractionID} },
				"interaction_id = ?", []any{commitmentsInteractionID}},
			{"project_id", func(f *services.CommitmentFilter) { f.ProjectID = []int64{commitmentsProjectID} },
				"project_id = ?", []any{commitmentsProjectID}},
			{"office_id", func(f *services.CommitmentFilter) { f.OfficeID = []int64{otherOffice} }, "office_id = ?", []any{otherOffice}},
			{"owner_id", func(f *services.CommitmentFilter) { f.OwnerID = []int64{commitmentsOwnerID} }, "owner_id = ?", []any{commitmentsOwnerID}},
			{"organization_id", func(f *services.CommitmentFilter) { f.OrganizationID = []int64{commitmentsCounterpartOrganizationID} }, "counterpart_organization_id = ?", []any{commitmentsCounterpartOrganizationID}},
			{"contact_id", func(f *services.CommitmentFilter) { f.ContactID = []int64{commitmentsCounterpartContactID} },
				"counterpart_contact_id = ?", []any{commitmentsCounterpartContactID}},
			{"country_code", func(f *services.CommitmentFilter) { f.CountryCode = []string{contactsCountryCode} },
				"counterpart_organization_id IN (SELECT id FROM organizations WHERE country_code = ?)", []any{contactsCountryCode}},
			{"restricted", func(f *services.CommitmentFilter) { f.Restricted = &yes }, "restricted = ?", []any{true}},
			{"overdue", func(f *services.CommitmentFilter) { f.Overdue = &yes },
				"status IN ('open', 'in_progress') AND due_date IS NOT NULL AND due_date < ?", []any{today}},
			{"due_before", func(f *services.CommitmentFilter) { f.DueBefore = &today }, "due_date < ?", []any{today}},
			{"due_after", func(f *services.CommitmentFilter) { f.DueAfter = &today }, "due_date > ?", []any{today}},
			{"tag", func(f *services.CommitmentFilter) { f.Tag = []string{commitmentTag} }, taggedAs, []any{"commitment", commitmentTag}},
			{"q", func(f *services.CommitmentFilter) { f.Q = "draft" }, commitmentsSearch, []any{commitmentsSearchArg}},
			{"updated_after", func(f *services.CommitmentFilter) { f.UpdatedAfter = &quarterAgo }, "updated_at > ?", []any{quarterAgo}},
			{"owner_id+status", func(f *services.CommitmentFilter) {
				f.OwnerID, f.Status = []int64{commitmentsOwnerID}, []string{"open", "in_progress"}
			}, "owner_id = ? AND status IN (?, ?)", []any{commitmentsOwnerID, "open", "in_progress"}},
		},
		list: func(f services.CommitmentFilter, p services.ListParams) int {
			p.Q = f.Q // the search is one of the matrix's filters
			f.ListParams = p
			return len(must(w.svc.Commitments.List(ctx, w.manager, f)).Items)
		},
		raw: func(b *testing.B, where, order string, args ...any) int {
			return w.rawPageWithTags(b, "commitments", "commitment", "(restricted = ? OR office_id = ?)", where, order, args...)
		},
	})

	runMatrix(b, matrixList[services.VisitFilter]{
		name: "visits", table: "visits", visible: "",
		sorts: []matrixSort{{"-start_date", "start_date DESC, id DESC"}, {"title", "title, id"},
			{"-created_at", "created_at DESC, id DESC"}, {"-updated_at", "updated_at DESC, id DESC"}, {"id", "id"}},
		filters: []matrixFilter[services.VisitFilter]{
			{"kind", func(f *services.VisitFilter) { f.Kind = []string{"study_visit"} }, "kind = ?", []any{"study_visit"}},
			{"status", func(f *services.VisitFilter) { f.Status = []string{"completed"} }, "status = ?", []any{"completed"}},
			{"host_country_code", func(f *services.VisitFilter) { f.HostCountryCode = []string{visitsHostCountryCode} }, "host_country_code = ?", []any{visitsHostCountryCode}},
			{"origin_country_code", func(f *services.VisitFilter) { f.OriginCountryCode = []string{visitsOriginCountryCode} },
				"origin_country_code = ?", []any{visitsOriginCountryCode}},
			{"project_id", func(f *services.VisitFilter) { f.ProjectID = []int64{visitsProjectID} },
				"project_id = ?", []any{visitsProjectID}},
			{"office_id", func(f *services.VisitFilter) { f.OfficeID = []int64{otherOffice} }, "office_id = ?", []any{otherOffice}},
			{"owner_id", func(f *services.VisitFilter) { f.OwnerID = []int64{visitsOwnerID} },
				"owner_id = ?", []any{visitsOwnerID}},
			{"organization_id", func(f *services.VisitFilter) { f.OrganizationID = []int64{w.bigOrg} },
				"id IN (SELECT visit_id FROM visit_participants WHERE organization_id = ?)", []any{w.bigOrg}},
			{"start_after", func(f *services.VisitFilter) { f.StartAfter = &yearAgoDate }, "start_date > ?", []any{yearAgoDate}},
			{"start_before", func(f *services.VisitFilter) { f.StartBefore = &yearAgoDate }, "start_date < ?", []any{yearAgoDate}},
			{"tag", func(f *services.VisitFilter) { f.Tag = []string{visitTag} }, taggedAs, []any{"visit", visitTag}},
			{"q", func(f *services.VisitFilter) { f.Q = "study" }, visitsSearch, []any{visitsSearchArg}},
			{"updated_after", func(f *services.VisitFilter) { f.UpdatedAfter = &quarterAgo }, "updated_at > ?", []any{quarterAgo}},
		},
		list: func(f services.VisitFilter, p services.ListParams) int {
			p.Q = f.Q // the search is one of the matrix's filters
			f.ListParams = p
			return len(must(w.svc.Visits.List(ctx, w.manager, f)).Items)
		},
		raw: func(b *testing.B, where, order string, args ...any) int {
			return w.rawPageWithTags(b, "visits", "visit", "", where, order, args...)
		},
	})
}
