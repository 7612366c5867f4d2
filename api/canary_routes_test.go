package api_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"liaison/models"
	"liaison/models/modeltest"
)

// The restricted-record canary. Office B plants restricted records whose
// every text carries the marker "zzcanary" (and whose ids are unusual
// seven-digit numbers), wires them to records that office A may see, and
// gives them a history. Then every GET operation the server describes in its
// own OpenAPI document is called by each non-admin role of office A, with
// path parameters naming the records around the canary (and the canary
// itself) and with every query parameter that could pull the canary in. No
// answer may carry the marker or a canary id; the canary's own GETs are 404.
// Office B's viewer runs the same calls as a positive control: it must see
// the canary, which proves that the planting, the parameters and the
// matching work.

// canaryMarker is in every unique text of the canary, in any letter case.
const canaryMarker = "zzcanary"

// The canary's texts. Each contains canaryMarker (case-insensitively),
// except canaryLocal, which is looked for on its own.
const (
	canaryGiven    = "Zzcanaryqx"
	canaryFamily   = "Zzcanaryfam"
	canaryEmail    = "zzcanary.mailtok@example.org"
	canaryLocal    = "Ззканарикс"
	canaryCity     = "Zzcanarycity"
	canaryNotes    = "Zzcanarynotes about a person nobody else may know"
	canaryTitle    = "Zzcanaryposition adviser"
	canarySubject  = "Zzcanarysubj confidential session"
	canarySummary  = "Zzcanarysumm what was said"
	canaryLocation = "Zzcanaryloc safe house"
	canaryCommit   = "Zzcanarycommit protect the witness"
	canaryDetails  = "Zzcanarydetails of the promise"
	canaryCountry  = "TV" // the canary contact's country; no other record uses it
)

// The canary's ids: the id sequences are raised before each canary record is
// made, so that no other record of any kind has an id near these.
const (
	canaryContactID     = 7340113
	canaryInteractionID = 7350227
	canaryCommitmentID  = 7360339
)

var canaryIDPattern = regexp.MustCompile(fmt.Sprintf(`(^|[^0-9])(%d|%d|%d|%d|%d)([^0-9]|$)`,
	canaryContactID, canaryInteractionID, canaryCommitmentID, canaryNoteID, canaryDocumentID))

// minCanaryGETOperations guards the enumeration: the OpenAPI document
// described 29 GET operations when this test was written. Fewer than this
// means the document or its parsing broke, and the test would prove nothing.
const minCanaryGETOperations = 26

// canarySkipped are GET routes that carry no office records, with the reason.
// Every other GET route of the router is called.
var canarySkipped = map[string]string{
	"/healthz":                             "process liveness; no records",
	"/readyz":                              "database reachability; no records",
	"/metrics":                             "Prometheus counters labelled by route template; no records",
	"/api/v1/openapi.json":                 "the API description itself; no records",
	"/api/v1/openapi.yaml":                 "the API description itself; no records",
	"/api/v1/openapi-3.0.json":             "the API description itself; no records",
	"/api/v1/openapi-3.0.yaml":             "the API description itself; no records",
	"/api/v1/countries":                    "ISO 3166 reference list (it names the canary's country as a country); no office records",
	"/api/v1/auth/me":                      "the caller themself; no other records",
	"/api/v1/auth/tokens":                  "the caller's own API tokens; no other records",
	"/api/v1/users/{id}/sessions":          "admins only (403 to the roles probed): a user's sign-in sessions; no office records",
	"/auth/oidc/login":                     "single sign-on's redirect to the identity provider (404 when not configured); no records",
	"/auth/oidc/callback":                  "single sign-on's return from the identity provider (404 when not configured); no records",
	"/calendar/{file}":                     "a calendar feed is read with its secret, not a session: TestCalendarFeed reads it as its user and finds another office's restricted interaction absent",
	"/api/v1/contacts/{id}/subject-export": "managers of the contact's own office only (403 to other offices' managers, 404 where the contact is hidden): TestSubjectExportOverHTTP asks for office B's restricted contact as office A's manager",
	"/api/v1/admin/jobs":                   "admins only (403 to the roles probed): the job queue's jobs, which carry ids, never record contents",
	"/api/v1/admin/jobs/summary":           "admins only (403 to the roles probed): counts of jobs by state",
	"/unsubscribe/{token}":                 "a signed unsubscribe address, not a session; its page names no record (TestUnsubscribeOverHTTP)",
}

