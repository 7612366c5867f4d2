package models

import (
	"fmt"
	"strings"
	"unicode"

	"gorm.io/gorm"
)

// Names sort as people expect to find them: a person under their family
// name ("Mr Ali Abdullah" under A, the honorific ignored), an organization
// under its name, both in folded form, so that "Đukić" sorts between
// "Dizdar" and "Efendić" and "أحمد" beside "احمد", whatever the database's
// collation. The key is kept in a sort_key column of contacts and
// organizations (migrations/0014_sort_keys.sql), compared byte by byte
// (PostgreSQL's "C" collation, SQLite's BINARY), set by every write of the
// names (the services and the import call ContactSortKey and
// OrganizationSortKey), and checked and repaired by liaison check.

// sortKeySeparator ends the family name in a person's key: it sorts before
// every letter, so that "Ali" (family) sorts before "Ali Baba" and the
// given name breaks ties only among the same family name.
const sortKeySeparator = "\x1f"

// sortForm is the folded text of one name part with everything but
// letters, digits and single spaces dropped: "O'Brien" files as "obrien",
// "Al-Hashimi" as "alhashimi".
func sortForm(s string) string {
	var b strings.Builder
	space := false
	for _, r := range Fold(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		case unicode.IsSpace(r):
			space = true
		}
	}
	return b.String()
}

// contactSortKey: family name, then given name; a person without a family
// name by their given name, else by their local-script name (the full name
// such a contact shows).
func contactSortKey(given, family, local string) string {
	f, g := sortForm(family), sortForm(given)
	switch {
	case f != "":
		return f + sortKeySeparator + g
	case g != "":
		return g
	}
	return sortForm(local)
}

// ContactSortKey is the sort_key a contact's names give.
func ContactSortKey(c *Contact) string {
	return contactSortKey(c.GivenName, c.FamilyName, c.NameLocal)
}

// OrganizationSortKey is the sort_key an organization's name gives.
func OrganizationSortKey(o *Organization) string { return sortForm(o.Name) }

// sortKeyed is a table with a sort_key made in Go from some of its columns.
// (Migration 0018 walks search_text the same way: column names it.)
type sortKeyed struct {
	table  string
	column string                   // the column the key is kept in; "" is sort_key
	inputs []string                 // the columns (or expressions) the key is made from
	key    func(in []string) string // the key of a row's inputs, in order
}

func (k sortKeyed) col() string {
	if k.column == "" {
		return "sort_key"
	}
	return k.column
}

var sortKeyedTables = []sortKeyed{
	{table: "contacts", inputs: []string{"given_name", "family_name", "name_local"},
		key: func(in []string) string { return contactSortKey(in[0], in[1], in[2]) }},
	{table: "organizations", inputs: []string{"name"},
		key: func(in []string) string { return sortForm(in[0]) }},
}

// checkName is how liaison check names the column.
func (k sortKeyed) checkName() string { return k.table + "." + k.col() }

// staleKey is a row whose stored key is not what its names give.
type staleKey struct {
	ID  int64
	Key string // the key it should have
}

// sortKeyBatch is how many rows one statement of a check or a rebuild reads.
const sortKeyBatch = 2000

// walk reads every row (archived ones too) in id order, a batch per
// statement, and hands each batch's stale keys to fn. Each row's key and
// names are written together, so a batch read beside writers is consistent.
func (k sortKeyed) walk(db *gorm.DB, fn func([]staleKey) error) error {
	sel := "SELECT id, " + k.col() + ", " + strings.Join(k.inputs, ", ") + " FROM " + k.table + " WHERE id > ? ORDER BY id LIMIT ?"
	var last int64
	for {
		rows, err := db.Raw(sel, last, sortKeyBatch).Rows()
		if err != nil {
			return fmt.Errorf("%s: %w", k.checkName(), err)
		}
		var stale []staleKey
		n := 0
		for rows.Next() {
			var id int64
			var stored string
			in := make([]string, len(k.inputs))
			dest := []any{&id, &stored}
			for i := range in {
				dest = append(dest, &in[i])
			}
			if err := rows.Scan(dest...); err != nil {
				rows.Close()
				return err
			}
			n++
			last = id
			if want := k.key(in); want != stored {
				stale = append(stale, staleKey{ID: id, Key: want})
			}
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return err
		}
		if len(stale) > 0 {
			if err := fn(stale); err != nil {
				return err
			}
		}
		if n < sortKeyBatch {
			return nil
		}
	}
}

// check counts the rows whose key is stale, naming the first three by id.
func (k sortKeyed) check(db *gorm.DB) (TableCheck, error) {
	c := TableCheck{Table: k.checkName()}
	err := k.walk(db, func(stale []staleKey) error {
		for _, s := range stale {
			if c.Different < 3 {
				c.Examples = append(c.Examples, fmt.Sprintf("different id=%d", s.ID))
			}
			c.Different++
		}
		return nil
	})
	return c, err
}

// rebuild writes the key of every row whose key is stale.
func (k sortKeyed) rebuild(tx *gorm.DB) error {
	return k.walk(tx, func(stale []staleKey) error { return writeColumn(tx, k.table, k.col(), stale) })
}

// fillSortKeys gives every existing contact and organization its key: the
// second step of the migration that adds the columns (it names its two
// tables, so that a table keyed later is not read before it has the column).
func fillSortKeys(tx *gorm.DB) error {
	for _, k := range sortKeyedTables {
		if k.table != "contacts" && k.table != "organizations" {
			continue
		}
		if err := k.rebuild(tx); err != nil {
			return err
		}
	}
	return nil
}
