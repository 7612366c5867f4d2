package api

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestTextFaultNamesWhereTheTextIsBroken(t *testing.T) {
	for _, c := range []struct{ body, loc, msg string }{
		{`{"name":"Ministry"}`, "", ""},
		{`{"name":"Hodžić 🙂 \ud83d\ude42 الداخلية"}`, "", ""}, // a surrogate pair is one character
		{`{"name":"a \\ud800 b"}`, "", ""},                    // an escaped backslash: the text \ud800, not an escape
		{`{"name":"bad ` + "\xff\xfe" + `"}`, "body.name", "is not valid UTF-8"},
		{`{"name":"x","city":"\ud800"}`, "body.city", "holds a lone surrogate (not text)"},
		{`{"name":"\udc00 alone"}`, "body.name", "holds a lone surrogate (not text)"},
		{`{"name":"\ud800\u0041"}`, "body.name", "holds a lone surrogate (not text)"},
		{`{"name":"nul \u0000"}`, "body.name", "contains a NUL character"},
		{`{"participants":[{"role":"host"},{"role":"x` + "\xc3\x28" + `"}]}`, "body.participants[1].role", "is not valid UTF-8"},
		{`{"tags":["sdg-5","sdg-\udfff"]}`, "body.tags[1]", "holds a lone surrogate (not text)"},
		{`{"a":{"b":[1,2,{"c":"\ud800"}]}}`, "body.a.b[2].c", "holds a lone surrogate (not text)"},
		{`{"na\ud800me":"x"}`, "body", "has a member name that holds a lone surrogate (not text)"},
		{`{"name":"unterminated`, "", ""}, // malformed: the decoder answers 400
		{`["\ud800"]`, "body[0]", "holds a lone surrogate (not text)"},
	} {
		loc, msg := textFault([]byte(c.body))
		if loc != c.loc || msg != c.msg {
			t.Errorf("%q: (%q, %q), want (%q, %q)", c.body, loc, msg, c.loc, c.msg)
		}
	}
}

// Whatever textFault lets through decodes without a character replaced:
// every string Go's decoder reads back is the text the client sent.
func FuzzTextFault(f *testing.F) {
	for _, seed := range []string{`{"name":"x"}`, `{"a":["\ud83d\ude42","\ud800"]}`, "{\"n\":\"\xff\"}", `{"n":"\\ud800"}`, `[{"k":"\u0000"}]`} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		loc, _ := textFault(body)
		if loc != "" || !json.Valid(body) {
			return
		}
		var v any
		if err := json.Unmarshal(body, &v); err != nil {
			return
		}
		sentReplacement := strings.Contains(string(body), "\uFFFD") || strings.Contains(strings.ToLower(string(body)), `\ufffd`)
		var walk func(any)
		walk = func(v any) {
			switch x := v.(type) {
			case string:
				if !utf8.ValidString(x) || (strings.ContainsRune(x, utf8.RuneError) && !sentReplacement) || strings.ContainsRune(x, 0) {
					t.Fatalf("passed %q, which decodes to %q", body, x)
				}
			case []any:
				for _, e := range x {
					walk(e)
				}
			case map[string]any:
				for k, e := range x {
					walk(k)
					walk(e)
				}
			}
		}
		walk(v)
	})
}
