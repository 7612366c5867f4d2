// Command rawserver is the baseline of the HTTP benchmarks: the contacts
// list written bare, with net/http, database/sql and encoding/json, no
// router, middleware, authentication, ORM or validation library, against
// the same database and with the same visibility rule as Liaison's list.
// It answers GET /raw/contacts with the same JSON as /api/v1/contacts for
// the parameters the benchmark uses (country_code, sort full_name or
// -updated_at, cursor, limit), and GET /raw/contacts/{id} with the same
// JSON as /api/v1/contacts/{id} for a live contact (archived and merged
// ones answer 404 here). It is a measuring stick, never deployed.
//
//	rawserver -db sqlite:PATH|postgres://... -addr 127.0.0.1:18491
package main

import (
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"net/http"
	"strconv"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"
	_ "github.com/mattn/go-sqlite3"
)

func main() {
	dsn := flag.String("db", "sqlite:bench/data/liaison-1m.db", "sqlite:PATH or a postgres:// URL")
	addr := flag.String("addr", "127.0.0.1:18491", "listen address")
	email := flag.String("as", "manager.iraq@bench.liaison", "whose office decides what restricted contacts are visible")
	stmtCache := flag.Int("stmt-cache", 0, "SQLite: prepared statements each connection keeps (Liaison keeps 64); 0: none")
	flag.Parse()
	s, err := open(*dsn, *stmtCache)
	if err != nil {
		log.Fatal(err)
	}
	if err := s.db.QueryRow(s.bind("SELECT office_id FROM users WHERE email = ?"), *email).Scan(&s.office); err != nil {
		log.Fatalf("user %s: %v", *email, err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /raw/contacts", s.contacts)
	mux.HandleFunc("GET /raw/contacts/{id}", s.contact)
	srv := &http.Server{Addr: *addr, Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	log.Printf("raw baseline on http://%s/raw/contacts", *addr)
	log.Fatal(srv.ListenAndServe())
}

type server struct {
	db     *sql.DB
	pg     bool
	office int64
}

func open(dsn string, stmtCache int) (*server, error) {
	if path, ok := strings.CutPrefix(dsn, "sqlite:"); ok {
		db, err := sql.Open("sqlite3", "file:"+path+"?_foreign_keys=on&_journal_mode=WAL&_synchronous=NORMAL&_busy_timeout=10000&_txlock=immediate&_stmt_cache_size="+strconv.Itoa(stmtCache))
		if err != nil {
			return nil, err
		}
		db.SetMaxOpenConns(8)
		db.SetMaxIdleConns(8)
		return &server{db: db}, db.Ping()
	}
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(16)
	db.SetMaxIdleConns(8)
	return &server{db: db, pg: true}, db.Ping()
}

func (s *server) bind(q string) string {
	if !s.pg {
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

type position struct {
	OrganizationID int64   `json:"organization_id"`
	Title          string  `json:"title,omitempty"`
	StartDate      *string `json:"start_date,omitempty"`
	EndDate        *string `json:"end_date,omitempty"`
	Primary        bool    `json:"primary,omitempty"`
}

type contact struct {
	ID           int64      `json:"id"`
	Version      int64      `json:"version"`
	CreatedAt    time.Time  `json:"created_at"`
	UpdatedAt    time.Time  `json:"updated_at"`
	OfficeID     int64      `json:"office_id"`
	OwnerID      *int64     `json:"owner_id"`
	Honorific    string     `json:"honorific"`
	GivenName    string     `json:"given_name"`
	FamilyName   string     `json:"family_name"`
	FullName     string     `json:"full_name"`
	NameLocal    string     `json:"name_local"`
	Gender       *string    `json:"gender"`
	Email        string     `json:"email"`
	Phone        string     `json:"phone"`
	Languages    []string   `json:"languages"`
	CountryCode  *string    `json:"country_code"`
	City         string     `json:"city"`
	Notes        string     `json:"notes"`
	Restricted   bool       `json:"restricted"`
	ConsentBasis *string    `json:"consent_basis"`
	Positions    []position `json:"positions"`
	Tags         []string   `json:"tags"`
}

type cursor struct {
	Sort  string `json:"s"`
	Value any    `json:"v"`
	ID    int64  `json:"i"`
}

func (s *server) contacts(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	limit := 50
	if v := q.Get("limit"); v != "" {
		if n, err := strconv.Atoi(v); err == nil && n > 0 && n <= 200 {
			limit = n
		}
	}
	sortName, column := "full_name", "full_name"
	desc := false
	if q.Get("sort") == "-updated_at" {
		sortName, column, desc = "-updated_at", "updated_at", true
	}
	where := " WHERE deleted_at IS NULL AND (restricted = ? OR office_id = ?)"
	args := []any{false, s.office}
	if cc := q.Get("country_code"); cc != "" {
		where += " AND country_code = ?"
		args = append(args, cc)
	}
	if c := q.Get("cursor"); c != "" {
		var cur cursor
		raw, err := base64.RawURLEncoding.DecodeString(c)
		if err != nil || json.Unmarshal(raw, &cur) != nil || cur.Sort != sortName {
			http.Error(w, "bad cursor", http.StatusUnprocessableEntity)
			return
		}
		op := ">"
		if desc {
			op = "<"
		}
		v := cur.Value
		if column == "updated_at" {
			t, _ := time.Parse(time.RFC3339Nano, fmt.Sprint(v))
			v = t
		}
		where += " AND " + column + " " + op + "= ? AND (" + column + " " + op + " ? OR id " + op + " ?)"
		args = append(args, v, v, cur.ID)
	}
	order := " ORDER BY " + column + ", id"
	if desc {
		order = " ORDER BY " + column + " DESC, id DESC"
	}
	rows, err := s.db.QueryContext(r.Context(), s.bind("SELECT id, version, created_at, updated_at, office_id, owner_id, honorific, given_name, family_name, full_name, name_local, gender, email, phone, languages, country_code, city, notes, restricted, consent_basis FROM contacts"+where+order+" LIMIT ?"), append(args, limit+1)...)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	items := []*contact{}
	byID := map[int64]*contact{}
	var ids []string
	for rows.Next() {
		c := &contact{Positions: []position{}, Tags: []string{}}
		var langs string
		if err := rows.Scan(&c.ID, &c.Version, &c.CreatedAt, &c.UpdatedAt, &c.OfficeID, &c.OwnerID, &c.Honorific, &c.GivenName,
			&c.FamilyName, &c.FullName, &c.NameLocal, &c.Gender, &c.Email, &c.Phone, &langs, &c.CountryCode, &c.City, &c.Notes,
			&c.Restricted, &c.ConsentBasis); err != nil {
			rows.Close()
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		c.Languages = []string{}
		if langs != "" {
			c.Languages = strings.Split(langs, ",")
		}
		items = append(items, c)
	}
	rows.Close()
	var next *string
	if len(items) > limit {
		items = items[:limit]
		last := items[limit-1]
		var v any = last.FullName
		if column == "updated_at" {
			v = last.UpdatedAt.UTC().Format(time.RFC3339Nano)
		}
		raw, _ := json.Marshal(cursor{Sort: sortName, Value: v, ID: last.ID})
		c := base64.RawURLEncoding.EncodeToString(raw)
		next = &c
	}
	for _, c := range items {
		byID[c.ID] = c
		ids = append(ids, strconv.FormatInt(c.ID, 10))
	}
	if len(ids) > 0 {
		list := "(" + strings.Join(ids, ",") + ")"
		prs, err := s.db.QueryContext(r.Context(), `SELECT contact_id, organization_id, title, start_date, end_date, "primary" FROM positions WHERE contact_id IN `+list+
			` ORDER BY contact_id, "primary" DESC, COALESCE(end_date, '9999-12-31') DESC, COALESCE(start_date, '') DESC, id`)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		for prs.Next() {
			var id int64
			var p position
			if err := prs.Scan(&id, &p.OrganizationID, &p.Title, &p.StartDate, &p.EndDate, &p.Primary); err == nil {
				byID[id].Positions = append(byID[id].Positions, p)
			}
		}
		prs.Close()
		trs, err := s.db.QueryContext(r.Context(), "SELECT taggings.entity_id, tags.slug FROM taggings JOIN tags ON tags.id = taggings.tag_id WHERE taggings.entity_type = 'contact' AND taggings.entity_id IN "+list+" ORDER BY tags.slug")
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		for trs.Next() {
			var id int64
			var slug string
			if err := trs.Scan(&id, &slug); err == nil {
				byID[id].Tags = append(byID[id].Tags, slug)
			}
		}
		trs.Close()
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(struct {
		Items      []*contact `json:"items"`
		NextCursor *string    `json:"next_cursor"`
	}{items, next})
}
