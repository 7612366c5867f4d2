package main

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"liaison/demo"
	"liaison/mail/mailpittest"
	"liaison/models/modeltest"
)

// Two real processes on one database, mailing through a real SMTP server:
// a reassignment made through one of them reaches its new owner once, and
// the queue's figures show on /metrics.
func TestTwoProcessesMailAnAssignmentOnce(t *testing.T) {
	bin := testBinary(t)
	_, dsn := modeltest.Open(t)
	cmd := exec.Command(bin, "demo")
	cmd.Env = append(os.Environ(), "LIAISON_DB="+dsn)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("demo: %v\n%s", err, out)
	}
	box := mailpittest.Start(t)
	env := []string{"LIAISON_SMTP_URL=" + box.SMTPURL(), "LIAISON_MAIL_FROM=Liaison <liaison@example.org>",
		"LIAISON_PUBLIC_URL=https://liaison.example.org", "LIAISON_SECRET_KEY=a shared key of the two processes, 32+ bytes"}
	one := startServer(t, bin, dsn, "unused-admin-password", env...)
	two := startServer(t, bin, dsn, "unused-admin-password", env...)

	token := one.token(t, "manager@demo.liaison", demo.Password)
	call := func(p *process, method, path string, body any, header ...string) map[string]any {
		t.Helper()
		status, v, _ := p.call(t, credential{token: token}, method, path, body, header...)
		if status >= 300 {
			t.Fatalf("%s %s: %d %v", method, path, status, v)
		}
		return v
	}
	users := call(one, "GET", "/api/v1/users?limit=200", nil)["items"].([]any)
	var officer map[string]any
	for _, u := range users {
		if u.(map[string]any)["email"] == "officer@demo.liaison" {
			officer = u.(map[string]any)
		}
	}
	open := call(one, "GET", "/api/v1/commitments?status=open&limit=50", nil)["items"].([]any)
	var target map[string]any
	for _, c := range open {
		if c.(map[string]any)["owner_id"] != officer["id"] {
			target = c.(map[string]any)
			break
		}
	}
	path := fmt.Sprintf("/api/v1/commitments/%.0f", target["id"])
	call(two, "PATCH", path, map[string]any{"owner_id": officer["id"]}, "If-Match", fmt.Sprintf(`"%.0f"`, target["version"]))

	// The officer may also be due a digest (on the weekday it is sent):
	// the assignment's mail is the one with the commitment's title.
	title := target["title"].(string)
	assigned := func() (n int) {
		for _, m := range box.To("officer@demo.liaison") {
			if strings.Contains(m.Subject, title) {
				n++
			}
		}
		return n
	}
	deadline := time.Now().Add(45 * time.Second)
	for time.Now().Before(deadline) && assigned() == 0 {
		time.Sleep(200 * time.Millisecond)
	}
	if n := assigned(); n != 1 {
		t.Fatalf("%d mails about %q to the officer, want 1: %+v\nprocess one:\n%s\nprocess two:\n%s",
			n, title, box.To("officer@demo.liaison"), one.out, two.out)
	}
	// Both processes run the outbox every 15 s: after the next round the
	// officer still has the one mail about it, and no mail went twice.
	time.Sleep(16 * time.Second)
	if n := assigned(); n != 1 {
		t.Fatalf("%d mails about %q to the officer after another outbox round, want 1", n, title)
	}
	seen := map[string]bool{}
	for _, m := range box.Messages() {
		key := fmt.Sprint(m.To) + " " + m.Subject
		if seen[key] {
			t.Errorf("mailed twice: %s", key)
		}
		seen[key] = true
	}
	resp, err := http.Get(one.base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	metrics, _ := io.ReadAll(resp.Body)
	if !strings.Contains(string(metrics), `liaison_jobs{state="failed"} 0`) || !strings.Contains(string(metrics), `liaison_jobs{state="completed"}`) {
		t.Fatalf("/metrics lacks the queue's figures:\n%s", metrics)
	}
}
