package main

import (
	"bytes"
	"encoding/json"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestProcessOutputCarriesNoSecretsOrPersonalData runs the real binary and
// sends it a password, a token and a contact's name, then reads everything
// the process printed (logs included): none of them may appear.
func TestProcessOutputCarriesNoSecretsOrPersonalData(t *testing.T) {
	bin := testBinary(t)
	dir := t.TempDir()
	l, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := l.Addr().String()
	l.Close()
	const adminPassword = "canary-admin-password-31337"
	var output bytes.Buffer
	cmd := exec.Command(bin, "serve")
	cmd.Env = append(os.Environ(), "LIAISON_ADDR="+addr, "LIAISON_DB=sqlite:"+filepath.Join(dir, "l.db"),
		"LIAISON_ADMIN_EMAIL=root@example.org", "LIAISON_ADMIN_PASSWORD="+adminPassword, "LIAISON_LOG_LEVEL=debug")
	cmd.Stdout, cmd.Stderr = &output, &output
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	base := "http://" + addr
	for start := time.Now(); ; time.Sleep(50 * time.Millisecond) {
		if resp, err := http.Get(base + "/readyz"); err == nil && resp.StatusCode == 200 {
			resp.Body.Close()
			break
		}
		if time.Since(start) > 15*time.Second {
			t.Fatalf("not ready:\n%s", output.String())
		}
	}
	post := func(path, auth string, body any) *http.Response {
		raw, _ := json.Marshal(body)
		r, _ := http.NewRequest("POST", base+path, bytes.NewReader(raw))
		r.Header.Set("Content-Type", "application/json")
		if auth != "" {
			r.Header.Set("Authorization", "Bearer "+auth)
		}
		resp, err := http.DefaultClient.Do(r)
		if err != nil {
			t.Fatal(err)
		}
		return resp
	}
	post("/api/v1/auth/login", "", map[string]string{"email": "root@example.org", "password": "canary-wrong-password-4711"}).Body.Close()
	resp := post("/api/v1/auth/login", "", map[string]string{"email": "root@example.org", "password": adminPassword})
	cookie := resp.Cookies()
	resp.Body.Close()
	if len(cookie) == 0 {
		t.Fatalf("login failed: %d", resp.StatusCode)
	}
	r, _ := http.NewRequest("POST", base+"/api/v1/auth/tokens", strings.NewReader(`{"name":"canary"}`))
	r.Header.Set("Content-Type", "application/json")
	r.AddCookie(cookie[0])
	resp, err := http.DefaultClient.Do(r)
	if err != nil {
		t.Fatal(err)
	}
	var tok struct{ Token string }
	json.NewDecoder(resp.Body).Decode(&tok)
	resp.Body.Close()
	post("/api/v1/contacts", tok.Token, map[string]any{"given_name": "Canarina", "family_name": "Vulnerablić", "email": "canarina@example.org"}).Body.Close()
	get, _ := http.NewRequest("GET", base+"/api/v1/contacts?q=Vulnerabli%C4%87", nil)
	get.Header.Set("Authorization", "Bearer "+tok.Token)
	if resp, err := http.DefaultClient.Do(get); err == nil {
		resp.Body.Close()
	}
	cmd.Process.Signal(syscall.SIGTERM)
	cmd.Wait()
	out := output.String()
	if !strings.Contains(out, `"route":"/api/v1/contacts"`) {
		t.Fatalf("requests were not logged:\n%s", out)
	}
	for _, secret := range []string{adminPassword, "canary-wrong-password", tok.Token, cookie[0].Value, "Canarina", "Vulnerabl", "canarina@"} {
		if secret != "" && strings.Contains(out, secret) {
			t.Errorf("process output contains %q", secret)
		}
	}
}
