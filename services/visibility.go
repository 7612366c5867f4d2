package services

import (
	"strconv"

	"gorm.io/gorm"

	"liaison/models"
	"liaison/services/query"
)

// The visibility rule, the one security rule of every read: a restricted
// contact, interaction or commitment of another office is invisible to
// everyone but admins. Archiving does not lift the protection. This file is
// the only place that states the rule; every query of those tables — lists,
// get, counts, search, timelines, itinerary, review, stale, map, reports,
// audit, imports' duplicate lookups, exports, notifications and calendar
// feeds — reaches it through visibleScope, onlyVisible, hiddenIDs,
// hiddenAmong, the SQL forms below, or Actor.sees for rows already read.
// Taggings, positions and meetings' participants carry copies of their
// record's restricted and office_id (models/link_copy.go), and a count
// read from them (link_counts.go) applies the same rule to those copies,
// through onlyVisible.

// restrictedTable is a table whose rows can be restricted. Its names reach
// SQL as identifiers, so its values are the constants below.
type restrictedTable string

const (
	contactsTable     restrictedTable = "contacts"
	interactionsTable restrictedTable = "interactions"
	commitmentsTable  restrictedTable = "commitments"
)

// model is the gorm model of the table.
func (t restrictedTable) model() any {
	switch t {
	case contactsTable:
		return &models.Contact{}
	case interactionsTable:
		return &models.Interaction{}
	}
	return &models.Commitment{}
}

// restriction names the two columns the rule reads in some row: whether it
// is restricted, and its office. Usually a table's (on), but derived rows
// carry them under their own names (the review's tallies keep a
// counterpart's as contact_restricted and contact_office_id), and links
// under the record's (taggings.restricted, taggings.office_id).
type restriction struct{ restricted, office string }

// is is the condition "restricted" or "not restricted" of a list's filter,
// written out rather than bound: SQLite uses the partial indexes of
// restricted rows (WHERE restricted) only for a condition that visibly
// implies theirs, and "restricted = ?" does not.
func (r restriction) is(restricted bool) string {
	if restricted {
		return r.restricted
	}
	return "NOT " + r.restricted
}

// filter is the list filter "restricted" / "not restricted" for the actor.
// The restricted rows an actor other than an admin may see are exactly
// those of their own office, so the filter says so: the rule's "not
// restricted OR own office" is then implied, and both planners seek the
// office in the partial index of restricted rows instead of scanning the
// restricted rows of every office (a count of them read 10,000 rows with a
// table lookup each, 120 ms over a million contacts).
func (r restriction) filter(restricted bool, a Actor) string {
	if !restricted || a.IsAdmin() {
		return r.is(restricted)
	}
	return "(" + r.restricted + " AND " + r.office + " = " + strconv.FormatInt(a.OfficeID, 10) + ")"
}

// on is the restriction of a table or alias: alias.restricted, alias.office_id.
func on[T ~string](alias T) restriction {
	return restriction{string(alias) + ".restricted", string(alias) + ".office_id"}
}

// visible and hidden are the rule as SQL, its values given as text ("?"
// placeholders, or literals); hidden is written "restricted AND …" so that
// the partial indexes of restricted rows (migrations 0006 and 0007) serve it.
func (r restriction) visible(no, office string) string {
	return "(" + r.restricted + " = " + no + " OR " + r.office + " = " + office + ")"
}

func (r restriction) hidden(office string) string {
	return "(" + r.restricted + " AND " + r.office + " <> " + office + ")"
}

// sees is the rule for a row already read: whether the actor may see a
// record with these attributes.
func (a Actor) sees(restricted bool, officeID int64) bool {
	return !restricted || officeID == a.OfficeID || a.IsAdmin()
}

// sightline names what the actor can see: readers with the same sightline
// see the same rows, so an answer computed for one may be given to the
// other. An office's id, or -1 for admins (who see everything).
func (a Actor) sightline() int64 {
	if a.IsAdmin() {
		return -1
	}
	return a.OfficeID
}

// onlyVisible narrows q to the rows of r the actor may see.
func (a Actor) onlyVisible(q *gorm.DB, r restriction) *gorm.DB {
	if a.IsAdmin() {
		return q
	}
	return q.Where(r.visible("?", "?"), false, a.OfficeID)
}

// visibleSQL is onlyVisible's condition as text, the office written in as
// a number (the server's own integer, not input), for expressions that a
// GROUP BY repeats as they stand. TRUE for admins.
func (a Actor) visibleSQL(r restriction) string {
	if a.IsAdmin() {
		return "TRUE"
	}
	return r.visible("FALSE", strconv.FormatInt(a.OfficeID, 10))
}

// hiddenSQL is the negation of visibleSQL: FALSE for admins.
func (a Actor) hiddenSQL(r restriction) string {
	if a.IsAdmin() {
		return "FALSE"
	}
	return r.hidden(strconv.FormatInt(a.OfficeID, 10))
}

// visibleScope is how a service reads a restricted table: the live rows (or
// only the archived ones) the actor may see.
func visibleScope(db *gorm.DB, actor Actor, t restrictedTable, archived bool) *gorm.DB {
	return actor.onlyVisible(query.Base(db, t.model(), string(t), archived), on(t))
}

// contactScope, interactionScope and commitmentScope are visibleScope of
// each table, as the services name them.
func contactScope(db *gorm.DB, actor Actor, archived bool) *gorm.DB {
	return visibleScope(db, actor, contactsTable, archived)
}

func interactionScope(db *gorm.DB, actor Actor, archived bool) *gorm.DB {
	return visibleScope(db, actor, interactionsTable, archived)
}

func commitmentScope(db *gorm.DB, actor Actor, archived bool) *gorm.DB {
	return visibleScope(db, actor, commitmentsTable, archived)
}

// visibleIDs is the subquery of the ids of the rows of t the actor may see,
// archived ones included (a history outlives its record's archiving).
func visibleIDs(db *gorm.DB, actor Actor, t restrictedTable) *gorm.DB {
	q := db.Session(&gorm.Session{NewDB: true}).Unscoped().Model(t.model()).Select("id")
	return actor.onlyVisible(q, on(t))
}

// hiddenIDs is the subquery of the ids of the rows of t the actor may not
// see, archived ones included. Empty for admins.
func hiddenIDs(db *gorm.DB, actor Actor, t restrictedTable) *gorm.DB {
	q := db.Session(&gorm.Session{NewDB: true}).Unscoped().Model(t.model()).Select("id")
	if actor.IsAdmin() {
		return q.Where("FALSE")
	}
	return q.Where(on(t).hidden("?"), actor.OfficeID)
}

// hiddenAmong reports which of ids are rows of t hidden from the actor, in
// one query; nil for admins.
func hiddenAmong(db *gorm.DB, actor Actor, t restrictedTable, ids []int64) map[int64]bool {
	if actor.IsAdmin() || len(ids) == 0 {
		return nil
	}
	return existingIDs(hiddenIDs(db, actor, t), string(t)+".id", ids)
}
