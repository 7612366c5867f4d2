package models

import (
	"strings"

	"gorm.io/gorm"
)

// organization_activity (migration 0009): what touched each organization,
// kept as an index.
//
// An organization's timeline is everything that touched it or one of its
// people (a contact with a position there, past or present): interactions
// and visits they took part in, commitments with them as counterpart. For
// a ministry with thousands of people that is tens of thousands of records,
// and read from the participations the newest page cost every one of them.
// organization_activity keeps one row per path from an organization to a
// record, with the record's place in time, so that a page is a short walk
// of one index: (organization_id, at, kind, record_id, contact_id).
//
// A path is the organization itself (contact_id 0) or one of its people
// (contact_id). Rows are added and removed by triggers in the transaction of
// every write that opens or closes a path, whatever service (or import)
// makes it: participants, commitment counterparts, positions; and `at`
// follows an interaction's start and a visit's first day. What may change
// often and depends on the reader stays out: archive state, restriction,
// the visibility of the person, all read-time conditions of the timeline.
// A row stays while any path still supports it (a person with two
// positions in one organization, an organization named twice); removals
// check that after the write. On PostgreSQL, changes of one person's paths
// take that person's lock first (see personLockSpace).

// ActivityTable is the maintained table of migration 0009.
const ActivityTable = "organization_activity"

// activityKind is one kind of record on a timeline and the tables it is
// reached through.
type activityKind struct {
	kind, table, at string // at: the record's time, with rec. standing for its row
	// participants, parent: the participant table and its column naming
	// the record; empty for commitments, whose counterparts are columns.
	participants, parent string
}

// activityKinds are the kinds as the newest migration keeps them: since
// migration 0015 a commitment sits at its completion, due date or making
// (CommitmentAtText); 0009 placed it at its making.
func activityKinds(dialect string) []activityKind {
	return []activityKind{
		{kind: "interaction", table: "interactions", at: atText(dialect, "rec.starts_at"), participants: "interaction_participants", parent: "interaction_id"},
		{kind: "visit", table: "visits", at: DateAtText("rec.start_date"), participants: "visit_participants", parent: "visit_id"},
		{kind: "commitment", table: "commitments", at: commitmentAtText(dialect, "rec")},
	}
}

// doNothing keeps a row another path already supports.
const doNothing = " ON CONFLICT DO NOTHING"

const insertActivity = "INSERT INTO " + ActivityTable + " (organization_id, kind, record_id, contact_id, at) "

// ActivityRecount is every row of the table counted from the history, in
// the table's columns' order (the rebuild inserts it; liaison check and the
// tests compare the maintained rows with it).
func ActivityRecount(db *gorm.DB) string { return activityRecount(db.Name()) }

func activityRecount(dialect string) string {
	var parts []string
	for _, k := range activityKinds(dialect) {
		if k.participants != "" {
			parts = append(parts,
				"SELECT p.organization_id, '"+k.kind+"', rec.id, 0, "+k.at+" FROM "+k.participants+" p JOIN "+k.table+" rec ON rec.id = p."+k.parent+
					" WHERE p.organization_id IS NOT NULL",
				"SELECT pos.organization_id, '"+k.kind+"', rec.id, p.contact_id, "+k.at+" FROM "+k.participants+" p JOIN positions pos ON pos.contact_id = p.contact_id"+
					" JOIN "+k.table+" rec ON rec.id = p."+k.parent)
			continue
		}
		parts = append(parts,
			"SELECT rec.counterpart_organization_id, '"+k.kind+"', rec.id, 0, "+k.at+" FROM "+k.table+" rec WHERE rec.counterpart_organization_id IS NOT NULL",
			"SELECT pos.organization_id, '"+k.kind+"', rec.id, rec.counterpart_contact_id, "+k.at+" FROM "+k.table+" rec JOIN positions pos ON pos.contact_id = rec.counterpart_contact_id")
	}
	return strings.Join(parts, " UNION ")
}

const activityIndex = "ix_organization_activity_at"

// activityRebuild fills the table from the history; the timeline's index
// is built after the rows are in.
func activityRebuild(dialect string) []string {
	return []string{
		"DROP INDEX IF EXISTS " + activityIndex,
		"DELETE FROM " + ActivityTable,
		insertActivity + "SELECT * FROM (" + activityRecount(dialect) + ") AS t ORDER BY 1, 2, 3, 4",
		"CREATE INDEX " + activityIndex + " ON " + ActivityTable + " (organization_id, at, kind, record_id, contact_id)",
	}
}

// RebuildActivity fills the table from the history: liaison check's
// repair, and the bulk loader's once it has loaded with the triggers
// suspended.
func RebuildActivity(tx *gorm.DB) error {
	for _, sql := range activityRebuild(tx.Name()) {
		if err := tx.Exec(sql).Error; err != nil {
			return err
		}
	}
	return nil
}

