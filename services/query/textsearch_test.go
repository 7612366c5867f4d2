package query

import (
	"slices"
	"testing"
)

func TestFoldTextUnifiesSpellings(t *testing.T) {
	cases := map[string]string{
		"Hodžić":            "hodzic",
		"ĐURĐEVIĆ":          "durdevic",
		"Straße":            "strasse",
		"أحمد":              "احمد", // alef with hamza above
		"إبراهيم":           "ابراهيم",
		"آمنة":              "امنه",  // madda, taa marbuta
		"مُصْطَفَى":         "مصطفي", // tashkeel, alef maksura
		"عـــلي":            "علي",   // tatweel
		"٢٠٢٦":              "2026",
		"Ministarstvo":      "ministarstvo",
		"Łódź Ærø İstanbul": "lodz aero istanbul",
	}
	for in, want := range cases {
		if got := Fold(in); got != want {
			t.Errorf("foldText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSearchTokensCarryNoQuerySyntax(t *testing.T) {
	got := Tokens(`"zen*" OR NEAR(a b) -x ^y :* & ! 'Hodžić'`, 0)
	want := []string{"zen", "or", "near", "a", "b", "x", "y", "hodzic"}
	if !slices.Equal(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	if n := len(Tokens("a b c d e f g h i j k", MaxQueryTokens)); n != MaxQueryTokens {
		t.Fatalf("token cap: %d", n)
	}
}

func TestSearchTextIndexesBothSpellingsOfDj(t *testing.T) {
	st := SearchText("Đurđević", "الداخلية")
	for _, w := range []string{"durdevic", "djurdjevic", "الداخليه", "داخليه"} {
		if !slices.Contains(Tokens(st, 0), w) {
			t.Errorf("%q not indexed in %q", w, st)
		}
	}
}
