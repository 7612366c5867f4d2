-- Typed relationships between organizations, and tags managed in the app.
--
-- A relationship reads from one organization to another: "from funded_by
-- to" is "the Ministry is funded by Canada"; the other end sees the inverse
-- wording ("funds"). It belongs to the office of the user who made it. One
-- live relationship per (from, to, kind): a second is a conflict, enforced
-- by the partial unique index so that two concurrent writers cannot both
-- make it. Archived ones stay for their history and may be restored only
-- while no live twin exists.
CREATE TABLE relationships (
  id                   {{pk}},
  version              BIGINT NOT NULL DEFAULT 1,
  created_at           {{ts}} NOT NULL,
  updated_at           {{ts}} NOT NULL,
  deleted_at           {{ts}},
  office_id            BIGINT NOT NULL REFERENCES offices(id),
  from_organization_id BIGINT NOT NULL REFERENCES organizations(id),
  to_organization_id   BIGINT NOT NULL REFERENCES organizations(id),
  kind                 TEXT NOT NULL CHECK (kind IN ('partner_of','funded_by','member_of','coordinates_with','reports_to')),
  start_date           TEXT,
  end_date             TEXT,
  note                 TEXT NOT NULL DEFAULT '',
  search_text          TEXT NOT NULL DEFAULT '',
  CHECK (from_organization_id <> to_organization_id),
  CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date)
);
CREATE UNIQUE INDEX ux_relationships_live ON relationships (from_organization_id, to_organization_id, kind) WHERE deleted_at IS NULL;
-- The list's filters and sorts: organization_id (either end), kind,
-- office_id, updated_after; sorted by created_at (default) or updated_at.
CREATE INDEX ix_relationships_from ON relationships (from_organization_id, created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_relationships_to ON relationships (to_organization_id, created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_relationships_created ON relationships (created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_relationships_updated ON relationships (updated_at, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_relationships_kind ON relationships (kind, created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_relationships_office ON relationships (office_id, created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_relationships_archived ON relationships (deleted_at, id) WHERE deleted_at IS NOT NULL;

-- Tags become a list like the others (paged, searched, sorted) and can be
-- archived: an archived tag is refused on new records and stays on the
-- records that carry it. sort_key orders the SDGs by goal number and the
-- others by folded name; search_text holds the folded words of slug and
-- name. The second step of this migration fills both for the rows there.
ALTER TABLE tags ADD COLUMN deleted_at {{ts}};
ALTER TABLE tags ADD COLUMN sort_key TEXT {{bytewise}} NOT NULL DEFAULT '';
ALTER TABLE tags ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
CREATE INDEX ix_tags_sort ON tags (sort_key, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_tags_kind ON tags (kind, sort_key, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_tags_archived ON tags (sort_key, id) WHERE deleted_at IS NOT NULL;
CREATE INDEX ix_tags_updated ON tags (updated_at, id);

-- Offices become a list like the others too: their filters and sorts.
CREATE INDEX ix_offices_updated ON offices (updated_at, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_offices_country ON offices (country_code, name, id) WHERE deleted_at IS NULL;
