-- Sorted lists whose filter matches many rows that lie together in the
-- sort order, so that walking the sort key's index (services/query/walk.go)
-- passes most of the table before the first match. An office's records
-- were entered together (their creation times, their family names in the
-- office's languages, a kind of visit and its titles lie side by side):
-- "office 2's people by family name" walked 740,000 rows of other offices
-- first, 850 ms a page over a million contacts. With the filter's column
-- first, the page is read in order from where its rows are. These are the
-- pairs a team scoped to its office sorts by; the lists name them as
-- pinnable (services.ContactSorts and the others).
CREATE INDEX ix_contacts_office_family_name ON contacts (office_id, family_name, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_contacts_office_created ON contacts (office_id, created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_contacts_office_updated ON contacts (office_id, updated_at, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_interactions_office_created ON interactions (office_id, created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_interactions_office_updated ON interactions (office_id, updated_at, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_visits_kind_title ON visits (kind, title, id) WHERE deleted_at IS NULL;

-- Restricted commitments of one office: what the restricted filter reads
-- (services' restriction.filter names the reader's office, as for contacts
-- and meetings, whose partial indexes of restricted rows serve it).
CREATE INDEX ix_commitments_restricted ON commitments (office_id, id) WHERE restricted AND deleted_at IS NULL;
