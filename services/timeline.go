package services

import (
	"context"
	"slices"
	"time"

	"gorm.io/gorm"

	"liaison/models"
	"liaison/services/query"
)

// TimelineItem is one entry of a timeline: an interaction, a visit or a
// commitment, exactly one of which is set.
type TimelineItem struct {
	Kind        string // interaction, visit, commitment
	At          time.Time
	Interaction *InteractionView
	Visit       *VisitView
	Commitment  *CommitmentView
}

// TimelinePage is one page of a timeline, newest first.
type TimelinePage struct {
	Items      []TimelineItem
	NextCursor string
}

// timelineRow is one row of the merged query before the records are loaded.
type timelineRow struct {
	Kind string
	ID   int64
	At   string
}

// timelineCursor continues after the last row of a page.
type timelineCursor struct {
	At   string `json:"a"`
	Kind string `json:"k"`
	ID   int64  `json:"i"`
}

// Timeline returns what touched an organization, newest first: interactions
// and visits where it or one of its people (a contact with a position there,
// past or present) took part, and commitments with it or its people as
// counterpart. Errors: ErrNotFound, ErrInvalidCursor.
//
// The paths from the organization to its records are kept in
// organization_activity (migration 0009), in time order: a page walks that
// index newest first, keeps the paths the actor may follow (the record
// within its scope, the person not hidden from the actor), counts a record
// reached by several paths once, and stops at a page. A ministry's tens of
// thousands of records are never all read.
func (s *OrganizationService) Timeline(ctx context.Context, actor Actor, id int64, limit int, cursor string) (TimelinePage, error) {
	db := s.db.WithContext(ctx)
	// Every live organization is visible to every reader: whether it
	// exists is all there is to check (its row and tags are not needed).
	var live []int64
	if err := db.Model(&models.Organization{}).Where("id = ?", id).Limit(1).Pluck("id", &live).Error; err != nil {
		return TimelinePage{}, err
	}
	if len(live) == 0 {
		return TimelinePage{}, ErrNotFound
	}
	limit, c, err := timelineArgs(limit, cursor)
	if err != nil {
		return TimelinePage{}, err
	}
	fresh := func() *gorm.DB { return db.Session(&gorm.Session{NewDB: true}) }
	// Each check is a probe per path walked. PostgreSQL would otherwise
	// plan some as hashed subplans, reading every restricted contact or
	// every commitment once per call, because it prices them for all of a
	// ministry's paths rather than for the page the walk stops at; an
	// OFFSET keeps a subquery from being turned into one.
	probe := ")"
	if db.Name() == models.Postgres {
		probe = " OFFSET 0)"
	}
	q := fresh().Table(models.ActivityTable+" AS a").Select("a.kind, a.record_id AS id, a.at").
		Where("a.organization_id = ?", id).
		Where("((a.kind = 'interaction' AND EXISTS (?"+probe+") OR (a.kind = 'visit' AND EXISTS (?"+probe+") OR (a.kind = 'commitment' AND EXISTS (?"+probe+"))",
			interactionScope(fresh(), actor, false).Select("1").Where("interactions.id = a.record_id"),
			fresh().Model(&models.Visit{}).Select("1").Where("visits.id = a.record_id"),
			commitmentScope(fresh(), actor, false).Select("1").Where("commitments.id = a.record_id"))
	if !actor.IsAdmin() {
		// A person hidden from the actor is no path for them: a probe into
		// the small index of restricted contacts (migration 0007).
		q = q.Where("(a.contact_id = 0 OR NOT EXISTS (SELECT 1 FROM contacts k WHERE k.id = a.contact_id AND " + actor.hiddenSQL(on("k")) + probe + ")")
	}
	if c != nil {
		q = q.Where("(a.at, a.kind, a.record_id) < (?, ?, ?)", c.At, c.Kind, c.ID)
	}
	var rows []timelineRow
	if err := q.Group("a.at, a.kind, a.record_id").Order("a.at DESC, a.kind DESC, a.record_id DESC").Limit(limit + 1).Scan(&rows).Error; err != nil {
		return TimelinePage{}, err
	}
	return timelinePage(db, actor, rows, limit)
}

