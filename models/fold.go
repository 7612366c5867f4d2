package models

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Fold turns text into the form that the full-text index holds, that
// queries are matched in, and that sort keys are made of (sort_key.go):
// lower case, accents and Arabic diacritics removed, Arabic letter variants
// unified, Arabic-Indic digits as ASCII. So "Hodžić" matches "hodzic", and
// "مؤسسة" with or without hamza or tashkeel matches.
func Fold(s string) string {
	if isASCII(s) {
		// Nothing to decompose or unify: only the case folds.
		return strings.ToLower(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFKD.String(s) {
		if unicode.Is(unicode.Mn, r) || r == 'ـ' { // combining marks, tashkeel, tatweel
			continue
		}
		switch r {
		case 'đ', 'Đ':
			b.WriteRune('d')
		case 'ß':
			b.WriteString("ss")
		case 'ø', 'Ø':
			b.WriteRune('o')
		case 'ł', 'Ł':
			b.WriteRune('l')
		case 'ı':
			b.WriteRune('i')
		case 'æ', 'Æ':
			b.WriteString("ae")
		case 'ة':
			b.WriteRune('ه')
		case 'ى':
			b.WriteRune('ي')
		case 'ٱ':
			b.WriteRune('ا')
		default:
			switch {
			case r >= '٠' && r <= '٩':
				b.WriteRune('0' + (r - '٠'))
			case r >= '۰' && r <= '۹':
				b.WriteRune('0' + (r - '۰'))
			default:
				b.WriteRune(unicode.ToLower(r))
			}
		}
	}
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
