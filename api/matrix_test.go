package api_test

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
)

// The authorization matrix: every route of the router × every kind of
// caller × a target in the caller's own or another office × restricted or
// not. The routes come from the router itself, so a route added without an
// entry here fails TestAuthorizationMatrixCoversEveryRoute.

// callers of the matrix; all sit in office A except "anonymous".
var callers = []string{"anonymous", "deactivated", "viewer", "officer", "manager", "admin"}

// access is how a route decides who may call it.
type access int

const (
	public     access = iota // anyone, signed in or not
	signedIn                 // any active user, about themselves
	readAll                  // any active user; restricted records of other offices are hidden
	listAll                  // like readAll, for a list: hidden records are absent
	create                   // officers, managers and admins, in their own office
	officeEdit               // officers and managers of the record's office, and admins
	manage                   // managers of the record's office, and admins
	adminOnly                // admins
	ownToken                 // the token's or session's owner, and admins
)

// route is one matrix entry.
type route struct {
	access       access
	entity       string // what {id} names: organization, contact, project, visit, interaction, commitment, user, office, token, session; "" for no target
	restrictable bool   // the entity has restricted records
	archived     bool   // the target must be archived first (restore)
	ok           int    // the status of an allowed call
	body         func() any
	bodyFor      func(s *server, target targetRecord, other bool) any // a body that names the target
	query        string                                               // appended to the path, e.g. "?q=x"
	contentType  string                                               // of a body sent as a string (multipart)
}

var serial atomic.Int64

func unique(prefix string) string { return fmt.Sprintf("%s%d", prefix, serial.Add(1)) }

