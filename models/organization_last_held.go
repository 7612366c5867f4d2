package models

import (
	"gorm.io/gorm"
)

// organization_last_held (migrations 0007 and 0008): the last held
// interaction per organization.
//
// The stale-stakeholder review asks, for every key stakeholder, when a held
// interaction last touched it: directly, or through one of its current
// people (a contact with an open position there; since migration 0008 only
// through people who are not restricted, see openPerson). Computed from the
// history, a ministry fans out to tens of thousands of participations and
// the review took seconds at a million interactions. organization_last_held
// keeps the answer: one row per organization and per (office, restricted)
// of the interactions that touched it, with the latest start of a held,
// live one. Keeping office and restricted in the key keeps visibility
// exact: a reader reduces the rows through the same rule as the
// interactions they stand for (unrestricted, or of the reader's own office,
// or everything for an admin), so a restricted interaction of another
// office never lends its date to someone who cannot see it. A row whose
// interactions are all gone keeps a NULL date.
//
// Triggers keep the table current in the transaction of every write that
// can move it, whatever service (or import) makes the write: an
// interaction's status, start, archive state, restriction or office; its
// participants; and positions opening, closing or moving. A later date only
// raises a row. Removing the interaction that holds a row's date recomputes
// that row from the indexes; removing an older one changes nothing. On
// PostgreSQL the rows a removal recomputes are locked first, so that the
// recomputation (a new statement, a new snapshot) sees every concurrent
// change that had already touched them.

// LastHeldTable is the maintained table of migrations 0007 and 0008.
const LastHeldTable = "organization_last_held"

// lastHeldColumns are the table's columns, its key first.
const lastHeldColumns = "organization_id, office_id, restricted, last_held_at"

func lastHeldCreate(dialect string) string {
	ts := "DATETIME"
	if dialect == Postgres {
		ts = "TIMESTAMPTZ"
	}
	return `CREATE TABLE ` + LastHeldTable + ` (
  organization_id BIGINT NOT NULL,
  office_id       BIGINT NOT NULL,
  restricted      BOOLEAN NOT NULL,
  last_held_at    ` + ts + `,
  PRIMARY KEY (organization_id, office_id, restricted)
)`
}

// lastHeldMigration is migration 0007: the table, the indexes of the
// review's other half, the backfill and the triggers.
func lastHeldMigration(dialect string) []string {
	out := append([]string{lastHeldCreate(dialect)}, lastHeldIndexes...)
	out = append(out, lastHeldBackfill)
	return append(out, triggerStatements(dialect, lastHeldTriggerDefs)...)
}

// The review's other half: the key stakeholders themselves. Organizations
// of influence 4 or 5, and the counterparts of open commitments with the
// columns of the visibility rule, each read from a small partial index
// instead of the whole table.
var lastHeldIndexes = []string{
	// The restricted contacts by id: "is this person hidden from me" for
	// each of a ministry's thousands of people is a probe into this small
	// index rather than a read of the contact's row (organization
	// timelines).
	"CREATE INDEX ix_contacts_restricted_id ON contacts (id, office_id) WHERE restricted",
	"CREATE INDEX ix_organizations_key ON organizations (country_code, office_id) WHERE deleted_at IS NULL AND influence >= 4",
	"CREATE INDEX ix_commitments_open_counterpart ON commitments (counterpart_organization_id, office_id, restricted)" +
		" WHERE deleted_at IS NULL AND status IN ('open', 'in_progress') AND counterpart_organization_id IS NOT NULL",
}

// heldI is the condition of a held, live interaction i.
const heldI = "i.status = 'held' AND i.deleted_at IS NULL"

// openPerson is the condition that the contact whose id is in column is not
// restricted. A meeting reaches an organization through one of its people
// only through people everyone may see: the table's key says nothing of
// the person, and through a restricted one another office would learn,
// from an organization's "last met" date, that a person hidden from it was
// at a meeting it can see (migration 0008).
func openPerson(column string) string {
	return "NOT EXISTS (SELECT 1 FROM contacts k WHERE k.id = " + column + " AND k.restricted)"
}

