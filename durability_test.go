package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"

	"liaison/models"
	"liaison/models/modeltest"
)

// The durability of acknowledged writes, proven as an operator would try
// it: four clients write through the real binary, the process is killed
// with SIGKILL at a random moment, started again, and every write that
// had been answered 201 must be there, the database intact and every
// maintained table equal to its recount. Runs: LIAISON_DURABILITY_RUNS
// (a few in make test, many in make durability).
func TestAcknowledgedWritesSurviveKill9(t *testing.T) {
	bin := testBinary(t)
	runs := 2
	if n, err := strconv.Atoi(os.Getenv("LIAISON_DURABILITY_RUNS")); err == nil && n > 0 {
		runs = n
	}
	db, dsn := modeltest.Open(t)
	const password = "durability-admin-password"
	token := ""
	acked := map[string]bool{}
	for run := range runs {
		srv := startServer(t, bin, dsn, password)
		if token == "" {
			token = srv.token(t, "admin@liaison.local", password)
		}
		names := srv.writeUntilKilled(t, token, run, time.Duration(300+rand.IntN(600))*time.Millisecond)
		for _, n := range names {
			acked[n] = true
		}
		missing := 0
		var stored []string
		if err := db.Raw("SELECT name FROM organizations WHERE name LIKE 'dur-%'").Scan(&stored).Error; err != nil {
			t.Fatal(err)
		}
		have := map[string]bool{}
		for _, n := range stored {
			have[n] = true
		}
		for n := range acked {
			if !have[n] {
				missing++
			}
		}
		if missing > 0 {
			t.Fatalf("run %d: %d of %d acknowledged writes lost after SIGKILL", run, missing, len(acked))
		}
		if len(names) == 0 {
			t.Fatalf("run %d: no write was acknowledged before the kill", run)
		}
	}
	// Started once more: it migrates, serves and its data is whole.
	srv := startServer(t, bin, dsn, password)
	srv.stop(t)
	assertIntact(t, db)
	t.Logf("%d runs, %d acknowledged writes, none lost", runs, len(acked))
}

// assertIntact runs SQLite's integrity check (PostgreSQL has its own
// guarantees) and compares every maintained table with its recount.
func assertIntact(t *testing.T, db *gorm.DB) {
	t.Helper()
	if db.Name() == models.SQLite {
		var result string
		if err := db.Raw("PRAGMA integrity_check").Scan(&result).Error; err != nil || result != "ok" {
			t.Fatalf("integrity_check: %q %v", result, err)
		}
	}
	checks, err := models.Check(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range checks {
		if !c.Clean() {
			t.Errorf("%s differs from its recount after the kills: %+v", c.Table, c)
		}
	}
}

// process is a running liaison serve.
type process struct {
	cmd  *exec.Cmd
	base string
	out  *bytes.Buffer
}

// startServer starts liaison serve on dsn, with env added to its environment.
func startServer(t *testing.T, bin, dsn, password string, env ...string) *process {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	p := &process{cmd: exec.Command(bin, "serve"), base: "http://" + addr, out: &bytes.Buffer{}}
	p.cmd.Env = append(os.Environ(), "LIAISON_ADDR="+addr, "LIAISON_DB="+dsn, "LIAISON_LOG_LEVEL=warn",
		"LIAISON_ADMIN_EMAIL=admin@liaison.local", "LIAISON_ADMIN_PASSWORD="+password)
	p.cmd.Env = append(p.cmd.Env, env...)
	p.cmd.Stdout, p.cmd.Stderr = p.out, p.out
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = p.cmd.Process.Kill(); _ = p.cmd.Wait() })
	for start := time.Now(); ; time.Sleep(50 * time.Millisecond) {
		if resp, err := http.Get(p.base + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return p
			}
		}
		if time.Since(start) > 20*time.Second {
			t.Fatalf("not ready:\n%s", p.out.String())
		}
	}
}

// token signs in and creates a personal API token.
func (p *process) token(t *testing.T, email, password string) string {
	t.Helper()
	login, _ := json.Marshal(map[string]string{"email": email, "password": password})
	resp, err := http.Post(p.base+"/api/v1/auth/login", "application/json", bytes.NewReader(login))
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("login: %v %v", resp, err)
	}
	resp.Body.Close()
	req, _ := http.NewRequest("POST", p.base+"/api/v1/auth/tokens", bytes.NewReader([]byte(`{"name":"durability"}`)))
	req.Header.Set("Content-Type", "application/json")
	for _, c := range resp.Cookies() {
		req.AddCookie(c)
	}
	resp, err = http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != 201 {
		t.Fatalf("token: %v %v", resp, err)
	}
	defer resp.Body.Close()
	var out struct{ Token string }
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatal(err)
	}
	return out.Token
}

// writeUntilKilled has four clients create organizations until the process
// is killed after d, and returns the names that were answered 201.
func (p *process) writeUntilKilled(t *testing.T, token string, run int, d time.Duration) []string {
	t.Helper()
	var mu sync.Mutex
	var acked []string
	var wg sync.WaitGroup
	client := &http.Client{Timeout: 5 * time.Second}
	for w := range 4 {
		wg.Go(func() {
			for i := 0; ; i++ {
				name := fmt.Sprintf("dur-%d-%d-%d", run, w, i)
				body, _ := json.Marshal(map[string]string{"name": name, "type": "ngo"})
				req, _ := http.NewRequest("POST", p.base+"/api/v1/organizations", bytes.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("Authorization", "Bearer "+token)
				resp, err := client.Do(req)
				if err != nil {
					return // the process is gone
				}
				resp.Body.Close()
				if resp.StatusCode == http.StatusCreated {
					mu.Lock()
					acked = append(acked, name)
					mu.Unlock()
				}
			}
		})
	}
	time.Sleep(d)
	if err := p.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = p.cmd.Wait()
	wg.Wait()
	return acked
}

// stop ends the process with SIGTERM, as an operator would.
func (p *process) stop(t *testing.T) {
	t.Helper()
	_ = p.cmd.Process.Signal(os.Interrupt)
	done := make(chan error, 1)
	go func() { done <- p.cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("did not stop within 20 s")
	}
}
