package services

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"liaison/models"
)

// The messages of an import are what people read, row by row, in the
// wizard; the app translates each by its exact wording
// (frontend/src/i18n/serverMessages.ts). A change of wording here must be
// made there too, or Arabic and Bosnian readers get English again.
func TestImportMessagesKeepTheirWording(t *testing.T) {
	e := newEnv(t)
	a := e.as("a.officer")
	must(e.svc.Organizations.Create(e.ctx, a, OrganizationInput{Name: "Ministry of Civil Affairs", Acronym: "MCP", Type: "ministry"}))
	for range 2 {
		must(e.svc.Organizations.Create(e.ctx, a, OrganizationInput{Name: "Twin Agency", Type: "ngo"}))
		must(e.svc.Contacts.Create(e.ctx, a, ContactInput{GivenName: "Amra", FamilyName: "Hodžić"}))
	}
	theirs := must(e.svc.Organizations.Create(e.ctx, e.as("b.officer"), OrganizationInput{Name: "Ministry of Returns", Type: "ministry"}))

	type rowError struct{ Location, Message string }
	cases := []struct {
		name, kind, file, onDuplicate string
		want                          rowError
	}{
		{"whole number", ImportOrganizations, "name,type,influence\nX,ngo,high\n", "",
			rowError{"body.influence", "must be a whole number"}},
		{"score", ImportOrganizations, "name,type,interest\nX,ngo,9\n", "",
			rowError{"body.interest", "must be between 1 and 5"}},
		{"enum", ImportOrganizations, "name,type\nX,planet\n", "",
			rowError{"body.type", "must be one of " + strings.Join(models.OrgTypes, ", ")}},
		{"unknown organization", ImportOrganizations, "name,type,parent\nX,ngo,Nowhere\n", "",
			rowError{"body.parent", `no organization called "Nowhere" in your office`}},
		{"ambiguous organization", ImportOrganizations, "name,type,parent\nX,ngo,Twin Agency\n", "",
			rowError{"body.parent", `"Twin Agency" names 2 records of your office: write the organization's id instead`}},
		{"unknown owner", ImportOrganizations, "name,type,owner\nX,ngo,nobody@example.org\n", "",
			rowError{"body.owner", `no user with the email "nobody@example.org"`}},
		{"country", ImportOrganizations, "name,type,country_code\nX,ngo,XX\n", "",
			rowError{"body.country_code", `unknown country code "XX"`}},
		{"phone", ImportOrganizations, "name,type,phone\nX,ngo,abc\n", "",
			rowError{"body.phone", "must be a phone number: international (+387 61 123 456), or national for the record's country"}},
		{"another office's record", ImportOrganizations, "name,type\nMinistry of Returns,ministry\n", OnDuplicateUpdate,
			rowError{"body.id", fmt.Sprintf("the existing record %d is another office's: it cannot be updated", theirs.ID)}},
		{"yes or no", ImportContacts, "given_name,restricted\nAmir,maybe\n", "",
			rowError{"body.restricted", "must be yes or no"}},
		{"date", ImportContacts, "given_name,consent_date\nAmir,yesterday\n", "",
			rowError{"body.consent_date", "must be a date and time, such as 2026-11-20 10:00"}},
		{"future consent", ImportContacts, "given_name,consent_date\nAmir,2099-01-01\n", "",
			rowError{"body.consent_date", "cannot be in the future"}},
		{"title without organization", ImportContacts, "given_name,title\nAmir,Director\n", "",
			rowError{"body.organization", "a title needs the organization of the position"}},
		{"language", ImportContacts, "given_name,languages\nAmir,english\n", "",
			rowError{"body.languages", `"english" is not an ISO 639-1 code`}},
		{"no organization by id", ImportContacts, "given_name,organization\nAmir,#999999\n", "",
			rowError{"body.organization", "no such organization"}},
		{"unknown participant", ImportInteractions, "kind,subject,starts_at,participants\nmeeting,S,2026-01-05 10:00,Nobody Known\n", "",
			rowError{"body.participants", `no organization or contact called "Nobody Known" in your office`}},
		{"participant twice", ImportInteractions, "kind,subject,starts_at,participants\nmeeting,S,2026-01-05 10:00,MCP; Ministry of Civil Affairs\n", "",
			rowError{"body.participants", "this organization is already a participant"}},
		{"no contact by id", ImportInteractions, "kind,subject,starts_at,participants\nmeeting,S,2026-01-05 10:00,@999999\n", "",
			rowError{"body.participants", "no such contact"}},
		{"held ahead", ImportInteractions, "kind,subject,starts_at,status\nmeeting,S,2099-01-05 10:00,held\n", "",
			rowError{"body.status", "cannot be held: it starts in the future (planned until it happens)"}},
		{"ends before it starts", ImportInteractions, "kind,subject,starts_at,ends_at\nmeeting,S,2026-01-05 10:00,2026-01-05 09:00\n", "",
			rowError{"body.ends_at", "is before starts_at"}},
		{"unknown contact", ImportCommitments, "title,counterpart_contact\nT,Nobody\n", "",
			rowError{"body.counterpart_contact", `no contact called "Nobody" in your office`}},
		{"ambiguous contact", ImportCommitments, "title,counterpart_contact\nT,Amra Hodžić\n", "",
			rowError{"body.counterpart_contact", `"Amra Hodžić" names 2 records of your office: write the contact's id instead`}},
		{"no data rows", ImportCommitments, "title,due_date\n", "",
			rowError{"body.file", "has no data rows"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := must(e.svc.Import().File(e.ctx, a, ImportFileRequest{Kind: c.kind, File: spreadsheet(t, c.file), OnDuplicate: c.onDuplicate, DryRun: true}))
			var got []rowError
			for _, r := range res.Errors {
				got = append(got, rowError{r.Location, r.Message})
			}
			if len(got) != 1 || got[0] != c.want {
				t.Errorf("errors = %q, want %q", got, c.want)
			}
		})
	}

	// The whole file's refusals, before any row.
	refusals := []struct {
		name string
		req  ImportFileRequest
		want string
	}{
		{"two columns for one field", ImportFileRequest{Kind: ImportOrganizations, File: spreadsheet(t, "Name,name\nX,Y\n")},
			`columns "Name" and "name" both map to name`},
		{"a field of another kind", ImportFileRequest{Kind: ImportOrganizations, File: spreadsheet(t, "Name\nX\n"),
			Mapping: map[string]string{"Name": "given_name"}}, `column "Name" maps to "given_name", which is not a field of organizations`},
		{"unknown kind", ImportFileRequest{Kind: "people", File: spreadsheet(t, "Name\nX\n")},
			"must be one of organizations, contacts, interactions, commitments"},
		{"no header", ImportFileRequest{Kind: ImportOrganizations, File: emptyWorkbook(t)}, "has no header row"},
	}
	for _, c := range refusals {
		t.Run(c.name, func(t *testing.T) {
			_, err := e.svc.Import().File(e.ctx, a, c.req)
			var verr *ValidationError
			if !errors.As(err, &verr) || len(verr.Fields) != 1 || verr.Fields[0].Message != c.want {
				t.Errorf("error = %v, want %q", err, c.want)
			}
		})
	}
	_, err := e.svc.Import().File(e.ctx, a, ImportFileRequest{Kind: ImportOrganizations, File: spreadsheet(t, "%PDF-1.7\x00\x01")})
	if !errors.Is(err, ErrUnsupportedFile) || err.Error() != "not a CSV (UTF-8) or XLSX file" {
		t.Errorf("a file that is no spreadsheet: %v", err)
	}
}

// emptyWorkbook is an XLSX file whose sheet has no row at all.
func emptyWorkbook(t *testing.T) *os.File {
	t.Helper()
	path := filepath.Join(t.TempDir(), "empty.xlsx")
	wb := excelize.NewFile()
	if err := wb.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	_ = wb.Close()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}
