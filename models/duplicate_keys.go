package models

import (
	"fmt"
	"slices"
	"strings"

	"github.com/nyaruka/phonenumbers"
	"gorm.io/gorm"
)

// Duplicate blocking keys (migration 0018). Finding duplicates compares
// records only when they share a key, never all pairs: each contact and
// organization has a few keys made from its normalised email, phone and
// names (DuplicateKeys), kept in duplicate_keys (kind, record_id, key);
// duplicate_blocks counts the records per key, so that the list of
// duplicates walks only the keys two or more records share. Both are
// written by RefreshDuplicateKeys, called by every write of the fields the
// keys are made from (create, update, import, merge), and checked and
// repaired by liaison check. Archiving leaves the keys in place: readers
// skip archived records, so archive and restore have nothing to maintain.
//
// A key starts with its rank, so that ordering keys orders the groups they
// make from the strongest evidence to the weakest: "1e:" the email, "2p:"
// the phone number, "3n:" the name's folded words, "4a:" an acronym, or
// the initials of an organization's name.

const (
	DuplicateKeysTable   = "duplicate_keys"
	DuplicateBlocksTable = "duplicate_blocks"
	// DuplicateContacts and DuplicateOrganizations are the kinds.
	DuplicateContacts      = "contacts"
	DuplicateOrganizations = "organizations"
	// DuplicateBlockLimit is the largest block that the list of duplicates
	// reads as one group: a key more records share (a common name) says
	// little about any two of them.
	DuplicateBlockLimit = 25
)

// DuplicateFields are the fields of a record (or of a record not yet
// saved) that its keys are made from. Region is the record's country, the
// default region of a phone number written without its country code.
type DuplicateFields struct {
	GivenName, FamilyName, NameLocal string // contacts
	Name, Acronym                    string // organizations (NameLocal too)
	Email, Phone, Region             string
}

