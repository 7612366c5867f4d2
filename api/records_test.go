package api_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestOrganizationRoundTrip(t *testing.T) {
	s := newServer(t)
	w := s.do(req{method: "POST", path: "/api/v1/organizations", as: "a.officer", body: map[string]any{
		"name": "National Committee for Countering Violent Extremism", "name_local": "اللجنة الوطنية", "acronym": "NC",
		"type": "national_committee", "level": "national", "country_code": "IQ", "influence": 5, "interest": 4,
		"tags": []string{"sdg-16", "sdg-17"},
	}})
	if w.Code != http.StatusCreated {
		t.Fatalf("create: %d %s", w.Code, w.Body.String())
	}
	created := decode(t, w)
	id := int64(created["id"].(float64))
	if loc := w.Header().Get("Location"); loc != fmt.Sprintf("/api/v1/organizations/%d", id) {
		t.Errorf("Location = %q", loc)
	}
	if w.Header().Get("ETag") != `"1"` {
		t.Errorf("ETag = %q", w.Header().Get("ETag"))
	}
	if created["office_id"] != float64(s.fx.OfficeA) || created["owner_id"] != float64(s.fx.Users["a.officer"].ID) {
		t.Errorf("office/owner = %v/%v", created["office_id"], created["owner_id"])
	}
	path := fmt.Sprintf("/api/v1/organizations/%d", id)

	// Merge patch: present fields set, null clears, absent fields untouched.
	w = s.do(req{method: "PATCH", path: path, as: "a.officer", body: map[string]any{"city": "Baghdad", "interest": nil, "tags": []string{"sdg-5"}},
		header: map[string]string{"If-Match": `"1"`, "Content-Type": "application/merge-patch+json"}})
	if w.Code != http.StatusOK {
		t.Fatalf("patch: %d %s", w.Code, w.Body.String())
	}
	p := decode(t, w)
	if p["city"] != "Baghdad" || p["interest"] != nil || p["influence"] != float64(5) || p["name_local"] != "اللجنة الوطنية" || w.Header().Get("ETag") != `"2"` {
		t.Errorf("after patch: %v etag %s", p, w.Header().Get("ETag"))
	}
	if tags := p["tags"].([]any); len(tags) != 1 || tags[0] != "sdg-5" {
		t.Errorf("tags = %v", tags)
	}
	// The ETag of GET is what PATCH and DELETE expect.
	w = s.do(req{method: "GET", path: path, as: "b.viewer"})
	tag := w.Header().Get("ETag")
	if w.Code != 200 || tag != `"2"` {
		t.Fatalf("get: %d %q", w.Code, tag)
	}
	if w = s.do(req{method: "DELETE", path: path, as: "a.officer", header: map[string]string{"If-Match": `"1"`}}); w.Code != http.StatusPreconditionFailed {
		t.Fatalf("stale delete: %d", w.Code)
	}
	if w = s.do(req{method: "DELETE", path: path, as: "a.officer", header: map[string]string{"If-Match": tag}}); w.Code != http.StatusNoContent {
		t.Fatalf("delete: %d %s", w.Code, w.Body.String())
	}
	if w = s.do(req{method: "GET", path: path, as: "a.officer"}); w.Code != http.StatusNotFound {
		t.Fatalf("archived get: %d", w.Code)
	}
	w = s.do(req{method: "GET", path: "/api/v1/organizations?archived=true", as: "a.viewer"})
	if items := decode(t, w)["items"].([]any); len(items) != 1 || items[0].(map[string]any)["archived_at"] == nil {
		t.Fatalf("archived list: %s", w.Body.String())
	}
	if w = s.do(req{method: "POST", path: path + "/restore", as: "a.officer"}); w.Code != http.StatusForbidden {
		t.Fatalf("officer restore: %d", w.Code)
	}
	if w = s.do(req{method: "POST", path: path + "/restore", as: "a.manager"}); w.Code != http.StatusOK || w.Header().Get("ETag") != `"4"` {
		t.Fatalf("manager restore: %d %s", w.Code, w.Header().Get("ETag"))
	}
}

