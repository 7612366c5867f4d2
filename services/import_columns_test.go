package services

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"

	"liaison/models/modeltest"
)

// contactsCSV is a contacts list of n rows, as scripts/import-throughput.sh
// generates it.
func contactsCSV(n int) string {
	given := []string{"Amra", "Đorđe", "Ćamila", "Ahmed", "Leila", "Šefik", "Žana", "Omar", "Mirza", "Nadia"}
	family := []string{"Hodžić", "Šećerović", "Al-Obaidi", "Kovačević", "Husseini", "Begić", "Mahmoud", "Đurić"}
	var b strings.Builder
	b.WriteString("given_name,family_name,email,phone,city,notes\n")
	for i := range n {
		fmt.Fprintf(&b, "%s,%s %d,person%d@example.org,,Sarajevo,\"Imported row %d\"\n",
			given[i%len(given)], family[(i/len(given))%len(family)], i, i, i)
	}
	return b.String()
}

// A columns-only read of a 100k-row CSV reads the file's first blocks, not
// the file: where the file stands after it says how far it was read.
func TestImportColumnsOnlyStopsReadingAfterThePreview(t *testing.T) {
	e := newEnv(t)
	content := contactsCSV(100_000)
	f := spreadsheet(t, content)
	res := must(e.svc.Import().File(e.ctx, e.as("a.officer"), ImportFileRequest{Kind: ImportContacts, DryRun: true, ColumnsOnly: true, File: f}))
	if res.Rows != previewRows || len(res.Preview) != previewRows || res.Columns[2].Field != "email" || res.Preview[4][1] != "Hodžić 4" {
		t.Fatalf("result: %+v", res)
	}
	read := must(f.Seek(0, io.SeekCurrent))
	if read > 256<<10 {
		t.Fatalf("read %d bytes of a %d-byte file", read, len(content))
	}
}

// BenchmarkImportColumnsOnly compares the wizard's first step on a 100k-row
// contacts CSV, a columns-only read, with what it was before, a full dry
// run (every row checked and looked up for duplicates).
//
//	LIAISON_TEST_DB=postgres go test ./services -run '^$' -bench ImportColumnsOnly -benchtime 1x
func BenchmarkImportColumnsOnly(b *testing.B) {
	db := modeltest.DB(b)
	fx := modeltest.Seed(b, db, testHash())
	svc := New(db, slog.New(slog.NewTextHandler(io.Discard, nil)), Config{})
	u := fx.Users["a.officer"]
	a := Actor{UserID: u.ID, OfficeID: u.OfficeID, Role: u.Role}
	content := contactsCSV(100_000)
	for _, columnsOnly := range []bool{true, false} {
		name := map[bool]string{true: "columns-only", false: "dry-run"}[columnsOnly]
		b.Run(name, func(b *testing.B) {
			f := spreadsheet(b, content)
			for b.Loop() {
				res, err := svc.Import().File(context.Background(), a, ImportFileRequest{Kind: ImportContacts, DryRun: true, ColumnsOnly: columnsOnly, File: f})
				if err != nil || len(res.Preview) != previewRows {
					b.Fatalf("%v %+v", err, res.Preview)
				}
			}
		})
	}
}