var matrix = map[string]route{
	"GET /healthz":                 {access: public, ok: 200},
	"GET /readyz":                  {access: public, ok: 200},
	"GET /metrics":                 {access: public, ok: 200},
	"GET /api/v1/openapi.json":     {access: public, ok: 200},
	"GET /api/v1/openapi.yaml":     {access: public, ok: 200},
	"GET /api/v1/openapi-3.0.json": {access: public, ok: 200},
	"GET /api/v1/openapi-3.0.yaml": {access: public, ok: 200},
	"POST /api/v1/auth/login": {access: public, ok: 200, body: func() any {
		return map[string]any{"email": "b.viewer@example.org", "password": testPassword}
	}},
	"POST /api/v1/auth/logout": {access: signedIn, ok: 204},
	"GET /api/v1/auth/me":      {access: signedIn, ok: 200},
	"POST /api/v1/auth/password": {access: signedIn, ok: 422, body: func() any {
		return map[string]any{"current_password": "not it at all", "new_password": "another long password"}
	}},
	"GET /api/v1/auth/tokens":         {access: signedIn, ok: 200},
	"POST /api/v1/auth/tokens":        {access: signedIn, ok: 201, body: func() any { return map[string]any{"name": "matrix"} }},
	"DELETE /api/v1/auth/tokens/{id}": {access: ownToken, entity: "token", ok: 204},

	"POST /api/v1/auth/mfa": {access: signedIn, ok: 200},
	// A wrong code's shape: refused before any enrolment is looked at.
	"POST /api/v1/auth/mfa/confirm": {access: signedIn, ok: 422, body: func() any { return map[string]any{"code": "12345x"} }},
	// Nobody of the fixture has two-factor sign-in on: nothing to turn off.
	"DELETE /api/v1/auth/mfa":       {access: signedIn, ok: 409, body: func() any { return map[string]any{"code": "000000"} }},
	"DELETE /api/v1/users/{id}/mfa": {access: adminOnly, entity: "user", ok: 204},

	"GET /api/v1/auth/config": {access: public, ok: 200},
	// Single sign-on is not configured in the matrix's server: a 404 page.
	"GET /auth/oidc/login":    {access: public, ok: 404},
	"GET /auth/oidc/callback": {access: public, ok: 404},

	"GET /api/v1/me/sessions":                {access: signedIn, ok: 200},
	"DELETE /api/v1/me/sessions/{id}":        {access: ownToken, entity: "session", ok: 204},
	"POST /api/v1/me/sessions/revoke-others": {access: signedIn, ok: 200},
	"GET /api/v1/users/{id}/sessions":        {access: adminOnly, entity: "user", ok: 200},
	"DELETE /api/v1/users/{id}/sessions":     {access: adminOnly, entity: "user", ok: 204, query: "?revoke_tokens=false"},

	"GET /api/v1/countries":      {access: readAll, ok: 200},
	"GET /api/v1/tags":           {access: readAll, ok: 200},
	"POST /api/v1/tags":          {access: adminOnly, ok: 201, body: func() any { return map[string]any{"slug": unique("theme-"), "name": "Theme", "kind": "theme"} }},
	"GET /api/v1/offices":        {access: readAll, ok: 200},
	"GET /api/v1/offices/{id}":   {access: readAll, entity: "office", ok: 200},
	"POST /api/v1/offices":       {access: adminOnly, ok: 201, body: func() any { return map[string]any{"name": unique("Office ")} }},
	"PATCH /api/v1/offices/{id}": {access: adminOnly, entity: "office", ok: 200, body: func() any { return map[string]any{"name": unique("Office ")} }},

	"GET /api/v1/users":      {access: readAll, ok: 200},
	"GET /api/v1/users/{id}": {access: readAll, entity: "user", ok: 200},
	"POST /api/v1/users": {access: adminOnly, ok: 201, body: func() any {
		return map[string]any{"email": unique("u") + "@example.org", "name": "U", "password": testPassword, "role": "viewer", "office_id": 1}
	}},
	"PATCH /api/v1/users/{id}": {access: adminOnly, entity: "user", ok: 200, body: func() any { return map[string]any{"name": unique("Name ")} }},

	"GET /api/v1/organizations":      {access: listAll, entity: "organization", ok: 200},
	"GET /api/v1/organizations/{id}": {access: readAll, entity: "organization", ok: 200},
	"POST /api/v1/imports": {access: create, ok: 200, contentType: "multipart/form-data; boundary=" + matrixBoundary, body: func() any {
		return "--" + matrixBoundary + "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\norganizations\r\n--" + matrixBoundary +
			"\r\nContent-Disposition: form-data; name=\"file\"; filename=\"o.csv\"\r\n\r\nname,type\nOrg,ngo\n\r\n--" + matrixBoundary + "--\r\n"
	}},
	"GET /api/v1/imports/fields":              {access: readAll, ok: 200},
	"GET /api/v1/imports/templates/{kind}":    {access: readAll, ok: 200, query: "?format=csv"},
	"POST /api/v1/organizations":              {access: create, ok: 201, body: func() any { return map[string]any{"name": "Org", "type": "ngo"} }},
	"PATCH /api/v1/organizations/{id}":        {access: officeEdit, entity: "organization", ok: 200, body: func() any { return map[string]any{"city": unique("City ")} }},
	"DELETE /api/v1/organizations/{id}":       {access: officeEdit, entity: "organization", ok: 204},
	"POST /api/v1/organizations/{id}/restore": {access: manage, entity: "organization", archived: true, ok: 200},

	"GET /api/v1/contacts":               {access: listAll, entity: "contact", restrictable: true, ok: 200},
	"GET /api/v1/contacts/{id}":          {access: readAll, entity: "contact", restrictable: true, ok: 200},
	"POST /api/v1/contacts":              {access: create, ok: 201, body: func() any { return map[string]any{"given_name": "Ana", "restricted": true} }},
	"PATCH /api/v1/contacts/{id}":        {access: officeEdit, entity: "contact", restrictable: true, ok: 200, body: func() any { return map[string]any{"city": unique("City ")} }},
	"DELETE /api/v1/contacts/{id}":       {access: officeEdit, entity: "contact", restrictable: true, ok: 204},
	"POST /api/v1/contacts/{id}/restore": {access: manage, entity: "contact", restrictable: true, archived: true, ok: 200},

	"GET /api/v1/projects":               {access: listAll, entity: "project", ok: 200},
	"GET /api/v1/projects/{id}":          {access: readAll, entity: "project", ok: 200},
	"POST /api/v1/projects":              {access: adminOnly, ok: 201, body: func() any { return map[string]any{"code": unique("P-"), "name": "Project"} }},
	"PATCH /api/v1/projects/{id}":        {access: adminOnly, entity: "project", ok: 200, body: func() any { return map[string]any{"name": unique("Project ")} }},
	"DELETE /api/v1/projects/{id}":       {access: adminOnly, entity: "project", ok: 204},
	"POST /api/v1/projects/{id}/restore": {access: adminOnly, entity: "project", archived: true, ok: 200},

	"GET /api/v1/visits":      {access: listAll, entity: "visit", ok: 200},
	"GET /api/v1/visits/{id}": {access: readAll, entity: "visit", ok: 200},
	"POST /api/v1/visits": {access: create, ok: 201, body: func() any {
		return map[string]any{"title": "Study visit", "kind": "study_visit", "start_date": "2026-11-23", "end_date": "2026-11-27"}
	}},
	"PATCH /api/v1/visits/{id}":        {access: officeEdit, entity: "visit", ok: 200, body: func() any { return map[string]any{"city": unique("City ")} }},
	"DELETE /api/v1/visits/{id}":       {access: officeEdit, entity: "visit", ok: 204},
	"POST /api/v1/visits/{id}/restore": {access: manage, entity: "visit", archived: true, ok: 200},

	"GET /api/v1/interactions":      {access: listAll, entity: "interaction", restrictable: true, ok: 200},
	"GET /api/v1/interactions/{id}": {access: readAll, entity: "interaction", restrictable: true, ok: 200},
	"POST /api/v1/interactions": {access: create, ok: 201, body: func() any {
		return map[string]any{"kind": "meeting", "subject": "Meeting", "starts_at": "2026-11-24T09:00:00Z", "restricted": true,
			"commitments": []map[string]any{{"title": "Send the report", "due_date": "2026-12-01"}}}
	}},
	"PATCH /api/v1/interactions/{id}":        {access: officeEdit, entity: "interaction", restrictable: true, ok: 200, body: func() any { return map[string]any{"city": unique("City ")} }},
	"DELETE /api/v1/interactions/{id}":       {access: officeEdit, entity: "interaction", restrictable: true, ok: 204},
	"POST /api/v1/interactions/{id}/restore": {access: manage, entity: "interaction", restrictable: true, archived: true, ok: 200},

	"GET /api/v1/commitments":      {access: listAll, entity: "commitment", restrictable: true, ok: 200},
	"GET /api/v1/commitments/{id}": {access: readAll, entity: "commitment", restrictable: true, ok: 200},
	"POST /api/v1/commitments": {access: create, ok: 201, body: func() any {
		return map[string]any{"title": "Share the strategy draft", "direction": "theirs", "restricted": true}
	}},
	// Closing: the target is the officer's own (made by a.officer), so the
	// officer closes it; closing another's is TestClosingAnothersCommitmentOverHTTP.
	"PATCH /api/v1/commitments/{id}":        {access: officeEdit, entity: "commitment", restrictable: true, ok: 200, body: func() any { return map[string]any{"status": "done", "closure_note": unique("Sent ")} }},
	"DELETE /api/v1/commitments/{id}":       {access: officeEdit, entity: "commitment", restrictable: true, ok: 204},
	"POST /api/v1/commitments/{id}/restore": {access: manage, entity: "commitment", restrictable: true, archived: true, ok: 200},

	"GET /api/v1/visits/{id}/itinerary":        {access: readAll, entity: "visit", ok: 200, query: "?tz=Europe/Sarajevo"},
	"GET /api/v1/organizations/{id}/timeline":  {access: readAll, entity: "organization", ok: 200},
	"GET /api/v1/contacts/{id}/vcard":          {access: readAll, entity: "contact", restrictable: true, ok: 200},
	"GET /api/v1/contacts/vcard":               {access: manage, ok: 200},
	"GET /api/v1/visits/{id}/briefing":         {access: readAll, entity: "visit", ok: 200},
	"GET /api/v1/me/calendar-feed":             {access: signedIn, ok: 200},
	"POST /api/v1/me/calendar-feed":            {access: signedIn, ok: 201},
	"DELETE /api/v1/me/calendar-feed":          {access: signedIn, ok: 204},
	"GET /calendar/{file}":                     {access: public, ok: 404},
	"GET /api/v1/notifications":                {access: signedIn, ok: 200},
	"GET /api/v1/notifications/unread-count":   {access: signedIn, ok: 200},
	"POST /api/v1/notifications/read":          {access: signedIn, ok: 204, body: func() any { return map[string]any{"all": true} }},
	"GET /api/v1/me/preferences":               {access: signedIn, ok: 200},
	"PATCH /api/v1/me/preferences":             {access: signedIn, ok: 200, body: func() any { return map[string]any{"digest_hour": 7} }},
	"GET /api/v1/contacts/{id}/subject-export": {access: manage, entity: "contact", restrictable: true, ok: 200},
	"POST /api/v1/contacts/{id}/erase": {access: manage, entity: "contact", restrictable: true, ok: 200,
		body: func() any { return map[string]any{"reason": "The person asked"} }},
	"POST /api/v1/contacts/erase": {access: manage, entity: "contact", restrictable: true, ok: 204,
		bodyFor: func(s *server, target targetRecord, _ bool) any {
			version, _ := strconv.ParseInt(strings.Trim(target.etag, `"`), 10, 64)
			return map[string]any{"contacts": []map[string]any{{"id": target.id, "version": version}}, "reason": "Retention review"}
		}},
	"GET /api/v1/retention/contacts": {access: manage, ok: 200},
	"POST /api/v1/retention/keep": {access: manage, entity: "contact", restrictable: true, ok: 204,
		bodyFor: func(_ *server, target targetRecord, _ bool) any {
			return map[string]any{"ids": []int64{target.id}, "reason": "Still our focal point"}
		}},
	"GET /api/v1/admin/jobs":             {access: adminOnly, ok: 200},
	"GET /api/v1/admin/jobs/summary":     {access: adminOnly, ok: 200},
	"POST /api/v1/admin/jobs/{id}/retry": {access: adminOnly, entity: "job", ok: 204},
	// An unsubscribe address is signed, not signed in: a token that is
	// not one of the server's is 404 to everyone (TestUnsubscribeOverHTTP).
	"GET /unsubscribe/{token}":           {access: public, ok: 404},
	"POST /unsubscribe/{token}":          {access: public, ok: 404},
	"GET /api/v1/contacts/{id}/timeline": {access: readAll, entity: "contact", restrictable: true, ok: 200},
	"GET /api/v1/review/commitments":     {access: readAll, ok: 200},
	"GET /api/v1/review/stale":           {access: readAll, ok: 200, query: "?days=30"},
	"GET /api/v1/search":                 {access: readAll, ok: 200, query: "?q=target"},
	"GET /api/v1/duplicates":             {access: manage, ok: 200, query: "?kind=contacts"},
	"GET /api/v1/duplicates/check":       {access: create, ok: 200, query: "?kind=organizations&name=Target"},
	"GET /api/v1/reports/engagement":     {access: readAll, ok: 200, query: "?from=2026-01-01&to=2026-12-31&by=sdg"},

	"GET /api/v1/organizations/export":      {access: manage, ok: 200, query: "?format=csv"},
	"GET /api/v1/contacts/export":           {access: manage, ok: 200, query: "?format=xlsx"},
	"GET /api/v1/visits/export":             {access: manage, ok: 200},
	"GET /api/v1/interactions/export":       {access: manage, ok: 200},
	"GET /api/v1/commitments/export":        {access: manage, ok: 200, query: "?overdue=true"},
	"GET /api/v1/projects/export":           {access: manage, ok: 200},
	"GET /api/v1/review/commitments/export": {access: manage, ok: 200},
	"GET /api/v1/reports/engagement/export": {access: manage, ok: 200, query: "?from=2026-01-01&to=2026-12-31"},
	"GET /api/v1/stakeholder-map":           {access: readAll, ok: 200},
	"POST /api/v1/commitments/reassign": {access: manage, entity: "commitment", restrictable: true, ok: 200,
		bodyFor: func(s *server, target targetRecord, other bool) any {
			owner := s.fx.Users["a.colleague"].ID
			if other {
				owner = s.fx.Users["b.colleague"].ID
			}
			version, _ := strconv.ParseInt(strings.Trim(target.etag, `"`), 10, 64)
			return map[string]any{"owner_id": owner, "commitments": []any{map[string]any{"id": target.id, "version": version}}}
		}},

	"GET /api/v1/audit": {access: readAll, ok: 200},

	"GET /api/v1/tags/{id}":          {access: readAll, entity: "tag", ok: 200},
	"PATCH /api/v1/tags/{id}":        {access: adminOnly, entity: "tag", ok: 200, body: func() any { return map[string]any{"name": unique("Theme ")} }},
	"DELETE /api/v1/tags/{id}":       {access: adminOnly, entity: "tag", ok: 204},
	"POST /api/v1/tags/{id}/restore": {access: adminOnly, entity: "tag", archived: true, ok: 200},
	"POST /api/v1/tags/{id}/merge": {access: adminOnly, entity: "tag", ok: 200,
		bodyFor: func(s *server, _ targetRecord, _ bool) any {
			into, _ := s.create("/api/v1/tags", "a.admin", map[string]any{"slug": unique("into-"), "name": "Into", "kind": "custom"})
			return map[string]any{"into": into}
		}},

	"GET /api/v1/relationships":      {access: listAll, entity: "relationship", ok: 200, query: "?sort=-created_at&limit=200"},
	"GET /api/v1/relationships/{id}": {access: readAll, entity: "relationship", ok: 200},
	"POST /api/v1/relationships": {access: create, ok: 201, bodyFor: func(s *server, _ targetRecord, _ bool) any {
		return s.relationshipBetweenNewOrganizations("a.officer")
	}},
	"PATCH /api/v1/relationships/{id}":        {access: officeEdit, entity: "relationship", ok: 200, body: func() any { return map[string]any{"note": unique("Note ")} }},
	"DELETE /api/v1/relationships/{id}":       {access: officeEdit, entity: "relationship", ok: 204},
	"POST /api/v1/relationships/{id}/restore": {access: manage, entity: "relationship", archived: true, ok: 200},
	"GET /api/v1/network":                     {access: readAll, ok: 200, query: "?country_code=BA"},

	"POST /api/v1/contacts/{id}/merge":      {access: manage, entity: "contact", restrictable: true, ok: 200, bodyFor: mergeTwin("contacts", map[string]any{"given_name": "Twin"})},
	"POST /api/v1/organizations/{id}/merge": {access: manage, entity: "organization", ok: 200, bodyFor: mergeTwin("organizations", map[string]any{"name": "Twin", "type": "ngo"})},
	"GET /api/v1/merges/preview":            {access: readAll, ok: 200, query: "?kind=contacts&ids=1,2"},
}