func TestListsFilterPageAndCount(t *testing.T) {
	s := newServer(t)
	for i := 0; i < 7; i++ {
		s.create("/api/v1/organizations", "a.officer", map[string]any{"name": fmt.Sprintf("Municipality %02d", i), "type": "local_government", "country_code": "BA"})
	}
	s.create("/api/v1/organizations", "b.officer", map[string]any{"name": "Ministry of Interior", "name_local": "وزارة الداخلية", "type": "ministry", "country_code": "IQ", "tags": []string{"sdg-16"}})

	names := func(query string) ([]string, map[string]any) {
		w := s.do(req{method: "GET", path: "/api/v1/organizations?" + query, as: "a.viewer"})
		if w.Code != 200 {
			t.Fatalf("%s: %d %s", query, w.Code, w.Body.String())
		}
		m := decode(t, w)
		var out []string
		for _, it := range m["items"].([]any) {
			out = append(out, it.(map[string]any)["name"].(string))
		}
		return out, m
	}
	var all []string
	query := "limit=3&sort=-name&count=true"
	for pages := 0; pages < 5; pages++ {
		got, m := names(query)
		all = append(all, got...)
		if pages == 0 && m["total"] != float64(8) {
			t.Errorf("total = %v", m["total"])
		}
		next, _ := m["next_cursor"].(string)
		if next == "" {
			break
		}
		query = "limit=3&sort=-name&cursor=" + url.QueryEscape(next)
	}
	if len(all) != 8 || all[0] != "Municipality 06" || all[7] != "Ministry of Interior" {
		t.Errorf("pages = %v", all)
	}
	if got, _ := names("type=ministry,ngo"); len(got) != 1 {
		t.Errorf("type filter: %v", got)
	}
	if got, _ := names("country_code=BA&office_id=" + fmt.Sprint(s.fx.OfficeA)); len(got) != 7 {
		t.Errorf("country+office: %v", got)
	}
	if got, _ := names("tag=sdg-16"); len(got) != 1 {
		t.Errorf("tag: %v", got)
	}
	if got, _ := names("q=" + url.QueryEscape("داخلية")); len(got) != 1 {
		t.Errorf("arabic search: %v", got)
	}
	if got, _ := names("q=" + url.QueryEscape(`") OR 1=1 --`)); len(got) != 0 {
		t.Errorf("hostile search: %v", got)
	}
}

func TestContactsOverHTTP(t *testing.T) {
	s := newServer(t)
	orgID, _ := s.create("/api/v1/organizations", "a.officer", map[string]any{"name": "City of Zenica", "type": "local_government"})
	w := s.do(req{method: "POST", path: "/api/v1/contacts", as: "a.officer", body: map[string]any{
		"honorific": "Ms", "given_name": "Laura", "family_name": "Lungarotti", "gender": "female", "languages": []string{"en", "it"},
		"positions":     []map[string]any{{"organization_id": orgID, "title": "Chief of Mission", "start_date": "2021-09-01", "primary": true}},
		"consent_basis": "public_role",
	}})
	if w.Code != 201 {
		t.Fatalf("create: %d %s", w.Code, w.Body.String())
	}
	c := decode(t, w)
	if c["full_name"] != "Ms Laura Lungarotti" || c["restricted"] != false || len(c["positions"].([]any)) != 1 {
		t.Errorf("contact = %v", c)
	}
	w = s.do(req{method: "GET", path: fmt.Sprintf("/api/v1/contacts?organization_id=%d&gender=female", orgID), as: "b.viewer"})
	if items := decode(t, w)["items"].([]any); len(items) != 1 {
		t.Errorf("filtered list: %s", w.Body.String())
	}
	w = s.do(req{method: "POST", path: "/api/v1/contacts", as: "a.officer", body: map[string]any{"given_name": "X", "positions": []map[string]any{{"organization_id": 999999}}}})
	if w.Code != 422 || !hasLocation(decode(t, w), "body.positions[0].organization_id") {
		t.Errorf("bad position: %d %s", w.Code, w.Body.String())
	}
}

func TestUsersNeverShowPasswords(t *testing.T) {
	s := newServer(t)
	w := s.do(req{method: "POST", path: "/api/v1/users", as: "a.admin", body: map[string]any{"email": "New.User@Example.org", "name": "New User", "password": "a long enough password", "role": "officer", "office_id": s.fx.OfficeB, "locale": "ar"}})
	if w.Code != 201 {
		t.Fatalf("create: %d %s", w.Code, w.Body.String())
	}
	body := w.Body.String()
	if strings.Contains(body, "password") || strings.Contains(body, "argon2") {
		t.Errorf("user response leaks a password: %s", body)
	}
	if u := decode(t, w); u["email"] != "new.user@example.org" || u["locale"] != "ar" {
		t.Errorf("user = %v", u)
	}
	w = s.do(req{method: "GET", path: "/api/v1/users?role=admin&sort=email", as: "a.viewer"})
	if items := decode(t, w)["items"].([]any); len(items) != 2 || strings.Contains(w.Body.String(), "argon2") {
		t.Errorf("admins: %s", w.Body.String())
	}
	w = s.do(req{method: "POST", path: "/api/v1/users", as: "a.admin", body: map[string]any{"email": "x@example.org", "name": "X", "password": "short", "role": "officer", "office_id": s.fx.OfficeB}})
	if w.Code != 422 || !hasLocation(decode(t, w), "body.password") {
		t.Errorf("short password: %d %s", w.Code, w.Body.String())
	}
}