// Timeline returns what touched a contact, newest first: the interactions
// and visits they took part in and the commitments with them as
// counterpart. Errors: ErrNotFound (also for a contact hidden from the
// actor), ErrInvalidCursor.
func (s *ContactService) Timeline(ctx context.Context, actor Actor, id int64, limit int, cursor string) (TimelinePage, error) {
	if _, err := s.Get(ctx, actor, id); err != nil {
		return TimelinePage{}, err
	}
	db := s.db.WithContext(ctx)
	touches := func(table, parent string) timelineSource {
		return timelineSource{sql: "SELECT " + parent + " FROM " + table + " WHERE contact_id = ?", args: []any{id}}
	}
	return timeline(db, actor, timelineSources{
		interactions: touches("interaction_participants", "interaction_id"),
		visits:       touches("visit_participants", "visit_id"),
		commitments:  timelineSource{sql: "SELECT id FROM commitments WHERE counterpart_contact_id = ? AND deleted_at IS NULL", args: []any{id}},
	}, limit, cursor)
}

// timelineSource is a subquery of the ids of one kind that belong to a
// timeline; its SQL is built from constants of this package only.
type timelineSource struct {
	sql  string
	args []any
}

// timelineSources says which records belong to one timeline.
type timelineSources struct {
	interactions, visits, commitments timelineSource
}

// timeline merges the three kinds of a contact's timeline in one
// keyset-paged query ordered by (at, kind, id) descending. Interactions are
// placed at their start, visits at their first day, commitments where
// models.CommitmentAtText puts them (completed, else due, else made), as the
// organization timeline's maintained rows do. Each kind contributes at most one page, newest first, and the
// merge orders those: the first page of the union is within the first
// pages of its parts, so the final sort never sees more than three pages.
// (On SQLite the merge compares times to the millisecond while each kind
// orders by the stored microseconds; rows of one kind that share a
// millisecond at a page's edge could in principle trade places.)
func timeline(db *gorm.DB, actor Actor, src timelineSources, limit int, cursor string) (TimelinePage, error) {
	limit, c, err := timelineArgs(limit, cursor)
	if err != nil {
		return TimelinePage{}, err
	}
	at := func(column string) string { return models.AtText(db, column) }
	branch := func(q *gorm.DB, kind, table, atExpr, orderColumn string, s timelineSource) *gorm.DB {
		q = q.Select("'"+kind+"' AS kind, "+table+".id AS id, "+atExpr+" AS at").
			Where(table+".id IN ("+s.sql+")", s.args...)
		if c != nil {
			q = q.Where("("+atExpr+" < ? OR ("+atExpr+" = ? AND ('"+kind+"' < ? OR ('"+kind+"' = ? AND "+table+".id < ?))))",
				c.At, c.At, c.Kind, c.Kind, c.ID)
		}
		return q.Order(orderColumn + " DESC, " + table + ".id DESC").Limit(limit + 1)
	}
	fresh := func() *gorm.DB { return db.Session(&gorm.Session{NewDB: true}) }
	interactions := branch(interactionScope(fresh(), actor, false), "interaction", "interactions",
		at("interactions.starts_at"), "interactions.starts_at", src.interactions)
	visits := branch(fresh().Model(&models.Visit{}), "visit", "visits",
		models.DateAtText("visits.start_date"), "visits.start_date", src.visits)
	commitmentAt := models.CommitmentAtText(db, "commitments")
	commitments := branch(commitmentScope(fresh(), actor, false), "commitment", "commitments",
		commitmentAt, commitmentAt, src.commitments)

	var rows []timelineRow
	if err := db.Raw("SELECT kind, id, at FROM (SELECT * FROM (?) AS i UNION ALL SELECT * FROM (?) AS v UNION ALL SELECT * FROM (?) AS c) AS t"+
		" ORDER BY t.at DESC, t.kind DESC, t.id DESC LIMIT ?", interactions, visits, commitments, limit+1).Scan(&rows).Error; err != nil {
		return TimelinePage{}, err
	}
	return timelinePage(db, actor, rows, limit)
}

// timelineArgs is the page size and the decoded cursor of a timeline call.
func timelineArgs(limit int, cursor string) (int, *timelineCursor, error) {
	if limit <= 0 || limit > MaxLimit {
		limit = DefaultLimit
	}
	if cursor == "" {
		return limit, nil, nil
	}
	c, err := decodeTimelineCursor(cursor)
	if err != nil {
		return 0, nil, ErrInvalidCursor
	}
	return limit, &c, nil
}

