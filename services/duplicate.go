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
// may duplicate, likeliest first, at most limit (1–50; 10 when 0): those
// sharing a blocking key (email, phone, folded name, acronym or initials)
// and, since a name with a typo shares no key, those the full-text index
// finds by the probe's names, which it matches within one typo per word.
// Archived and merged records are not candidates. An import, which takes
// only strong duplicates, needs the keys alone: checkMany.
// Errors: ErrForbidden (a viewer), *ValidationError (unknown kind).
func (s *DuplicateService) Check(ctx context.Context, actor Actor, kind DuplicateKind, p DuplicateProbe, limit int) ([]DuplicateMatch, error) {
	if err := mayFindDuplicates(actor, kind); err != nil {
		return nil, err
	}
	fields := probeFields(kind, p)
	var out []DuplicateMatch
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		byKey, err := keyRecords(tx, kind, models.DuplicateKeys(string(kind), fields))
		if err != nil {
			return err
		}
		var ids []int64
		for _, found := range byKey {
			ids = append(ids, found...)
		}
		for _, n := range probeNames(kind, fields) {
			if len(query.Tokens(n, query.MaxQueryTokens)) == 0 {
				continue
			}
			var found []int64
			table := string(kind)
			q := query.Match(tx.Session(&gorm.Session{NewDB: true}).Table(table).Where(table+".deleted_at IS NULL"), nil, table, n)
			// No order: for a common name the database stops at the first
			// candidates it meets instead of testing every row in id order
			// (measured on the 1M set: 11-25 s on PostgreSQL with the order).
			if err := q.Limit(checkCandidates).Pluck(table+".id", &found).Error; err != nil {
				return err
			}
			ids = append(ids, found...)
		}
		ids = slices.DeleteFunc(uniqueIDs(ids), func(id int64) bool { return id == p.ExcludeID })
		records, err := liveVisibleFaces(tx, actor, kind, ids)
		if err != nil {
			return err
		}
		out = rankMatches(faceOf(kind, 0, fields), records, limit)
		return nil
	})
	return out, err
}

// mayFindDuplicates refuses viewers and unknown kinds.
func mayFindDuplicates(actor Actor, kind DuplicateKind) error {
	if actor.Role == models.RoleViewer || actor.Role == "" {
		return ErrForbidden
	}
	return validDuplicateKind(kind)
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
