package services

import (
	"context"
	"encoding/base64"
	"encoding/json"
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
	people := db.Session(&gorm.Session{NewDB: true}).Table("positions").Select("contact_id").Where("organization_id = ?", id)
	if !actor.IsAdmin() {
		people = people.Where("contact_id NOT IN (?)", hiddenContacts(db, actor))
	}
	touches := func(table, parent string) *gorm.DB {
		return db.Session(&gorm.Session{NewDB: true}).Table(table).Select(parent).
			Where("organization_id = ? OR contact_id IN (?)", id, people)
	}
	return timeline(db, actor, timelineSources{
		interactions: touches("interaction_participants", "interaction_id"),
		visits:       touches("visit_participants", "visit_id"),
		commitments: func(q *gorm.DB) *gorm.DB {
			return q.Where("commitments.counterpart_organization_id = ? OR commitments.counterpart_contact_id IN (?)", id, people)
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
	touches := func(table, parent string) *gorm.DB {
		return db.Session(&gorm.Session{NewDB: true}).Table(table).Select(parent).Where("contact_id = ?", id)
	}
	return timeline(db, actor, timelineSources{
		interactions: touches("interaction_participants", "interaction_id"),
		visits:       touches("visit_participants", "visit_id"),
		commitments: func(q *gorm.DB) *gorm.DB {
			return q.Where("commitments.counterpart_contact_id = ?", id)
		},
	}, limit, cursor)
}

// timelineSources says which records belong to one timeline: subqueries of
// interaction and visit ids, and a condition on commitments.
type timelineSources struct {
	interactions, visits *gorm.DB
	commitments          func(*gorm.DB) *gorm.DB
}

// timeline merges the three kinds in one keyset-paged query ordered by
// (at, kind, id) descending, then loads each kind's page rows in bulk.
// Interactions are placed at their start, visits at their first day,
// commitments when they were made.
func timeline(db *gorm.DB, actor Actor, src timelineSources, limit int, cursor string) (TimelinePage, error) {
	if limit <= 0 || limit > MaxLimit {
		limit = DefaultLimit
	}
	at := timeText(db)
	interactions := interactionScope(db.Session(&gorm.Session{NewDB: true}), actor, false).
		Select("'interaction' AS kind, interactions.id AS id, "+at("interactions.starts_at")+" AS at").
		Where("interactions.id IN (?)", src.interactions)
	visits := db.Session(&gorm.Session{NewDB: true}).Model(&models.Visit{}).
		Select("'visit' AS kind, visits.id AS id, "+dateText(db, "visits.start_date")+" AS at").
		Where("visits.id IN (?)", src.visits)
	commitments := src.commitments(commitmentScope(db.Session(&gorm.Session{NewDB: true}), actor, false).
		Select("'commitment' AS kind, commitments.id AS id, " + at("commitments.created_at") + " AS at"))

	sql := "SELECT kind, id, at FROM (? UNION ALL ? UNION ALL ?) AS t"
	args := []any{interactions, visits, commitments}
	if cursor != "" {
		c, err := decodeTimelineCursor(cursor)
		if err != nil {
			return TimelinePage{}, ErrInvalidCursor
		}
		sql += " WHERE (t.at < ? OR (t.at = ? AND (t.kind < ? OR (t.kind = ? AND t.id < ?))))"
		args = append(args, c.At, c.At, c.Kind, c.Kind, c.ID)
	}
	sql += " ORDER BY t.at DESC, t.kind DESC, t.id DESC LIMIT ?"
	args = append(args, limit+1)
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
		var rows []models.Interaction
		if err := interactionScope(db, actor, false).Where("interactions.id IN ?", ids["interaction"]).Find(&rows).Error; err != nil {
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
		var rows []models.Visit
		if err := db.Where("visits.id IN ?", ids["visit"]).Find(&rows).Error; err != nil {
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
		var rows []models.Commitment
		if err := commitmentScope(db, actor, false).Where("commitments.id IN ?", ids["commitment"]).Find(&rows).Error; err != nil {
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
