package api_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// columnsOnly posts a file with columns_only=true and the given fields.
func (s *server) columnsOnly(as, filename string, content []byte, fields map[string]string) (int, importAnswer, string) {
	s.t.Helper()
	form := map[string]string{"columns_only": "true"}
	for k, v := range fields {
		form[k] = v
	}
	w, a := s.importFile(as, filename, content, form)
	return w.Code, a, w.Body.String()
}

// stored counts what an import could write or audit, to show that a
// columns-only read wrote nothing.
func (s *server) stored() string {
	return fmt.Sprint(s.rows("organizations", "1=1"), s.rows("contacts", "1=1"), s.rows("audit_events", "1=1"))
}

// The wizard's first step: the columns, the fields they map to by
// themselves and the first rows, exactly as the dry run gives them, for a
// Bosnian semicolon CSV with a BOM and an XLSX with Arabic headers.
func TestImportColumnsOnlyGivesTheDryRunsColumnsAndPreview(t *testing.T) {
	s := newServer(t)
	before := s.stored()
	cases := []struct {
		name, filename string
		content        []byte
		kind           string
		format, sep    string
		first          string // the first column's header
		rows           int
	}{
		{"csv", "kontakti.csv", []byte(bosnianContacts), "contacts", "csv", ";", "Ime", 3},
		{"xlsx", "جهات.xlsx", arabicOrganizations(t), "organizations", "xlsx", "", "الاسم", 2},
	}
	for _, c := range cases {
		code, cols, body := s.columnsOnly("a.officer", c.filename, c.content, map[string]string{"kind": c.kind})
		if code != 200 || !cols.DryRun || cols.Format != c.format || cols.Separator != c.sep || cols.Rows != c.rows ||
			cols.ErrorCount != 0 || len(cols.Errors) != 0 || cols.Created != 0 || len(cols.Duplicates) != 0 {
			t.Fatalf("%s: %d %s", c.name, code, body)
		}
		if cols.Columns[0].Header != c.first || cols.Columns[0].Field != nil || len(cols.Preview) != c.rows {
			t.Fatalf("%s: columns %+v preview %q", c.name, cols.Columns, cols.Preview)
		}
		_, dry := s.importFile("a.officer", c.filename, c.content, map[string]string{"kind": c.kind})
		if !reflect.DeepEqual(cols.Columns, dry.Columns) || !reflect.DeepEqual(cols.Preview, dry.Preview) {
			t.Fatalf("%s: columns-only %+v %q, dry run %+v %q", c.name, cols.Columns, cols.Preview, dry.Columns, dry.Preview)
		}
	}
	_, cols, _ := s.columnsOnly("a.officer", "kontakti.csv", []byte(bosnianContacts), map[string]string{"kind": "contacts"})
	if email := cols.Columns[2]; email.Header != "Email" || email.Field == nil || *email.Field != "email" {
		t.Fatalf("a header that is a field's label maps by itself: %+v", email)
	}
	_, cols, _ = s.columnsOnly("a.officer", "kontakti.csv", []byte(bosnianContacts), map[string]string{"kind": "contacts", "mapping": bosnianMapping})
	if f := cols.Columns[0].Field; f == nil || *f != "given_name" {
		t.Fatalf("the mapping sent is applied: %+v", cols.Columns)
	}
	if after := s.stored(); after != before {
		t.Fatalf("organizations, contacts, audit events: %s after, %s before", after, before)
	}
}

// Columns-only checks no row: a file whose third row is wrong, and whose
// rows beyond the preview are wrong and duplicates, answers with the first
// five rows and no error, where the dry run names them all.
func TestImportColumnsOnlyChecksNoRow(t *testing.T) {
	s := newServer(t)
	s.create("/api/v1/organizations", "a.officer", map[string]any{"name": "Existing NGO", "type": "ngo", "email": "info@existing.example"})
	before := s.stored()
	file := "name,type,email,influence\n" +
		"Good one,ngo,info@good.example,3\n" +
		"Bad email,ngo,not-an-email,2\n" +
		"\n" +
		"Good two,ngo,,\n" +
		"Good three,ngo,,\n" +
		"Good four,ngo,,\n" +
		"Bad influence,ngo,,9\n" +
		"Existing NGO,ngo,info@existing.example,\n"
	code, cols, body := s.columnsOnly("a.officer", "orgs.csv", []byte(file), map[string]string{"kind": "organizations"})
	if code != 200 || cols.ErrorCount != 0 || len(cols.Errors) != 0 || len(cols.Duplicates) != 0 || cols.Rows != 5 || len(cols.Preview) != 5 {
		t.Fatalf("columns-only: %d %s", code, body)
	}
	if cols.Preview[1][2] != "not-an-email" || cols.Preview[4][0] != "Good four" || *cols.Columns[2].Field != "email" {
		t.Fatalf("preview passes over the blank row and keeps the bad one: %q", cols.Preview)
	}
	_, dry := s.importFile("a.officer", "orgs.csv", []byte(file), map[string]string{"kind": "organizations"})
	if dry.ErrorCount != 2 || dry.Errors[0].Row != 3 || len(dry.Duplicates) != 1 || dry.Rows != 7 {
		t.Fatalf("the dry run names the bad rows and the duplicate: %+v", dry)
	}
	if after := s.stored(); after != before {
		t.Fatalf("organizations, contacts, audit events: %s after, %s before", after, before)
	}

	// Two columns for one field: told (the client is about to map them), not refused.
	code, cols, body = s.columnsOnly("a.officer", "c.csv", []byte("Email,E-mail,name\na@x.example,b@x.example,A\n"),
		map[string]string{"kind": "organizations", "mapping": `{"E-mail":"email"}`})
	if code != 200 || *cols.Columns[0].Field != "email" || *cols.Columns[1].Field != "email" {
		t.Fatalf("two columns for one field: %d %s", code, body)
	}
}

