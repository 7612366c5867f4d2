package services

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"gorm.io/gorm"

	"liaison/models"
)

// On PostgreSQL a batch's rows go in through COPY rather than multi-row
// INSERTs: the server parses no statement text and binds no parameters, and
// the rows stream in one round trip per table. COPY is a feature of the
// connection, not of database/sql, so the batch's transaction runs on one
// connection taken from the pool (copyConnection) and bulk.copyIn reaches
// the pgx connection under it, inside the same transaction: a failed batch
// still leaves nothing behind.

type copyConnKey struct{}

// copyConnection takes one connection from db's pool for a batch's
// transaction and returns a handle whose statements run on it, with the
// connection in the context for bulk.copyIn. release gives it back.
func copyConnection(ctx context.Context, db *gorm.DB) (*gorm.DB, context.Context, func(), error) {
	sqlDB, err := db.DB()
	if err != nil {
		return nil, ctx, nil, err
	}
	conn, err := sqlDB.Conn(ctx)
	if err != nil {
		return nil, ctx, nil, err
	}
	ctx = context.WithValue(ctx, copyConnKey{}, conn)
	on := db.WithContext(ctx)
	// gorm begins the transaction on whatever ConnPool the handle holds;
	// *sql.Conn begins it on that one connection.
	on.Statement.ConnPool = conn
	return on, ctx, func() { _ = conn.Close() }, nil
}

// copyConn is the batch's connection when its transaction runs on one.
func copyConn(ctx context.Context) *sql.Conn {
	conn, _ := ctx.Value(copyConnKey{}).(*sql.Conn)
	return conn
}

// copyIn streams values (rows of len(cols) each) into table with COPY on
// conn, in the transaction open on it.
func copyIn(ctx context.Context, conn *sql.Conn, table string, cols []string, values []any) error {
	width := len(cols)
	names := make([]string, width)
	for i, c := range cols {
		names[i] = strings.Trim(c, `"`) // pgx quotes identifiers itself
	}
	rows := len(values) / width
	return conn.Raw(func(driverConn any) error {
		c, ok := driverConn.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("copy into %s: not a pgx connection", table)
		}
		n, err := c.Conn().CopyFrom(ctx, pgx.Identifier{table}, names, pgx.CopyFromSlice(rows, func(i int) ([]any, error) {
			return values[i*width : (i+1)*width], nil
		}))
		if err == nil && n != int64(rows) {
			err = fmt.Errorf("copy into %s: %d of %d rows", table, n, rows)
		}
		return err
	})
}

// bulkLoadSettings sets a PostgreSQL bulk load's batch
// (models.WithBulkLoad) up for a database nothing else uses yet.
//
// Plans: each prepared statement is planned once. Such a batch runs the
// same few validation queries while its tables grow from empty, and the
// server planned them anew for every execution: about 45 µs of planning
// each, several times the query itself, 5.6 of the 8 server seconds that
// 79,000 of them took in a seed-bench load at scale 0.05. Their plans are
// one key (or one list of keys) looked up in a primary key. Not for other
// imports: a generic plan of the duplicate finder's lookup by key took
// seconds where its custom plan took milliseconds.
//
// Commits: the batch's commit does not wait for its WAL to reach the disk
// (synchronous_commit off; the WAL writer flushes it a moment later). A
// crash in that moment loses the last batches, never half of one, and a
// load that stopped is started again into a new database anyway; the
// flush was 3.5 ms of every batch.
func bulkLoadSettings(tx *gorm.DB) error {
	if tx.Name() != models.Postgres || !models.IsBulkLoad(tx.Statement.Context) {
		return nil
	}
	return tx.Exec("SET LOCAL plan_cache_mode = force_generic_plan; SET LOCAL synchronous_commit = off").Error
}