// canaryWorld is what the test planted: the canary and the visible records
// around it.
type canaryWorld struct {
	orgA, orgB, project, visit         int64
	visibleContact, visibleInteraction int64
	visibleCommitment                  int64
	contact, interaction, commitment   int64
	officeA, officeB, ownerB           int64
	pathIDs                            map[string][]int64 // collection → ids to put in its {id}
	canaryIDs                          map[int64]bool
}

func TestCanaryRestrictedRecordsNeverLeakThroughAnyReadRoute(t *testing.T) {
	s := newServer(t)
	w := plantCanary(t, s)

	ops, documented := canaryOperations(t, s)
	if documented < minCanaryGETOperations {
		t.Fatalf("the OpenAPI document yields only %d GET operations, want at least %d: the enumeration is broken and would prove nothing", documented, minCanaryGETOperations)
	}

	type probe struct {
		opID, path string
		canaryPath bool // the path names a canary record
	}
	var probes []probe
	for _, o := range ops {
		paths, canaryPaths := o.paths(t, w)
		for i, p := range paths {
			for _, q := range o.queries(t, w) {
				u := p
				if q != "" {
					u += "?" + q
				}
				probes = append(probes, probe{opID: o.id, path: u, canaryPath: canaryPaths[i]})
			}
		}
	}
	t.Logf("%d GET operations documented, %d called, %d requests per user", documented, len(ops), len(probes))

	// The positive control: office B's viewer sees the canary.
	for _, text := range []string{canaryGiven, canaryFamily, canaryEmail, canaryCity, canaryNotes, canaryTitle,
		canarySubject, canarySummary, canaryLocation, canaryCommit, canaryDetails} {
		if !strings.Contains(strings.ToLower(text), canaryMarker) {
			t.Fatalf("the canary text %q lacks the marker %q: leaks of it would go unseen", text, canaryMarker)
		}
	}
	seenBy := map[string]int{} // operation id → responses of the control that showed the canary's marker
	controlErrors := 0
	for _, p := range probes {
		control := "b.viewer"
		if refusedTo(p.opID, "a.viewer") {
			control = "b.manager"
		}
		status, body := canaryGet(s, control, p.path)
		if status != http.StatusOK {
			if controlErrors++; controlErrors <= 20 {
				t.Errorf("control %s GET %s: status %d, want 200 (this request tests nothing): %.300s", control, p.path, status, body)
			}
			continue
		}
		if findCanary(body).marker >= 0 {
			seenBy[p.opID]++
		}
	}
	for _, own := range []struct {
		path, text   string
		localCountry bool // the answer also carries the Cyrillic name and the country
	}{
		{fmt.Sprintf("/api/v1/contacts/%d", w.contact), canaryGiven, true},
		{fmt.Sprintf("/api/v1/interactions/%d", w.interaction), canarySubject, false},
		{fmt.Sprintf("/api/v1/commitments/%d", w.commitment), canaryCommit, false},
	} {
		status, body := canaryGet(s, "b.viewer", own.path)
		tr := findCanary(body)
		if status != 200 || !strings.Contains(body, own.text) || tr.marker < 0 || tr.id < 0 || (own.localCountry && (tr.local < 0 || tr.country < 0)) {
			t.Fatalf("control: the matching does not find office B's canary in its own record at %s (status %d, traces %+v): the test is broken: %.300s", own.path, status, tr, body)
		}
	}
	// Where the owning office must find the canary: if one of these stops
	// showing it, the parameters no longer pull it in and the same route
	// would pass for office A without testing anything.
	for _, opID := range []string{
		"get-contact", "get-interaction", "get-commitment", "list-contacts", "list-interactions",
		"list-commitments", "search", "get-contact-timeline", "get-organization-timeline",
		"get-visit-itinerary", "get-visit", "list-audit-events", "review-commitments",
		"get-note", "list-contact-notes", "get-document", "download-document", "list-interaction-documents",
		"list-notifications",
	} {
		if !slices.ContainsFunc(ops, func(o canaryOp) bool { return o.id == opID }) {
			t.Errorf("control: the operation %s is gone from the OpenAPI document: update this list with its successor", opID)
		} else if seenBy[opID] == 0 {
			t.Errorf("control: office B's viewer never saw the canary through %s: its parameters do not pull the canary in", opID)
		}
	}
	var seen []string
	for id, n := range seenBy {
		seen = append(seen, fmt.Sprintf("%s×%d", id, n))
	}
	sort.Strings(seen)
	t.Logf("control b.viewer saw the canary through %d operations: %s", len(seenBy), strings.Join(seen, " "))

	// Office A's non-admin roles must never see it. Failures are reported
	// once per operation, role and kind of failure, with the first request
	// that showed it and how many did.
	type failure struct {
		first string
		n     int
	}
	failures := map[string]*failure{}
	var order []string
	fail := func(key, msg string) {
		if f, ok := failures[key]; ok {
			f.n++
			return
		}
		failures[key] = &failure{first: msg, n: 1}
		order = append(order, key)
	}
	for _, user := range []string{"a.viewer", "a.officer", "a.manager"} {
		for _, p := range probes {
			status, body := canaryGet(s, user, p.path)
			switch {
			case p.canaryPath && status != http.StatusNotFound:
				fail(p.opID+" "+user+" status", fmt.Sprintf("LEAK %s GET %s [%s]: status %d, want 404 for another office's restricted record: %.300s", user, p.path, p.opID, status, body))
			case !p.canaryPath && refusedTo(p.opID, user):
				if status != http.StatusForbidden {
					fail(p.opID+" "+user+" status", fmt.Sprintf("%s GET %s [%s]: status %d, want 403 (not for this role): %.300s", user, p.path, p.opID, status, body))
				}
			case !p.canaryPath && status != http.StatusOK:
				fail(p.opID+" "+user+" status", fmt.Sprintf("%s GET %s [%s]: status %d, want 200 (this request tests nothing): %.300s", user, p.path, p.opID, status, body))
			}
			if frag := canaryLeak(body, status/100 == 2); frag != "" {
				fail(p.opID+" "+user+" body", fmt.Sprintf("LEAK %s GET %s [%s] (status %d) shows office B's restricted canary: …%s…", user, p.path, p.opID, status, frag))
			}
		}
	}
	for _, key := range order {
		f := failures[key]
		t.Errorf("%s\n        (%d request(s) of %s failed this way)", f.first, f.n, key)
	}
}

