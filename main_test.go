package main

import (
	"bufio"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"liaison/models/modeltest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	modeltest.DropTemplate()
	if binaryPath != "" {
		os.RemoveAll(filepath.Dir(binaryPath))
	}
	os.Exit(code)
}

// TestServeShutsDownGracefullyOnSIGTERM runs the real binary: it starts,
// creates the first admin, serves, and on SIGTERM finishes and closes the
// database (SQLite removes its WAL file only on a clean close).
func TestServeShutsDownGracefullyOnSIGTERM(t *testing.T) {
	bin := testBinary(t)
	dir := t.TempDir()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	db := filepath.Join(dir, "liaison.db")
	cmd := exec.Command(bin, "serve")
	cmd.Env = append(os.Environ(), "LIAISON_ADDR="+addr, "LIAISON_DB=sqlite:"+db, "LIAISON_ADMIN_EMAIL=", "LIAISON_ADMIN_PASSWORD=")
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := make(chan string, 10)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	var printed []string
	deadline := time.Now().Add(15 * time.Second)
	for {
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("not ready; printed %v", printed)
		}
		if resp, err := http.Get("http://" + addr + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				break
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	if _, err := os.Stat(db + "-wal"); err != nil {
		t.Fatalf("no WAL while serving: %v", err)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("exit after SIGTERM: %v", err)
		}
	case <-time.After(15 * time.Second):
		cmd.Process.Kill()
		t.Fatal("did not stop within 15s of SIGTERM")
	}
	for line := range lines {
		printed = append(printed, line)
	}
	out := strings.Join(printed, "\n")
	if !strings.Contains(out, "created admin admin@liaison.local with password ") || !strings.Contains(out, "running at http://"+addr) {
		t.Errorf("stdout lacks the admin login or the URL:\n%s", out)
	}
	if _, err := os.Stat(db + "-wal"); !os.IsNotExist(err) {
		t.Errorf("WAL file left behind: the database was not closed cleanly (%v)", err)
	}
}

// A start on an address that is taken ends with the reason, and never
// claims to be running.
func TestServeAnnouncesOnlyOnceItListens(t *testing.T) {
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	t.Setenv("LIAISON_ADDR", taken.Addr().String())
	t.Setenv("LIAISON_DB", "sqlite:"+filepath.Join(t.TempDir(), "l.db"))
	t.Setenv("LIAISON_ADMIN_EMAIL", "root@example.org")
	t.Setenv("LIAISON_ADMIN_PASSWORD", "a long enough password")
	t.Setenv("LIAISON_LOG_LEVEL", "error")
	var out strings.Builder
	err = run("serve", &out)
	if err == nil || !strings.Contains(err.Error(), "LIAISON_ADDR") {
		t.Fatalf("serve on a taken address: %v", err)
	}
	if strings.Contains(out.String(), "running at") {
		t.Fatalf("announced a server that is not running:\n%s", out.String())
	}
}
