package models

import "strconv"

// commitment_tallies (migration 0006) are the counts the manager's review
// reads, one row per combination of the attributes it groups and filters
// by. The services keep them from Go, in the transaction of every change
// that can move a commitment between combinations (services/tally.go);
// liaison check recounts them with the same key. Both read it from here:
// a second copy of the key is how a cache's key once drifted into a bug.

// TalliesTable is the maintained table of migration 0006.
const TalliesTable = "commitment_tallies"

// TallyColumns are the table's key columns, in TallyKey's order.
const TallyColumns = `office_id, owner_id, project_id, restricted, status, due_date, org_country, contact_country,
contact_restricted, contact_office_id, visit_country`

// TallyKey is the tallied attributes of a commitment c with its
// counterpart organization o, counterpart contact k and visit v; absent
// values as 0 or an empty string. Open and in-progress commitments keep their due date
// (overdue and "due soon" depend on today), done and cancelled ones do not
// need it.
const TallyKey = `c.office_id, COALESCE(c.owner_id, 0), COALESCE(c.project_id, 0), c.restricted, c.status,
CASE WHEN c.status IN ('open', 'in_progress') THEN COALESCE(c.due_date, '') ELSE '' END,
COALESCE(o.country_code, ''), COALESCE(k.country_code, ''), COALESCE(k.restricted, FALSE), COALESCE(k.office_id, 0),
COALESCE(v.host_country_code, '')`

// TallyCounts is the query of the tallies of the live commitments matching
// where (a condition on c; empty for all of them), in TallyColumns' order
// followed by the count times sign.
func TallyCounts(sign int, where string) string {
	if where == "" {
		where = "TRUE"
	}
	return "SELECT " + TallyKey + ", " + strconv.Itoa(sign) + ` * COUNT(*)
FROM commitments c
LEFT JOIN organizations o ON o.id = c.counterpart_organization_id
LEFT JOIN contacts k ON k.id = c.counterpart_contact_id
LEFT JOIN visits v ON v.id = c.visit_id
WHERE c.deleted_at IS NULL AND (` + where + `)
GROUP BY ` + TallyKey
}

// talliesRecount is every row of the table counted from the commitments.
// Rows that dropped to zero stay in the table (deleting them would cost
// every write a scan); the recount has none.
func talliesRecount() string { return TallyCounts(1, "") }