// lastHeldRecount is every row of the table counted from the history.
var lastHeldRecount = `SELECT t.organization_id, t.office_id, t.restricted, MAX(t.starts_at) AS last_held_at FROM (
  SELECT p.organization_id, i.office_id, i.restricted, i.starts_at
  FROM interaction_participants p JOIN interactions i ON i.id = p.interaction_id
  WHERE p.organization_id IS NOT NULL AND ` + heldI + `
  UNION ALL
  SELECT pos.organization_id, i.office_id, i.restricted, i.starts_at
  FROM positions pos JOIN interaction_participants p ON p.contact_id = pos.contact_id JOIN interactions i ON i.id = p.interaction_id
  WHERE pos.end_date IS NULL AND ` + heldI + ` AND ` + openPerson("pos.contact_id") + `
) AS t GROUP BY t.organization_id, t.office_id, t.restricted`

// LastHeldRecount is the query that counts the table from scratch, in its
// columns' order (the rebuild inserts it; liaison check and the tests
// compare the maintained rows with it).
func LastHeldRecount() string { return lastHeldRecount }

var lastHeldBackfill = "INSERT INTO " + LastHeldTable + " (" + lastHeldColumns + ") " + lastHeldRecount

// RebuildLastHeld fills the table from the history: liaison check's repair,
// and the bulk loader's once it has loaded with the triggers suspended.
func RebuildLastHeld(tx *gorm.DB) error {
	if err := tx.Exec("DELETE FROM " + LastHeldTable).Error; err != nil {
		return err
	}
	return tx.Exec(lastHeldBackfill).Error
}

// The statements of the triggers, the same on both databases; R stands for
// NEW or OLD.

// recompute is a row's date counted again from the indexes: its
// organization's own participations and those of its current people, in
// the row's office and restriction.
var recompute = `(SELECT MAX(u.at) FROM (
  SELECT MAX(i.starts_at) AS at FROM interaction_participants p JOIN interactions i ON i.id = p.interaction_id
  WHERE p.organization_id = organization_last_held.organization_id AND i.office_id = organization_last_held.office_id
    AND i.restricted = organization_last_held.restricted AND ` + heldI + `
  UNION ALL
  SELECT MAX(i.starts_at) FROM positions pos JOIN interaction_participants p ON p.contact_id = pos.contact_id
    JOIN interactions i ON i.id = p.interaction_id
  WHERE pos.organization_id = organization_last_held.organization_id AND pos.end_date IS NULL
    AND i.office_id = organization_last_held.office_id AND i.restricted = organization_last_held.restricted AND ` + heldI + `
    AND ` + openPerson("pos.contact_id") + `
) AS u)`

// raise is the upsert that lifts rows to a later date.
const raise = ` ON CONFLICT (organization_id, office_id, restricted) DO UPDATE SET last_held_at =
  CASE WHEN organization_last_held.last_held_at IS NULL OR excluded.last_held_at > organization_last_held.last_held_at
  THEN excluded.last_held_at ELSE organization_last_held.last_held_at END`

const insertLastHeld = "INSERT INTO organization_last_held (" + lastHeldColumns + ") "

// orgsOfInteraction are the organizations interaction R.id touches.
var orgsOfInteraction = `SELECT organization_id FROM interaction_participants WHERE interaction_id = R.id AND organization_id IS NOT NULL
  UNION SELECT pos.organization_id FROM interaction_participants p JOIN positions pos ON pos.contact_id = p.contact_id
  WHERE p.interaction_id = R.id AND pos.end_date IS NULL AND ` + openPerson("p.contact_id")

// orgsOfParticipant are the organizations participant R stands for.
var orgsOfParticipant = `SELECT R.organization_id AS organization_id WHERE R.organization_id IS NOT NULL
  UNION SELECT organization_id FROM positions WHERE contact_id = R.contact_id AND end_date IS NULL AND ` + openPerson("R.contact_id")

