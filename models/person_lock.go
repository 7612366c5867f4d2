package models

import (
	"strconv"
	"strings"

	"gorm.io/gorm"
)

// Person locks (PostgreSQL). A person's paths are written from two sides:
// their participations and counterparts (one record at a time) and their
// positions (fanning out to every record of theirs). Two transactions
// writing one person from both sides at once would each miss the other's
// uncommitted rows. Writers of records therefore take the person's lock
// shared, writers of positions exclusive, before they read or change the
// person's paths: record writers never wait for each other, and a position
// write and a record write of one person run one after the other, the
// second seeing what the first committed. The locks are transaction-level
// advisory locks keyed by (personLockSpace, hashint8(contact id)): taken
// from the lock table, not the contact's row, so that editing a contact and
// naming them in a meeting do not queue behind each other.
//
// The lock table is small (max_locks_per_transaction × connections, 6,400
// entries by default) and an import batch names thousands of people. A
// bulk write therefore takes one lock for everyone instead (LockAllPeople:
// (allPeopleSpace, 0) exclusive), which every other person lock takes
// shared first, and marks its transaction so that its own triggers take
// none. lockPersonFunction is the one place that rule is written. SQLite
// runs one writer at a time and needs none of this.
const (
	personLockSpace = 7009
	allPeopleSpace  = 7010
)

// lockPersonFunction takes one person's lock (PostgreSQL), unless the
// transaction holds everyone's.
const lockPersonFunction = `CREATE OR REPLACE FUNCTION liaison_lock_person(person bigint, exclusive boolean) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('liaison.all_people', true) = 'on' THEN
    RETURN;
  END IF;
  PERFORM pg_advisory_xact_lock_shared(7010, 0);
  IF exclusive THEN
    PERFORM pg_advisory_xact_lock(7009, hashint8(person));
  ELSE
    PERFORM pg_advisory_xact_lock_shared(7009, hashint8(person));
  END IF;
END
$$`

// personLock is the query that takes the lock of person R.<column>, if set.
func personLock(column string, exclusive bool) string {
	return "SELECT liaison_lock_person(R." + column + ", " + strconv.FormatBool(exclusive) + ") WHERE R." + column + " IS NOT NULL"
}

// peopleLock is the query that takes the locks of the people a subquery of
// contact ids names, in key order.
func peopleLock(ids string, exclusive bool) string {
	return "SELECT liaison_lock_person(t.id, " + strconv.FormatBool(exclusive) + ") FROM (SELECT DISTINCT id, hashint8(id) AS h FROM (" + ids +
		") AS u (id) ORDER BY h, id) AS t"
}

// LockPeople takes, on PostgreSQL, the locks of the people ids in key
// order (shared for a write of records that name them, exclusive for a
// write of their positions). A write that names several people takes them
// all first, in one order, rather than one by one as its triggers reach
// them, so that it waits, if at all, before it holds anything else. For a
// write of more than a few hundred people use LockAllPeople.
func LockPeople(tx *gorm.DB, ids []int64, exclusive bool) error {
	if tx.Name() != Postgres || len(ids) == 0 {
		return nil
	}
	// One array literal, one parameter: the order must be one.
	list := make([]string, len(ids))
	for i, id := range ids {
		list[i] = strconv.FormatInt(id, 10)
	}
	return tx.Exec(peopleLock("SELECT unnest(CAST(? AS bigint[]))", exclusive), "{"+strings.Join(list, ",")+"}").Error
}

// LockAllPeople takes, on PostgreSQL, the lock of every person at once, for
// a bulk write (an import batch): it waits for the writers that hold any
// person's lock and keeps new ones waiting until it commits, and its own
// triggers take no lock of their own.
func LockAllPeople(tx *gorm.DB) error {
	if tx.Name() != Postgres {
		return nil
	}
	if err := tx.Exec("SELECT pg_advisory_xact_lock(" + itoa(allPeopleSpace) + ", 0)").Error; err != nil {
		return err
	}
	return tx.Exec("SELECT set_config('liaison.all_people', 'on', true)").Error
}

func itoa(n int) string { return strconv.Itoa(n) }