// mergeTwin is the body of a merge: a duplicate of the target made for it
// in the target's office.
func mergeTwin(collection string, body map[string]any) func(s *server, _ targetRecord, other bool) any {
	return func(s *server, _ targetRecord, other bool) any {
		maker := "a.officer"
		if other {
			maker = "b.officer"
		}
		twin, _ := s.create("/api/v1/"+collection, maker, body)
		return map[string]any{"from": []int64{twin}}
	}
}

// relationshipBetweenNewOrganizations is the body of a new relationship
// between two organizations made for it by maker.
func (s *server) relationshipBetweenNewOrganizations(maker string) map[string]any {
	from, _ := s.create("/api/v1/organizations", maker, map[string]any{"name": unique("From "), "type": "ministry"})
	to, _ := s.create("/api/v1/organizations", maker, map[string]any{"name": unique("To "), "type": "donor"})
	return map[string]any{"from_organization_id": from, "to_organization_id": to, "kind": "funded_by"}
}

// expect is the rule of API.md's "Who may do what" for one call.
func expect(r route, caller string, other, restricted bool) int {
	if r.access == public {
		return r.ok
	}
	if caller == "anonymous" || caller == "deactivated" {
		return http.StatusUnauthorized
	}
	if restricted && other && caller != "admin" {
		if r.access == listAll {
			return r.ok // the list answers, without the record
		}
		return http.StatusNotFound
	}
	switch r.access {
	case signedIn, readAll, listAll:
		return r.ok
	case create:
		if caller == "viewer" {
			return http.StatusForbidden
		}
		return r.ok
	case officeEdit:
		if caller == "admin" || (!other && (caller == "officer" || caller == "manager")) {
			return r.ok
		}
		return http.StatusForbidden
	case manage:
		if caller == "admin" || (!other && caller == "manager") {
			return r.ok
		}
		return http.StatusForbidden
	case adminOnly:
		if caller == "admin" {
			return r.ok
		}
		return http.StatusForbidden
	case ownToken:
		if caller == "admin" {
			return r.ok
		}
		return http.StatusNotFound // someone else's token does not exist for you
	case author, authorOrAdmin, uploaderOrManager:
		if (!other && caller == "officer") || (r.access != author && caller == "admin") || (r.access == uploaderOrManager && !other && caller == "manager") {
			return r.ok
		}
		return http.StatusForbidden
	}
	panic("unknown access")
}

