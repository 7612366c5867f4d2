package api_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// importForm is an import's multipart body: the file and the form fields.
func importForm(t *testing.T, filename string, content []byte, fields map[string]string) (string, string) {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	fw, err := mw.CreateFormFile("file", filename)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(content)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	mw.Close()
	return b.String(), mw.FormDataContentType()
}

// importFile posts a file to /imports and decodes the answer (when 200).
func (s *server) importFile(as, filename string, content []byte, fields map[string]string) (*httptest.ResponseRecorder, importAnswer) {
	s.t.Helper()
	body, ct := importForm(s.t, filename, content, fields)
	w := s.do(req{method: "POST", path: "/api/v1/imports", as: as, body: body, header: map[string]string{"Content-Type": ct}})
	var a importAnswer
	if w.Code == http.StatusOK {
		if err := json.Unmarshal(w.Body.Bytes(), &a); err != nil {
			s.t.Fatalf("import answer: %v %s", err, w.Body.String())
		}
	}
	return w, a
}

type importAnswer struct {
	DryRun     bool `json:"dry_run"`
	Rows       int  `json:"rows"`
	Created    int  `json:"created"`
	Updated    int  `json:"updated"`
	Skipped    int  `json:"skipped"`
	ErrorCount int  `json:"error_count"`
	Errors     []struct {
		Row      int    `json:"row"`
		Location string `json:"location"`
		Column   string `json:"column"`
		Message  string `json:"message"`
	} `json:"errors"`
	Duplicates []struct {
		Row    int    `json:"row"`
		ID     int64  `json:"id"`
		Reason string `json:"reason"`
	} `json:"duplicates"`
	Format    string `json:"format"`
	Separator string `json:"separator"`
	Columns   []struct {
		Header string  `json:"header"`
		Field  *string `json:"field"`
	} `json:"columns"`
	Preview    [][]string `json:"preview"`
	CreatedIDs [][2]int64 `json:"created_ids"`
}

// count is the total of a list as the caller sees it.
func (s *server) count(path, as string) int {
	s.t.Helper()
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	w := s.do(req{method: "GET", path: path + sep + "count=true", as: as})
	if w.Code != 200 {
		s.t.Fatalf("GET %s: %d %s", path, w.Code, w.Body.String())
	}
	return int(decode(s.t, w)["total"].(float64))
}

// A contact list as a Bosnian Excel saves it: UTF-8 with a BOM, semicolons,
// a quoted cell with a line break, day-first dates irrelevant here.
const bosnianContacts = "\ufeffIme;Prezime;Email;Telefon;Organizacija;Funkcija;Grad\r\n" +
	"Đorđe;Šećerović;djordje@example.ba;+387 61 111 222;MCP;Šef odsjeka;Banja Luka\r\n" +
	"Čedomir;Žužić;cedo@example.ba;;Ministry of Civil Affairs;\"Savjetnik,\r\nodsjek za pasoše\";Sarajevo\r\n" +
	"Ćamila;Hodžić;camila@example.ba;+387 33 444 555;;;Zenica\r\n"

var bosnianMapping = `{"Ime":"given_name","Prezime":"family_name","Email":"email","Telefon":"phone",` +
	`"Organizacija":"organization","Funkcija":"title","Grad":"city"}`

