package query

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// Whatever a client sends as a cursor, decoding it never panics, a number
// in it is an integer or the cursor is refused, and what is accepted
// encodes back to a cursor that decodes the same. (That its value has the
// sort key's type is checked by SortKey.cursorValue.)
func FuzzDecodeCursor(f *testing.F) {
	for _, seed := range []string{
		EncodeCursor(cursor{Sort: "name", Value: "Ministry", ID: 4}),
		EncodeCursor(cursor{Sort: "-id", Value: int64(9), ID: 9}),
		"eyJzIjoibmFtZSIsInYiOnsieCI6MX0sImkiOjF9", "eyJ4Ijox", "", "!!",
		base64.RawURLEncoding.EncodeToString([]byte(`{"s":"x","v":1e400,"i":1}`)),
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := decodeCursor(s)
		if err != nil {
			return
		}
		if _, ok := c.Value.(json.Number); ok {
			t.Fatalf("%q kept a number that is not an integer: %v", s, c.Value)
		}
		again, err := decodeCursor(EncodeCursor(c))
		if err != nil || again.Sort != c.Sort || again.ID != c.ID {
			t.Fatalf("%q: %+v does not survive encoding: %+v, %v", s, c, again, err)
		}
	})
}

// Folding is what the index holds and queries are matched in: folding
// twice changes nothing, the result is valid UTF-8 in lower case, and every
// word of a text is found among the tokens of its search text.
func FuzzFold(f *testing.F) {
	for _, seed := range []string{"Hodžić", "ĐURĐEVIĆ", "مُصْطَفَى", "Straße", "٢٠٢٦", "Łódź Ærø İstanbul", "\xff"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return // the API refuses such text before it is stored
		}
		once := Fold(s)
		if !utf8.ValidString(once) {
			t.Fatalf("Fold(%q) = %q, not UTF-8", s, once)
		}
		if twice := Fold(once); twice != once {
			t.Fatalf("Fold is not stable on %q: %q then %q", s, once, twice)
		}
		for _, r := range once {
			if unicode.IsUpper(r) && unicode.ToLower(r) != r && unicode.ToUpper(unicode.ToLower(r)) == r {
				t.Fatalf("Fold(%q) = %q keeps upper case %q", s, once, r)
			}
		}
		indexed := " " + strings.Join(Tokens(SearchText(s), 0), " ") + " "
		for _, w := range Tokens(s, 0) {
			if !strings.Contains(indexed, " "+w+" ") {
				t.Fatalf("%q: word %q is not among the indexed tokens %q", s, w, indexed)
			}
		}
	})
}
