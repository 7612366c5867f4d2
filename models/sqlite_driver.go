package models

import (
	"database/sql"
	"strconv"

	"github.com/mattn/go-sqlite3"
)

// sqliteDriver is go-sqlite3 with what every connection needs that its
// connection string cannot say: a bound on the write-ahead log left on disk.
// Without it, the log keeps the largest size it ever reached (seen: 214 MB
// beside a 30 MB database after minutes of overload); with it, every
// checkpoint that resets the log truncates the file to walSizeLimit.
const sqliteDriver = "sqlite3_liaison"

// walSizeLimit is what the write-ahead log is cut back to after a
// checkpoint: large enough that a busy minute never has to grow it again.
const walSizeLimit = 64 << 20

func init() {
	// A driver is registered once per process, as database/sql requires.
	sql.Register(sqliteDriver, &sqlite3.SQLiteDriver{
		ConnectHook: func(conn *sqlite3.SQLiteConn) error {
			_, err := conn.Exec("PRAGMA journal_size_limit = "+strconv.Itoa(walSizeLimit), nil)
			return err
		},
	})
}