// managersOnly are the read operations that only managers and admins may
// call, the exports: viewers and officers get 403, and office B's manager is
// their positive control.
func managersOnly(opID string) bool {
	return (strings.HasPrefix(opID, "export-") && opID != "export-contact-subject") || opID == "list-contacts-vcard" ||
		opID == "list-duplicates" || opID == "list-retention-due"
}

// refusedTo tells whether a read operation answers 403 to a probed user:
// the managers' reads to viewers and officers, the duplicate check (made
// for the forms of those who write) to viewers.
func refusedTo(opID, user string) bool {
	if managersOnly(opID) {
		return user != "a.manager"
	}
	return opID == "check-duplicates" && user == "a.viewer"
}

// canaryGet sends one GET and follows next_cursor for a few pages; it
// returns the first non-200 status (or 200) and every page's body and
// telling headers joined.
func canaryGet(s *server, as, path string) (int, string) {
	s.t.Helper()
	var bodies []string
	current := path
	for page := 1; ; page++ {
		r := s.do(req{method: "GET", path: current, as: as, header: map[string]string{"X-Request-ID": "canary-probe"}})
		bodies = append(bodies, readableBody(s.t, r)+"\n"+headerText(r))
		if r.Code != http.StatusOK || page == 5 {
			return r.Code, strings.Join(bodies, "\n")
		}
		var list struct {
			NextCursor *string `json:"next_cursor"`
		}
		if json.Unmarshal(r.Body.Bytes(), &list) != nil || list.NextCursor == nil || *list.NextCursor == "" {
			return r.Code, strings.Join(bodies, "\n")
		}
		u, _ := url.Parse(path)
		q := u.Query()
		q.Set("cursor", *list.NextCursor)
		u.RawQuery = q.Encode()
		current = u.String()
	}
}

