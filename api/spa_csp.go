package api

import (
	"crypto/sha256"
	"encoding/base64"
	"regexp"
	"strings"
)

// contentSecurityPolicy is the policy every response carries: scripts from
// the app's own origin only, and no inline script but those named by hash
// (index.html's start script, frontend/build/appAfterFirstPaint.ts, which
// starts the app after the first paint; see indexPolicy). Inline style
// attributes are allowed for the UI kit.
func contentSecurityPolicy(scriptHashes ...string) string {
	scripts := "script-src 'self'"
	for _, h := range scriptHashes {
		scripts += " '" + h + "'"
	}
	return "default-src 'self'; " + scripts + "; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
}

// inlineScript is a <script> element and its text; group 1 is the opening
// tag's attributes.
var inlineScript = regexp.MustCompile(`(?s)<script([^>]*)>(.*?)</script>`)

// indexPolicy is the policy for index.html as built: it allows the inline
// scripts the build wrote into it, each by the SHA-256 of its exact text, and
// no other. Hashes rather than a per-response nonce: the page is the same
// for every request, and anything the server draws into it (a page's
// heading, escaped) can add no script the hash would match.
func indexPolicy(index []byte) string {
	var hashes []string
	for _, m := range inlineScript.FindAllSubmatch(index, -1) {
		if strings.Contains(string(m[1]), "src=") {
			continue
		}
		sum := sha256.Sum256(m[2])
		hashes = append(hashes, "sha256-"+base64.StdEncoding.EncodeToString(sum[:]))
	}
	return contentSecurityPolicy(hashes...)
}
