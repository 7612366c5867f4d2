package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"liaison/models"
	"liaison/models/modeltest"
)

// TestCheckCommand runs the real binary's check on the demo, on the
// database kind of the test run: clean, then with organization_activity
// broken (non-zero exit naming only that table, by ids), repaired, and
// clean again.
func TestCheckCommand(t *testing.T) {
	bin := testBinary(t)
	db, dsn := modeltest.Open(t)
	run := func(args ...string) (string, bool) {
		t.Helper()
		cmd := exec.Command(bin, args...)
		cmd.Env = append(os.Environ(), "LIAISON_DB="+dsn)
		out, err := cmd.CombinedOutput()
		if _, exited := err.(*exec.ExitError); err != nil && !exited {
			t.Fatal(err)
		}
		return string(out), err == nil
	}
	if out, ok := run("demo"); !ok {
		t.Fatalf("demo: %s", out)
	}
	if out, ok := run("check"); !ok || !strings.Contains(out, "check: all 17 tables agree") {
		t.Fatalf("check on the demo failed:\n%s", out)
	}
	if err := db.Exec("DELETE FROM " + models.ActivityTable + " WHERE kind = 'visit'").Error; err != nil {
		t.Fatal(err)
	}
	out, ok := run("check")
	if ok || !strings.Contains(out, "check: 1 of 17 tables differ") || !strings.Contains(out, "organization_activity: ") ||
		!strings.Contains(out, "missing organization_id=") {
		t.Fatalf("check did not report the broken table (exit ok %v):\n%s", ok, out)
	}
	var name string
	db.Raw("SELECT full_name FROM contacts ORDER BY id LIMIT 1").Scan(&name)
	if name == "" || strings.Contains(out, name) {
		t.Errorf("check printed a contact's name %q:\n%s", name, out)
	}
	if out, ok := run("check", "--repair"); !ok || !strings.Contains(out, "repaired: rebuilt organization_activity; raised the epochs") {
		t.Fatalf("check --repair:\n%s", out)
	}
	if out, ok := run("check"); !ok {
		t.Fatalf("check after the repair:\n%s", out)
	}
}