func TestImportBosnianSemicolonCSV(t *testing.T) {
	s := newServer(t)
	s.create("/api/v1/organizations", "a.officer", map[string]any{"name": "Ministry of Civil Affairs", "acronym": "MCP", "type": "ministry"})
	before := s.count("/api/v1/contacts", "a.officer")

	w, dry := s.importFile("a.officer", "kontakti.csv", []byte(bosnianContacts), map[string]string{"kind": "contacts", "mapping": bosnianMapping})
	if w.Code != 200 || !dry.DryRun || dry.Rows != 3 || dry.Created != 3 || dry.ErrorCount != 0 || dry.Format != "csv" || dry.Separator != ";" {
		t.Fatalf("dry run: %d %s", w.Code, w.Body.String())
	}
	if dry.Columns[0].Header != "Ime" || *dry.Columns[0].Field != "given_name" || dry.Preview[1][5] != "Savjetnik,\r\nodsjek za pasoše" && dry.Preview[1][5] != "Savjetnik,\nodsjek za pasoše" {
		t.Fatalf("columns and preview: %+v %q", dry.Columns, dry.Preview)
	}
	if got := s.count("/api/v1/contacts", "a.officer"); got != before {
		t.Fatalf("a dry run wrote: %d contacts, %d before", got, before)
	}

	w, done := s.importFile("a.officer", "kontakti.csv", []byte(bosnianContacts),
		map[string]string{"kind": "contacts", "mapping": bosnianMapping, "dry_run": "false"})
	if w.Code != 200 || done.DryRun || done.Created != 3 || len(done.CreatedIDs) != 1 || done.CreatedIDs[0][1]-done.CreatedIDs[0][0] != 2 {
		t.Fatalf("import: %d %s", w.Code, w.Body.String())
	}
	id := done.CreatedIDs[0][0]
	c := decode(t, s.do(req{method: "GET", path: fmt.Sprintf("/api/v1/contacts/%d", id), as: "b.viewer"}))
	pos := c["positions"].([]any)
	if c["full_name"] != "Đorđe Šećerović" || c["city"] != "Banja Luka" || len(pos) != 1 || pos[0].(map[string]any)["title"] != "Šef odsjeka" {
		t.Fatalf("imported contact: %v", c)
	}
	if got := s.count("/api/v1/contacts?q=Secerovic", "a.officer"); got != 1 {
		t.Fatalf("search finds the imported contact without accents: %d", got)
	}
	audit := decode(t, s.do(req{method: "GET", path: "/api/v1/audit?entity=contact", as: "a.admin"}))
	imports := 0
	for _, e := range audit["items"].([]any) {
		if e.(map[string]any)["action"] == "import" {
			imports++
		}
	}
	if imports != 1 {
		t.Fatalf("one audit event per import: %d in %v", imports, audit)
	}

	// The same file again: every row a duplicate, nothing created.
	w, again := s.importFile("a.officer", "kontakti.csv", []byte(bosnianContacts),
		map[string]string{"kind": "contacts", "mapping": bosnianMapping, "dry_run": "false"})
	if w.Code != 200 || again.Created != 0 || again.Skipped != 3 || len(again.Duplicates) != 3 ||
		again.Duplicates[0].ID != id || again.Duplicates[0].Row != 2 || again.Duplicates[0].Reason != "same_email" {
		t.Fatalf("re-import: %d %s", w.Code, w.Body.String())
	}
	if got := s.count("/api/v1/contacts", "a.officer"); got != before+3 {
		t.Fatalf("re-import created: %d contacts, want %d", got, before+3)
	}

	// on_duplicate=update changes the existing records instead.
	changed := strings.Replace(bosnianContacts, "Banja Luka", "Bijeljina", 1)
	w, upd := s.importFile("a.officer", "kontakti.csv", []byte(changed),
		map[string]string{"kind": "contacts", "mapping": bosnianMapping, "dry_run": "false", "on_duplicate": "update"})
	if w.Code != 200 || upd.Updated != 3 || upd.Created != 0 {
		t.Fatalf("update: %d %s", w.Code, w.Body.String())
	}
	c = decode(t, s.do(req{method: "GET", path: fmt.Sprintf("/api/v1/contacts/%d", id), as: "a.officer"}))
	if c["city"] != "Bijeljina" || len(c["positions"].([]any)) != 1 {
		t.Fatalf("updated contact: %v", c)
	}
}

