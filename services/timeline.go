package services

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"slices"
	"time"

	"gorm.io/gorm"

	"liaison/models"
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
// and visits where it or one of its people (a contact with a position there)
// took part, and commitments with it or its people as counterpart.
// Errors: ErrNotFound, ErrInvalidCursor.
func (s *OrganizationService) Timeline(ctx context.Context, actor Actor, id int64, limit int, cursor string) (TimelinePage, error) {
	if _, err := s.Get(ctx, actor, id); err != nil {
		return TimelinePage{}, err
	}
	db := s.db.WithContext(ctx)
	// People of the organization, past and present, that the actor may see.
	// Visibility is checked per person, as a probe into the small index of
	// restricted contacts (migration 0007), rather than against the set of
	// every hidden contact, which would be read whole for each timeline, or
	// by reading each person's row.
	people, peopleArgs := "SELECT contact_id FROM positions WHERE organization_id = ?", []any{id}
	if !actor.IsAdmin() {
		people = "SELECT p.contact_id FROM positions p WHERE p.organization_id = ? AND NOT EXISTS " +
			"(SELECT 1 FROM contacts k WHERE k.id = p.contact_id AND k.restricted AND k.office_id <> ?)"
		peopleArgs = append(peopleArgs, actor.OfficeID)
	}
	args := []any{id}
	// Each "or" is a union of two index lookups rather than one condition
	// over two columns, which neither database can answer from an index.
	// The people are found once for the three kinds (a materialised common
	// table expression): a ministry has thousands.
	touches := func(table, parent string) timelineSource {
		return timelineSource{
			sql:  "SELECT " + parent + " FROM " + table + " WHERE organization_id = ? UNION SELECT " + parent + " FROM " + table + " WHERE contact_id IN (SELECT contact_id FROM people)",
			args: args,
		}
	}
	return timeline(db, actor, timelineSources{
		people:       timelineSource{sql: people, args: peopleArgs},
		interactions: touches("interaction_participants", "interaction_id"),
		visits:       touches("visit_participants", "visit_id"),
		commitments: timelineSource{
			sql: "SELECT id FROM commitments WHERE counterpart_organization_id = ? AND deleted_at IS NULL UNION " +
				"SELECT id FROM commitments WHERE counterpart_contact_id IN (SELECT contact_id FROM people) AND deleted_at IS NULL",
			args: args,
		},
	}, limit, cursor)
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

// timelineSources says which records belong to one timeline. people, when
// set, is the contact ids the other sources may read as "people".
type timelineSources struct {
	people, interactions, visits, commitments timelineSource
}

// timeline merges the three kinds in one keyset-paged query ordered by
// (at, kind, id) descending, then loads each kind's page rows in bulk.
// Interactions are placed at their start, visits at their first day,
// commitments when they were made. Each kind contributes at most one page,
// newest first, and the merge orders those: the first page of the union is
// within the first pages of its parts, so the final sort never sees more
// than three pages. (On SQLite the merge compares times to the millisecond
// while each kind orders by the stored microseconds; rows of one kind that
// share a millisecond at a page's edge could in principle trade places.)
func timeline(db *gorm.DB, actor Actor, src timelineSources, limit int, cursor string) (TimelinePage, error) {
	if limit <= 0 || limit > MaxLimit {
		limit = DefaultLimit
	}
	var c *timelineCursor
	if cursor != "" {
		dc, err := decodeTimelineCursor(cursor)
		if err != nil {
			return TimelinePage{}, ErrInvalidCursor
		}
		c = &dc
	}
	at := timeText(db)
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
		dateText(db, "visits.start_date"), "visits.start_date", src.visits)
	commitments := branch(commitmentScope(fresh(), actor, false), "commitment", "commitments",
		at("commitments.created_at"), "commitments.created_at", src.commitments)

	sql := "SELECT kind, id, at FROM (SELECT * FROM (?) AS i UNION ALL SELECT * FROM (?) AS v UNION ALL SELECT * FROM (?) AS c) AS t" +
		" ORDER BY t.at DESC, t.kind DESC, t.id DESC LIMIT ?"
	args := []any{interactions, visits, commitments, limit + 1}
	if src.people.sql != "" {
		sql = "WITH people AS MATERIALIZED (" + src.people.sql + ") " + sql
		args = append(slices.Clone(src.people.args), args...)
	}
	var rows []timelineRow
	if err := db.Raw(sql, args...).Scan(&rows).Error; err != nil {
		return TimelinePage{}, err
	}
	out := TimelinePage{Items: []TimelineItem{}}
	if len(rows) > limit {
		last := rows[limit-1]
		out.NextCursor = encodeTimelineCursor(timelineCursor{At: last.At, Kind: last.Kind, ID: last.ID})
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
		rows, err := listRows[models.Interaction](interactionScope(db, actor, false).
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
		rows, err := listRows[models.Visit](db.Model(&models.Visit{}).Where("visits.id IN ?", ids["visit"]), "visits", len(ids["visit"]))
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
		rows, err := listRows[models.Commitment](commitmentScope(db, actor, false).
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
			out[timelineKey{"commitment", v.ID}] = TimelineItem{Kind: "commitment", At: v.CreatedAt, Commitment: &v}
		}
	}
	return out, nil
}

// timeText renders a timestamp column as sortable UTC text
// ("2026-11-27 09:30:00.000000") on either database.
func timeText(db *gorm.DB) func(column string) string {
	if db.Name() == models.Postgres {
		return func(c string) string { return "to_char(" + c + " AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')" }
	}
	return func(c string) string { return "strftime('%Y-%m-%d %H:%M:%f000', " + c + ")" }
}

// dateText renders a YYYY-MM-DD text column in timeText's format.
func dateText(db *gorm.DB, column string) string {
	return column + " || ' 00:00:00.000000'"
}

func encodeTimelineCursor(c timelineCursor) string {
	raw, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(raw)
}

func decodeTimelineCursor(s string) (timelineCursor, error) {
	var c timelineCursor
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err == nil {
		err = json.Unmarshal(raw, &c)
	}
	return c, err
}
