//go:build bench

// Package bench measures Liaison's queries on the large data set (see
// package seed): each service call beside the same query written as plain
// SQL through database/sql, in the same run, so that the cost of the
// service layer (gorm, scopes, views) reads as a ratio. Run with
// `make bench`; the database is LIAISON_BENCH_DB (default: the SQLite file
// that `make seed-bench` builds).
package bench

import (
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"liaison/models"
	"liaison/seed"
	"liaison/services"
)

// world is the opened database and the records the benchmarks aim at.
type world struct {
	gdb     *gorm.DB
	raw     *sql.DB
	svc     *services.Services
	pg      bool
	manager services.Actor // a non-admin: restricted records of other offices are filtered
	today   string

	bigOrg, typicalOrg int64  // the organization with the most people; one with a few
	busyContact        int64  // a contact with many interactions
	bigVisit           int64  // the visit with the longest itinerary
	deepName           string // the full_name about 80% down the contacts list
	deepID             int64
	deepCursor         string
}

var w *world

func TestMain(m *testing.M) {
	dsn := os.Getenv("LIAISON_BENCH_DB")
	if dsn == "" {
		dsn = "sqlite:data/liaison-1m.db"
	}
	if path, ok := strings.CutPrefix(dsn, "sqlite:"); ok {
		if _, err := os.Stat(path); err != nil {
			fmt.Fprintf(os.Stderr, "bench: no database at %s: run `make seed-bench` first\n", path)
			os.Exit(1)
		}
	}
	var err error
	if w, err = open(dsn); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
	os.Exit(m.Run())
}

func open(dsn string) (*world, error) {
	gdb, err := models.Open(dsn, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		return nil, err
	}
	if err := models.Migrate(gdb); err != nil {
		return nil, err
	}
	raw, err := gdb.DB()
	if err != nil {
		return nil, err
	}
	x := &world{gdb: gdb, raw: raw, pg: gdb.Name() == models.Postgres,
		svc:   services.New(gdb, slog.New(slog.NewTextHandler(io.Discard, nil)), services.Config{}),
		today: time.Now().UTC().Format(time.DateOnly)}
	var u models.User
	if err := gdb.Where("email = ?", seed.ManagerEmail).First(&u).Error; err != nil {
		return nil, fmt.Errorf("the benchmark manager %s: %w (was the database made by seed-bench?)", seed.ManagerEmail, err)
	}
	x.manager = services.Actor{UserID: u.ID, OfficeID: u.OfficeID, Role: u.Role}
	steps := []struct {
		q    string
		args []any
		dest []any
	}{
		{"SELECT organization_id FROM positions GROUP BY organization_id ORDER BY COUNT(*) DESC LIMIT 1", nil, []any{&x.bigOrg}},
		{"SELECT organization_id FROM positions GROUP BY organization_id HAVING COUNT(*) BETWEEN 3 AND 6 ORDER BY organization_id LIMIT 1", nil, []any{&x.typicalOrg}},
		{"SELECT p.contact_id FROM interaction_participants p JOIN contacts c ON c.id = p.contact_id WHERE NOT c.restricted AND p.contact_id IS NOT NULL GROUP BY p.contact_id ORDER BY COUNT(*) DESC LIMIT 1", nil, []any{&x.busyContact}},
		{"SELECT visit_id FROM interactions WHERE visit_id IS NOT NULL GROUP BY visit_id ORDER BY COUNT(*) DESC LIMIT 1", nil, []any{&x.bigVisit}},
		{"SELECT COUNT(*) * 4 / 5 FROM contacts", nil, []any{new(int64)}},
	}
	for _, s := range steps {
		if err := raw.QueryRow(x.rebind(s.q), s.args...).Scan(s.dest...); err != nil {
			return nil, fmt.Errorf("%s: %w", s.q, err)
		}
	}
	deep := *steps[4].dest[0].(*int64)
	// One OFFSET here, in setup, to find where "deep" is; the benchmark
	// then pages from there by cursor, as a client would.
	if err := raw.QueryRow(x.rebind("SELECT full_name, id FROM contacts WHERE deleted_at IS NULL ORDER BY full_name, id LIMIT 1 OFFSET ?"), deep).
		Scan(&x.deepName, &x.deepID); err != nil {
		return nil, err
	}
	p, err := x.svc.Contacts.List(context.Background(), x.manager, services.ContactFilter{ListParams: services.ListParams{Limit: 1, Sort: "full_name"}})
	if err != nil || p.NextCursor == "" {
		return nil, fmt.Errorf("first page: %v", err)
	}
	x.deepCursor = cursorAt(p.NextCursor, x.deepName, x.deepID)
	return x, nil
}