// readableBody is a response's body as text to search: a workbook (XLSX,
// compressed) is unpacked into the text of its parts.
func readableBody(t *testing.T, r *httptest.ResponseRecorder) string {
	if r.Header().Get("Content-Type") != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
		return r.Body.String()
	}
	zr, err := zip.NewReader(bytes.NewReader(r.Body.Bytes()), int64(r.Body.Len()))
	if err != nil {
		t.Fatalf("an XLSX answer that is no zip: %v", err)
	}
	var b strings.Builder
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(rc)
		_ = rc.Close()
		b.Write(raw)
		b.WriteByte('\n')
	}
	return b.String()
}

// headerText renders the headers a record could leak through.
func headerText(r *httptest.ResponseRecorder) string {
	var b strings.Builder
	for _, k := range []string{"Location", "Content-Disposition", "Link", "ETag"} {
		if v := r.Header().Get(k); v != "" {
			b.WriteString(k + ": " + v + "\n")
		}
	}
	return b.String()
}

// canaryTraces are the positions in body of each kind of trace of the
// canary, -1 where there is none: the marker (any letter case), the Cyrillic
// name, the country as a JSON string, and an id.
type canaryTraces struct{ marker, local, country, id int }

func findCanary(body string) canaryTraces {
	tr := canaryTraces{
		marker:  strings.Index(strings.ToLower(body), canaryMarker),
		local:   strings.Index(body, canaryLocal),
		country: strings.Index(body, `"`+canaryCountry+`"`),
		id:      -1,
	}
	if m := canaryIDPattern.FindStringSubmatchIndex(body); m != nil {
		tr.id = m[4]
	}
	return tr
}

// canaryLeak returns a fragment of body around the first trace of the
// canary, or "". Ids are looked for only in successful answers: an error
// may repeat the id the caller asked for.
func canaryLeak(body string, checkIDs bool) string {
	tr := findCanary(body)
	at := tr.marker
	for _, next := range []int{tr.local, tr.country} {
		if at < 0 {
			at = next
		}
	}
	if at < 0 && checkIDs {
		at = tr.id
	}
	if at < 0 {
		return ""
	}
	from, to := max(0, at-60), min(len(body), at+140)
	return strings.ToValidUTF8(body[from:to], "?")
}

