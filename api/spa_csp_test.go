package api_test

import (
	"crypto/sha256"
	"encoding/base64"
	"strings"
	"testing"
	"testing/fstest"

	"liaison/api"
)

// The start script index.html runs (frontend/build/appAfterFirstPaint.ts) is
// allowed by its hash on index.html's responses only; a script the page names
// by address needs none, and no other response allows an inline script.
func TestIndexPolicyAllowsItsOwnInlineScriptOnly(t *testing.T) {
	const start = "import(document.querySelector('link[data-app-entry]').href);\n"
	index := `<!doctype html><head><script type="module" src="/assets/a.js"></script><script type="module">` + start + `</script></head><body><div id="root"></div></body>`
	s := newServer(t, func(d *api.Deps) {
		d.SPA = fstest.MapFS{"index.html": {Data: []byte(index)}, "assets/a.js": {Data: []byte("1")}}
	})
	sum := sha256.Sum256([]byte(start))
	want := "script-src 'self' 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "';"
	for _, path := range []string{"/", "/organizations/12", "/index.html"} {
		w := s.do(req{method: "GET", path: path})
		policy := w.Header().Get("Content-Security-Policy")
		if !strings.Contains(policy, want) || strings.Contains(policy, "unsafe-inline'; style") || strings.Count(policy, "sha256-") != 1 {
			t.Errorf("%s: policy %q, want %q in it and no other script allowed", path, policy, want)
		}
		if !strings.Contains(policy, "frame-ancestors 'none'") || !strings.Contains(policy, "object-src 'none'") {
			t.Errorf("%s: policy lost the static rules: %q", path, policy)
		}
	}
	for _, path := range []string{"/assets/a.js", "/api/v1/organizations", "/healthz"} {
		if policy := s.do(req{method: "GET", path: path}).Header().Get("Content-Security-Policy"); strings.Contains(policy, "sha256-") || !strings.Contains(policy, "script-src 'self';") {
			t.Errorf("%s allows an inline script: %q", path, policy)
		}
	}
}
