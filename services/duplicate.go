package services

import (
	"context"
	"slices"
	"strings"

	"gorm.io/gorm"

	"liaison/models"
	"liaison/services/query"
)

// DuplicateKind is the kind of record duplicates are looked for among.
type DuplicateKind string

const (
	DuplicateContacts      DuplicateKind = models.DuplicateContacts
	DuplicateOrganizations DuplicateKind = models.DuplicateOrganizations
)

// DuplicateProbe describes a record that may already exist: a form not yet
// saved, or an import row. Empty fields are ignored.
type DuplicateProbe struct {
	Name, NameLocal, Acronym  string // organizations; Name is a contact's full name when the parts are not given
	GivenName, FamilyName     string // contacts (NameLocal too)
	Email, Phone, CountryCode string
	ExcludeID                 int64 // the record being edited, if any
}

// DuplicateMatch is one existing record the probe may duplicate.
type DuplicateMatch struct {
	ID      int64
	Score   float64  // 0..1, likeliest first
	Reasons []string // stable snake_case reasons: "same_email", "same_phone", "same_name", "similar_name", "acronym_matches_name", "same_acronym"
	Name    string   // the record's name as it is shown, so that a warning needs no second read
}

// DuplicateGroup is a set of existing records that may be one.
type DuplicateGroup struct {
	IDs     []int64  // ascending
	Names   []string // the records' names as they are shown, in the order of IDs
	Score   float64  // the likeliest pair's
	Reasons []string
}

// DuplicateFilter selects a page of the duplicates list.
type DuplicateFilter struct {
	Kind   DuplicateKind
	Limit  int
	Cursor string
}

// DuplicateService finds records that may be one: at the door (Check) and
// among the records already there (List). Both compare only records that
// share a blocking key (models/duplicate_keys.go) and see only what the
// actor may see: a restricted contact of another office is never a match.
type DuplicateService struct{ db *gorm.DB }

// Duplicates is the duplicate finder.
func (s *Services) Duplicates() *DuplicateService { return &DuplicateService{db: s.db} }

// checkCandidates bounds the records one probe key or name search reads.
const checkCandidates = 200

// Check lists the visible records (the one visibility rule) that the probe
// may duplicate, likeliest first, at most limit (1–50; 10 when 0).
// Archived and merged records are not candidates.
// Errors: ErrForbidden (a viewer), *ValidationError (unknown kind).
func (s *DuplicateService) Check(ctx context.Context, actor Actor, kind DuplicateKind, p DuplicateProbe, limit int) ([]DuplicateMatch, error) {
	var out []DuplicateMatch
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		out, err = s.check(tx, actor, kind, p, limit, true)
		return err
	})
	return out, err
}

// check is Check inside the caller's transaction (an import checks its
// rows in the transaction that writes them). With similar, it also looks
// for names a typo away through the full-text index; without, only the
// blocking keys (email, phone, folded name, acronym and initials) are
// read. Every match that can score strongDuplicate shares such a key — a
// similar name alone scores at most 0.8, and with an email, phone or
// acronym beside it the key of that finds it — so an import, which takes
// only strong duplicates, loses nothing by skipping the search, whose cost
// grows with the rows that share a common first name.
func (s *DuplicateService) check(tx *gorm.DB, actor Actor, kind DuplicateKind, p DuplicateProbe, limit int, similar bool) ([]DuplicateMatch, error) {
	if actor.Role == models.RoleViewer || actor.Role == "" {
		return nil, ErrForbidden
	}
	if err := validDuplicateKind(kind); err != nil {
		return nil, err
	}
	fields := probeFields(kind, p)
	keys := models.DuplicateKeys(string(kind), fields)
	byKey, err := keyRecords(tx, kind, keys)
	if err != nil {
		return nil, err
	}
	ids := map[int64]bool{}
	for _, found := range byKey {
		for _, id := range found {
			ids[id] = true
		}
	}
	// Names with a typo share no key: the full-text index, which tolerates
	// one per word, finds them.
	names := probeNames(kind, fields)
	if !similar {
		names = nil
	}
	for _, n := range names {
		if len(query.Tokens(n, query.MaxQueryTokens)) == 0 {
			continue
		}
		var found []int64
		table := string(kind)
		q := query.Match(tx.Session(&gorm.Session{NewDB: true}).Table(table).Where(table+".deleted_at IS NULL"), table, n)
		// No order: for a common name the database stops at the first
		// candidates it meets instead of testing every row in id order
		// (measured on the 1M set: 11-25 s on PostgreSQL with the order).
		if err := q.Limit(checkCandidates).Pluck(table+".id", &found).Error; err != nil {
			return nil, err
		}
		for _, id := range found {
			ids[id] = true
		}
	}
	delete(ids, p.ExcludeID)
	list := make([]int64, 0, len(ids))
	for id := range ids {
		list = append(list, id)
	}
	records, err := liveVisibleFaces(tx, actor, kind, list)
	if err != nil {
		return nil, err
	}
	return rankMatches(faceOf(kind, 0, fields), records, limit), nil
}

