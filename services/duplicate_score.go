package services

import (
	"slices"

	"github.com/xrash/smetrics"

	"liaison/models"
)

// How likely two records are one: each piece of evidence has a weight, and
// independent pieces add up as probabilities do (1 - Π(1 - w)). A pair at
// or above duplicateThreshold is a possible duplicate.
const (
	weightSameEmail   = 0.95
	weightSamePhone   = 0.9
	weightSameName    = 0.85
	weightAcronym     = 0.75
	weightSameAcronym = 0.6
	// A similar name weighs from 0.5 (similarity 0.9) to 0.8 (almost equal).
	similarNameFloor   = 0.9
	duplicateThreshold = 0.5
)

// The reasons, stable snake_case words that clients translate, in the
// order they are listed.
const (
	ReasonSameEmail          = "same_email"
	ReasonSamePhone          = "same_phone"
	ReasonSameName           = "same_name"
	ReasonSimilarName        = "similar_name"
	ReasonAcronymMatchesName = "acronym_matches_name"
	ReasonSameAcronym        = "same_acronym"
)

var reasonOrder = []string{ReasonSameEmail, ReasonSamePhone, ReasonSameName, ReasonSimilarName, ReasonAcronymMatchesName, ReasonSameAcronym}

// dupFace is a record (or a probe) in the form it is compared in.
type dupFace struct {
	id       int64
	email    string
	phone    string
	names    [][]string // folded words of each name form (Latin and local)
	acronym  string
	initials []string
}

func faceOf(kind DuplicateKind, id int64, f models.DuplicateFields) dupFace {
	d := dupFace{id: id, email: models.NormalEmail(f.Email), phone: models.NormalPhone(f.Phone, f.Region)}
	forms := []string{f.Name, f.NameLocal}
	if kind == DuplicateContacts {
		forms = []string{f.GivenName + " " + f.FamilyName, f.NameLocal}
	}
	for _, n := range forms {
		if w := models.SearchWords(n); len(w) > 0 {
			d.names = append(d.names, w)
		}
	}
	if kind == DuplicateOrganizations {
		d.acronym = models.AcronymKey(f.Acronym)
		d.initials = models.Initials(f.Name)
	}
	return d
}

// pairScore is how likely a and b are one record, and why.
func pairScore(a, b dupFace) (float64, []string) {
	var reasons []string
	miss := 1.0
	add := func(reason string, w float64) {
		reasons = append(reasons, reason)
		miss *= 1 - w
	}
	if a.email != "" && a.email == b.email {
		add(ReasonSameEmail, weightSameEmail)
	}
	if a.phone != "" && a.phone == b.phone {
		add(ReasonSamePhone, weightSamePhone)
	}
	best := 0.0
	for _, x := range a.names {
		for _, y := range b.names {
			best = max(best, nameSimilarity(x, y))
		}
	}
	switch {
	case best == 1:
		add(ReasonSameName, weightSameName)
	case best >= similarNameFloor:
		add(ReasonSimilarName, 0.5+3*(best-similarNameFloor))
	}
	switch {
	case a.acronym != "" && a.acronym == b.acronym:
		add(ReasonSameAcronym, weightSameAcronym)
	case a.acronym != "" && slices.Contains(b.initials, a.acronym),
		b.acronym != "" && slices.Contains(a.initials, b.acronym):
		add(ReasonAcronymMatchesName, weightAcronym)
	}
	return 1 - miss, reasons
}

// nameSimilarity compares two names word by word: 1 when they hold the same
// folded words in any order, else the mean, over the words of both, of each
// word's best Jaro-Winkler similarity to a word of the other name.
func nameSimilarity(a, b []string) float64 {
	if slices.Equal(sorted(a), sorted(b)) {
		return 1
	}
	side := func(x, y []string) float64 {
		sum := 0.0
		for _, w := range x {
			best := 0.0
			for _, v := range y {
				best = max(best, smetrics.JaroWinkler(w, v, 0.7, 4))
			}
			sum += best
		}
		return sum / float64(len(x))
	}
	return min((side(a, b)+side(b, a))/2, 0.999)
}

func sorted(s []string) []string {
	out := slices.Clone(s)
	slices.Sort(out)
	return out
}

// orderReasons puts reasons in their fixed order, each once.
func orderReasons(rs []string) []string {
	out := []string{}
	for _, r := range reasonOrder {
		if slices.Contains(rs, r) {
			out = append(out, r)
		}
	}
	return out
}
