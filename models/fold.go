package models

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Fold turns text into the form that the full-text index holds, that
// queries are matched in, and that sort keys are made of (sort_key.go):
// lower case, accents and Arabic diacritics removed, Arabic letter variants
// unified, Arabic-Indic digits as ASCII, and Cyrillic written in Latin
// letters the way Bosnian and Serbian pair the two alphabets. So "Hodžić",
// "hodzic" and "Ходжић" are one word, "Зеница" is "zenica", and "مؤسسة"
// with or without hamza or tashkeel matches. Duplicate matching
// (duplicate_keys.go) and search both fold through here, so that what the
// one finds as the same the other finds too.
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
			if l, ok := cyrillicLatin[unicode.ToLower(r)]; ok {
				b.WriteString(l)
				continue
			}
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

// cyrillicLatin is the Bosnian/Serbian Latin spelling of each Cyrillic
// letter, already folded (ђ is đ, which folds to d; џ is dž, so dz), with
// the letters of neighbouring Cyrillic alphabets that people's names bring
// (Macedonian, Russian, Ukrainian). Letters that NFKD decomposes (й, ё, ї,
// ѓ, ќ) arrive as their base letter.
var cyrillicLatin = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'ђ': "d", 'е': "e", 'ж': "z",
	'з': "z", 'и': "i", 'ј': "j", 'к': "k", 'л': "l", 'љ': "lj", 'м': "m", 'н': "n",
	'њ': "nj", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t", 'ћ': "c", 'у': "u",
	'ф': "f", 'х': "h", 'ц': "c", 'ч': "c", 'џ': "dz", 'ш': "s",
	'ѕ': "dz", 'і': "i", 'є': "je", 'ы': "y", 'э': "e", 'ю': "ju", 'я': "ja", 'щ': "sc",
	'ъ': "", 'ь': "",
}