// heldR is the condition of a held, live interaction row R.
const heldR = "R.status = 'held' AND R.deleted_at IS NULL"

// lockKey is what a lock query selects and orders by, so that concurrent
// transactions take the rows' locks in one order.
const lockKey = "h.organization_id, h.office_id, h.restricted"

// lockRows locks the rows of the table that a query of lockKey selects,
// in lockKey's order.
func lockRows(query string) string { return query + " ORDER BY 1, 2, 3 FOR UPDATE OF h" }

// The steps, per trigger event.
var (
	interactionLower = step{
		lock: lockRows("SELECT " + lockKey + " FROM organization_last_held h WHERE h.organization_id IN (" + orgsOfInteraction + ") AND h.office_id = R.office_id AND h.restricted = R.restricted AND " + heldR),
		sql: "UPDATE organization_last_held SET last_held_at = " + recompute + " WHERE organization_id IN (" + orgsOfInteraction + ")" +
			" AND office_id = R.office_id AND restricted = R.restricted AND last_held_at <= R.starts_at AND " + heldR,
	}
	interactionRaise = step{
		sql: insertLastHeld + "SELECT o.organization_id, R.office_id, R.restricted, R.starts_at FROM (" + orgsOfInteraction + ") AS o WHERE " + heldR, conflict: raise,
	}
	participantLower = step{
		lock: lockRows("SELECT " + lockKey + " FROM organization_last_held h JOIN interactions i ON i.id = R.interaction_id AND " + heldI +
			" AND i.office_id = h.office_id AND i.restricted = h.restricted WHERE h.organization_id IN (" + orgsOfParticipant + ")"),
		sql: "UPDATE organization_last_held SET last_held_at = " + recompute + " WHERE organization_id IN (" + orgsOfParticipant + ")" +
			" AND EXISTS (SELECT 1 FROM interactions i WHERE i.id = R.interaction_id AND " + heldI +
			" AND i.office_id = organization_last_held.office_id AND i.restricted = organization_last_held.restricted AND i.starts_at >= organization_last_held.last_held_at)",
	}
	participantRaise = step{
		sql: insertLastHeld + "SELECT o.organization_id, i.office_id, i.restricted, i.starts_at FROM interactions i, (" + orgsOfParticipant + ") AS o" +
			" WHERE i.id = R.interaction_id AND " + heldI, conflict: raise,
	}
	positionLower = step{
		lock: lockRows("SELECT " + lockKey + " FROM organization_last_held h WHERE h.organization_id = R.organization_id AND R.end_date IS NULL"),
		sql: "UPDATE organization_last_held SET last_held_at = " + recompute + " WHERE organization_id = R.organization_id AND R.end_date IS NULL" +
			" AND EXISTS (SELECT 1 FROM interaction_participants p JOIN interactions i ON i.id = p.interaction_id WHERE p.contact_id = R.contact_id AND " + heldI +
			" AND i.office_id = organization_last_held.office_id AND i.restricted = organization_last_held.restricted AND i.starts_at >= organization_last_held.last_held_at)",
	}
	positionRaise = step{
		sql: insertLastHeld + "SELECT R.organization_id, i.office_id, i.restricted, MAX(i.starts_at) FROM interaction_participants p JOIN interactions i ON i.id = p.interaction_id" +
			" WHERE p.contact_id = R.contact_id AND R.end_date IS NULL AND " + heldI + " AND " + openPerson("R.contact_id") +
			" GROUP BY i.office_id, i.restricted", conflict: raise,
	}
	// A contact restricted or opened: the rows of the organizations where it
	// holds a position are counted again, then raised by its meetings if it
	// is open now.
	contactLower = step{
		lock: lockRows("SELECT " + lockKey + " FROM organization_last_held h WHERE h.organization_id IN (" + orgsOfPerson + ")"),
		sql:  "UPDATE organization_last_held SET last_held_at = " + recompute + " WHERE organization_id IN (" + orgsOfPerson + ")",
	}
	contactRaise = step{
		sql: insertLastHeld + "SELECT pos.organization_id, i.office_id, i.restricted, MAX(i.starts_at) FROM positions pos" +
			" JOIN interaction_participants p ON p.contact_id = pos.contact_id JOIN interactions i ON i.id = p.interaction_id" +
			" WHERE pos.contact_id = R.id AND pos.end_date IS NULL AND NOT R.restricted AND " + heldI +
			" GROUP BY pos.organization_id, i.office_id, i.restricted", conflict: raise,
	}
)

