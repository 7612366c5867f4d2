package services

import (
	"gorm.io/gorm"

	"liaison/models"
	"liaison/services/query"
)

// exportNames resolves the names of related records for one batch of an
// export, one query per kind of record. Archived records keep their names
// (a visit's history does not change when its ministry is archived); a
// restricted contact or interaction of another office gives no name, by
// the visibility rule.
type exportNames struct {
	db    *gorm.DB
	actor Actor
}

func (n exportNames) users(ids []int64) (map[int64]string, error) {
	return n.lookup(&models.User{}, "users", "name", "", ids)
}

func (n exportNames) offices(ids []int64) (map[int64]string, error) {
	return n.lookup(&models.Office{}, "offices", "name", "", ids)
}

func (n exportNames) organizations(ids []int64) (map[int64]string, error) {
	return n.lookup(&models.Organization{}, "organizations", "name", "", ids)
}

func (n exportNames) visits(ids []int64) (map[int64]string, error) {
	return n.lookup(&models.Visit{}, "visits", "title", "", ids)
}

func (n exportNames) projects(ids []int64) (map[int64]string, error) {
	return n.lookup(&models.Project{}, "projects", "name", "", ids)
}

func (n exportNames) contacts(ids []int64) (map[int64]string, error) {
	return n.lookup(&models.Contact{}, "contacts", "full_name", contactsTable, ids)
}

func (n exportNames) commitments(ids []int64) (map[int64]string, error) {
	return n.lookup(&models.Commitment{}, "commitments", "title", commitmentsTable, ids)
}

func (n exportNames) interactions(ids []int64) (map[int64]string, error) {
	return n.lookup(&models.Interaction{}, "interactions", "subject", interactionsTable, ids)
}

// lookup reads id → column of table for ids; restricted names the rule's
// table when the rows can be restricted. table and column are constants of
// this file, never input.
func (n exportNames) lookup(model any, table, column string, restricted restrictedTable, ids []int64) (map[int64]string, error) {
	out := map[int64]string{}
	ids = uniqueIDs(ids)
	if len(ids) == 0 {
		return out, nil
	}
	q := n.db.Session(&gorm.Session{NewDB: true}).Unscoped().Model(model)
	if restricted != "" {
		q = n.actor.onlyVisible(q, on(restricted))
	}
	var rows []struct {
		ID   int64
		Name string
	}
	err := query.WhereIDs(q, table+".id", ids).Select(table + ".id AS id, " + table + "." + column + " AS name").Scan(&rows).Error
	for _, r := range rows {
		out[r.ID] = r.Name
	}
	return out, err
}

// idsOf collects the set ids among some optional references.
func idsOf[T any](items []T, refs ...func(*T) *int64) []int64 {
	out := make([]int64, 0, len(items))
	for i := range items {
		for _, ref := range refs {
			if id := ref(&items[i]); id != nil {
				out = append(out, *id)
			}
		}
	}
	return out
}

// participantNames is a record's participants as one cell: their names,
// separated by semicolons; a participant the actor may not see is left out.
func participantNames(ps []Participant) string {
	s := ""
	for _, p := range ps {
		if p.Name == nil || *p.Name == "" {
			continue
		}
		if s != "" {
			s += "; "
		}
		s += *p.Name
	}
	return s
}

// tagCell is a record's tags as one cell: slugs separated by commas.
func tagCell(tags []string) string {
	s := ""
	for i, t := range tags {
		if i > 0 {
			s += ","
		}
		s += t
	}
	return s
}