func TestReferenceData(t *testing.T) {
	s := newServer(t)
	w := s.do(req{method: "GET", path: "/api/v1/countries", as: "a.viewer"})
	if items := decode(t, w)["items"].([]any); len(items) != 249 {
		t.Errorf("countries: %d", len(items))
	}
	w = s.do(req{method: "GET", path: "/api/v1/tags?kind=sdg", as: "a.viewer"})
	items := decode(t, w)["items"].([]any)
	if len(items) != 17 || items[0].(map[string]any)["slug"] != "sdg-1" || items[16].(map[string]any)["slug"] != "sdg-17" {
		t.Errorf("SDG tags: %s", w.Body.String())
	}
	w = s.do(req{method: "GET", path: "/api/v1/offices", as: "a.viewer"})
	if items := decode(t, w)["items"].([]any); len(items) != 2 {
		t.Errorf("offices: %s", w.Body.String())
	}
	if w = s.do(req{method: "POST", path: "/api/v1/offices", as: "a.manager", body: map[string]any{"name": "IOM Jordan", "country_code": "JO"}}); w.Code != 403 {
		t.Errorf("manager creates office: %d", w.Code)
	}
	if w = s.do(req{method: "POST", path: "/api/v1/offices", as: "a.admin", body: map[string]any{"name": "IOM BiH"}}); w.Code != 409 {
		t.Errorf("duplicate office: %d", w.Code)
	}
	if w = s.do(req{method: "POST", path: "/api/v1/tags", as: "a.admin", body: map[string]any{"slug": "pve", "name": "Preventing violent extremism", "kind": "theme"}}); w.Code != 201 {
		t.Errorf("create tag: %d %s", w.Code, w.Body.String())
	}
}

// A page of references (a commitment's counterparts, say) is named in one
// request per collection: the lists take the ids wanted, and still leave out
// what the reader may not see.
func TestListsByID(t *testing.T) {
	s := newServer(t)
	a, _ := s.create("/api/v1/organizations", "a.officer", map[string]any{"name": "Ministry of Security", "type": "ministry"})
	b, _ := s.create("/api/v1/organizations", "a.officer", map[string]any{"name": "City of Zenica", "type": "local_government"})
	s.create("/api/v1/organizations", "a.officer", map[string]any{"name": "City of Mostar", "type": "local_government"})
	w := s.do(req{method: "GET", path: fmt.Sprintf("/api/v1/organizations?id=%d,%d", a, b), as: "b.viewer"})
	if items := decode(t, w)["items"].([]any); w.Code != 200 || len(items) != 2 {
		t.Errorf("organizations by id: %d %s", w.Code, w.Body.String())
	}
	open, _ := s.create("/api/v1/contacts", "a.officer", map[string]any{"given_name": "Laura", "family_name": "Lungarotti"})
	hidden, _ := s.create("/api/v1/contacts", "a.officer", map[string]any{"given_name": "Adnan", "family_name": "Hodžić", "restricted": true})
	w = s.do(req{method: "GET", path: fmt.Sprintf("/api/v1/contacts?id=%d,%d", open, hidden), as: "b.officer"})
	items := decode(t, w)["items"].([]any)
	if w.Code != 200 || len(items) != 1 || items[0].(map[string]any)["full_name"] != "Laura Lungarotti" {
		t.Errorf("contacts by id, as another office: %d %s", w.Code, w.Body.String())
	}
	w = s.do(req{method: "GET", path: fmt.Sprintf("/api/v1/contacts?id=%d,%d", open, hidden), as: "a.viewer"})
	if items := decode(t, w)["items"].([]any); len(items) != 2 {
		t.Errorf("contacts by id, own office: %s", w.Body.String())
	}
}
