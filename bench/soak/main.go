// Command soak runs Liaison under a steady mixed load for a set time and
// prints, every interval, the requests served, p50 and p99 latency, server
// errors and the server's resident memory: what an operator wants to see
// stay flat before trusting a build for months. It starts the binary it is
// given on a new SQLite database with the demo data, and stops it at the
// end. Usage: go run ./bench/soak -bin bin/liaison -duration 2m -rate 100
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

const demoPassword = "liaison-demo-2026"

func main() {
	bin := flag.String("bin", "bin/liaison", "the liaison binary")
	duration := flag.Duration("duration", 2*time.Minute, "how long to run")
	interval := flag.Duration("interval", 10*time.Second, "how often to report")
	rate := flag.Int("rate", 100, "requests per second, sent at a fixed pace whatever the answers")
	writes := flag.Float64("writes", 0.1, "share of the requests that write")
	flag.Parse()
	if err := run(*bin, *duration, *interval, *rate, *writes); err != nil {
		fmt.Fprintln(os.Stderr, "soak:", err)
		os.Exit(1)
	}
}

type sample struct {
	took   time.Duration
	status int
}

func run(bin string, duration, interval time.Duration, rate int, writes float64) error {
	dir, err := os.MkdirTemp("", "liaison-soak-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	addr := l.Addr().String()
	l.Close()
	env := append(os.Environ(), "LIAISON_DB=sqlite:"+filepath.Join(dir, "soak.db"), "LIAISON_ADDR="+addr, "LIAISON_LOG_LEVEL=error")
	demo := exec.Command(bin, "demo")
	demo.Env = env
	if out, err := demo.CombinedOutput(); err != nil {
		return fmt.Errorf("demo: %v\n%s", err, out)
	}
	server := exec.Command(bin, "serve")
	server.Env = env
	if err := server.Start(); err != nil {
		return err
	}
	defer func() { _ = server.Process.Signal(os.Interrupt); _ = server.Wait() }()
	base := "http://" + addr
	for start := time.Now(); ; time.Sleep(100 * time.Millisecond) {
		if resp, err := http.Get(base + "/readyz"); err == nil && resp.StatusCode == 200 {
			resp.Body.Close()
			break
		}
		if time.Since(start) > 30*time.Second {
			return fmt.Errorf("server not ready")
		}
	}
	token, err := signIn(base)
	if err != nil {
		return err
	}
	reads := []string{"/api/v1/organizations?limit=50", "/api/v1/contacts?limit=50&sort=-updated_at", "/api/v1/commitments?overdue=true",
		"/api/v1/interactions?limit=20", "/api/v1/search?q=ministry", "/api/v1/review/commitments", "/api/v1/review/stale?days=90"}
	client := &http.Client{Timeout: 30 * time.Second}
	var mu sync.Mutex
	var window []sample
	var total, failures int
	do := func(i int) {
		var req *http.Request
		if rand.Float64() < writes {
			body, _ := json.Marshal(map[string]any{"name": fmt.Sprintf("Soak organization %d", i), "type": "ngo", "city": "Zenica"})
			req, _ = http.NewRequest("POST", base+"/api/v1/organizations", bytes.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
		} else {
			req, _ = http.NewRequest("GET", base+reads[rand.IntN(len(reads))], nil)
		}
		req.Header.Set("Authorization", "Bearer "+token)
		start := time.Now()
		status := 0
		if resp, err := client.Do(req); err == nil {
			status = resp.StatusCode
			resp.Body.Close()
		}
		mu.Lock()
		window = append(window, sample{time.Since(start), status})
		mu.Unlock()
	}
	fmt.Printf("soak: %d requests/s for %s (%.0f%% writes) against %s\n", rate, duration, writes*100, bin)
	fmt.Printf("%8s %8s %9s %9s %6s %8s\n", "elapsed", "served", "p50 ms", "p99 ms", "5xx", "RSS MiB")
	pace := time.NewTicker(time.Second / time.Duration(rate))
	report := time.NewTicker(interval)
	end := time.After(duration)
	began := time.Now()
	var inflight sync.WaitGroup
	for i := 0; ; i++ {
		select {
		case <-pace.C:
			inflight.Go(func() { do(i) })
		case <-report.C:
			mu.Lock()
			w := window
			window = nil
			mu.Unlock()
			n, bad := summarise(w, time.Since(began), rss(server.Process.Pid))
			total, failures = total+n, failures+bad
		case <-end:
			pace.Stop()
			inflight.Wait()
			n, bad := summarise(window, time.Since(began), rss(server.Process.Pid))
			total, failures = total+n, failures+bad
			fmt.Printf("soak: %d requests, %d server errors or failures\n", total, failures)
			if failures > 0 {
				return fmt.Errorf("%d requests failed", failures)
			}
			return nil
		}
	}
}

func summarise(w []sample, elapsed time.Duration, rssMiB float64) (int, int) {
	if len(w) == 0 {
		return 0, 0
	}
	took := make([]time.Duration, len(w))
	bad := 0
	for i, s := range w {
		took[i] = s.took
		if s.status == 0 || s.status >= 500 {
			bad++
		}
	}
	slices.Sort(took)
	ms := func(q float64) float64 { return float64(took[int(q*float64(len(took)-1))].Microseconds()) / 1000 }
	fmt.Printf("%8s %8d %9.1f %9.1f %6d %8.1f\n", elapsed.Round(time.Second), len(w), ms(0.5), ms(0.99), bad, rssMiB)
	return len(w), bad
}

// rss is a process's resident memory in MiB, from /proc.
func rss(pid int) float64 {
	raw, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	return 0
}

// signIn signs in as the demo's officer and creates a personal API token.
func signIn(base string) (string, error) {
	login, _ := json.Marshal(map[string]string{"email": "officer@demo.liaison", "password": demoPassword})
	resp, err := http.Post(base+"/api/v1/auth/login", "application/json", bytes.NewReader(login))
	if err != nil {
		return "", err
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		return "", fmt.Errorf("sign-in: %d", resp.StatusCode)
	}
	req, _ := http.NewRequest("POST", base+"/api/v1/auth/tokens", strings.NewReader(`{"name":"soak"}`))
	req.Header.Set("Content-Type", "application/json")
	for _, c := range resp.Cookies() {
		req.AddCookie(c)
	}
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var out struct{ Token string }
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || out.Token == "" {
		return "", fmt.Errorf("token: %d %v", resp.StatusCode, err)
	}
	return out.Token, nil
}
