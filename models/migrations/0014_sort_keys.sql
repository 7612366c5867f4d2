-- Names sorted as people expect (models/sort_key.go): a person by folded
-- family name, then given name, the honorific ignored; an organization by
-- its folded name. The key is made in Go (the migration's second step
-- fills it for the rows already there; every write sets it after) and
-- compared byte by byte, so that both databases order it alike whatever
-- their collation. The indexes follow the filling, in
-- 0014_sort_key_indexes.sql.
ALTER TABLE contacts ADD COLUMN sort_key TEXT {{bytewise}} NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN sort_key TEXT {{bytewise}} NOT NULL DEFAULT '';
