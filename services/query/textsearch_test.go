package query

import (
	"slices"
	"strings"
	"testing"

	"liaison/models"
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
		"Ходжић":            "hodzic", // Cyrillic to Latin, then folded
		"Зеница":            "zenica",
		"ЂУРЂЕВИЋ Џафер":    "durdevic dzafer",
		"Љубушки Његош":     "ljubuski njegos",
		"Јасмина Шехић":     "jasmina sehic",
		"Йосиф Щукин Юлия":  "iosif scukin julija",
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

func TestSearchTextKeysNamesForOneTypo(t *testing.T) {
	st := NameSearchText([]string{"Ahmed"}, "Sarajevo")
	words := Tokens(st, 0)
	for _, probe := range []string{"ahmad", "ahmd", "ahemd", "ahmeed"} {
		if !slices.ContainsFunc(models.TypoQuery(probe), func(k string) bool { return slices.Contains(words, k) }) {
			t.Errorf("%q does not reach Ahmed through %v", probe, words)
		}
	}
	for _, far := range []string{"ahmadd", "hamid", "sarajevo"} {
		if slices.ContainsFunc(models.TypoQuery(far), func(k string) bool { return slices.Contains(words, k) }) {
			t.Errorf("%q reaches Ahmed", far)
		}
	}
	// Other fields carry no typo keys; short words none either.
	if strings.Contains(SearchText("Sarajevo Ali"), "0q") || models.TypoKeys("ali") != nil {
		t.Error("typo keys where none belong")
	}
}