// plantCanary makes the canary in office B and the visible records around it.
func plantCanary(t *testing.T, s *server) *canaryWorld {
	t.Helper()
	b := "b.officer"
	day := func(n int) string { return time.Now().UTC().AddDate(0, 0, n).Format(time.DateOnly) }
	at := func(n, hour int) string {
		return time.Now().UTC().Truncate(24*time.Hour).AddDate(0, 0, n).Add(time.Duration(hour) * time.Hour).Format(time.RFC3339)
	}
	w := &canaryWorld{officeA: s.fx.OfficeA, officeB: s.fx.OfficeB, ownerB: s.fx.Users[b].ID}

	w.orgA, _ = s.create("/api/v1/organizations", "a.officer", map[string]any{"name": "Ministry of Open Affairs", "type": "ministry",
		"level": "national", "country_code": "BA", "influence": 5, "interest": 4, "tags": []string{"sdg-16"}})
	w.orgB, _ = s.create("/api/v1/organizations", b, map[string]any{"name": "Open Partner Network", "type": "ngo",
		"country_code": "IQ", "influence": 5, "interest": 5, "tags": []string{"sdg-16"}})
	w.project, _ = s.create("/api/v1/projects", "b.admin", map[string]any{"code": "OPEN-1", "name": "Open project", "donor_organization_id": w.orgB})
	w.visibleContact, _ = s.create("/api/v1/contacts", b, map[string]any{"given_name": "Visible", "family_name": "Person",
		"positions": []map[string]any{{"organization_id": w.orgB, "title": "Director", "primary": true}}})

	// The canary contact.
	raiseSequence(t, s, "contacts", canaryContactID)
	var contactTag string
	w.contact, contactTag = s.create("/api/v1/contacts", b, map[string]any{"honorific": "Dr", "given_name": canaryGiven,
		"family_name": canaryFamily, "name_local": canaryLocal, "email": canaryEmail, "phone": "+964 770 913 7731",
		"country_code": canaryCountry, "city": canaryCity, "notes": canaryNotes, "restricted": true, "gender": "female",
		"consent_basis": "consent", "languages": []string{"ar"}, "tags": []string{"sdg-16"}, "owner_id": w.ownerB,
		"positions": []map[string]any{
			{"organization_id": w.orgB, "title": canaryTitle, "start_date": day(-400), "primary": true},
			{"organization_id": w.orgA, "title": canaryTitle},
		}})

	// A visible visit, interaction and commitment that name the canary.
	w.visit, _ = s.create("/api/v1/visits", b, map[string]any{"title": "Open study visit", "kind": "study_visit", "status": "completed",
		"start_date": day(-12), "end_date": day(-8), "origin_country_code": "IQ", "host_country_code": "BA", "city": "Sarajevo",
		"project_id": w.project, "tags": []string{"sdg-16"},
		"participants": []map[string]any{
			{"organization_id": w.orgB, "side": "visiting", "role": "delegate"},
			{"contact_id": w.contact, "side": "visiting", "role": "head_of_delegation"},
			{"organization_id": w.orgA, "side": "host", "role": "host"},
		}})
	w.visibleInteraction, _ = s.create("/api/v1/interactions", b, map[string]any{"kind": "meeting", "status": "held",
		"subject": "Open plenary", "starts_at": at(-11, 9), "visit_id": w.visit, "project_id": w.project, "tags": []string{"sdg-16"},
		"participants": []map[string]any{{"organization_id": w.orgA, "role": "host"}, {"contact_id": w.contact, "role": "participant"}}})
	var visibleTag string
	w.visibleCommitment, visibleTag = s.create("/api/v1/commitments", b, map[string]any{"title": "Open follow-up", "direction": "ours",
		"owner_id": w.ownerB, "counterpart_contact_id": w.contact, "due_date": day(-3), "visit_id": w.visit, "project_id": w.project,
		"priority": "high", "tags": []string{"sdg-16"}})

	// The canary interaction and commitment.
	raiseSequence(t, s, "interactions", canaryInteractionID)
	var interactionTag string
	w.interaction, interactionTag = s.create("/api/v1/interactions", b, map[string]any{"kind": "meeting", "status": "held",
		"subject": canarySubject, "summary": canarySummary, "location": canaryLocation, "city": canaryCity,
		"starts_at": at(-10, 10), "ends_at": at(-10, 12), "visit_id": w.visit, "project_id": w.project, "restricted": true,
		"tags": []string{"sdg-16"}, "owner_id": w.ownerB,
		"participants": []map[string]any{
			{"contact_id": w.contact, "role": "speaker"},
			{"organization_id": w.orgB, "role": "participant"},
			{"organization_id": w.orgA, "role": "host"},
		}})
	raiseSequence(t, s, "commitments", canaryCommitmentID)
	var commitmentTag string
	w.commitment, commitmentTag = s.create("/api/v1/commitments", b, map[string]any{"title": canaryCommit, "details": canaryDetails,
		"direction": "theirs", "owner_id": w.ownerB, "counterpart_contact_id": w.contact, "interaction_id": w.interaction,
		"due_date": day(-2), "priority": "high", "restricted": true, "tags": []string{"sdg-16"}})

	if w.contact != canaryContactID || w.interaction != canaryInteractionID || w.commitment != canaryCommitmentID {
		t.Fatalf("canary ids %d, %d, %d; want %d, %d, %d: raising the id sequences failed", w.contact, w.interaction, w.commitment,
			canaryContactID, canaryInteractionID, canaryCommitmentID)
	}

	// History: an update of each, with old and new values.
	patch := func(path, etag string, body map[string]any) {
		t.Helper()
		r := s.do(req{method: "PATCH", path: path, as: b, body: body, header: map[string]string{"If-Match": etag}})
		if r.Code != http.StatusOK {
			t.Fatalf("PATCH %s: %d %s", path, r.Code, r.Body.String())
		}
	}
	patch(fmt.Sprintf("/api/v1/contacts/%d", w.contact), contactTag, map[string]any{"city": canaryCity + "new", "notes": canaryNotes + " (updated)"})
	patch(fmt.Sprintf("/api/v1/interactions/%d", w.interaction), interactionTag, map[string]any{"summary": canarySummary + " (updated)"})
	patch(fmt.Sprintf("/api/v1/commitments/%d", w.commitment), commitmentTag, map[string]any{"status": "in_progress", "details": canaryDetails + " (updated)"})
	patch(fmt.Sprintf("/api/v1/commitments/%d", w.visibleCommitment), visibleTag, map[string]any{"status": "in_progress"})

	// A relationship between the two visible organizations, and the tag
	// that every canary record carries, for their own GETs.
	relationship, _ := s.create("/api/v1/relationships", b, map[string]any{"from_organization_id": w.orgA,
		"to_organization_id": w.orgB, "kind": "partner_of", "note": "Open partnership"})
	var tags struct {
		Items []struct {
			ID int64 `json:"id"`
		} `json:"items"`
	}
	if r := s.do(req{method: "GET", path: "/api/v1/tags?q=sdg-16", as: b}); r.Code != http.StatusOK || json.Unmarshal(r.Body.Bytes(), &tags) != nil || len(tags.Items) != 1 {
		t.Fatalf("the tag sdg-16: %d %s", r.Code, r.Body.String())
	}

	w.pathIDs = map[string][]int64{
		"relationships": {relationship},
		"tags":          {tags.Items[0].ID},
		"organizations": {w.orgB, w.orgA},
		"contacts":      {w.contact, w.visibleContact},
		"interactions":  {w.interaction, w.visibleInteraction},
		"commitments":   {w.commitment, w.visibleCommitment},
		"visits":        {w.visit},
		"projects":      {w.project},
		"offices":       {w.officeB},
		"users":         {w.ownerB},
	}
	w.canaryIDs = map[int64]bool{w.contact: true, w.interaction: true, w.commitment: true}
	plantCanaryNotifications(t, s, w)
	plantCanaryNotesAndDocuments(t, s, w)
	return w
}