// reinstallActivityMigration is migration 0015's part of the table: the
// triggers again with commitments placed by CommitmentAtText, and the rows
// counted afresh. The table itself is 0009's (its frozen file holds its
// definition).
func reinstallActivityMigration(dialect string) []string {
	defs := activityTriggerDefs(dialect)
	var out []string
	if dialect == Postgres {
		out = append(out, lockPersonFunction) // as 0009 installed it: the triggers call it
	}
	out = append(out, dropTriggerStatements(dialect, defs)...)
	out = append(out, triggerStatements(dialect, defs)...)
	return append(out, activityRebuild(dialect)...)
}

// activityTriggerDefs are the triggers of the table, per kind of record.
func activityTriggerDefs(dialect string) []maintainedTrigger {
	var defs []maintainedTrigger
	for _, k := range activityKinds(dialect) {
		at := strings.ReplaceAll(k.at, "rec.", "R.")
		if k.participants != "" {
			defs = append(defs, participantActivityTriggers(k)...)
			// The record moved in time: its rows move with it.
			column := map[string]string{"interaction": "starts_at", "visit": "start_date"}[k.kind]
			defs = append(defs, maintainedTrigger{name: "activity_" + k.kind + "_moved", timing: "AFTER", event: "UPDATE OF " + column, table: k.table,
				when: "OLD." + column + " IS DISTINCT FROM NEW." + column,
				steps: []step{{row: "NEW", lock: peopleLock("SELECT contact_id FROM "+k.participants+" WHERE "+k.parent+" = R.id AND contact_id IS NOT NULL", false),
					sql: "UPDATE " + ActivityTable + " SET at = " + at + " WHERE kind = '" + k.kind + "' AND record_id = R.id" +
						" AND organization_id IN (SELECT organization_id FROM " + k.participants + " WHERE " + k.parent + " = R.id AND organization_id IS NOT NULL" +
						" UNION SELECT pos.organization_id FROM " + k.participants + " p JOIN positions pos ON pos.contact_id = p.contact_id WHERE p." + k.parent + " = R.id)"}}})
			continue
		}
		// Commitments: one counterpart organization and one counterpart
		// person, each a column of the record.
		add := []step{
			{lock: personLock("counterpart_contact_id", false), sql: insertActivity + "SELECT R.counterpart_organization_id, '" + k.kind + "', R.id, 0, " + at +
				" WHERE R.counterpart_organization_id IS NOT NULL", conflict: doNothing},
			{sql: insertActivity + "SELECT organization_id, '" + k.kind + "', R.id, R.counterpart_contact_id, " + at +
				" FROM positions WHERE contact_id = R.counterpart_contact_id", conflict: doNothing},
		}
		remove := []step{
			{lock: personLock("counterpart_contact_id", false), sql: "DELETE FROM " + ActivityTable + " WHERE organization_id = R.counterpart_organization_id" +
				" AND kind = '" + k.kind + "' AND record_id = R.id AND contact_id = 0"},
			{sql: "DELETE FROM " + ActivityTable + " WHERE organization_id IN (SELECT organization_id FROM positions WHERE contact_id = R.counterpart_contact_id)" +
				" AND kind = '" + k.kind + "' AND record_id = R.id AND contact_id = R.counterpart_contact_id"},
		}
		defs = append(defs,
			maintainedTrigger{name: "activity_commitment_insert", timing: "AFTER", event: "INSERT", table: k.table, steps: rows(add, "NEW")},
			maintainedTrigger{name: "activity_commitment_delete", timing: "AFTER", event: "DELETE", table: k.table, steps: rows(remove, "OLD")},
			maintainedTrigger{name: "activity_commitment_update", timing: "AFTER", event: "UPDATE OF counterpart_organization_id, counterpart_contact_id, created_at, status, completed_at, due_date", table: k.table,
				when: "OLD.counterpart_organization_id IS DISTINCT FROM NEW.counterpart_organization_id OR OLD.counterpart_contact_id IS DISTINCT FROM NEW.counterpart_contact_id" +
					" OR OLD.created_at IS DISTINCT FROM NEW.created_at OR OLD.status IS DISTINCT FROM NEW.status" +
					" OR OLD.completed_at IS DISTINCT FROM NEW.completed_at OR OLD.due_date IS DISTINCT FROM NEW.due_date",
				steps: append(rows(remove, "OLD"), rows(add, "NEW")...)},
		)
	}
	return append(defs, positionActivityTriggers(dialect)...)
}