// arabicOrganizations is an XLSX whose headers are Arabic.
func arabicOrganizations(t *testing.T) []byte {
	t.Helper()
	f := excelize.NewFile()
	rows := [][]any{
		{"الاسم", "الاختصار", "النوع", "البلد", "المدينة", "التأثير"},
		{"وزارة الداخلية", "MOI", "ministry", "IQ", "بغداد", 5},
		{"هيئة النزاهة", "", "government_agency", "IQ", "بغداد", 3},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	b, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestImportXLSXWithArabicHeaders(t *testing.T) {
	s := newServer(t)
	file := arabicOrganizations(t)
	w, first := s.importFile("a.officer", "جهات.xlsx", file, map[string]string{"kind": "organizations"})
	if w.Code != 200 || first.Format != "xlsx" || first.Columns[0].Field != nil || first.ErrorCount == 0 {
		t.Fatalf("unmapped Arabic headers map to nothing, and the name is missing: %d %s", w.Code, w.Body.String())
	}
	if first.Errors[0].Row != 2 || first.Errors[0].Location != "body.name" {
		t.Fatalf("first error: %+v", first.Errors[0])
	}
	mapping := `{"الاسم":"name","الاختصار":"acronym","النوع":"type","البلد":"country_code","المدينة":"city","التأثير":"influence"}`
	w, done := s.importFile("a.officer", "جهات.xlsx", file, map[string]string{"kind": "organizations", "mapping": mapping, "dry_run": "false"})
	if w.Code != 200 || done.Created != 2 || done.ErrorCount != 0 {
		t.Fatalf("import: %d %s", w.Code, w.Body.String())
	}
	o := decode(t, s.do(req{method: "GET", path: fmt.Sprintf("/api/v1/organizations/%d", done.CreatedIDs[0][0]), as: "a.officer"}))
	if o["name"] != "وزارة الداخلية" || o["acronym"] != "MOI" || o["influence"] != float64(5) || o["city"] != "بغداد" {
		t.Fatalf("imported organization: %v", o)
	}
}

func TestImportBadRowsWriteNothing(t *testing.T) {
	s := newServer(t)
	before := s.count("/api/v1/organizations", "a.officer")
	file := "name,type,email,influence,parent\n" +
		"Good one,ngo,info@good.example,3,\n" +
		"Bad email,ngo,not-an-email,2,\n" +
		",ngo,,,\n" +
		"\n" +
		"Good two,ngo,,,\n" +
		"Bad influence,ngo,,9,No Such Parent\n"
	for _, dry := range []string{"true", "false"} {
		w, a := s.importFile("a.officer", "orgs.csv", []byte(file), map[string]string{"kind": "organizations", "dry_run": dry})
		if w.Code != 200 || a.ErrorCount != 4 || dry == "true" && a.Created != 2 || dry == "false" && a.Created != 0 {
			t.Fatalf("dry_run=%s: %d %s", dry, w.Code, w.Body.String())
		}
		got := map[string]bool{}
		for _, e := range a.Errors {
			got[fmt.Sprintf("%d %s", e.Row, e.Location)] = true
		}
		for _, want := range []string{"3 body.email", "4 body.name", "7 body.influence", "7 body.parent"} {
			if !got[want] {
				t.Fatalf("dry_run=%s: no error %q in %+v", dry, want, a.Errors)
			}
		}
	}
	if got := s.count("/api/v1/organizations", "a.officer"); got != before {
		t.Fatalf("a file with errors wrote: %d, %d before", got, before)
	}
}

func TestImportRefusals(t *testing.T) {
	s := newServer(t)
	csv := []byte("name,type\nOne,ngo\n")
	cases := []struct {
		name, as, filename string
		content            []byte
		fields             map[string]string
		status             int
		location           string
	}{
		{"viewer", "a.viewer", "o.csv", csv, map[string]string{"kind": "organizations"}, 403, ""},
		{"oversized", "a.officer", "o.csv", bytes.Repeat([]byte("x,y\n"), 20<<18+1), map[string]string{"kind": "organizations"}, 413, ""},
		{"pdf", "a.officer", "o.csv", testPDF, map[string]string{"kind": "organizations"}, 415, "body.file"},
		{"not utf-8", "a.officer", "o.csv", []byte("ime,prezime\n\xe8ed\xe7,\x9aa\n"), map[string]string{"kind": "contacts"}, 415, "body.file"},
		{"bad kind", "a.officer", "o.csv", csv, map[string]string{"kind": "people"}, 422, "body.kind"},
		{"unknown field", "a.officer", "o.csv", csv, map[string]string{"kind": "organizations", "mapping": `{"name":"nickname"}`}, 422, "body.mapping"},
		{"bad on_duplicate", "a.officer", "o.csv", csv, map[string]string{"kind": "organizations", "on_duplicate": "merge"}, 422, "body.on_duplicate"},
		{"mapping not JSON", "a.officer", "o.csv", csv, map[string]string{"kind": "organizations", "mapping": "name=type"}, 422, "body.mapping"},
		{"unknown form field", "a.officer", "o.csv", csv, map[string]string{"kind": "organizations", "office_id": "2"}, 422, "body.office_id"},
	}
	for _, c := range cases {
		w, _ := s.importFile(c.as, c.filename, c.content, c.fields)
		if w.Code != c.status || c.location != "" && !strings.Contains(w.Body.String(), `"location":"`+c.location+`"`) ||
			!strings.HasPrefix(w.Header().Get("Content-Type"), "application/problem+json") {
			t.Errorf("%s: %d %s", c.name, w.Code, w.Body.String())
		}
	}
	w := s.do(req{method: "POST", path: "/api/v1/imports", as: "a.officer", body: `{"kind":"contacts"}`})
	if w.Code != 415 {
		t.Errorf("JSON body: %d %s", w.Code, w.Body.String())
	}
	if n := s.count("/api/v1/organizations?q=One", "a.officer"); n != 0 {
		t.Fatalf("a refused import wrote %d", n)
	}
}

func TestImportNeverRevealsRestrictedContactsOfOtherOffices(t *testing.T) {
	s := newServer(t)
	s.create("/api/v1/contacts", "b.officer", map[string]any{"given_name": "Secret", "family_name": "Source",
		"email": "source@example.org", "restricted": true})
	open, _ := s.create("/api/v1/contacts", "b.officer", map[string]any{"given_name": "Open", "family_name": "Person", "email": "open@example.org"})
	file := "given_name,family_name,email\nSecret,Source,SOURCE@example.org\nOpen,Person,open@example.org\n"
	w, a := s.importFile("a.officer", "c.csv", []byte(file), map[string]string{"kind": "contacts"})
	if w.Code != 200 || len(a.Duplicates) != 1 || a.Duplicates[0].ID != open || a.Duplicates[0].Row != 3 || a.Created != 1 {
		t.Fatalf("duplicates: %d %s", w.Code, w.Body.String())
	}
	// on_duplicate=update may not change another office's contact.
	w, a = s.importFile("a.officer", "c.csv", []byte(file), map[string]string{"kind": "contacts", "on_duplicate": "update"})
	if w.Code != 200 || a.ErrorCount != 1 || a.Errors[0].Row != 3 {
		t.Fatalf("update of another office's contact: %d %s", w.Code, w.Body.String())
	}
}

func TestImportInteractionsAndCommitmentsByName(t *testing.T) {
	s := newServer(t)
	s.create("/api/v1/organizations", "a.officer", map[string]any{"name": "United Nations Development Programme", "acronym": "UNDP", "type": "international_organization"})
	s.create("/api/v1/contacts", "a.officer", map[string]any{"given_name": "Amra", "family_name": "Hodžić", "email": "amra@example.ba"})
	meetings := "Kind,Subject,Starts at,Participants,Owner\n" +
		"Meeting,Donor coordination,20.11.2026 10:00,\"UNDP [host]\nAmra Hodžić\",a.colleague@example.org\n" +
		"call,Follow-up call,2026-11-21 09:30,amra@example.ba [speaker],\n"
	w, a := s.importFile("a.officer", "m.csv", []byte(meetings), map[string]string{"kind": "interactions", "dry_run": "false"})
	if w.Code != 200 || a.Created != 2 {
		t.Fatalf("interactions: %d %s", w.Code, w.Body.String())
	}
	it := decode(t, s.do(req{method: "GET", path: fmt.Sprintf("/api/v1/interactions/%d", a.CreatedIDs[0][0]), as: "a.officer"}))
	if len(it["participants"].([]any)) != 2 || it["starts_at"] != "2026-11-20T10:00:00Z" || it["owner_id"] != float64(s.fx.Users["a.colleague"].ID) {
		t.Fatalf("imported interaction: %v", it)
	}
	w, again := s.importFile("a.officer", "m.csv", []byte(meetings), map[string]string{"kind": "interactions", "dry_run": "false"})
	if w.Code != 200 || again.Created != 0 || again.Skipped != 2 {
		t.Fatalf("interactions again: %d %s", w.Code, w.Body.String())
	}
	follow := "title,counterpart_organization,counterpart_contact,due_date\nSend the report,UNDP,Amra Hodžić,15.12.2026\nCall back,Nobody Inc,,2026-12-20\n"
	w, c := s.importFile("a.officer", "c.csv", []byte(follow), map[string]string{"kind": "commitments", "dry_run": "false"})
	if w.Code != 200 || c.ErrorCount != 1 || c.Errors[0].Row != 3 || c.Errors[0].Location != "body.counterpart_organization" || c.Created != 0 {
		t.Fatalf("commitments: %d %s", w.Code, w.Body.String())
	}
}

func TestImportStreamsProgress(t *testing.T) {
	s := newServer(t)
	var b strings.Builder
	b.WriteString("given_name,family_name\n")
	for i := range 2500 {
		fmt.Fprintf(&b, "Person,Number %d\n", i)
	}
	body, ct := importForm(t, "many.csv", []byte(b.String()), map[string]string{"kind": "contacts", "dry_run": "false"})
	w := s.do(req{method: "POST", path: "/api/v1/imports", as: "a.officer", body: body,
		header: map[string]string{"Content-Type": ct, "Accept": "application/x-ndjson"}})
	if w.Code != 200 || w.Header().Get("Content-Type") != "application/x-ndjson" {
		t.Fatalf("stream: %d %v", w.Code, w.Header())
	}
	var progress []int
	var result map[string]any
	sc := bufio.NewScanner(w.Body)
	for sc.Scan() {
		var line map[string]any
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			t.Fatalf("line %q: %v", sc.Text(), err)
		}
		if r, ok := line["rows"]; ok {
			progress = append(progress, int(r.(float64)))
		}
		if r, ok := line["result"]; ok {
			result = r.(map[string]any)
		}
	}
	if fmt.Sprint(progress) != "[1000 2000 2500]" || result == nil || result["created"] != float64(2500) {
		t.Fatalf("progress %v, result %v", progress, result)
	}
}

func TestImportTemplates(t *testing.T) {
	s := newServer(t)
	w := s.do(req{method: "GET", path: "/api/v1/imports/templates/contacts?format=csv", as: "a.viewer"})
	if w.Code != 200 || !strings.HasPrefix(w.Body.String(), "\ufeffHonorific,Given name,Family name") ||
		!strings.Contains(w.Header().Get("Content-Disposition"), "contacts-template.csv") {
		t.Fatalf("csv template: %d %s", w.Code, w.Body.String())
	}
	// The template imports as it stands.
	s.create("/api/v1/organizations", "a.officer", map[string]any{"name": "Ministry of Civil Affairs", "acronym": "MCP", "type": "ministry"})
	w = s.do(req{method: "GET", path: "/api/v1/imports/templates/contacts?format=xlsx", as: "a.officer"})
	if w.Code != 200 {
		t.Fatalf("xlsx template: %d", w.Code)
	}
	_, a := s.importFile("a.officer", "t.xlsx", w.Body.Bytes(), map[string]string{"kind": "contacts"})
	if a.ErrorCount != 0 || a.Created != 1 {
		t.Fatalf("the template does not import: %+v", a)
	}
	if w := s.do(req{method: "GET", path: "/api/v1/imports/templates/people?format=csv", as: "a.officer"}); w.Code != 422 {
		t.Fatalf("unknown kind: %d", w.Code)
	}
}