// orgsOfPerson are the organizations where contact R holds a position.
const orgsOfPerson = "SELECT organization_id FROM positions WHERE contact_id = R.id AND end_date IS NULL"

var lastHeldTriggerDefs = []maintainedTrigger{
	{name: "last_held_interaction_update", timing: "AFTER", event: "UPDATE OF status, starts_at, deleted_at, restricted, office_id", table: "interactions",
		when: "(OLD.status = 'held' AND OLD.deleted_at IS NULL OR NEW.status = 'held' AND NEW.deleted_at IS NULL) AND " +
			"(OLD.status IS DISTINCT FROM NEW.status OR OLD.starts_at IS DISTINCT FROM NEW.starts_at OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at" +
			" OR OLD.restricted IS DISTINCT FROM NEW.restricted OR OLD.office_id IS DISTINCT FROM NEW.office_id)",
		steps: []step{interactionLower.on("OLD"), interactionRaise.on("NEW")}},
	// A deleted interaction's participants go first (the foreign key would
	// cascade anyway), while it still says which rows it held.
	{name: "last_held_interaction_delete", timing: "BEFORE", event: "DELETE", table: "interactions",
		steps: []step{{row: "OLD", sql: "DELETE FROM interaction_participants WHERE interaction_id = R.id"}}},
	{name: "last_held_participant_insert", timing: "AFTER", event: "INSERT", table: "interaction_participants",
		steps: []step{participantRaise.on("NEW")}},
	{name: "last_held_participant_delete", timing: "AFTER", event: "DELETE", table: "interaction_participants",
		steps: []step{participantLower.on("OLD")}},
	{name: "last_held_participant_update", timing: "AFTER", event: "UPDATE OF interaction_id, organization_id, contact_id", table: "interaction_participants",
		steps: []step{participantLower.on("OLD"), participantRaise.on("NEW")}},
	{name: "last_held_position_insert", timing: "AFTER", event: "INSERT", table: "positions", when: "NEW.end_date IS NULL",
		steps: []step{positionRaise.on("NEW")}},
	{name: "last_held_position_delete", timing: "AFTER", event: "DELETE", table: "positions", when: "OLD.end_date IS NULL",
		steps: []step{positionLower.on("OLD")}},
	{name: "last_held_position_update", timing: "AFTER", event: "UPDATE OF contact_id, organization_id, end_date", table: "positions",
		steps: []step{positionLower.on("OLD"), positionRaise.on("NEW")}},
	{name: "last_held_contact_restricted", timing: "AFTER", event: "UPDATE OF restricted", table: "contacts",
		when:  "OLD.restricted IS DISTINCT FROM NEW.restricted",
		steps: []step{contactLower.on("NEW"), contactRaise.on("NEW")}},
}

// reinstallLastHeldMigration is migration 0008: the triggers of 0007
// installed again as then defined (paths through restricted people no
// longer count, and a contact's restriction changing moves the rows), and
// the table counted again under that rule.
func reinstallLastHeldMigration(dialect string) []string {
	out := dropTriggerStatements(dialect, lastHeldTriggerDefs)
	out = append(out, triggerStatements(dialect, lastHeldTriggerDefs)...)
	return append(out, "DELETE FROM "+LastHeldTable, lastHeldBackfill)
}
