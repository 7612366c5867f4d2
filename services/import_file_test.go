package services

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"liaison/models"
)

// spreadsheet writes content to a temporary file, as the API spools uploads.
func spreadsheet(t testing.TB, content string) *os.File {
	t.Helper()
	f, err := os.Create(filepath.Join(t.TempDir(), "upload"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(content); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// A bad row in a later batch undoes the batches before it: the file is one
// transaction, and the maintained tables stay exact whether it commits or not.
func TestImportFileIsAllOrNothingAcrossBatches(t *testing.T) {
	e := newEnv(t)
	a := e.as("a.officer")
	org := must(e.svc.Organizations.Create(e.ctx, a, OrganizationInput{Name: "Ministry of Civil Affairs", Acronym: "MCP", Type: "ministry"}))
	var b strings.Builder
	b.WriteString("title,counterpart_organization,due_date\n")
	rows := importFileBatch*2 + 500
	for i := range rows {
		due := "2026-12-15"
		if i == importFileBatch*2+100 {
			due = "15.13.2026" // no thirteenth month
		}
		fmt.Fprintf(&b, "Follow-up %d,MCP,%s\n", i, due)
	}
	var progress []int
	req := ImportFileRequest{Kind: ImportCommitments, File: spreadsheet(t, b.String()), Progress: func(n int) { progress = append(progress, n) }}
	res := must(e.svc.Import().File(e.ctx, a, req))
	if res.ErrorCount != 1 || res.Errors[0].Row != importFileBatch*2+102 || res.Errors[0].Location != "body.due_date" ||
		res.Errors[0].Column != "due_date" || res.Created != 0 || res.DryRun {
		t.Fatalf("result: %+v", res)
	}
	if fmt.Sprint(progress) != fmt.Sprint([]int{importFileBatch, importFileBatch * 2, rows}) {
		t.Fatalf("progress: %v", progress)
	}
	var n int64
	e.db.Model(&models.Commitment{}).Where("counterpart_organization_id = ?", org.ID).Count(&n)
	if n != 0 {
		t.Fatalf("a file with a bad row wrote %d commitments", n)
	}

	fixed := strings.Replace(b.String(), "15.13.2026", "15.12.2026", 1)
	req.File, req.Progress, req.DryRun = spreadsheet(t, fixed), nil, false
	res = must(e.svc.Import().File(e.ctx, a, req))
	e.db.Model(&models.Commitment{}).Where("counterpart_organization_id = ?", org.ID).Count(&n)
	if res.ErrorCount != 0 || res.Created != rows || n != int64(rows) {
		t.Fatalf("import: %d written, result %+v", n, res.Created)
	}
	checks := must(models.Check(e.ctx, e.db))
	for _, c := range checks {
		if !c.Clean() {
			t.Errorf("maintained table after an import: %s", c)
		}
	}
	var audits int64
	e.db.Model(&models.AuditEvent{}).Where("action = ? AND entity = ?", ActionImport, models.EntityCommitment).Count(&audits)
	if audits != 1 {
		t.Fatalf("%d audit events for one import", audits)
	}
}

// A dry run is the default of the API, but not of the request type: the
// handler sets it. A dry run answers as the import would and writes nothing.
func TestImportFileDryRunWritesNothing(t *testing.T) {
	e := newEnv(t)
	a := e.as("a.officer")
	file := "\ufeffIme;Prezime;E-mail\nŽana;Đurić;zana@example.ba\n"
	res := must(e.svc.Import().File(e.ctx, a, ImportFileRequest{Kind: ImportContacts, DryRun: true, File: spreadsheet(t, file),
		Mapping: map[string]string{"Ime": "given_name", "Prezime": "family_name", "E-mail": "email"}}))
	if res.Created != 1 || res.Separator != ";" || len(res.CreatedIDs) != 0 {
		t.Fatalf("dry run: %+v", res)
	}
	var n int64
	e.db.Model(&models.Contact{}).Where("email = ?", "zana@example.ba").Count(&n)
	if n != 0 {
		t.Fatal("a dry run wrote")
	}
	if _, err := e.svc.Import().File(e.ctx, e.as("a.viewer"), ImportFileRequest{Kind: ImportContacts, File: spreadsheet(t, file)}); err != ErrForbidden {
		t.Fatalf("viewer: %v", err)
	}
}

// Every row of a file, in whichever batch, is matched by the duplicate
// finder's one rule: a phone number written the national way, a name in
// Cyrillic and an acronym find the records the forms would warn of, and a
// restricted contact of another office is never named.
func TestImportFileMatchesEveryRowByTheFindersRule(t *testing.T) {
	e := newEnv(t)
	a := e.as("a.officer")
	ba := "BA"
	phone := must(e.svc.Contacts.Create(e.ctx, a, ContactInput{GivenName: "Selma", FamilyName: "Begić", Phone: "+387 61 123 456", CountryCode: &ba}))
	script := must(e.svc.Contacts.Create(e.ctx, a, ContactInput{GivenName: "Amra", FamilyName: "Hodžić"}))
	email := must(e.svc.Contacts.Create(e.ctx, a, ContactInput{GivenName: "Edin", FamilyName: "Mujić", Email: "Edin.Mujic@Example.ba"}))
	hidden := must(e.svc.Contacts.Create(e.ctx, e.as("b.officer"), ContactInput{GivenName: "Tarik", FamilyName: "Kovač", Restricted: true}))

	var b strings.Builder
	b.WriteString("given_name,family_name,phone,email,country_code\n")
	filler := importFileBatch*2 + 10
	for i := range filler {
		fmt.Fprintf(&b, "Person%d,Family%d,,,\n", i, i)
	}
	b.WriteString("Selma,Begic,061/123-456,,BA\n")            // same phone, national format
	b.WriteString("Амра,Ходжић,,,\n")                         // same name in Cyrillic
	b.WriteString("E.,Mujić-Other,,edin.mujic@example.ba,\n") // same email
	b.WriteString("Tarik,Kovač,,,\n")                         // another office's restricted contact
	res := must(e.svc.Import().File(e.ctx, a, ImportFileRequest{Kind: ImportContacts, DryRun: true, File: spreadsheet(t, b.String())}))
	want := map[int]string{filler + 2: "same_phone", filler + 3: "same_name", filler + 4: "same_email"}
	ids := map[int]int64{filler + 2: phone.ID, filler + 3: script.ID, filler + 4: email.ID}
	if len(res.Duplicates) != len(want) {
		t.Fatalf("duplicates: %+v", res.Duplicates)
	}
	for _, d := range res.Duplicates {
		if d.Reason != want[d.Row] || d.ID != ids[d.Row] || d.ID == hidden.ID {
			t.Fatalf("row %d: %+v, want %s of %d", d.Row, d, want[d.Row], ids[d.Row])
		}
	}
	if res.Skipped != 3 || res.Created != filler+1 {
		t.Fatalf("skipped %d, created %d", res.Skipped, res.Created)
	}
}