// A columns-only read keeps every refusal of an import, and refuses to go
// with dry_run=false.
func TestImportColumnsOnlyRefusals(t *testing.T) {
	s := newServer(t)
	empty := excelize.NewFile()
	emptyXLSX, err := empty.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	csv := []byte("name,type\nOne,ngo\n")
	cases := []struct {
		name, as, filename string
		content            []byte
		fields             map[string]string
		status             int
		location           string
	}{
		{"viewer", "a.viewer", "o.csv", csv, map[string]string{"kind": "organizations"}, 403, ""},
		{"oversized", "a.officer", "o.csv", []byte(strings.Repeat("x,y\n", 20<<18+1)), map[string]string{"kind": "organizations"}, 413, ""},
		{"pdf", "a.officer", "o.csv", testPDF, map[string]string{"kind": "organizations"}, 415, "body.file"},
		{"no header row", "a.officer", "o.xlsx", emptyXLSX.Bytes(), map[string]string{"kind": "organizations"}, 422, "body.file"},
		{"bad kind", "a.officer", "o.csv", csv, map[string]string{"kind": "people"}, 422, "body.kind"},
		{"unknown field", "a.officer", "o.csv", csv, map[string]string{"kind": "organizations", "mapping": `{"name":"nickname"}`}, 422, "body.mapping"},
		{"not a dry run", "a.officer", "o.csv", csv, map[string]string{"kind": "organizations", "dry_run": "false"}, 422, "body.columns_only"},
	}
	for _, c := range cases {
		code, _, body := s.columnsOnly(c.as, c.filename, c.content, c.fields)
		if code != c.status || c.location != "" && !strings.Contains(body, `"location":"`+c.location+`"`) {
			t.Errorf("%s: %d %s", c.name, code, body)
		}
	}
	w, _ := s.importFile("a.officer", "o.csv", csv, map[string]string{"kind": "organizations", "columns_only": "maybe"})
	if w.Code != 422 || !strings.Contains(w.Body.String(), `"location":"body.columns_only"`) {
		t.Errorf("columns_only=maybe: %d %s", w.Code, w.Body.String())
	}
	if n := s.count("/api/v1/organizations?q=One", "a.officer"); n != 0 {
		t.Fatalf("a refused read wrote %d", n)
	}
}

// A client that always asks for the stream (the SPA does) gets the result
// as the stream's one line; a refusal keeps its own status.
func TestImportColumnsOnlyStreamsItsResult(t *testing.T) {
	s := newServer(t)
	post := func(as string) (int, string, []string) {
		body, ct := importForm(t, "c.csv", []byte(bosnianContacts), map[string]string{"kind": "contacts", "columns_only": "true"})
		w := s.do(req{method: "POST", path: "/api/v1/imports", as: as, body: body,
			header: map[string]string{"Content-Type": ct, "Accept": "application/x-ndjson, application/problem+json"}})
		var lines []string
		for sc := bufio.NewScanner(w.Body); sc.Scan(); {
			lines = append(lines, sc.Text())
		}
		return w.Code, w.Header().Get("Content-Type"), lines
	}
	code, ct, lines := post("a.officer")
	if code != 200 || ct != "application/x-ndjson" || len(lines) != 1 {
		t.Fatalf("stream: %d %s %q", code, ct, lines)
	}
	var line struct {
		Result *importAnswer `json:"result"`
	}
	if err := json.Unmarshal([]byte(lines[0]), &line); err != nil || line.Result == nil || len(line.Result.Columns) != 7 || line.Result.Rows != 3 {
		t.Fatalf("line %q: %v", lines[0], err)
	}
	if code, ct, _ := post("a.viewer"); code != 403 || !strings.HasPrefix(ct, "application/problem+json") {
		t.Fatalf("viewer: %d %s", code, ct)
	}
}
