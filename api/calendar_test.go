package api_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"liaison/api"
	"liaison/models"
)

// fetchFeed fetches a feed address as a calendar program does: no cookie,
// no token.
func (s *server) fetchFeed(address string) (int, string) {
	s.t.Helper()
	u, err := url.Parse(address)
	if err != nil {
		s.t.Fatal(err)
	}
	w := s.do(req{method: "GET", path: u.Path})
	return w.Code, w.Body.String()
}

func TestCalendarFeed(t *testing.T) {
	s := newServer(t, func(d *api.Deps) { d.PublicURL = "https://liaison.example.org/" })
	hour := time.Now().UTC().Truncate(time.Hour)
	next := hour.Add(7 * 24 * time.Hour)
	visit, _ := s.create("/api/v1/visits", "a.officer", map[string]any{"title": "Study visit to Zenica", "kind": "study_visit",
		"start_date": next.Format(time.DateOnly), "end_date": next.AddDate(0, 0, 2).Format(time.DateOnly), "city": "Zenica",
		"host_country_code": "BA", "partner_office_ids": []int64{s.fx.OfficeB}})
	meeting, _ := s.create("/api/v1/interactions", "a.officer", map[string]any{"kind": "meeting", "subject": "Budget talks",
		"status": "planned", "starts_at": next.Add(9 * time.Hour), "ends_at": next.Add(10*time.Hour + 30*time.Minute),
		"location": "Ministry, room 4", "city": "Sarajevo"})
	called, _ := s.create("/api/v1/interactions", "a.officer", map[string]any{"kind": "call", "subject": "Called off",
		"status": "cancelled", "starts_at": hour.Add(-48 * time.Hour)})
	session, _ := s.create("/api/v1/interactions", "a.manager", map[string]any{"kind": "workshop", "subject": "Visit session",
		"starts_at": next.Add(26 * time.Hour), "visit_id": visit})
	hidden, _ := s.create("/api/v1/interactions", "b.officer", map[string]any{"kind": "meeting", "subject": "Partner's restricted session",
		"starts_at": next.Add(27 * time.Hour), "visit_id": visit, "restricted": true})
	notMine, _ := s.create("/api/v1/interactions", "a.manager", map[string]any{"kind": "meeting", "subject": "Someone else's",
		"starts_at": next.Add(30 * time.Hour)})
	due, _ := s.create("/api/v1/commitments", "a.officer", map[string]any{"title": "Send the agenda", "due_date": next.Format(time.DateOnly)})
	done, _ := s.create("/api/v1/commitments", "a.officer", map[string]any{"title": "Already sent", "due_date": next.Format(time.DateOnly), "status": "done"})

	w := s.do(req{method: "POST", path: "/api/v1/me/calendar-feed", as: "a.officer", body: map[string]any{}})
	if w.Code != http.StatusCreated {
		t.Fatalf("create: %d %s", w.Code, w.Body.String())
	}
	address := decode(t, w)["url"].(string)
	secret := strings.TrimSuffix(strings.TrimPrefix(address, "https://liaison.example.org/calendar/"), ".ics")
	if len(secret) < 30 || secret == address {
		t.Fatalf("address %q", address)
	}
	if st := decode(t, s.do(req{method: "GET", path: "/api/v1/me/calendar-feed", as: "a.officer"})); st["active"] != true {
		t.Fatalf("state: %v", st)
	}

	code, body := s.fetchFeed(address)
	if code != http.StatusOK || strings.Contains(strings.ReplaceAll(body, "\r\n", ""), "\n") {
		t.Fatalf("feed: %d %q", code, body)
	}
	cal, err := ics.ParseCalendar(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	events := map[string]*ics.VEvent{}
	for _, e := range cal.Events() {
		events[e.Id()] = e
	}
	uid := func(kind string, id int64) string { return fmt.Sprintf("%s-%d@liaison.example.org", kind, id) }
	for _, want := range []string{uid("visit", visit), uid("interaction", meeting), uid("interaction", called),
		uid("interaction", session), uid("commitment", due)} {
		if events[want] == nil {
			t.Errorf("missing %s in\n%s", want, body)
		}
	}
	for _, absent := range []string{uid("interaction", hidden), uid("interaction", notMine), uid("commitment", done)} {
		if events[absent] != nil {
			t.Errorf("%s should not be in the feed", absent)
		}
	}
	if strings.Contains(body, "Partner's restricted") {
		t.Error("a restricted interaction of another office leaks")
	}
	if len(events) != 5 {
		t.Errorf("%d events", len(events))
	}

	prop := func(id string, p ics.ComponentProperty) string {
		if e := events[id]; e != nil && e.GetProperty(p) != nil {
			return e.GetProperty(p).Value
		}
		return ""
	}
	m := uid("interaction", meeting)
	if got := prop(m, ics.ComponentPropertyDtStart); got != next.Add(9*time.Hour).Format("20060102T150405Z") {
		t.Errorf("meeting starts %q (UTC)", got)
	}
	if got := prop(m, ics.ComponentPropertyDtEnd); got != next.Add(10*time.Hour+30*time.Minute).Format("20060102T150405Z") {
		t.Errorf("meeting ends %q", got)
	}
	if got := prop(m, ics.ComponentPropertyLocation); got != "Ministry, room 4, Sarajevo" {
		t.Errorf("location %q", got)
	}
	if got := prop(m, ics.ComponentPropertyUrl); got != fmt.Sprintf("https://liaison.example.org/interactions/%d", meeting) {
		t.Errorf("link %q", got)
	}
	if got := prop(uid("interaction", called), ics.ComponentPropertyStatus); got != "CANCELLED" {
		t.Errorf("cancelled status %q", got)
	}
	c := events[uid("commitment", due)]
	if start, err := c.GetAllDayStartAt(); err != nil || start.Format(time.DateOnly) != next.Format(time.DateOnly) ||
		c.GetProperty(ics.ComponentPropertyDtStart).ICalParameters["VALUE"][0] != "DATE" {
		t.Errorf("due date: %v %v %v", start, err, c.GetProperty(ics.ComponentPropertyDtStart))
	}
	if got := prop(uid("commitment", due), ics.ComponentPropertySummary); got != "Due: Send the agenda" {
		t.Errorf("due summary %q", got)
	}

	// The same feed again: the same events, byte for byte (stable UIDs).
	if _, again := s.fetchFeed(address); again != body {
		t.Errorf("a second fetch differs")
	}
	// The secret is never written to the log.
	if strings.Contains(s.logs.String(), secret) || !strings.Contains(s.logs.String(), `"route":"/calendar/:file"`) {
		t.Errorf("log: %s", s.logs.String())
	}

	// A new address replaces the old one.
	w = s.do(req{method: "POST", path: "/api/v1/me/calendar-feed", as: "a.officer", body: map[string]any{}})
	replaced := decode(t, w)["url"].(string)
	if code, _ := s.fetchFeed(address); code != http.StatusNotFound {
		t.Errorf("replaced address: %d", code)
	}
	if code, _ := s.fetchFeed(replaced); code != http.StatusOK {
		t.Errorf("new address: %d", code)
	}
	// Revoked: 404.
	if w := s.do(req{method: "DELETE", path: "/api/v1/me/calendar-feed", as: "a.officer"}); w.Code != http.StatusNoContent {
		t.Fatalf("revoke: %d", w.Code)
	}
	if code, _ := s.fetchFeed(replaced); code != http.StatusNotFound {
		t.Errorf("revoked address: %d", code)
	}
	if st := decode(t, s.do(req{method: "GET", path: "/api/v1/me/calendar-feed", as: "a.officer"})); st["active"] != false {
		t.Fatalf("state after revoking: %v", st)
	}
}

func TestCalendarFeedOfADeactivatedUser(t *testing.T) {
	s := newServer(t)
	w := s.do(req{method: "POST", path: "/api/v1/me/calendar-feed", as: "a.viewer", body: map[string]any{}})
	address := decode(t, w)["url"].(string)
	if !strings.HasPrefix(address, "http://example.com/calendar/lcal_") {
		t.Fatalf("address %q (taken from the request without LIAISON_PUBLIC_URL)", address)
	}
	if code, _ := s.fetchFeed(address); code != http.StatusOK {
		t.Fatalf("live: %d", code)
	}
	if err := s.db.Model(&models.User{}).Where("id = ?", s.fx.Users["a.viewer"].ID).Update("active", false).Error; err != nil {
		t.Fatal(err)
	}
	if code, _ := s.fetchFeed(address); code != http.StatusNotFound {
		t.Errorf("deactivated: %d", code)
	}
	for _, path := range []string{"/calendar/lcal_nonsense.ics", "/calendar/" + strings.Repeat("a", 48) + ".ics", "/calendar/x"} {
		if w := s.do(req{method: "GET", path: path}); w.Code != http.StatusNotFound {
			t.Errorf("%s: %d", path, w.Code)
		}
	}
}

func TestCalendarFeedIsRateLimited(t *testing.T) {
	s := newServer(t)
	address := decode(t, s.do(req{method: "POST", path: "/api/v1/me/calendar-feed", as: "a.viewer", body: map[string]any{}}))["url"].(string)
	limited := 0
	for range 20 {
		w := s.do(req{method: "GET", path: strings.TrimPrefix(address, "http://example.com")})
		if w.Code == http.StatusTooManyRequests {
			limited++
			if w.Header().Get("Retry-After") == "" {
				t.Fatal("429 without Retry-After")
			}
		}
	}
	if limited == 0 {
		t.Error("twenty fetches in a row were all served")
	}
}
