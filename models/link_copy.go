package models

import (
	"fmt"
	"strings"

	"gorm.io/gorm"
)

// Links carry what the visibility rule reads of their record (migration
// 0039): a tagging of its tagged record, a position of its person, a
// meeting's participant of its meeting keep the record's restricted,
// office_id, and archived (deleted_at is set).
//
// A list filtered through a link (a tag, an organization's people or
// meetings) counts its matches (count=true) up to ten thousand. Counted
// over the records, each link found cost a read of its record's row to
// learn whether the reader may see it and whether it is live: 20-37 ms on
// SQLite and 25-74 ms on PostgreSQL over a million records, for a tag or
// an organization with ten thousand of them. With the three columns beside
// the link, the count reads one index of the links and no record.
//
// The triggers keep the copies exact in the writer's transaction: a new
// link, or one moved to another record (a merge), takes its record's
// values, and a record restricted, opened, moved to another office,
// archived or restored passes them to its links. liaison check compares
// them with the records and repairs them.

// LinkCopyCheck is the name liaison check gives the copies.
const LinkCopyCheck = "links.visibility"

// linkCopy is one kind of link that carries its record's values.
type linkCopy struct {
	name   string // of its triggers
	link   string // the links' table
	record string // the link's column naming its record
	kind   string // the taggings' entity_type of this table's records; "" for a link to one table
	table  string // the records' table
	// restricted says that the records can be restricted (contacts,
	// meetings, commitments); the links of others keep restricted false and
	// no office.
	restricted bool
	key        []string // the columns that identify a link
}

var taggingKey = []string{"entity_type", "entity_id", "tag_id"}

var linkCopies = []linkCopy{
	{"tagging_copy_organization", "taggings", "entity_id", EntityOrganization, "organizations", false, taggingKey},
	{"tagging_copy_contact", "taggings", "entity_id", EntityContact, "contacts", true, taggingKey},
	{"tagging_copy_visit", "taggings", "entity_id", EntityVisit, "visits", false, taggingKey},
	{"tagging_copy_interaction", "taggings", "entity_id", EntityInteraction, "interactions", true, taggingKey},
	{"tagging_copy_commitment", "taggings", "entity_id", EntityCommitment, "commitments", true, taggingKey},
	{"position_copy", "positions", "contact_id", "", "contacts", true, []string{"id"}},
	{"participant_copy", "interaction_participants", "interaction_id", "", "interactions", true, []string{"id"}},
}

// linkTables are the tables that get the columns.
var linkTables = []string{"taggings", "positions", "interaction_participants"}

// copied are the link's columns that the record sets, and the value of
// each for the record r.
func (l linkCopy) copied(r string) (cols, values []string) {
	if l.restricted {
		return []string{"restricted", "office_id", "archived"}, []string{r + ".restricted", r + ".office_id", r + ".deleted_at IS NOT NULL"}
	}
	return []string{"archived"}, []string{r + ".deleted_at IS NOT NULL"}
}

// sources are the record's columns the copies come from.
func (l linkCopy) sources() []string {
	if l.restricted {
		return []string{"restricted", "office_id", "deleted_at"}
	}
	return []string{"deleted_at"}
}

// ofKind is the condition that a link of table lk is one of this kind's.
func (l linkCopy) ofKind(lk string) string {
	if l.kind == "" {
		return "TRUE"
	}
	return lk + ".entity_type = '" + l.kind + "'"
}

// differs is the condition that the link lk's copies are not what the
// record r has.
func (l linkCopy) differs(lk, r string) string {
	cols, values := l.copied(r)
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = "(" + values[i] + ") IS DISTINCT FROM " + lk + "." + c
	}
	return "(" + strings.Join(out, " OR ") + ")"
}

// take sets the copies of the links that match where (over the link
// table's own name) from their records.
func (l linkCopy) take(where string) string {
	cols, values := l.copied("r")
	return "UPDATE " + l.link + " SET (" + strings.Join(cols, ", ") + ") = (SELECT " + strings.Join(values, ", ") + " FROM " + l.table +
		" r WHERE r.id = " + l.link + "." + l.record + ") WHERE " + where
}

// fill sets the copies that differ from their records: the migration's
// first fill, the repair, and the end of a bulk load.
func (l linkCopy) fill() string {
	return l.take(l.ofKind(l.link) + " AND EXISTS (SELECT 1 FROM " + l.table + " r WHERE r.id = " + l.link + "." + l.record + " AND " + l.differs(l.link, "r") + ")")
}