// probeFields reads a probe as a record's fields. A contact probe with only
// a full name is compared by it.
func probeFields(kind DuplicateKind, p DuplicateProbe) models.DuplicateFields {
	f := models.DuplicateFields{NameLocal: p.NameLocal, Email: p.Email, Phone: p.Phone, Region: p.CountryCode}
	if kind == DuplicateContacts {
		f.GivenName, f.FamilyName = p.GivenName, p.FamilyName
		if strings.TrimSpace(p.GivenName+p.FamilyName) == "" {
			f.GivenName = p.Name
		}
		return f
	}
	f.Name, f.Acronym = p.Name, p.Acronym
	return f
}

// probeNames are the names a probe is searched by in the full-text index.
func probeNames(kind DuplicateKind, f models.DuplicateFields) []string {
	names := []string{f.NameLocal}
	if kind == DuplicateContacts {
		names = append(names, f.GivenName+" "+f.FamilyName)
	} else {
		names = append(names, f.Name)
	}
	return names
}

func validDuplicateKind(kind DuplicateKind) error {
	if kind != DuplicateContacts && kind != DuplicateOrganizations {
		return &ValidationError{Fields: []FieldError{{Field: "kind", Message: "must be contacts or organizations"}}}
	}
	return nil
}

// liveVisibleFaces reads the records ids of kind that are live (not
// archived, so not merged away) and visible to the actor, in id order.
func liveVisibleFaces(tx *gorm.DB, actor Actor, kind DuplicateKind, ids []int64) ([]dupFace, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	slices.Sort(ids)
	db := tx.Session(&gorm.Session{NewDB: true})
	var out []dupFace
	for len(ids) > 0 {
		part := ids[:min(len(ids), 500)]
		ids = ids[len(part):]
		if kind == DuplicateContacts {
			var rows []models.Contact
			if err := query.WhereIDs(contactScope(db, actor, false), "contacts.id", part).
				Select("id", "given_name", "family_name", "full_name", "name_local", "email", "phone", "country_code").
				Order("id").Find(&rows).Error; err != nil {
				return nil, err
			}
			for _, c := range rows {
				f := faceOf(kind, c.ID, models.DuplicateFields{GivenName: c.GivenName, FamilyName: c.FamilyName,
					NameLocal: c.NameLocal, Email: c.Email, Phone: c.Phone, Region: textOf(c.CountryCode)})
				f.name = firstNonEmpty(c.FullName, c.NameLocal)
				out = append(out, f)
			}
			continue
		}
		var rows []models.Organization
		if err := query.WhereIDs(query.Base(db, &models.Organization{}, "organizations", false), "organizations.id", part).
			Select("id", "name", "name_local", "acronym", "email", "phone", "country_code").
			Order("id").Find(&rows).Error; err != nil {
			return nil, err
		}
		for _, o := range rows {
			f := faceOf(kind, o.ID, models.DuplicateFields{Name: o.Name, NameLocal: o.NameLocal,
				Acronym: o.Acronym, Email: o.Email, Phone: o.Phone, Region: textOf(o.CountryCode)})
			f.name = firstNonEmpty(o.Name, o.NameLocal)
			out = append(out, f)
		}
	}
	return out, nil
}

func textOf(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func round2(f float64) float64 { return float64(int(f*100+0.5)) / 100 }

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if strings.TrimSpace(x) != "" {
			return x
		}
	}
	return ""
}
