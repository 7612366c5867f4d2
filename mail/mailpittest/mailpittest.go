// Package mailpittest starts a real SMTP server — Mailpit, built by `make
// bin/mailpit` — for a test, and reads what arrived through Mailpit's HTTP
// API. Tests of mail check delivered messages, never a stand-in sender.
// Without the binary a test is skipped, and fails under CI=true.
package mailpittest

import (
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Server is one running Mailpit.
type Server struct {
	t        testing.TB
	bin      string
	smtpPort int
	httpPort int
	mu       sync.Mutex
	cmd      *exec.Cmd
}

// Start runs a Mailpit on free loopback ports until the test ends.
func Start(t testing.TB) *Server {
	t.Helper()
	bin := binary()
	if bin == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("bin/mailpit is missing: run make bin/mailpit (make test does)")
		}
		t.Skip("bin/mailpit is missing: run make bin/mailpit")
	}
	s := &Server{t: t, bin: bin, smtpPort: freePort(t), httpPort: freePort(t)}
	s.Up()
	t.Cleanup(s.Down)
	return s
}

// binary finds bin/mailpit above the working directory, or LIAISON_MAILPIT.
func binary() string {
	if p := os.Getenv("LIAISON_MAILPIT"); p != "" {
		return p
	}
	dir, _ := os.Getwd()
	for range 6 {
		p := filepath.Join(dir, "bin", "mailpit")
		if _, err := os.Stat(p); err == nil {
			return p
		}
		dir = filepath.Dir(dir)
	}
	return ""
}

func freePort(t testing.TB) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// SMTPURL is the address Liaison sends to (LIAISON_SMTP_URL).
func (s *Server) SMTPURL() string { return fmt.Sprintf("smtp://127.0.0.1:%d", s.smtpPort) }

// Up starts Mailpit, or starts it again after Down on the same ports (the
// messages of before are gone), and waits until it answers.
func (s *Server) Up() {
	s.t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	cmd := exec.Command(s.bin, "--smtp", fmt.Sprintf("127.0.0.1:%d", s.smtpPort), "--listen", fmt.Sprintf("127.0.0.1:%d", s.httpPort),
		"--smtp-auth-accept-any", "--smtp-auth-allow-insecure", "--disable-version-check", "--quiet", "--max", "5000")
	cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
	if err := cmd.Start(); err != nil {
		s.t.Fatalf("start mailpit: %v", err)
	}
	s.cmd = cmd
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		if c, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", s.smtpPort)); err == nil {
			c.Close()
			if resp, err := http.Get(s.api("/api/v1/messages")); err == nil {
				resp.Body.Close()
				return
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	s.t.Fatal("mailpit did not start within 15 s")
}

// Down stops Mailpit: the SMTP port refuses connections until Up.
func (s *Server) Down() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cmd == nil {
		return
	}
	_ = s.cmd.Process.Kill()
	_ = s.cmd.Wait()
	s.cmd = nil
}

func (s *Server) api(path string) string {
	return fmt.Sprintf("http://127.0.0.1:%d%s", s.httpPort, path)
}

// Address is a mailbox of a message.
type Address struct {
	Name    string `json:"Name"`
	Address string `json:"Address"`
}

// Summary is a message as Mailpit lists it.
type Summary struct {
	ID      string    `json:"ID"`
	From    Address   `json:"From"`
	To      []Address `json:"To"`
	Subject string    `json:"Subject"`
}

// Message is one message in full.
type Message struct {
	Summary
	Text string `json:"Text"`
	HTML string `json:"HTML"`
}

// Messages lists every message received, oldest first.
func (s *Server) Messages() []Summary {
	s.t.Helper()
	var out []Summary
	for start := 0; ; start += 500 {
		var page struct {
			Total    int       `json:"total"`
			Messages []Summary `json:"messages"`
		}
		s.get("/api/v1/messages?limit=500&start="+strconv.Itoa(start), &page)
		out = append(out, page.Messages...)
		if len(page.Messages) == 0 || len(out) >= page.Total {
			break
		}
	}
	// Mailpit lists newest first.
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// To lists the messages received for one address.
func (s *Server) To(addr string) []Summary {
	var out []Summary
	for _, m := range s.Messages() {
		for _, to := range m.To {
			if strings.EqualFold(to.Address, addr) {
				out = append(out, m)
			}
		}
	}
	return out
}

// Message reads one message in full.
func (s *Server) Message(id string) Message {
	s.t.Helper()
	var m Message
	s.get("/api/v1/message/"+id, &m)
	return m
}

// Headers reads one message's headers.
func (s *Server) Headers(id string) map[string][]string {
	s.t.Helper()
	var h map[string][]string
	s.get("/api/v1/message/"+id+"/headers", &h)
	return h
}

// WaitFor waits until at least n messages arrived, and returns them all.
func (s *Server) WaitFor(n int, within time.Duration) []Summary {
	s.t.Helper()
	deadline := time.Now().Add(within)
	for {
		msgs := s.Messages()
		if len(msgs) >= n || time.Now().After(deadline) {
			return msgs
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func (s *Server) get(path string, into any) {
	s.t.Helper()
	resp, err := http.Get(s.api(path))
	if err != nil {
		s.t.Fatalf("mailpit api: %v", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		s.t.Fatalf("mailpit api %s: %s", path, resp.Status)
	}
	if err := json.NewDecoder(resp.Body).Decode(into); err != nil {
		s.t.Fatalf("mailpit api %s: %v", path, err)
	}
}