// triggers: a link inserted, or moved to another record, takes the
// record's values; a record whose values change hands them on.
func (l linkCopy) triggers() []maintainedTrigger {
	same := make([]string, len(l.key))
	for i, k := range l.key {
		same[i] = l.link + "." + k + " = R." + k
	}
	taken := []step{{row: "NEW", sql: l.take(strings.Join(same, " AND ") + " AND EXISTS (SELECT 1 FROM " + l.table + " r WHERE r.id = R." + l.record + ")")}}
	cols, mine := l.copied("R")
	set := make([]string, len(cols))
	for i, c := range cols {
		set[i] = c + " = " + mine[i]
	}
	changed := make([]string, len(l.sources()))
	for i, c := range l.sources() {
		changed[i] = "OLD." + c + " IS DISTINCT FROM NEW." + c
	}
	ofKind := ""
	if l.kind != "" {
		ofKind = "NEW.entity_type = '" + l.kind + "'"
	}
	ofLinkKind := ""
	if l.kind != "" {
		ofLinkKind = " AND entity_type = '" + l.kind + "'"
	}
	moved := "OLD." + l.record + " IS DISTINCT FROM NEW." + l.record
	moveEvent := "UPDATE OF " + l.record
	if l.kind != "" {
		moved = ofKind + " AND (" + moved + " OR OLD.entity_type IS DISTINCT FROM NEW.entity_type)"
		moveEvent += ", entity_type"
	}
	return []maintainedTrigger{
		{name: l.name, timing: "AFTER", event: "INSERT", table: l.link, when: ofKind, steps: taken},
		{name: l.name + "_moved", timing: "AFTER", event: moveEvent, table: l.link, when: moved, steps: taken},
		{name: l.name + "_kept", timing: "AFTER", event: "UPDATE OF " + strings.Join(l.sources(), ", "), table: l.table, when: strings.Join(changed, " OR "),
			steps: []step{{row: "NEW", sql: "UPDATE " + l.link + " SET " + strings.Join(set, ", ") + " WHERE " + l.record + " = R.id" + ofLinkKind}}},
	}
}

func linkCopyTriggers() []maintainedTrigger {
	var out []maintainedTrigger
	for _, l := range linkCopies {
		out = append(out, l.triggers()...)
	}
	return out
}

// linkCopyMigration is migration 0039: the columns, their first fill, the
// indexes the counts read, and the triggers.
func linkCopyMigration(dialect string) []string {
	var out []string
	for _, t := range linkTables {
		out = append(out,
			"ALTER TABLE "+t+" ADD COLUMN restricted BOOLEAN NOT NULL DEFAULT FALSE",
			"ALTER TABLE "+t+" ADD COLUMN office_id BIGINT",
			"ALTER TABLE "+t+" ADD COLUMN archived BOOLEAN NOT NULL DEFAULT FALSE")
	}
	for _, l := range linkCopies {
		out = append(out, l.fill())
	}
	out = append(out,
		// archived is a column of the indexes, not their condition: SQLite
		// reads a partial index's condition columns from the table.
		"CREATE INDEX ix_taggings_visible ON taggings (entity_type, tag_id, archived, restricted, office_id, entity_id)",
		// An organization's people and meetings are made distinct (a person
		// may hold two positions there): the record's id comes right after
		// the organization, so that the links arrive in its order and
		// duplicates are skipped as they come, without a sort. These take
		// the place of the indexes by (organization, record).
		"DROP INDEX ix_positions_organization",
		"CREATE INDEX ix_positions_organization ON positions (organization_id, contact_id, archived, restricted, office_id)",
		"DROP INDEX ix_interaction_participants_org",
		"CREATE INDEX ix_interaction_participants_org ON interaction_participants (organization_id, interaction_id, archived, restricted, office_id)")
	return append(out, triggerStatements(dialect, linkCopyTriggers())...)
}

// LinkCopyIndexes are the indexes migration 0039 creates.
var LinkCopyIndexes = []string{"ix_taggings_visible", "ix_positions_organization", "ix_interaction_participants_org"}

// fillLinkCopies sets every link's copies that differ from its record.
func fillLinkCopies(tx *gorm.DB) error {
	for _, l := range linkCopies {
		if err := tx.Exec(l.fill()).Error; err != nil {
			return fmt.Errorf("%s of %s: %w", LinkCopyCheck, l.name, err)
		}
	}
	return nil
}

// checkLinkCopies counts the links whose copies differ from their record,
// naming the first three.
func checkLinkCopies(db *gorm.DB) (TableCheck, error) {
	c := TableCheck{Table: LinkCopyCheck}
	for _, l := range linkCopies {
		from := " FROM " + l.link + " JOIN " + l.table + " r ON r.id = " + l.link + "." + l.record + " WHERE " + l.ofKind(l.link) + " AND " + l.differs(l.link, "r")
		var n int64
		if err := db.Raw("SELECT COUNT(*)" + from).Scan(&n).Error; err != nil {
			return c, fmt.Errorf("%s: %w", LinkCopyCheck, err)
		}
		if n == 0 {
			continue
		}
		c.Different += n
		var ids []int64
		if err := db.Raw("SELECT " + l.link + "." + l.record + from + " ORDER BY 1 LIMIT 3").Scan(&ids).Error; err != nil {
			return c, fmt.Errorf("%s: %w", LinkCopyCheck, err)
		}
		for _, id := range ids {
			if len(c.Examples) < 3 {
				c.Examples = append(c.Examples, fmt.Sprintf("different %s of %s_id=%d", l.link, strings.TrimSuffix(l.table, "s"), id))
			}
		}
	}
	return c, nil
}
