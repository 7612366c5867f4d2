-- A reader's restricted records, in the list's order. The restricted
-- filter is written with the reader's office (services/visibility.go), and
-- was read through the indexes of restricted rows by office and id: each
-- row read from the table for whether it was archived, and all of them
-- sorted for a page. On SQLite over a million rows that was 19 ms for an
-- office's restricted meetings by time (7,900 of them) and 28 ms for its
-- restricted people by name (13,000), and as much to count them. These
-- hold the live restricted rows by office in the lists' default order
-- (meetings by time, people by name) with restricted itself, so that a
-- page is read in order and the count from the index alone.
CREATE INDEX ix_interactions_restricted ON interactions (office_id, starts_at, id, restricted) WHERE restricted AND deleted_at IS NULL;
DROP INDEX ix_contacts_restricted;
CREATE INDEX ix_contacts_restricted ON contacts (office_id, full_name, id, restricted) WHERE restricted AND deleted_at IS NULL;
