package models

import (
	"strings"
	"unicode"
)

// SearchText builds the value of a search_text column: the folded words of
// a record's names and other searchable fields. A Bosnian "đ" (Cyrillic
// "ђ") is indexed both as "d" and as "dj", the two ways people type it on a
// keyboard without it; an Arabic word with its article also without it.
// Each word of the names also carries its typo keys (TypoKeys), so that a
// name is found with one letter wrong.
func SearchText(names []string, others ...string) string {
	joined := strings.Join(append(append([]string{}, names...), others...), " ")
	tokens := SearchWords(joined)
	for _, t := range tokens {
		// Arabic words carry the article: index "الداخليه" also as "داخليه".
		if r := []rune(t); len(r) > 4 && r[0] == 'ا' && r[1] == 'ل' {
			tokens = append(tokens, string(r[2:]))
		}
	}
	folded := strings.Join(tokens, " ")
	if strings.ContainsAny(joined, "đĐђЂ") {
		alt := strings.NewReplacer("đ", "dj", "Đ", "Dj", "ђ", "dj", "Ђ", "Dj").Replace(joined)
		folded += " " + strings.Join(SearchWords(alt), " ")
	}
	var typo []string
	seen := map[string]bool{}
	for _, w := range SearchWords(strings.Join(names, " ")) {
		if seen[w] {
			continue
		}
		seen[w] = true
		typo = append(typo, TypoKeys(w)...)
	}
	if len(typo) > 0 {
		folded += " " + strings.Join(typo, " ")
	}
	return folded
}

// SearchWords splits text into its folded words of letters and digits, the
// only characters that reach a full-text index or query.
func SearchWords(s string) []string {
	return strings.FieldsFunc(Fold(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// One typo in a name: a name word of TypoMinLength letters or more is also
// indexed as "0p" + the word and as "0q" + the word with one letter
// deleted, at each position (a symmetric-deletion index). A query word w of
// that length matches a name word t within one typo when
//   - "0q"+w is stored: w lacks one letter of t ("Ahmd" finds Ahmed);
//   - "0p"+(w less one letter) is stored: w has one letter too many
//     ("Ahmeed");
//   - "0q"+(w less one letter) is stored: one letter differs ("Ahmad") or
//     two neighbours are swapped ("Ahemd"); rarely, one letter moved.
//
// The prefixes start with a digit and are glued to the word, so no word a
// person writes collides with them, and both databases' full-text parsers
// keep each key one token. The keys are exact tokens in the index: a typo
// query is a handful of index lookups, like a plain one.
const (
	TypoMinLength = 4
	typoMaxLength = 24 // longer words are not names; their keys would only cost space
	typoWord      = "0p"
	typoDeletion  = "0q"
)

// TypoKeys are the keys stored for one folded name word.
func TypoKeys(word string) []string {
	r := []rune(word)
	if len(r) < TypoMinLength || len(r) > typoMaxLength {
		return nil
	}
	keys := make([]string, 0, len(r)+1)
	keys = append(keys, typoWord+word)
	for _, d := range deletions(r) {
		if !containsString(keys, typoDeletion+d) {
			keys = append(keys, typoDeletion+d)
		}
	}
	return keys
}

// TypoQuery is the set of stored keys any of which lets the folded query
// word match a name word within one typo; nil for a word too short to
// guess at.
func TypoQuery(word string) []string {
	r := []rune(word)
	if len(r) < TypoMinLength || len(r) > typoMaxLength+1 {
		return nil
	}
	keys := []string{typoDeletion + word}
	for _, d := range deletions(r) {
		for _, k := range []string{typoWord + d, typoDeletion + d} {
			if !containsString(keys, k) {
				keys = append(keys, k)
			}
		}
	}
	return keys
}

// deletions are the word with one letter removed, at each position.
func deletions(r []rune) []string {
	out := make([]string, 0, len(r))
	for i := range r {
		out = append(out, string(r[:i])+string(r[i+1:]))
	}
	return out
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