// DuplicateKeys are the blocking keys of a record of kind.
func DuplicateKeys(kind string, f DuplicateFields) []string {
	var keys []string
	add := func(k string) {
		if k != "" && !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	if e := NormalEmail(f.Email); e != "" {
		add("1e:" + e)
	}
	if p := NormalPhone(f.Phone, f.Region); p != "" {
		add("2p:" + p)
	}
	if kind == DuplicateContacts {
		if n := NameKey(f.GivenName + " " + f.FamilyName); n != "" {
			add("3n:" + n)
		}
	} else if n := NameKey(f.Name); n != "" {
		add("3n:" + n)
	}
	if n := NameKey(f.NameLocal); n != "" {
		add("3n:" + n)
	}
	if kind == DuplicateOrganizations {
		if a := AcronymKey(f.Acronym); a != "" {
			add("4a:" + a)
		}
		for _, i := range Initials(f.Name) {
			add("4a:" + i)
		}
	}
	return keys
}

// NormalEmail is an email address as it is compared: trimmed, lower case.
func NormalEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// NormalPhone is a phone number as it is compared: E.164 when the number
// parses (region is the default country, for numbers written the national
// way: "061/123-456" in BA is +38761123456, as are "+387 61 123 456" and
// "0038761123456"), else its digits when there are at least six, else "".
func NormalPhone(s, region string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if n, err := phonenumbers.Parse(s, strings.ToUpper(region)); err == nil && phonenumbers.IsPossibleNumber(n) {
		return phonenumbers.Format(n, phonenumbers.E164)
	}
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	if b.Len() < 6 {
		return ""
	}
	return b.String()
}

// NameKey is a name as blocking compares it: its folded words, sorted, so
// that "Hodžić Amra", "Amra Hodzic" and "Амра Ходжић" share it.
func NameKey(s string) string {
	words := SearchWords(s)
	if len(words) == 0 {
		return ""
	}
	slices.Sort(words)
	return strings.Join(words, " ")
}

// AcronymKey is an acronym as it is compared: its folded letters and digits.
func AcronymKey(s string) string {
	k := strings.Join(SearchWords(s), "")
	if len([]rune(k)) < 2 {
		return ""
	}
	return k
}

// minorWords are the words an acronym may leave out ("MS" for "Ministry of
// Security") or keep ("MoS").
var minorWords = map[string]bool{
	"of": true, "the": true, "and": true, "for": true, "in": true, "on": true, "a": true, "an": true, "to": true,
	"za": true, "i": true, "u": true, "na": true, "o": true, "od": true, "sa": true, "s": true,
	"de": true, "la": true, "le": true, "les": true, "des": true, "du": true, "et": true, "el": true, "al": true,
}

// Initials are the acronyms a name of three or more words could be known
// by: the first letters of every word, and of its significant words only.
// "Ministry of Security" gives "mos" and "ms".
func Initials(name string) []string {
	words := SearchWords(name)
	if len(words) < 2 {
		return nil
	}
	var all, major []rune
	for _, w := range words {
		r := []rune(w)[0]
		all = append(all, r)
		if !minorWords[w] {
			major = append(major, r)
		}
	}
	out := []string{string(all)}
	if len(major) >= 2 && string(major) != string(all) {
		out = append(out, string(major))
	}
	return out
}

// duplicateSources says how the fields of each kind are read, in one
// statement, for a range or a list of ids: id first, then DuplicateFields.
var duplicateSources = map[string]string{
	DuplicateContacts: "SELECT id, given_name, family_name, name_local, '' AS name, '' AS acronym, email, phone, " +
		"COALESCE(country_code, '') AS region FROM contacts",
	DuplicateOrganizations: "SELECT id, '' AS given_name, '' AS family_name, name_local, name, acronym, email, phone, " +
		"COALESCE(country_code, '') AS region FROM organizations",
}

// DuplicateKinds are the kinds with keys, in the order liaison check reads them.
var DuplicateKinds = []string{DuplicateContacts, DuplicateOrganizations}

type duplicateRow struct {
	ID int64
	DuplicateFields
}

func readDuplicateRows(tx *gorm.DB, kind, where string, args ...any) ([]duplicateRow, error) {
	src, ok := duplicateSources[kind]
	if !ok {
		return nil, fmt.Errorf("duplicate keys: unknown kind %q", kind)
	}
	var rows []duplicateRow
	r, err := tx.Raw(src+" WHERE "+where+" ORDER BY id", args...).Rows()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	for r.Next() {
		var d duplicateRow
		f := &d.DuplicateFields
		if err := r.Scan(&d.ID, &f.GivenName, &f.FamilyName, &f.NameLocal, &f.Name, &f.Acronym, &f.Email, &f.Phone, &f.Region); err != nil {
			return nil, err
		}
		rows = append(rows, d)
	}
	return rows, r.Err()
}

// storedDuplicateKeys reads the stored keys of the records ids of kind.
func storedDuplicateKeys(tx *gorm.DB, kind string, where string, args ...any) (map[int64][]string, error) {
	var rows []struct {
		RecordID int64
		Key      string
	}
	if err := tx.Raw("SELECT record_id, key FROM "+DuplicateKeysTable+" WHERE kind = ? AND "+where,
		append([]any{kind}, args...)...).Scan(&rows).Error; err != nil {
		return nil, err
	}
	out := map[int64][]string{}
	for _, r := range rows {
		out[r.RecordID] = append(out[r.RecordID], r.Key)
	}
	return out, nil
}

// keyChange is what one record's keys lose and gain.
type keyChange struct {
	id           int64
	gone, gained []string
}

func diffKeys(rows []duplicateRow, kind string, stored map[int64][]string) []keyChange {
	var out []keyChange
	for _, r := range rows {
		want := DuplicateKeys(kind, r.DuplicateFields)
		have := stored[r.ID]
		var c keyChange
		for _, k := range have {
			if !slices.Contains(want, k) {
				c.gone = append(c.gone, k)
			}
		}
		for _, k := range want {
			if !slices.Contains(have, k) {
				c.gained = append(c.gained, k)
			}
		}
		if len(c.gone)+len(c.gained) > 0 {
			c.id = r.ID
			out = append(out, c)
		}
	}
	return out
}

// applyKeyChanges writes the changes to both tables: a key's block grows
// and shrinks with it, and goes when its last record does. Rows are
// written a few hundred per statement; each block is written once.
func applyKeyChanges(tx *gorm.DB, kind string, changes []keyChange) error {
	delta := map[string]int64{}
	var added [][2]any
	for _, c := range changes {
		if len(c.gone) > 0 {
			if err := tx.Exec("DELETE FROM "+DuplicateKeysTable+" WHERE kind = ? AND record_id = ? AND key IN ?", kind, c.id, c.gone).Error; err != nil {
				return err
			}
		}
		for _, k := range c.gone {
			delta[k]--
		}
		for _, k := range c.gained {
			delta[k]++
			added = append(added, [2]any{c.id, k})
		}
	}
	const chunk = 300
	for len(added) > 0 {
		part := added[:min(chunk, len(added))]
		added = added[len(part):]
		values := make([]string, len(part))
		args := make([]any, 0, 3*len(part))
		for i, a := range part {
			values[i] = "(?, ?, ?)"
			args = append(args, kind, a[0], a[1])
		}
		if err := tx.Exec("INSERT INTO "+DuplicateKeysTable+" (kind, record_id, key) VALUES "+strings.Join(values, ", "), args...).Error; err != nil {
			return err
		}
	}
	keys := make([]string, 0, len(delta))
	for k, d := range delta {
		if d != 0 {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys) // one lock order for concurrent writers
	var shrunk []string
	for len(keys) > 0 {
		part := keys[:min(chunk, len(keys))]
		keys = keys[len(part):]
		values := make([]string, len(part))
		args := make([]any, 0, 3*len(part))
		for i, k := range part {
			values[i] = "(?, ?, CAST(? AS BIGINT))"
			args = append(args, kind, k, delta[k])
			if delta[k] < 0 {
				shrunk = append(shrunk, k)
			}
		}
		if err := tx.Exec("INSERT INTO "+DuplicateBlocksTable+" (kind, key, size) VALUES "+strings.Join(values, ", ")+
			" ON CONFLICT (kind, key) DO UPDATE SET size = "+DuplicateBlocksTable+".size + excluded.size", args...).Error; err != nil {
			return err
		}
	}
	for len(shrunk) > 0 {
		part := shrunk[:min(chunk, len(shrunk))]
		shrunk = shrunk[len(part):]
		if err := tx.Exec("DELETE FROM "+DuplicateBlocksTable+" WHERE kind = ? AND key IN ? AND size <= 0", kind, part).Error; err != nil {
			return err
		}
	}
	return nil
}

// RefreshDuplicateKeys makes the keys of the records ids of kind what
// their fields give, in the caller's transaction. Every write of a
// contact's or organization's names, email, phone or country calls it;
// under WithBulkLoad it leaves them to ResumeTriggers.
func RefreshDuplicateKeys(tx *gorm.DB, kind string, ids []int64) error {
	return writeDuplicateKeys(tx, kind, ids, true)
}

// AddDuplicateKeys writes the keys of records ids of kind that the
// caller's transaction created, with ids drawn for them: none can have
// keys stored yet, so unlike RefreshDuplicateKeys it reads none. That
// read was a tenth of a 100,000-row contacts import on PostgreSQL, whose
// planner, with the import's rows not yet counted, scanned every key of
// the kind for each 500 ids.
func AddDuplicateKeys(tx *gorm.DB, kind string, ids []int64) error {
	return writeDuplicateKeys(tx, kind, ids, false)
}

func writeDuplicateKeys(tx *gorm.DB, kind string, ids []int64, stored bool) error {
	if IsBulkLoad(tx.Statement.Context) {
		return nil
	}
	for len(ids) > 0 {
		part := ids[:min(len(ids), 500)]
		ids = ids[len(part):]
		rows, err := readDuplicateRows(tx, kind, "id IN ?", part)
		if err != nil {
			return err
		}
		have := map[int64][]string{}
		if stored {
			if have, err = storedDuplicateKeys(tx, kind, "record_id IN ?", part); err != nil {
				return err
			}
		}
		if err := applyKeyChanges(tx, kind, diffKeys(rows, kind, have)); err != nil {
			return err
		}
	}
	return nil
}

// duplicateKeyBatch is how many records one step of a check or rebuild reads.
const duplicateKeyBatch = 5000

// walkDuplicateKeys compares every record's stored keys with what its
// fields give, a batch of ids at a time, and hands each batch's
// differences to fn. Keys of ids with no record are reported as gone.
func walkDuplicateKeys(db *gorm.DB, kind string, fn func([]keyChange) error) error {
	table := kind
	var last, top int64
	if err := db.Raw("SELECT COALESCE(MAX(id), 0) FROM " + table).Scan(&top).Error; err != nil {
		return err
	}
	var topKey int64
	if err := db.Raw("SELECT COALESCE(MAX(record_id), 0) FROM "+DuplicateKeysTable+" WHERE kind = ?", kind).Scan(&topKey).Error; err != nil {
		return err
	}
	top = max(top, topKey)
	for last < top {
		hi := last + duplicateKeyBatch
		rows, err := readDuplicateRows(db, kind, "id > ? AND id <= ?", last, hi)
		if err != nil {
			return err
		}
		stored, err := storedDuplicateKeys(db, kind, "record_id > ? AND record_id <= ?", last, hi)
		if err != nil {
			return err
		}
		changes := diffKeys(rows, kind, stored)
		for _, r := range rows {
			delete(stored, r.ID)
		}
		for id, keys := range stored { // keys of no record
			changes = append(changes, keyChange{id: id, gone: keys})
		}
		if len(changes) > 0 {
			if err := fn(changes); err != nil {
				return err
			}
		}
		last = hi
	}
	return nil
}

// checkDuplicateKeys is liaison check's comparison of one kind's keys.
func checkDuplicateKeys(db *gorm.DB, kind string) (TableCheck, error) {
	c := TableCheck{Table: DuplicateKeysTable + "." + kind}
	err := walkDuplicateKeys(db, kind, func(changes []keyChange) error {
		for _, ch := range changes {
			switch {
			case len(ch.gained) > 0 && len(ch.gone) > 0:
				c.Different++
			case len(ch.gained) > 0:
				c.Missing++
			default:
				c.Extra++
			}
			if len(c.Examples) < 3 {
				c.Examples = append(c.Examples, fmt.Sprintf("record_id=%d", ch.id))
			}
		}
		return nil
	})
	return c, err
}

// rebuildDuplicateKeys repairs one kind's keys and their blocks.
func rebuildDuplicateKeys(tx *gorm.DB, kind string) error {
	return walkDuplicateKeys(tx, kind, func(changes []keyChange) error {
		return applyKeyChanges(tx, kind, changes)
	})
}

// duplicateBlocksRecount counts the records per key again.
const duplicateBlocksRecount = "SELECT kind, key, COUNT(*) AS size FROM " + DuplicateKeysTable + " GROUP BY kind, key"

func rebuildDuplicateBlocks(tx *gorm.DB) error {
	if err := tx.Exec("DELETE FROM " + DuplicateBlocksTable).Error; err != nil {
		return err
	}
	return tx.Exec("INSERT INTO " + DuplicateBlocksTable + " (kind, key, size) " + duplicateBlocksRecount).Error
}

// fillDuplicateKeys gives every existing record its keys: a step of
// migration 0018.
func fillDuplicateKeys(tx *gorm.DB) error {
	for _, kind := range DuplicateKinds {
		if err := rebuildDuplicateKeys(tx, kind); err != nil {
			return err
		}
	}
	return nil
}