// routeKey renders a gin route in the OpenAPI style of the matrix.
func routeKey(method, path string) string {
	parts := strings.Split(path, "/")
	for i, p := range parts {
		if strings.HasPrefix(p, ":") {
			parts[i] = "{" + p[1:] + "}"
		}
	}
	return method + " " + strings.Join(parts, "/")
}

func TestAuthorizationMatrixCoversEveryRoute(t *testing.T) {
	s := newServer(t)
	seen := map[string]bool{}
	for _, r := range s.router.Routes {
		key := routeKey(r.Method, r.Path)
		seen[key] = true
		if _, ok := matrix[key]; !ok {
			t.Errorf("route %s has no entry in the authorization matrix", key)
		}
	}
	for key := range matrix {
		if !seen[key] {
			t.Errorf("matrix entry %s names no route", key)
		}
	}
}

func TestAuthorizationMatrix(t *testing.T) {
	s := newServer(t)
	keys := make([]string, 0, len(matrix))
	for k := range matrix {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	cases := 0
	for _, key := range keys {
		r := matrix[key]
		method, path, _ := strings.Cut(key, " ")
		offices := []bool{false}
		if r.entity != "" {
			offices = []bool{false, true}
		}
		restrictions := []bool{false}
		if r.restrictable {
			restrictions = []bool{false, true}
		}
		for _, caller := range callers {
			for _, other := range offices {
				for _, restricted := range restrictions {
					name := fmt.Sprintf("%s/%s/other=%v/restricted=%v", key, caller, other, restricted)
					cases++
					t.Run(name, func(t *testing.T) {
						target := s.target(r, other, restricted)
						p := strings.NewReplacer("{id}", fmt.Sprint(target.id), "{kind}", "contacts").Replace(path) + r.query
						rq := req{method: method, path: p, as: callerKey(caller), header: map[string]string{}}
						if target.etag != "" {
							rq.header["If-Match"] = target.etag
						}
						if r.bodyFor != nil {
							rq.body = r.bodyFor(s, target, other)
						} else if r.body != nil {
							rq.body = r.body()
						} else if method == "POST" || method == "PATCH" {
							rq.body = map[string]any{}
						}
						if r.contentType != "" {
							rq.header["Content-Type"] = r.contentType
						}
						w := s.do(rq)
						want := expect(r, caller, other, restricted)
						if w.Code != want {
							t.Fatalf("status %d, want %d: %s", w.Code, want, w.Body.String())
						}
						if r.access == listAll && w.Code == 200 {
							listed := strings.Contains(w.Body.String(), fmt.Sprintf(`{"id":%d,`, target.id))
							if hidden := restricted && other && caller != "admin"; listed == hidden {
								t.Fatalf("record listed=%v, hidden=%v", listed, hidden)
							}
						}
					})
				}
			}
		}
	}
	t.Logf("authorization matrix: %d routes, %d cases", len(keys), cases)
}

func callerKey(caller string) string {
	switch caller {
	case "anonymous":
		return ""
	case "deactivated":
		return "a.inactive"
	}
	return "a." + caller
}

type targetRecord struct {
	id   int64
	etag string
}

// target makes a fresh record for one case: in office A (the callers') or
// B, restricted or not, archived when the route restores.
func (s *server) target(r route, other, restricted bool) targetRecord {
	s.t.Helper()
	office := "a"
	if other {
		office = "b"
	}
	switch r.entity {
	case "":
		return targetRecord{}
	case "office":
		if other {
			return targetRecord{id: s.fx.OfficeB, etag: s.etagOf(fmt.Sprintf("/api/v1/offices/%d", s.fx.OfficeB))}
		}
		return targetRecord{id: s.fx.OfficeA, etag: s.etagOf(fmt.Sprintf("/api/v1/offices/%d", s.fx.OfficeA))}
	case "user":
		id := s.fx.Users[office+".colleague"].ID
		return targetRecord{id: id, etag: s.etagOf(fmt.Sprintf("/api/v1/users/%d", id))}
	case "token":
		w := s.do(req{method: "POST", path: "/api/v1/auth/tokens", as: office + ".colleague", body: map[string]any{"name": "target"}})
		return targetRecord{id: int64(decode(s.t, w)["id"].(float64))}
	case "session":
		return targetRecord{id: s.signIn(office + ".colleague").id}
	case "note", "document":
		return s.attachedTarget(r.entity, office, restricted)
	case "job":
		return targetRecord{id: s.queuedJob()}
	}
	var body map[string]any
	maker := office + ".officer"
	switch r.entity {
	case "organization":
		body = map[string]any{"name": "Target", "type": "ngo"}
	case "contact":
		body = map[string]any{"given_name": "Target", "restricted": restricted}
	case "project":
		body = map[string]any{"code": unique("T-"), "name": "Target"}
		maker = office + ".admin" // projects are reference data: admins write them
	case "visit":
		body = map[string]any{"title": "Target", "kind": "field_visit", "start_date": "2026-05-04", "end_date": "2026-05-04"}
	case "interaction":
		body = map[string]any{"kind": "meeting", "subject": "Target", "starts_at": "2026-05-04T10:00:00Z", "restricted": restricted}
	case "commitment":
		body = map[string]any{"title": "Target", "due_date": "2026-06-01", "restricted": restricted}
	case "relationship":
		body = s.relationshipBetweenNewOrganizations(maker)
	case "tag":
		body = map[string]any{"slug": unique("target-"), "name": "Target", "kind": "custom"}
		maker = "a.admin" // tags are reference data of no office: admins write them
	default:
		s.t.Fatalf("no target maker for %s", r.entity)
	}
	path := "/api/v1/" + r.entity + "s"
	id, etag := s.create(path, maker, body)
	if r.archived {
		w := s.do(req{method: "DELETE", path: fmt.Sprintf("%s/%d", path, id), as: maker, header: map[string]string{"If-Match": etag}})
		if w.Code != 204 {
			s.t.Fatalf("archive target: %d", w.Code)
		}
		etag = ""
	}
	return targetRecord{id: id, etag: etag}
}

func (s *server) etagOf(path string) string {
	w := s.do(req{method: "GET", path: path, as: "a.admin"})
	return w.Header().Get("ETag")
}