// raiseSequence makes the next id of table next.
func raiseSequence(t *testing.T, s *server, table string, next int64) {
	t.Helper()
	var err error
	if modeltest.Kind() == models.Postgres {
		err = s.db.Exec("SELECT setval(pg_get_serial_sequence(?, 'id'), ?, false)", table, next).Error
	} else {
		if err = s.db.Exec("DELETE FROM sqlite_sequence WHERE name = ?", table).Error; err == nil {
			err = s.db.Exec("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", table, next-1).Error
		}
	}
	if err != nil {
		t.Fatalf("raise the id sequence of %s: %v", table, err)
	}
}

// canaryOp is one GET operation to call.
type canaryOp struct {
	id, path string
	params   []canaryParam
}

type canaryParam struct {
	name, in string
	required bool
	enum     []string
	format   string
}

// canaryOperations lists every GET operation of the OpenAPI document the
// server serves, plus any GET route of the router that the document does
// not describe, minus the skip-list; and how many GET operations the
// document describes.
func canaryOperations(t *testing.T, s *server) ([]canaryOp, int) {
	t.Helper()
	r := s.do(req{method: "GET", path: "/api/v1/openapi.json"})
	if r.Code != http.StatusOK {
		t.Fatalf("openapi.json: %d", r.Code)
	}
	type schema struct {
		Enum   []any   `json:"enum"`
		Format string  `json:"format"`
		Items  *schema `json:"items"`
	}
	var doc struct {
		Paths map[string]map[string]struct {
			OperationID string `json:"operationId"`
			Parameters  []struct {
				Name     string `json:"name"`
				In       string `json:"in"`
				Required bool   `json:"required"`
				Schema   schema `json:"schema"`
			} `json:"parameters"`
		} `json:"paths"`
	}
	if err := json.Unmarshal(r.Body.Bytes(), &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	var ops []canaryOp
	described := map[string]bool{}
	documented := 0
	for path, methods := range doc.Paths {
		o, ok := methods["get"]
		if !ok {
			continue
		}
		documented++
		described[path] = true
		if _, skip := canarySkipped[path]; skip {
			continue
		}
		op := canaryOp{id: o.OperationID, path: path}
		for _, p := range o.Parameters {
			cp := canaryParam{name: p.Name, in: p.In, required: p.Required, format: p.Schema.Format}
			enum := p.Schema.Enum
			if p.Schema.Items != nil {
				enum = p.Schema.Items.Enum
				if cp.format == "" {
					cp.format = p.Schema.Items.Format
				}
			}
			for _, e := range enum {
				cp.enum = append(cp.enum, fmt.Sprint(e))
			}
			op.params = append(op.params, cp)
		}
		ops = append(ops, op)
	}
	// GET routes outside the document (plain gin handlers) are called too,
	// with their path parameters filled and no query.
	for _, route := range s.router.Routes {
		if route.Method != http.MethodGet {
			continue
		}
		key := strings.TrimPrefix(routeKey(route.Method, route.Path), "GET ")
		if described[key] {
			continue
		}
		described[key] = true
		if _, skip := canarySkipped[key]; skip {
			continue
		}
		op := canaryOp{id: "router " + key, path: key}
		for _, m := range regexp.MustCompile(`\{([^}]+)\}`).FindAllStringSubmatch(key, -1) {
			op.params = append(op.params, canaryParam{name: m[1], in: "path", required: true})
		}
		ops = append(ops, op)
	}
	for path := range canarySkipped {
		if !described[path] {
			t.Errorf("skip-list entry %s names no GET route: remove it", path)
		}
	}
	sort.Slice(ops, func(i, j int) bool { return ops[i].path < ops[j].path })
	return ops, documented
}

// paths fills the path parameters: each {param} takes the ids of the
// collection named by the segment before it. It also reports which of the
// pathWords are the values of path parameters that name a kind of record
// rather than one record.
var pathWords = map[string][]string{"kind": {"organizations", "contacts", "interactions", "commitments"}}

// paths name a canary record.
func (o canaryOp) paths(t *testing.T, w *canaryWorld) ([]string, []bool) {
	t.Helper()
	paths, canary := []string{o.path}, []bool{false}
	for _, p := range o.params {
		if p.in != "path" {
			continue
		}
		placeholder := "{" + p.name + "}"
		segments := strings.Split(o.path, "/")
		i := slices.Index(segments, placeholder)
		if i < 1 {
			t.Fatalf("%s: cannot place path parameter %s", o.path, p.name)
		}
		ids, ok := w.pathIDs[segments[i-1]]
		if words, named := pathWords[p.name]; named {
			// A parameter that names a kind, not a record: each kind in turn.
			var nextPaths []string
			for _, path := range paths {
				for _, word := range words {
					nextPaths = append(nextPaths, strings.Replace(path, placeholder, word, 1))
				}
			}
			paths, canary = nextPaths, make([]bool, len(nextPaths))
			continue
		}
		if !ok {
			t.Fatalf("%s: no ids for the collection %q of path parameter %s: add the records of that kind that relate to the canary to pathIDs", o.path, segments[i-1], p.name)
		}
		var nextPaths []string
		var nextCanary []bool
		for k, path := range paths {
			for _, id := range ids {
				nextPaths = append(nextPaths, strings.Replace(path, placeholder, fmt.Sprint(id), 1))
				nextCanary = append(nextCanary, canary[k] || w.canaryIDs[id])
			}
		}
		paths, canary = nextPaths, nextCanary
	}
	return paths, canary
}

// queries are the query strings to send: the required parameters alone, and
// with each optional parameter set to every value that could pull the
// canary in. count=true goes on every one when the operation offers it.
func (o canaryOp) queries(t *testing.T, w *canaryWorld) []string {
	t.Helper()
	pull := o.pullValues(w)
	base := url.Values{}
	for _, p := range o.params {
		if p.in != "query" || !p.required {
			continue
		}
		values := pull[p.name]
		if len(values) == 0 && len(p.enum) > 0 {
			values = p.enum
		}
		if len(values) == 0 {
			t.Errorf("%s %s: the required query parameter %q has no value in the canary test: add one to pullValues", o.id, o.path, p.name)
			continue
		}
		base.Set(p.name, values[0])
	}
	for _, p := range o.params {
		if p.in == "query" && p.name == "count" {
			base.Set("count", "true")
		}
	}
	out := []string{base.Encode()}
	with := func(kv ...string) {
		v := url.Values{}
		for k, vs := range base {
			v[k] = slices.Clone(vs)
		}
		for i := 0; i+1 < len(kv); i += 2 {
			v.Set(kv[i], kv[i+1])
		}
		if e := v.Encode(); !slices.Contains(out, e) {
			out = append(out, e)
		}
	}
	declared := map[string]bool{}
	for _, p := range o.params {
		declared[p.name] = p.in == "query"
	}
	for _, p := range o.params {
		if p.in != "query" {
			continue
		}
		switch p.name {
		case "count", "cursor", "limit":
			continue
		case "entity_id":
			continue // with entity, below
		case "entity":
			for _, e := range []struct {
				entity string
				ids    []int64
			}{{"contact", []int64{w.contact}}, {"interaction", []int64{w.interaction}}, {"commitment", []int64{w.commitment, w.visibleCommitment}}} {
				with("entity", e.entity)
				if declared["entity_id"] {
					for _, id := range e.ids {
						with("entity", e.entity, "entity_id", fmt.Sprint(id))
					}
				}
			}
			continue
		}
		values := pull[p.name]
		if len(values) == 0 {
			values = p.enum
		}
		if len(values) == 0 && p.required {
			continue // already in base, and reported there if missing
		}
		if len(values) == 0 {
			t.Logf("%s: query parameter %q is not exercised (no value pulls the canary in)", o.id, p.name)
			continue
		}
		for _, v := range values {
			with(p.name, v)
		}
	}
	if declared["entity_id"] && !declared["entity"] {
		for _, id := range []int64{w.contact, w.interaction, w.commitment} {
			with("entity_id", fmt.Sprint(id))
		}
	}
	return out
}

// pullValues are the values of query parameters, by name, that could bring
// the canary into an answer.
func (o canaryOp) pullValues(w *canaryWorld) map[string][]string {
	ids := func(ids ...int64) []string {
		var out []string
		for _, id := range ids {
			out = append(out, fmt.Sprint(id))
		}
		return out
	}
	past, future := "2000-01-01", "2100-01-01"
	v := map[string][]string{
		"q": {canaryGiven, canaryFamily, canaryGiven + " " + canaryFamily, canaryEmail, "zzcanary", canaryLocal,
			canarySubject, "Zzcanarysubj", canaryCommit, "Zzcanarycommit", canaryCity, canaryTitle},
		"name":                   {canaryGiven + " " + canaryFamily},
		"given_name":             {canaryGiven},
		"family_name":            {canaryFamily},
		"name_local":             {canaryLocal},
		"acronym":                {"ZZC"},
		"exclude_id":             ids(w.visibleContact),
		"id":                     ids(w.contact, w.visibleContact),
		"email":                  {canaryEmail},
		"phone":                  {"+964 770 913 7731"},
		"organization_id":        ids(w.orgB, w.orgA),
		"parent_id":              ids(w.orgB),
		"donor_organization_id":  ids(w.orgB),
		"contact_id":             ids(w.contact, w.visibleContact),
		"counterpart_contact_id": ids(w.contact),
		"ids":                    {strings.Join(ids(w.contact, w.visibleContact, w.orgB), ",")},
		"visit_id":               ids(w.visit),
		"interaction_id":         ids(w.interaction, w.visibleInteraction),
		"commitment_id":          ids(w.commitment, w.visibleCommitment),
		"project_id":             ids(w.project),
		"office_id":              ids(w.officeB),
		"owner_id":               ids(w.ownerB),
		"actor_id":               ids(w.ownerB),
		"country_code":           {canaryCountry, "IQ", "BA"},
		"host_country_code":      {"BA"},
		"origin_country_code":    {"IQ"},
		"tag":                    {"sdg-16"},
		"action":                 {"create", "update"},
		"days":                   {"1", "3650"},
		"archived":               {"false", "true"},
		"unread":                 {"false", "true"},
		"tz":                     {"Europe/Sarajevo"},
		"overdue_limit":          {"200"},
		"from":                   {time.Now().UTC().AddDate(-1, 0, 0).Format(time.DateOnly)},
		"to":                     {time.Now().UTC().AddDate(0, 1, 0).Format(time.DateOnly)},
	}
	for _, p := range o.params {
		lower := strings.HasSuffix(p.name, "after") || p.name == "since"
		upper := strings.HasSuffix(p.name, "before") || p.name == "until"
		if !lower && !upper {
			continue
		}
		when := past
		if upper {
			when = future
		}
		if p.format == "date-time" {
			when += "T00:00:00Z"
		}
		v[p.name] = []string{when}
	}
	return v
}
