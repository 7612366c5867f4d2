package models

import (
	"strings"

	"gorm.io/gorm"
)

// keyedTable is a maintained table that a query can count again from the
// records: what liaison check compares it with and rebuilds it from.
type keyedTable struct {
	table  string
	key    []string // the columns that identify a row (shown, as ids, in examples)
	values []string // the columns the maintenance keeps current
	// kept is the condition on the table's rows that stand for something:
	// rows the maintenance leaves behind on purpose (a date gone NULL, a
	// count gone to zero) are not counted as extra.
	kept    string
	recount func(dialect string) string // key, then values
	rebuild func(tx *gorm.DB) error
}

var keyedTables = []keyedTable{
	{table: LastHeldTable, key: []string{"organization_id", "office_id", "restricted"}, values: []string{"last_held_at"},
		kept: "last_held_at IS NOT NULL", recount: func(string) string { return lastHeldRecount }, rebuild: RebuildLastHeld},
	{table: ActivityTable, key: []string{"organization_id", "kind", "record_id", "contact_id"}, values: []string{"at"},
		kept: "TRUE", recount: activityRecount, rebuild: RebuildActivity},
	{table: TalliesTable, key: strings.Split(strings.ReplaceAll(TallyColumns, "\n", " "), ", "), values: []string{"n"},
		kept: "n <> 0", recount: func(string) string { return talliesRecount() }, rebuild: rebuildTallies},
	{table: DuplicateBlocksTable, key: []string{"kind", "key"}, values: []string{"size"},
		kept: "size > 0", recount: func(string) string { return duplicateBlocksRecount }, rebuild: rebuildDuplicateBlocks},
}

func rebuildTallies(tx *gorm.DB) error {
	if err := tx.Exec("DELETE FROM " + TalliesTable).Error; err != nil {
		return err
	}
	return tx.Exec("INSERT INTO " + TalliesTable + " (" + TallyColumns + ", n) " + talliesRecount()).Error
}

// diffQuery lists the rows where the table and its recount disagree:
// problem ('missing', 'extra' or 'different'), how many rows share that
// problem, and the key of at most three of them.
func (k keyedTable) diffQuery(dialect string) string {
	cols := strings.Join(append(append([]string{}, k.key...), k.values...), ", ")
	var on, differ []string
	for _, c := range k.key {
		on = append(on, "r."+c+" = t."+c)
	}
	for _, c := range k.values {
		differ = append(differ, "r."+c+" IS DISTINCT FROM t."+c)
	}
	keys := func(side string) string { return side + "." + strings.Join(k.key, ", "+side+".") }
	join := " ON " + strings.Join(on, " AND ")
	return "WITH r (" + cols + ") AS (" + k.recount(dialect) + "),\n" +
		"t AS (SELECT " + cols + " FROM " + k.table + " WHERE " + k.kept + "),\n" +
		"d AS (SELECT 'missing' AS problem, " + keys("r") + " FROM r LEFT JOIN t" + join + " WHERE t." + k.key[0] + " IS NULL\n" +
		"  UNION ALL SELECT 'extra', " + keys("t") + " FROM t LEFT JOIN r" + join + " WHERE r." + k.key[0] + " IS NULL\n" +
		"  UNION ALL SELECT 'different', " + keys("r") + " FROM r JOIN t" + join + " WHERE " + strings.Join(differ, " OR ") + ")\n" +
		"SELECT * FROM (SELECT d.*, COUNT(*) OVER (PARTITION BY problem) AS n_rows, ROW_NUMBER() OVER (PARTITION BY problem ORDER BY " +
		strings.Join(k.key, ", ") + ") AS i FROM d) AS x WHERE i <= 3 ORDER BY problem, i"
}
