package api_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"gorm.io/gorm"

	"liaison/api"
	"liaison/models/modeltest"
	"liaison/services"
)

func TestMain(m *testing.M) {
	code := m.Run()
	modeltest.DropTemplate()
	os.Exit(code)
}

const testPassword = "correct horse battery staple"

var (
	hashOnce sync.Once
	hash     string
)

// server is one test's running API: the real router over a fresh database
// with the fixture, and a bearer token per fixture user.
type server struct {
	t      *testing.T
	db     *gorm.DB
	svc    *services.Services
	fx     modeltest.Fixture
	router *api.Router
	tokens map[string]string
	logs   *bytes.Buffer
}

// newServer builds the server; options adjust the router's dependencies
// (func(*api.Deps)) or the services' configuration (func(*services.Config)).
func newServer(t *testing.T, options ...any) *server {
	t.Helper()
	hashOnce.Do(func() { hash, _ = services.HashPassword(testPassword) })
	db := modeltest.DB(t)
	fx := modeltest.Seed(t, db, hash)
	logs := &bytes.Buffer{}
	log := slog.New(slog.NewJSONHandler(&syncWriter{w: logs}, nil))
	var cfg services.Config
	for _, o := range options {
		if o, ok := o.(func(*services.Config)); ok {
			o(&cfg)
		}
	}
	svc := services.New(db, log, cfg)
	spa := testSPA()
	deps := api.Deps{Services: svc, Log: log, Version: "test", SPA: spa}
	for _, o := range options {
		switch o := o.(type) {
		case func(*api.Deps):
			o(&deps)
		case func(*services.Config):
		default:
			t.Fatalf("newServer: unknown option %T", o)
		}
	}
	r, err := api.NewRouter(deps)
	if err != nil {
		t.Fatal(err)
	}
	s := &server{t: t, db: db, svc: svc, fx: fx, router: r, tokens: map[string]string{}, logs: logs}
	for key, u := range fx.Users {
		// The deactivated user gets a token too: it must not work.
		_, secret, err := svc.Auth.CreateToken(context.Background(), services.Actor{UserID: u.ID, OfficeID: u.OfficeID, Role: u.Role}, "test")
		if err != nil {
			t.Fatal(err)
		}
		s.tokens[key] = secret
	}
	return s
}

// testSPA stands in for the built single-page app, with the compressed
// copies the build writes beside an asset (the brotli one a stand-in: only
// its bytes' origin is checked).
func testSPA() fstest.MapFS {
	return fstest.MapFS{
		"index.html":            {Data: []byte("<!doctype html><title>Liaison</title>")},
		"assets/app-1234.js":    {Data: []byte("console.log(1)")},
		"assets/app-1234.js.gz": {Data: gzipped("console.log(1)")},
		"assets/app-1234.js.br": {Data: []byte("brotli copy of app-1234.js")},
		"assets/plain-1234.css": {Data: []byte("body{}")},
		"favicon.svg":           {Data: []byte("<svg/>")},
		"sw.js":                 {Data: []byte("self.addEventListener('fetch', () => {})")},
		"manifest.webmanifest":  {Data: []byte(`{"name":"Liaison"}`)},
	}
}

func (s *server) spa() fstest.MapFS { return testSPA() }

func gzipped(text string) []byte {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	_, _ = zw.Write([]byte(text))
	_ = zw.Close()
	return b.Bytes()
}

// req is one request of a scenario.
type req struct {
	method, path string
	as           string // fixture user key; "" for anonymous
	body         any    // marshalled to JSON unless a string (sent raw)
	header       map[string]string
}

// do sends a request through the real router.
func (s *server) do(r req) *httptest.ResponseRecorder {
	s.t.Helper()
	var body io.Reader
	switch b := r.body.(type) {
	case nil:
	case string:
		body = strings.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			s.t.Fatal(err)
		}
		body = bytes.NewReader(raw)
	}
	hr := httptest.NewRequest(r.method, r.path, body)
	hr.RemoteAddr = "203.0.113.5:40000"
	if body != nil {
		hr.Header.Set("Content-Type", "application/json")
	}
	if r.as != "" {
		tok, ok := s.tokens[r.as]
		if !ok {
			s.t.Fatalf("no token for %q", r.as)
		}
		hr.Header.Set("Authorization", "Bearer "+tok)
	}
	for k, v := range r.header {
		if v == "" {
			hr.Header.Del(k)
		} else {
			hr.Header.Set(k, v)
		}
	}
	w := httptest.NewRecorder()
	s.router.ServeHTTP(w, hr)
	return w
}

// json decodes a response body into a map (or fails the test).
func decode(t *testing.T, w *httptest.ResponseRecorder) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(w.Body.Bytes(), &m); err != nil {
		t.Fatalf("body is not a JSON object: %v: %s", err, w.Body.String())
	}
	return m
}

// create posts a body and returns the created record's id and ETag.
func (s *server) create(path, as string, body any) (int64, string) {
	s.t.Helper()
	w := s.do(req{method: "POST", path: path, as: as, body: body})
	if w.Code != http.StatusCreated {
		s.t.Fatalf("POST %s: %d %s", path, w.Code, w.Body.String())
	}
	return int64(decode(s.t, w)["id"].(float64)), w.Header().Get("ETag")
}

type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

// signedIn is a cookie session opened through the real login.
type signedInSession struct {
	id     int64             // the session's id, as GET /me/sessions shows it
	cookie map[string]string // the Cookie header that presents it
}

// signIn logs a fixture user in with their password and returns the session.
func (s *server) signIn(key string, header ...map[string]string) signedInSession {
	s.t.Helper()
	h := map[string]string{}
	for _, m := range header {
		for k, v := range m {
			h[k] = v
		}
	}
	w := s.do(req{method: "POST", path: "/api/v1/auth/login", body: map[string]any{"email": key + "@example.org", "password": testPassword}, header: h})
	if w.Code != http.StatusOK {
		s.t.Fatalf("sign in %s: %d %s", key, w.Code, w.Body.String())
	}
	cookie := map[string]string{"Cookie": "liaison_session=" + w.Result().Cookies()[0].Value}
	w = s.do(req{method: "GET", path: "/api/v1/me/sessions", header: cookie})
	for _, it := range decode(s.t, w)["items"].([]any) {
		if m := it.(map[string]any); m["current"] == true {
			return signedInSession{id: int64(m["id"].(float64)), cookie: cookie}
		}
	}
	s.t.Fatalf("no current session of %s: %s", key, w.Body.String())
	return signedInSession{}
}
