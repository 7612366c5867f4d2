package query

import (
	"database/sql/driver"
	"fmt"
	"time"
)

// Time scans a timestamp computed by SQL (MAX(starts_at) and the like):
// PostgreSQL hands back a time, SQLite the text it stored, since an
// aggregate has no declared column type for the driver to go by.
type Time struct {
	Time  time.Time
	Valid bool
}

// sqliteTimeLayouts are the forms the SQLite driver writes times in.
var sqliteTimeLayouts = []string{"2006-01-02 15:04:05.999999999-07:00", "2006-01-02T15:04:05.999999999-07:00", "2006-01-02 15:04:05", time.DateOnly}

// Scan implements sql.Scanner.
func (t *Time) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*t = Time{}
		return nil
	case time.Time:
		*t = Time{Time: v.UTC(), Valid: true}
		return nil
	case []byte:
		return t.Parse(string(v))
	case string:
		return t.Parse(v)
	}
	return fmt.Errorf("dbTime: cannot scan %T", src)
}

func (t *Time) Parse(s string) error {
	for _, layout := range sqliteTimeLayouts {
		if v, err := time.Parse(layout, s); err == nil {
			*t = Time{Time: v.UTC(), Valid: true}
			return nil
		}
	}
	return fmt.Errorf("dbTime: cannot parse %q", s)
}

// Value implements driver.Valuer, so the type can also be written.
func (t Time) Value() (driver.Value, error) {
	if !t.Valid {
		return nil, nil
	}
	return t.Time, nil
}

// ptr returns the time or nil.
func (t Time) Ptr() *time.Time {
	if !t.Valid {
		return nil
	}
	v := t.Time
	return &v
}
