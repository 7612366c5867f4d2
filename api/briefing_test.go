package api_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

type briefingBody struct {
	Visit    struct{ Title, Purpose string }
	TimeZone string `json:"time_zone"`
	Days     []struct {
		Date         string
		Interactions []struct{ Subject string }
	}
	Project *struct{ Code, Name string }
	People  []struct {
		Name         *string
		NameLocal    string `json:"name_local"`
		Restricted   bool
		Organization string
		Title        string
	}
	Organizations []struct {
		Name             string
		LastInteractions []struct{ Subject string } `json:"last_interactions"`
		OpenCommitments  []struct {
			Title   string
			Overdue bool
		} `json:"open_commitments"`
	}
}

func TestVisitBriefing(t *testing.T) {
	s := newServer(t)
	ministry, _ := s.create("/api/v1/organizations", "a.officer", map[string]any{"name": "Ministry of Security", "type": "ministry"})
	agency, _ := s.create("/api/v1/organizations", "a.officer", map[string]any{"name": "Border Police", "type": "government_agency"})
	secretOrg, _ := s.create("/api/v1/organizations", "b.officer", map[string]any{"name": "Shelter Kirkuk", "type": "ngo"})
	amina, _ := s.create("/api/v1/contacts", "a.officer", map[string]any{"given_name": "Amina", "family_name": "Hadžić", "name_local": "أمينة",
		"positions": []map[string]any{{"organization_id": agency, "title": "Director", "primary": true}}})
	youth, _ := s.create("/api/v1/contacts", "b.officer", map[string]any{"given_name": "Protected", "family_name": "Youth", "restricted": true,
		"positions": []map[string]any{{"organization_id": secretOrg, "title": "Volunteer"}}})
	project, _ := s.create("/api/v1/projects", "b.admin", map[string]any{"code": "BRD-7", "name": "Border management"})

	past := time.Now().UTC().Truncate(time.Hour).Add(-30 * 24 * time.Hour)
	for i, subject := range []string{"First talk", "Second talk", "Third talk", "Fourth talk"} {
		s.create("/api/v1/interactions", "a.officer", map[string]any{"kind": "meeting", "subject": subject, "status": "held",
			"starts_at": past.Add(time.Duration(i) * 24 * time.Hour), "participants": []map[string]any{{"organization_id": ministry, "role": "host"}}})
	}
	s.create("/api/v1/interactions", "b.officer", map[string]any{"kind": "meeting", "subject": "Restricted talk", "status": "held", "restricted": true,
		"starts_at": past.Add(10 * 24 * time.Hour), "participants": []map[string]any{{"organization_id": ministry, "role": "host"}}})
	s.create("/api/v1/commitments", "a.officer", map[string]any{"title": "Send the training plan", "counterpart_organization_id": ministry,
		"due_date": past.Format(time.DateOnly)})
	s.create("/api/v1/commitments", "a.officer", map[string]any{"title": "Done already", "counterpart_organization_id": ministry, "status": "done"})
	s.create("/api/v1/commitments", "b.officer", map[string]any{"title": "Restricted promise", "counterpart_organization_id": ministry, "restricted": true})

	start := time.Now().UTC().AddDate(0, 0, 14)
	visit, _ := s.create("/api/v1/visits", "b.officer", map[string]any{"title": "Delegation to Sarajevo", "kind": "delegation_visit",
		"purpose": "Border cooperation", "start_date": start.Format(time.DateOnly), "end_date": start.AddDate(0, 0, 1).Format(time.DateOnly),
		"origin_country_code": "IQ", "host_country_code": "BA", "project_id": project,
		"participants": []map[string]any{
			{"organization_id": ministry, "side": "host", "role": "host"},
			{"contact_id": amina, "side": "host", "role": "host"},
			{"contact_id": youth, "side": "visiting", "role": "delegate"},
		}})
	day := time.Date(start.Year(), start.Month(), start.Day(), 22, 30, 0, 0, time.UTC) // 23:30 in Sarajevo in winter, 00:30 in summer
	s.create("/api/v1/interactions", "b.officer", map[string]any{"kind": "reception", "subject": "Welcome reception", "status": "planned",
		"starts_at": day, "visit_id": visit})

	read := func(as string) (briefingBody, string) {
		t.Helper()
		w := s.do(req{method: "GET", path: fmt.Sprintf("/api/v1/visits/%d/briefing?tz=Asia/Baghdad", visit), as: as})
		if w.Code != http.StatusOK {
			t.Fatalf("%s: %d %s", as, w.Code, w.Body.String())
		}
		var b briefingBody
		if err := json.Unmarshal(w.Body.Bytes(), &b); err != nil {
			t.Fatal(err)
		}
		return b, w.Body.String()
	}

	b, raw := read("a.viewer")
	if b.Visit.Title != "Delegation to Sarajevo" || b.Visit.Purpose != "Border cooperation" || b.Project == nil || b.Project.Code != "BRD-7" {
		t.Errorf("key facts: %+v %+v", b.Visit, b.Project)
	}
	// The reception at 22:30 UTC is on the next day in Baghdad (UTC+3).
	if b.TimeZone != "Asia/Baghdad" || len(b.Days) != 1 || b.Days[0].Date != start.AddDate(0, 0, 1).Format(time.DateOnly) ||
		b.Days[0].Interactions[0].Subject != "Welcome reception" {
		t.Errorf("itinerary: %+v", b.Days)
	}
	if len(b.People) != 3 || *b.People[0].Name != "Ministry of Security" || *b.People[1].Name != "Amina Hadžić" ||
		b.People[1].NameLocal != "أمينة" || b.People[1].Organization != "Border Police" || b.People[1].Title != "Director" ||
		!b.People[2].Restricted || b.People[2].Name != nil || b.People[2].Title != "" {
		t.Errorf("people: %s", raw)
	}
	if len(b.Organizations) != 2 || b.Organizations[0].Name != "Ministry of Security" || b.Organizations[1].Name != "Border Police" {
		t.Fatalf("organizations: %s", raw)
	}
	var subjects []string
	for _, it := range b.Organizations[0].LastInteractions {
		subjects = append(subjects, it.Subject)
	}
	if strings.Join(subjects, ",") != "Fourth talk,Third talk,Second talk" {
		t.Errorf("last three interactions: %v", subjects)
	}
	if c := b.Organizations[0].OpenCommitments; len(c) != 1 || c[0].Title != "Send the training plan" || !c[0].Overdue {
		t.Errorf("open commitments: %+v", c)
	}
	for _, leak := range []string{"Protected", "Youth", "Shelter Kirkuk", "Volunteer", "Restricted talk", "Restricted promise"} {
		if strings.Contains(raw, leak) {
			t.Errorf("%q leaks to another office: %s", leak, raw)
		}
	}

	// Its own office sees its restricted records.
	b, raw = read("b.viewer")
	if len(b.Organizations) != 3 || b.People[2].Title != "Volunteer" || b.Organizations[0].LastInteractions[0].Subject != "Restricted talk" ||
		len(b.Organizations[0].OpenCommitments) != 2 {
		t.Errorf("office B: %s", raw)
	}

	for _, tc := range []struct {
		path   string
		status int
	}{
		{"/api/v1/visits/999999/briefing", 404},
		{fmt.Sprintf("/api/v1/visits/%d/briefing?tz=Mars/Olympus", visit), 422},
	} {
		if w := s.do(req{method: "GET", path: tc.path, as: "a.viewer"}); w.Code != tc.status {
			t.Errorf("%s: %d, want %d", tc.path, w.Code, tc.status)
		}
	}
}
