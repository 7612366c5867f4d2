package services

import "gorm.io/gorm"

// Totals counted from the links. A list filtered through a link table
// alone (a tag's taggings, an organization's positions or its meetings'
// participants) counts its matches from the links, which carry what the
// visibility rule reads of their records (models/link_copy.go), instead of
// reading each matched record's row: the rows below are exactly the
// list's matches, one per record, and query.Params.CountFrom counts them.
// With any other filter, a search, or archived records asked for, the list
// counts its own rows.

// linkedRows are the live records whose link in table (named by column)
// matches cond, that the actor may see, one row each: once are links of
// which a record has at most one that matches, else they are made
// distinct.
func linkedRows(db *gorm.DB, actor Actor, table, column string, once bool, cond string, args ...any) *gorm.DB {
	q := db.Session(&gorm.Session{NewDB: true}).Table(table).Where(cond, args...).Where(table + ".archived = FALSE")
	if once {
		q = q.Select(table + "." + column)
	} else {
		q = q.Distinct(table + "." + column)
	}
	return actor.onlyVisible(q, on(table))
}

// countTagged counts a list filtered by tags alone from the taggings. f is
// the list's filter.
func countTagged(db *gorm.DB, actor Actor, entity string, f any, p *ListParams, slugs []string) {
	if len(slugs) > 0 && onlyFilter(f, "Tag") {
		p.CountFrom(linkedRows(db, actor, "taggings", "entity_id", len(uniqueStrings(slugs)) == 1,
			"taggings.entity_type = ? AND taggings.tag_id IN (SELECT id FROM tags WHERE slug IN ?)", entity, slugs))
	}
}

// countPositioned counts the contacts list filtered by organizations alone
// from the positions.
func countPositioned(db *gorm.DB, actor Actor, f *ContactFilter) {
	if len(f.OrganizationID) > 0 && onlyFilter(*f, "OrganizationID") {
		f.ListParams.CountFrom(linkedRows(db, actor, "positions", "contact_id", false, "positions.organization_id IN ?", f.OrganizationID))
	}
}

// countParticipated counts the meetings list filtered by organizations
// alone from the meetings' participants.
func countParticipated(db *gorm.DB, actor Actor, f *InteractionFilter) {
	if len(f.OrganizationID) > 0 && onlyFilter(*f, "OrganizationID") {
		f.ListParams.CountFrom(linkedRows(db, actor, "interaction_participants", "interaction_id", false,
			"interaction_participants.organization_id IN ?", f.OrganizationID))
	}
}