// rebind turns ? placeholders into PostgreSQL's $n.
func (x *world) rebind(q string) string {
	if !x.pg {
		return q
	}
	var b strings.Builder
	n := 0
	for _, r := range q {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// rows runs a query and reads every column of every row, as a handler
// written with database/sql would before encoding them.
func (x *world) rows(b *testing.B, q string, args ...any) (n int, ids []int64) {
	rs, err := x.raw.Query(x.rebind(q), args...)
	if err != nil {
		b.Fatal(err)
	}
	defer rs.Close()
	cols, _ := rs.Columns()
	vals := make([]sql.RawBytes, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rs.Next() {
		if err := rs.Scan(ptrs...); err != nil {
			b.Fatal(err)
		}
		id, _ := strconv.ParseInt(string(vals[0]), 10, 64)
		ids = append(ids, id)
		n++
	}
	if err := rs.Err(); err != nil {
		b.Fatal(err)
	}
	return n, ids
}

// in renders ids as a literal IN list (they are integers read back from
// the database, never input).
func in(ids []int64) string {
	if len(ids) == 0 {
		return "(0)"
	}
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.FormatInt(id, 10)
	}
	return "(" + strings.Join(parts, ",") + ")"
}

// cursorAt is the list cursor a client would hold after the row (name, id)
// of the contacts sorted by full_name: the same encoding as the page it
// continues (base64 of {"s","v","i"}), checked against a real one.
func cursorAt(real, name string, id int64) string {
	raw, err := base64.RawURLEncoding.DecodeString(real)
	if err != nil || !strings.HasPrefix(string(raw), `{"s":"full_name"`) {
		panic("unexpected cursor format: " + string(raw))
	}
	out, _ := json.Marshal(map[string]any{"s": "full_name", "v": name, "i": id})
	return base64.RawURLEncoding.EncodeToString(out)
}

// pair runs one benchmark as the service call and as raw SQL.
func pair(b *testing.B, service func(b *testing.B) int, raw func(b *testing.B) int) {
	b.Run("layer=service", func(b *testing.B) {
		b.ReportAllocs()
		n := 0
		for b.Loop() {
			n = service(b)
		}
		b.ReportMetric(float64(n), "items")
	})
	b.Run("layer=raw", func(b *testing.B) {
		b.ReportAllocs()
		n := 0
		for b.Loop() {
			n = raw(b)
		}
		b.ReportMetric(float64(n), "items")
	})
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

var ctx = context.Background()

const contactCols = "id, version, created_at, updated_at, deleted_at, office_id, owner_id, honorific, given_name, family_name, full_name, name_local, gender, email, phone, languages, country_code, city, notes, restricted, consent_basis, search_text"

// rawContactPage is the contacts list as plain SQL: the page, then the
// positions and tags of its rows.
func (x *world) rawContactPage(b *testing.B, where, order string, args ...any) int {
	q := "SELECT " + contactCols + " FROM contacts WHERE deleted_at IS NULL AND (restricted = ? OR office_id = ?)" + where + " ORDER BY " + order + " LIMIT 51"
	n, ids := x.rows(b, q, append([]any{false, x.manager.OfficeID}, args...)...)
	x.rows(b, `SELECT id, contact_id, organization_id, title, start_date, end_date, "primary", created_at FROM positions WHERE contact_id IN `+in(ids)+
		` ORDER BY contact_id, "primary" DESC, COALESCE(end_date, '9999-12-31') DESC, COALESCE(start_date, '') DESC, id`)
	x.rows(b, "SELECT taggings.entity_id, tags.slug FROM taggings JOIN tags ON tags.id = taggings.tag_id WHERE taggings.entity_type = 'contact' AND taggings.entity_id IN "+in(ids)+" ORDER BY tags.slug")
	return min(n, 50)
}

func BenchmarkContactsList(b *testing.B) {
	pair(b, func(b *testing.B) int {
		return len(must(w.svc.Contacts.List(ctx, w.manager, services.ContactFilter{})).Items)
	}, func(b *testing.B) int {
		return w.rawContactPage(b, "", "full_name, id")
	})
}

func BenchmarkContactsFilter(b *testing.B) {
	pair(b, func(b *testing.B) int {
		return len(must(w.svc.Contacts.List(ctx, w.manager, services.ContactFilter{CountryCode: []string{"IQ"}})).Items)
	}, func(b *testing.B) int {
		return w.rawContactPage(b, " AND country_code IN (?)", "full_name, id", "IQ")
	})
}

func BenchmarkContactsFilterSort(b *testing.B) {
	pair(b, func(b *testing.B) int {
		return len(must(w.svc.Contacts.List(ctx, w.manager, services.ContactFilter{CountryCode: []string{"IQ"},
			ListParams: services.ListParams{Sort: "-updated_at"}})).Items)
	}, func(b *testing.B) int {
		return w.rawContactPage(b, " AND country_code IN (?)", "updated_at DESC, id DESC", "IQ")
	})
}

func BenchmarkContactsSortFamilyName(b *testing.B) {
	pair(b, func(b *testing.B) int {
		return len(must(w.svc.Contacts.List(ctx, w.manager, services.ContactFilter{ListParams: services.ListParams{Sort: "-family_name"}})).Items)
	}, func(b *testing.B) int {
		return w.rawContactPage(b, "", "family_name DESC, id DESC")
	})
}

func BenchmarkContactsDeepCursor(b *testing.B) {
	pair(b, func(b *testing.B) int {
		return len(must(w.svc.Contacts.List(ctx, w.manager, services.ContactFilter{ListParams: services.ListParams{Cursor: w.deepCursor}})).Items)
	}, func(b *testing.B) int {
		return w.rawContactPage(b, " AND full_name >= ? AND (full_name > ? OR id > ?)", "full_name, id", w.deepName, w.deepName, w.deepID)
	})
}

func BenchmarkContactsByOrganization(b *testing.B) {
	pair(b, func(b *testing.B) int {
		return len(must(w.svc.Contacts.List(ctx, w.manager, services.ContactFilter{OrganizationID: []int64{w.bigOrg}})).Items)
	}, func(b *testing.B) int {
		return w.rawContactPage(b, " AND id IN (SELECT contact_id FROM positions WHERE organization_id IN (?))", "full_name, id", w.bigOrg)
	})
}

// ftsWhere is the full-text condition of a table, as matchText writes it.
func (x *world) ftsWhere(table string, words ...string) (string, any) {
	if x.pg {
		terms := make([]string, len(words))
		for i, t := range words {
			terms[i] = t + ":*"
		}
		return table + ".search_vector @@ to_tsquery('simple', ?)", strings.Join(terms, " & ")
	}
	terms := make([]string, len(words))
	for i, t := range words {
		terms[i] = `"` + t + `"*`
	}
	return table + ".id IN (SELECT rowid FROM " + table + "_fts WHERE " + table + "_fts MATCH ?)", strings.Join(terms, " ")
}

func BenchmarkContactsSearch(b *testing.B) {
	// "maryam" is a given name held by 32,000 and filed all along the name
	// order (no stretch to bound the walk by). The last matches nothing:
	// the worst case for a plan that walks the sort order hoping to meet
	// matches soon.
	for _, q := range []string{"hodzic", "hodzic amra", "الجبوري", "maryam", "zzqx"} {
		b.Run("q="+q, func(b *testing.B) {
			pair(b, func(b *testing.B) int {
				return len(must(w.svc.Contacts.List(ctx, w.manager, services.ContactFilter{ListParams: services.ListParams{Q: q}})).Items)
			}, func(b *testing.B) int {
				cond, arg := w.ftsWhere("contacts", strings.Fields(q)...)
				return w.rawContactPage(b, " AND "+cond, "full_name, id", arg)
			})
		})
	}
}

// BenchmarkContactsSearchCount is count=true on a search of a family name
// held by tens of thousands, as the first reader after a write finds it.
func BenchmarkContactsSearchCount(b *testing.B) {
	for _, q := range []string{"hodzic", "الجبوري", "maryam"} {
		b.Run("q="+q, func(b *testing.B) {
			cond, arg := w.ftsWhere("contacts", strings.Fields(q)...)
			pair(b, func(b *testing.B) int {
				b.StopTimer()
				w.raiseListEpoch(b)
				b.StartTimer()
				return int(*must(w.svc.Contacts.List(ctx, w.manager, services.ContactFilter{ListParams: services.ListParams{Q: q, Count: true}})).Total)
			}, func(b *testing.B) int {
				return w.rawBoundedCount(b, "contacts", "(restricted = ? OR office_id = ?)", " AND "+cond, arg)
			})
		})
	}
}

func BenchmarkOrganizationsFilter(b *testing.B) {
	pair(b, func(b *testing.B) int {
		return len(must(w.svc.Organizations.List(ctx, w.manager, services.OrganizationFilter{Type: []string{"ngo"}, CountryCode: []string{"IQ"}})).Items)
	}, func(b *testing.B) int {
		n, ids := w.rows(b, "SELECT * FROM organizations WHERE deleted_at IS NULL AND type IN (?) AND country_code IN (?) ORDER BY name, id LIMIT 51", "ngo", "IQ")
		w.rows(b, "SELECT taggings.entity_id, tags.slug FROM taggings JOIN tags ON tags.id = taggings.tag_id WHERE taggings.entity_type = 'organization' AND taggings.entity_id IN "+in(ids)+" ORDER BY tags.slug")
		return min(n, 50)
	})
}

// rawInteractionPage is the interactions list as plain SQL: the page, its
// participants with names, and its tags.
func (x *world) rawInteractionPage(b *testing.B, where, order string, args ...any) int {
	q := "SELECT * FROM interactions WHERE deleted_at IS NULL AND (restricted = ? OR office_id = ?)" + where + " ORDER BY " + order + " LIMIT 51"
	n, ids := x.rows(b, q, append([]any{false, x.manager.OfficeID}, args...)...)
	x.participants(b, "interaction_participants", "interaction_id", "''", ids)
	x.rows(b, "SELECT taggings.entity_id, tags.slug FROM taggings JOIN tags ON tags.id = taggings.tag_id WHERE taggings.entity_type = 'interaction' AND taggings.entity_id IN "+in(ids)+" ORDER BY tags.slug")
	return min(n, 50)
}

func (x *world) participants(b *testing.B, table, parent, side string, ids []int64) {
	x.rows(b, "SELECT p."+parent+", p.organization_id, p.contact_id, "+side+", p.role, organizations.name, contacts.full_name, contacts.restricted, contacts.office_id FROM "+
		table+" AS p LEFT JOIN organizations ON organizations.id = p.organization_id LEFT JOIN contacts ON contacts.id = p.contact_id WHERE p."+
		parent+" IN "+in(ids)+" ORDER BY p."+parent+", p.id")
}

func BenchmarkInteractionsList(b *testing.B) {
	pair(b, func(b *testing.B) int {
		return len(must(w.svc.Interactions.List(ctx, w.manager, services.InteractionFilter{})).Items)
	}, func(b *testing.B) int {
		return w.rawInteractionPage(b, "", "starts_at DESC, id DESC")
	})
}

func BenchmarkInteractionsByOrganization(b *testing.B) {
	pair(b, func(b *testing.B) int {
		return len(must(w.svc.Interactions.List(ctx, w.manager, services.InteractionFilter{OrganizationID: []int64{w.bigOrg}})).Items)
	}, func(b *testing.B) int {
		return w.rawInteractionPage(b, " AND id IN (SELECT interaction_id FROM interaction_participants WHERE organization_id IN (?))", "starts_at DESC, id DESC", w.bigOrg)
	})
}

func BenchmarkInteractionsFilterKind(b *testing.B) {
	after := time.Now().UTC().AddDate(-1, 0, 0)
	pair(b, func(b *testing.B) int {
		return len(must(w.svc.Interactions.List(ctx, w.manager, services.InteractionFilter{Kind: []string{"workshop"}, StartsAfter: &after})).Items)
	}, func(b *testing.B) int {
		return w.rawInteractionPage(b, " AND kind IN (?) AND starts_at > ?", "starts_at DESC, id DESC", "workshop", after)
	})
}

func BenchmarkCommitmentsOverdue(b *testing.B) {
	yes := true
	pair(b, func(b *testing.B) int {
		return len(must(w.svc.Commitments.List(ctx, w.manager, services.CommitmentFilter{Overdue: &yes})).Items)
	}, func(b *testing.B) int {
		n, ids := w.rows(b, "SELECT * FROM commitments WHERE deleted_at IS NULL AND (restricted = ? OR office_id = ?) AND status IN ('open','in_progress') AND due_date IS NOT NULL AND due_date < ? ORDER BY COALESCE(due_date, '9999-12-31'), id LIMIT 51",
			false, w.manager.OfficeID, w.today)
		w.rows(b, "SELECT taggings.entity_id, tags.slug FROM taggings JOIN tags ON tags.id = taggings.tag_id WHERE taggings.entity_type = 'commitment' AND taggings.entity_id IN "+in(ids)+" ORDER BY tags.slug")
		return min(n, 50)
	})
}

func BenchmarkCommitmentsByOwner(b *testing.B) {
	pair(b, func(b *testing.B) int {
		return len(must(w.svc.Commitments.List(ctx, w.manager, services.CommitmentFilter{OwnerID: []int64{w.manager.UserID + 1}, Status: []string{"open", "in_progress"}})).Items)
	}, func(b *testing.B) int {
		n, ids := w.rows(b, "SELECT * FROM commitments WHERE deleted_at IS NULL AND (restricted = ? OR office_id = ?) AND status IN (?, ?) AND owner_id IN (?) ORDER BY COALESCE(due_date, '9999-12-31'), id LIMIT 51",
			false, w.manager.OfficeID, "open", "in_progress", w.manager.UserID+1)
		w.rows(b, "SELECT taggings.entity_id, tags.slug FROM taggings JOIN tags ON tags.id = taggings.tag_id WHERE taggings.entity_type = 'commitment' AND taggings.entity_id IN "+in(ids)+" ORDER BY tags.slug")
		return min(n, 50)
	})
}

func BenchmarkVisitsList(b *testing.B) {
	pair(b, func(b *testing.B) int {
		return len(must(w.svc.Visits.List(ctx, w.manager, services.VisitFilter{Status: []string{"completed"}})).Items)
	}, func(b *testing.B) int {
		n, ids := w.rows(b, "SELECT * FROM visits WHERE deleted_at IS NULL AND status IN (?) ORDER BY start_date DESC, id DESC LIMIT 51", "completed")
		w.participants(b, "visit_participants", "visit_id", "p.side", ids)
		w.rows(b, "SELECT taggings.entity_id, tags.slug FROM taggings JOIN tags ON tags.id = taggings.tag_id WHERE taggings.entity_type = 'visit' AND taggings.entity_id IN "+in(ids)+" ORDER BY tags.slug")
		return min(n, 50)
	})
}

func BenchmarkSearch(b *testing.B) {
	for _, q := range []string{"ministry interior", "youth mosul", "الشباب"} {
		b.Run("q="+q, func(b *testing.B) {
			words := strings.Fields(q)
			pair(b, func(b *testing.B) int {
				return len(must(w.svc.Search.Search(ctx, w.manager, q, nil, 20)))
			}, func(b *testing.B) int {
				n := 0
				for _, s := range []struct {
					table, cols string
					scoped      bool
				}{
					{"organizations", "id, updated_at, name, name_local, acronym, city, description", false},
					{"contacts", "id, updated_at, full_name, name_local, email, city", true},
					{"visits", "id, updated_at, title, city, purpose, outcomes", false},
					{"interactions", "id, updated_at, subject, location, city, summary", true},
					{"commitments", "id, updated_at, title, details, closure_note", true},
				} {
					cond, arg := w.ftsWhere(s.table, words...)
					scope, args := "", []any{}
					if s.scoped {
						scope, args = " AND (restricted = ? OR office_id = ?)", []any{false, w.manager.OfficeID}
					}
					k, _ := w.rows(b, "SELECT "+s.cols+" FROM "+s.table+" WHERE deleted_at IS NULL"+scope+" AND "+cond+" ORDER BY updated_at DESC LIMIT 60", append(args, arg)...)
					n += k
				}
				return min(n, 20)
			})
		})
	}
}

// rawTimeline is an organization's timeline as plain SQL, the same query the
// service builds: the organization's paths in organization_activity walked
// newest first, kept when the reader may follow them, one row per record;
// then the records of each kind.
func (x *world) rawTimeline(b *testing.B, org int64) int {
	o := x.manager.OfficeID
	probe := ")" // see OrganizationService.Timeline
	if x.pg {
		probe = " OFFSET 0)"
	}
	q := "SELECT a.kind, a.record_id, a.at FROM organization_activity a WHERE a.organization_id = ?" +
		" AND ((a.kind = 'interaction' AND EXISTS (SELECT 1 FROM interactions i WHERE i.id = a.record_id AND i.deleted_at IS NULL AND (i.restricted = ? OR i.office_id = ?)" + probe + ")" +
		" OR (a.kind = 'visit' AND EXISTS (SELECT 1 FROM visits v WHERE v.id = a.record_id AND v.deleted_at IS NULL" + probe + ")" +
		" OR (a.kind = 'commitment' AND EXISTS (SELECT 1 FROM commitments c WHERE c.id = a.record_id AND c.deleted_at IS NULL AND (c.restricted = ? OR c.office_id = ?)" + probe + "))" +
		" AND (a.contact_id = 0 OR NOT EXISTS (SELECT 1 FROM contacts k WHERE k.id = a.contact_id AND k.restricted AND k.office_id <> ?" + probe + ")" +
		" GROUP BY a.at, a.kind, a.record_id ORDER BY a.at DESC, a.kind DESC, a.record_id DESC LIMIT 51"
	return x.timelineRecords(b, q, org, false, o, false, o, o)
}

// rawTimelineFromParticipations is the same page read from the
// participations themselves, as before organization_activity: each kind's
// newest page of the records that the organization or one of its people
// touched, merged by (at, kind, id). The baseline the table is measured
// against.
func (x *world) rawTimelineFromParticipations(b *testing.B, org int64) int {
	ts := func(c string) string {
		if x.pg {
			return "to_char(" + c + " AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')"
		}
		return "strftime('%Y-%m-%d %H:%M:%f000', " + c + ")"
	}
	people := "SELECT p.contact_id FROM positions p WHERE p.organization_id = ? AND NOT EXISTS (SELECT 1 FROM contacts k WHERE k.id = p.contact_id AND k.restricted AND k.office_id <> ?)"
	q := "WITH people AS MATERIALIZED (" + people + ") SELECT kind, id, at FROM (" +
		"SELECT * FROM (SELECT 'interaction' AS kind, interactions.id AS id, " + ts("interactions.starts_at") + " AS at FROM interactions WHERE interactions.deleted_at IS NULL AND (interactions.restricted = ? OR interactions.office_id = ?)" +
		" AND interactions.id IN (SELECT interaction_id FROM interaction_participants WHERE organization_id = ? UNION SELECT interaction_id FROM interaction_participants WHERE contact_id IN (SELECT contact_id FROM people))" +
		" ORDER BY interactions.starts_at DESC, interactions.id DESC LIMIT 51) AS i" +
		" UNION ALL SELECT * FROM (SELECT 'visit', visits.id, visits.start_date || ' 00:00:00.000000' FROM visits WHERE visits.deleted_at IS NULL" +
		" AND visits.id IN (SELECT visit_id FROM visit_participants WHERE organization_id = ? UNION SELECT visit_id FROM visit_participants WHERE contact_id IN (SELECT contact_id FROM people))" +
		" ORDER BY visits.start_date DESC, visits.id DESC LIMIT 51) AS v" +
		" UNION ALL SELECT * FROM (SELECT 'commitment', commitments.id, " + ts("commitments.created_at") + " FROM commitments WHERE commitments.deleted_at IS NULL AND (commitments.restricted = ? OR commitments.office_id = ?)" +
		" AND commitments.id IN (SELECT id FROM commitments WHERE counterpart_organization_id = ? AND deleted_at IS NULL UNION SELECT id FROM commitments WHERE counterpart_contact_id IN (SELECT contact_id FROM people) AND deleted_at IS NULL)" +
		" ORDER BY commitments.created_at DESC, commitments.id DESC LIMIT 51) AS c" +
		") AS t ORDER BY t.at DESC, t.kind DESC, t.id DESC LIMIT 51"
	o := x.manager.OfficeID
	return x.timelineRecords(b, q, org, o, false, o, org, org, false, o, org)
}

// timelineRecords runs a timeline's page query (kind, id, at; up to 51
// rows) and loads the records of the first 50, kind by kind.
func (x *world) timelineRecords(b *testing.B, q string, args ...any) int {
	rs, err := x.raw.Query(x.rebind(q), args...)
	if err != nil {
		b.Fatal(err)
	}
	ids := map[string][]int64{}
	n := 0
	for rs.Next() {
		var kind, at string
		var id int64
		if err := rs.Scan(&kind, &id, &at); err != nil {
			b.Fatal(err)
		}
		if n < 50 {
			ids[kind] = append(ids[kind], id)
		}
		n++
	}
	rs.Close()
	if len(ids["interaction"]) > 0 {
		x.rows(b, "SELECT * FROM interactions WHERE id IN "+in(ids["interaction"]))
		x.participants(b, "interaction_participants", "interaction_id", "''", ids["interaction"])
		x.rows(b, "SELECT taggings.entity_id, tags.slug FROM taggings JOIN tags ON tags.id = taggings.tag_id WHERE taggings.entity_type = 'interaction' AND taggings.entity_id IN "+in(ids["interaction"]))
	}
	if len(ids["visit"]) > 0 {
		x.rows(b, "SELECT * FROM visits WHERE id IN "+in(ids["visit"]))
		x.participants(b, "visit_participants", "visit_id", "p.side", ids["visit"])
	}
	if len(ids["commitment"]) > 0 {
		x.rows(b, "SELECT * FROM commitments WHERE id IN "+in(ids["commitment"]))
	}
	return min(n, 50)
}

func BenchmarkOrganizationTimeline(b *testing.B) {
	for _, c := range []struct {
		name string
		id   *int64
	}{{"org=big", &w.bigOrg}, {"org=typical", &w.typicalOrg}} {
		b.Run(c.name, func(b *testing.B) {
			pair(b, func(b *testing.B) int {
				return len(must(w.svc.Organizations.Timeline(ctx, w.manager, *c.id, 50, "")).Items)
			}, func(b *testing.B) int {
				w.rows(b, "SELECT * FROM organizations WHERE id = ? AND deleted_at IS NULL", *c.id)
				return w.rawTimeline(b, *c.id)
			})
		})
	}
}

// BenchmarkOrganizationTimelineFromParticipations is the page as it was read
// before organization_activity, beside the benchmark above.
func BenchmarkOrganizationTimelineFromParticipations(b *testing.B) {
	for _, c := range []struct {
		name string
		id   *int64
	}{{"org=big", &w.bigOrg}, {"org=typical", &w.typicalOrg}} {
		b.Run(c.name+"/layer=raw", func(b *testing.B) {
			b.ReportAllocs()
			n := 0
			for b.Loop() {
				n = w.rawTimelineFromParticipations(b, *c.id)
			}
			b.ReportMetric(float64(n), "items")
		})
	}
}

func BenchmarkContactTimeline(b *testing.B) {
	pair(b, func(b *testing.B) int {
		return len(must(w.svc.Contacts.Timeline(ctx, w.manager, w.busyContact, 50, "")).Items)
	}, func(b *testing.B) int {
		o := w.manager.OfficeID
		w.rows(b, "SELECT * FROM contacts WHERE id = ? AND deleted_at IS NULL AND (restricted = ? OR office_id = ?)", w.busyContact, false, o)
		n, ids := w.rows(b, "SELECT * FROM interactions WHERE deleted_at IS NULL AND (restricted = ? OR office_id = ?) AND id IN (SELECT interaction_id FROM interaction_participants WHERE contact_id = ?) ORDER BY starts_at DESC, id DESC LIMIT 51",
			false, o, w.busyContact)
		w.participants(b, "interaction_participants", "interaction_id", "''", ids)
		k, _ := w.rows(b, "SELECT * FROM visits WHERE deleted_at IS NULL AND id IN (SELECT visit_id FROM visit_participants WHERE contact_id = ?) ORDER BY start_date DESC, id DESC LIMIT 51", w.busyContact)
		j, _ := w.rows(b, "SELECT * FROM commitments WHERE deleted_at IS NULL AND (restricted = ? OR office_id = ?) AND counterpart_contact_id = ? ORDER BY created_at DESC, id DESC LIMIT 51", false, o, w.busyContact)
		return min(n+k+j, 50)
	})
}

func BenchmarkItinerary(b *testing.B) {
	pair(b, func(b *testing.B) int {
		it := must(w.svc.Visits.Itinerary(ctx, w.manager, w.bigVisit, time.UTC))
		n := 0
		for _, d := range it.Days {
			n += len(d.Interactions)
		}
		return n
	}, func(b *testing.B) int {
		w.rows(b, "SELECT * FROM visits WHERE id = ? AND deleted_at IS NULL", w.bigVisit)
		w.participants(b, "visit_participants", "visit_id", "p.side", []int64{w.bigVisit})
		n, ids := w.rows(b, "SELECT * FROM interactions WHERE deleted_at IS NULL AND (restricted = ? OR office_id = ?) AND visit_id = ? ORDER BY starts_at, id LIMIT 1000",
			false, w.manager.OfficeID, w.bigVisit)
		w.participants(b, "interaction_participants", "interaction_id", "''", ids)
		return n
	})
}

func BenchmarkReview(b *testing.B) {
	pair(b, func(b *testing.B) int {
		r := must(w.svc.Commitments.Review(ctx, w.manager, services.ReviewFilter{}))
		return len(r.Overdue)
	}, func(b *testing.B) int {
		// The plain-SQL review: one pass of conditional sums per grouping
		// over the commitments the manager may see, and the overdue page.
		now := time.Now().UTC()
		today, in7, in30 := now.Format(time.DateOnly), now.AddDate(0, 0, 7).Format(time.DateOnly), now.AddDate(0, 0, 30).Format(time.DateOnly)
		sums := `SUM(CASE WHEN status = 'open' THEN 1 ELSE 0 END), SUM(CASE WHEN status = 'in_progress' THEN 1 ELSE 0 END),
SUM(CASE WHEN status = 'done' THEN 1 ELSE 0 END), SUM(CASE WHEN status = 'cancelled' THEN 1 ELSE 0 END),
SUM(CASE WHEN status IN ('open','in_progress') AND due_date < ? THEN 1 ELSE 0 END),
SUM(CASE WHEN status IN ('open','in_progress') AND due_date >= ? AND due_date <= ? THEN 1 ELSE 0 END),
SUM(CASE WHEN status IN ('open','in_progress') AND due_date >= ? AND due_date <= ? THEN 1 ELSE 0 END)`
		scope := " FROM commitments WHERE deleted_at IS NULL AND (restricted = ? OR office_id = ?)"
		args := []any{today, today, in7, today, in30, false, w.manager.OfficeID}
		w.rows(b, "SELECT 0, "+sums+scope, args...)
		for _, key := range []string{"owner_id", "office_id", "project_id", "counterpart_organization_id"} {
			w.rows(b, "SELECT "+key+", "+sums+scope+" GROUP BY "+key, args...)
		}
		n, _ := w.rows(b, "SELECT *"+scope+" AND status IN ('open','in_progress') AND due_date < ? ORDER BY due_date, id LIMIT 50", false, w.manager.OfficeID, today)
		return n
	})
}

// BenchmarkReviewUncached is the review computed afresh (a new process's
// first review, or the first after a change): the service with an empty
// cache beside the same statements over the tallies in plain SQL.
func BenchmarkReviewUncached(b *testing.B) {
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	pair(b, func(b *testing.B) int {
		svc := services.New(w.gdb, quiet, services.Config{})
		return len(must(svc.Commitments.Review(ctx, w.manager, services.ReviewFilter{})).Overdue)
	}, func(b *testing.B) int {
		now := time.Now().UTC()
		today, in7, in30 := now.Format(time.DateOnly), now.AddDate(0, 0, 7).Format(time.DateOnly), now.AddDate(0, 0, 30).Format(time.DateOnly)
		office := strconv.FormatInt(w.manager.OfficeID, 10)
		country := "COALESCE(NULLIF(org_country, ''), CASE WHEN contact_restricted AND contact_office_id <> " + office +
			" THEN NULL ELSE NULLIF(contact_country, '') END, NULLIF(visit_country, ''))"
		sums := `SUM(CASE WHEN status = 'open' THEN n ELSE 0 END) AS open, SUM(CASE WHEN status = 'in_progress' THEN n ELSE 0 END) AS in_progress,
SUM(CASE WHEN status = 'done' THEN n ELSE 0 END) AS done, SUM(CASE WHEN status = 'cancelled' THEN n ELSE 0 END) AS cancelled,
SUM(CASE WHEN status IN ('open','in_progress') AND due_date <> '' AND due_date < ? THEN n ELSE 0 END) AS overdue,
SUM(CASE WHEN status IN ('open','in_progress') AND due_date >= ? AND due_date <= ? THEN n ELSE 0 END) AS due7,
SUM(CASE WHEN status IN ('open','in_progress') AND due_date >= ? AND due_date <= ? THEN n ELSE 0 END) AS due30`
		roll := "SUM(open), SUM(in_progress), SUM(done), SUM(cancelled), SUM(overdue), SUM(due7), SUM(due30)"
		w.rows(b, "WITH g AS (SELECT owner_id, office_id, project_id, "+country+" AS country, "+sums+
			" FROM commitment_tallies WHERE n <> 0 AND (restricted = ? OR office_id = ?) GROUP BY owner_id, office_id, project_id, "+country+")"+
			" SELECT 'total', NULL, "+roll+" FROM g"+
			" UNION ALL SELECT 'owner', CAST(owner_id AS TEXT), "+roll+" FROM g GROUP BY owner_id"+
			" UNION ALL SELECT 'office', CAST(office_id AS TEXT), "+roll+" FROM g GROUP BY office_id"+
			" UNION ALL SELECT 'country', country, "+roll+" FROM g GROUP BY country"+
			" UNION ALL SELECT 'project', CAST(project_id AS TEXT), "+roll+" FROM g GROUP BY project_id",
			today, today, in7, today, in30, false, w.manager.OfficeID)
		n, _ := w.rows(b, "SELECT * FROM commitments WHERE deleted_at IS NULL AND (restricted = ? OR office_id = ?) AND status IN ('open', 'in_progress') AND due_date < ? ORDER BY due_date, id LIMIT 50",
			false, w.manager.OfficeID, today)
		return n
	})
}

func BenchmarkStale(b *testing.B) {
	pair(b, func(b *testing.B) int {
		return len(must(w.svc.Organizations.Stale(ctx, w.manager, services.StaleFilter{Days: 90, CountryCode: []string{"IQ"}})))
	}, rawStale)
}

// BenchmarkStaleUncached is the stale review ranked afresh (a new
// process's first, or the first after a write that moves the ranking): the
// service with an empty cache beside the same plain SQL.
func BenchmarkStaleUncached(b *testing.B) {
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	pair(b, func(b *testing.B) int {
		svc := services.New(w.gdb, quiet, services.Config{})
		return len(must(svc.Organizations.Stale(ctx, w.manager, services.StaleFilter{Days: 90, CountryCode: []string{"IQ"}})))
	}, rawStale)
}

// rawStale is the stale review of one country in plain SQL, ranked in one
// statement.
func rawStale(b *testing.B) int {
	cutoff := time.Now().UTC().AddDate(0, 0, -90)
	o := w.manager.OfficeID
	n, _ := w.rows(b, `SELECT id, at, open FROM (
  SELECT organizations.id, organizations.name, oc.n AS open,
    (SELECT MAX(h.last_held_at) FROM organization_last_held h WHERE h.organization_id = organizations.id AND (h.restricted = ? OR h.office_id = ?)) AS at
  FROM organizations
  LEFT JOIN (SELECT counterpart_organization_id AS org_id, COUNT(*) AS n FROM commitments
    WHERE deleted_at IS NULL AND (restricted = ? OR office_id = ?) AND status IN ('open', 'in_progress') AND counterpart_organization_id IS NOT NULL
    GROUP BY counterpart_organization_id) AS oc ON oc.org_id = organizations.id
  WHERE organizations.deleted_at IS NULL AND (organizations.influence >= 4 OR oc.n > 0) AND organizations.country_code IN (?)
) AS l WHERE at IS NULL OR at < ? ORDER BY CASE WHEN at IS NULL THEN 0 ELSE 1 END, at, name, id LIMIT 50`,
		false, o, false, o, "IQ", cutoff)
	return n
}