// participantActivityTriggers keep the paths of one participant table: an
// organization taking part is a path to itself, a person taking part one to
// each organization where they hold or held a position.
func participantActivityTriggers(k activityKind) []maintainedTrigger {
	at := "(SELECT " + k.at + " FROM " + k.table + " rec WHERE rec.id = R." + k.parent + ")"
	record := "kind = '" + k.kind + "' AND record_id = R." + k.parent
	add := []step{
		{lock: personLock("contact_id", false), sql: insertActivity + "SELECT R.organization_id, '" + k.kind + "', R." + k.parent + ", 0, " + at +
			" WHERE R.organization_id IS NOT NULL", conflict: doNothing},
		{sql: insertActivity + "SELECT organization_id, '" + k.kind + "', R." + k.parent + ", R.contact_id, " + at +
			" FROM positions WHERE contact_id = R.contact_id", conflict: doNothing},
	}
	remove := []step{
		{lock: personLock("contact_id", false), sql: "DELETE FROM " + ActivityTable + " WHERE organization_id = R.organization_id AND " + record + " AND contact_id = 0" +
			" AND NOT EXISTS (SELECT 1 FROM " + k.participants + " x WHERE x." + k.parent + " = R." + k.parent + " AND x.organization_id = R.organization_id)"},
		{sql: "DELETE FROM " + ActivityTable + " WHERE organization_id IN (SELECT organization_id FROM positions WHERE contact_id = R.contact_id) AND " + record +
			" AND contact_id = R.contact_id" +
			" AND NOT EXISTS (SELECT 1 FROM " + k.participants + " x WHERE x." + k.parent + " = R." + k.parent + " AND x.contact_id = R.contact_id)"},
	}
	name := "activity_" + k.kind + "_participant_"
	return []maintainedTrigger{
		{name: name + "insert", timing: "AFTER", event: "INSERT", table: k.participants, steps: rows(add, "NEW")},
		{name: name + "delete", timing: "AFTER", event: "DELETE", table: k.participants, steps: rows(remove, "OLD")},
		{name: name + "update", timing: "AFTER", event: "UPDATE OF " + k.parent + ", organization_id, contact_id", table: k.participants,
			when: "OLD." + k.parent + " IS DISTINCT FROM NEW." + k.parent + " OR OLD.organization_id IS DISTINCT FROM NEW.organization_id" +
				" OR OLD.contact_id IS DISTINCT FROM NEW.contact_id",
			steps: append(rows(remove, "OLD"), rows(add, "NEW")...)},
	}
}

// positionActivityTriggers keep the paths through people: a position opens
// a path from its organization to everything its person took part in or
// was counterpart of, and closes them when it goes (unless another
// position of the person in that organization remains). A position's end
// date changes nothing: past people stay on the timeline.
func positionActivityTriggers(dialect string) []maintainedTrigger {
	var add, remove []step
	for _, k := range activityKinds(dialect) {
		var touched string // the person's records of this kind, with their time
		if k.participants != "" {
			touched = "SELECT rec.id, " + k.at + " AS at FROM " + k.participants + " p JOIN " + k.table + " rec ON rec.id = p." + k.parent +
				" WHERE p.contact_id = R.contact_id"
		} else {
			touched = "SELECT rec.id, " + k.at + " AS at FROM " + k.table + " rec WHERE rec.counterpart_contact_id = R.contact_id"
		}
		// "WHERE true": SQLite would read the ON of ON CONFLICT as a join's
		// after a FROM without a WHERE.
		add = append(add, step{sql: insertActivity + "SELECT R.organization_id, '" + k.kind + "', t.id, R.contact_id, t.at FROM (" + touched + ") AS t" +
			" WHERE true", conflict: doNothing})
		remove = append(remove, step{sql: "DELETE FROM " + ActivityTable + " WHERE organization_id = R.organization_id AND kind = '" + k.kind + "'" +
			" AND record_id IN (SELECT t.id FROM (" + touched + ") AS t) AND contact_id = R.contact_id" +
			" AND NOT EXISTS (SELECT 1 FROM positions x WHERE x.contact_id = R.contact_id AND x.organization_id = R.organization_id)"})
	}
	add[0].lock, remove[0].lock = personLock("contact_id", true), personLock("contact_id", true)
	return []maintainedTrigger{
		{name: "activity_position_insert", timing: "AFTER", event: "INSERT", table: "positions", steps: rows(add, "NEW")},
		{name: "activity_position_delete", timing: "AFTER", event: "DELETE", table: "positions", steps: rows(remove, "OLD")},
		{name: "activity_position_update", timing: "AFTER", event: "UPDATE OF contact_id, organization_id", table: "positions",
			when:  "OLD.contact_id IS DISTINCT FROM NEW.contact_id OR OLD.organization_id IS DISTINCT FROM NEW.organization_id",
			steps: append(rows(remove, "OLD"), rows(add, "NEW")...)},
	}
}