// timelinePage turns up to limit+1 rows, newest first, into a page: the
// cursor after the last one kept, and each kind's records loaded in bulk.
func timelinePage(db *gorm.DB, actor Actor, rows []timelineRow, limit int) (TimelinePage, error) {
	out := TimelinePage{Items: []TimelineItem{}}
	if len(rows) > limit {
		last := rows[limit-1]
		out.NextCursor = query.EncodeCursor(timelineCursor{At: last.At, Kind: last.Kind, ID: last.ID})
		rows = rows[:limit]
	}
	ids := map[string][]int64{}
	for _, r := range rows {
		ids[r.Kind] = append(ids[r.Kind], r.ID)
	}
	byID, err := loadTimelineRecords(db, actor, ids)
	if err != nil {
		return TimelinePage{}, err
	}
	for _, r := range rows {
		if item, ok := byID[timelineKey{r.Kind, r.ID}]; ok {
			out.Items = append(out.Items, item)
		}
	}
	return out, nil
}

type timelineKey struct {
	kind string
	id   int64
}

// loadTimelineRecords loads each kind of a page with one query per kind.
func loadTimelineRecords(db *gorm.DB, actor Actor, ids map[string][]int64) (map[timelineKey]TimelineItem, error) {
	out := map[timelineKey]TimelineItem{}
	if len(ids["interaction"]) > 0 {
		rows, err := query.Rows[models.Interaction](interactionScope(db, actor, false).
			Where("interactions.id IN ?", ids["interaction"]), "interactions", len(ids["interaction"]))
		if err != nil {
			return nil, err
		}
		views, err := (&InteractionService{db: db}).views(db, actor, rows)
		if err != nil {
			return nil, err
		}
		for i := range views {
			v := views[i]
			out[timelineKey{"interaction", v.ID}] = TimelineItem{Kind: "interaction", At: v.StartsAt, Interaction: &v}
		}
	}
	if len(ids["visit"]) > 0 {
		rows, err := query.Rows[models.Visit](db.Model(&models.Visit{}).Where("visits.id IN ?", ids["visit"]), "visits", len(ids["visit"]))
		if err != nil {
			return nil, err
		}
		views, err := (&VisitService{db: db}).views(db, actor, rows)
		if err != nil {
			return nil, err
		}
		for i := range views {
			v := views[i]
			start, _ := time.Parse(time.DateOnly, v.StartDate)
			out[timelineKey{"visit", v.ID}] = TimelineItem{Kind: "visit", At: start, Visit: &v}
		}
	}
	if len(ids["commitment"]) > 0 {
		rows, err := query.Rows[models.Commitment](commitmentScope(db, actor, false).
			Where("commitments.id IN ?", ids["commitment"]), "commitments", len(ids["commitment"]))
		if err != nil {
			return nil, err
		}
		today := models.Now().Format(time.DateOnly)
		views, err := (&CommitmentService{db: db}).views(db, actor, rows, today)
		if err != nil {
			return nil, err
		}
		for i := range views {
			v := views[i]
			out[timelineKey{"commitment", v.ID}] = TimelineItem{Kind: "commitment", At: commitmentAt(&v.Commitment), Commitment: &v}
		}
	}
	return out, nil
}

// commitmentAt is models.CommitmentAtText for a row already read.
func commitmentAt(c *models.Commitment) time.Time {
	if c.Status == commitmentDone && c.CompletedAt != nil {
		return c.CompletedAt.UTC()
	}
	if c.DueDate != nil {
		if due, err := time.Parse(time.DateOnly, *c.DueDate); err == nil {
			return due
		}
	}
	return c.CreatedAt.UTC()
}

func decodeTimelineCursor(s string) (timelineCursor, error) {
	var c timelineCursor
	if err := query.DecodeCursor(s, &c); err != nil {
		return c, err
	}
	var at query.Time
	if err := at.Parse(c.At); err != nil {
		if _, err := time.Parse(time.RFC3339Nano, c.At); err != nil {
			return c, err
		}
	}
	if !slices.Contains([]string{"interaction", "visit", "commitment"}, c.Kind) || c.ID <= 0 {
		return c, ErrInvalidCursor
	}
	return c, nil
}
