-- Search and sort support for projects, visits, interactions and commitments.
-- 0001 stays frozen; this adds what their lists need.

-- Projects get the folded search text the other records have. The list is
-- short reference data, so it is matched with LIKE on word prefixes rather
-- than through a full-text index.
ALTER TABLE projects ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
CREATE INDEX ix_projects_updated ON projects (updated_at, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_projects_created ON projects (created_at, id) WHERE deleted_at IS NULL;

CREATE INDEX ix_visits_title ON visits (title, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_visits_created ON visits (created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_interactions_created ON interactions (created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_commitments_created ON commitments (created_at, id) WHERE deleted_at IS NULL;

-- Commitments list by due date with the undated ones last. Keyset paging
-- needs a NOT NULL sort value, so the list orders by this expression, and
-- this index makes that order an index scan on both databases.
CREATE INDEX ix_commitments_due_sort ON commitments ((COALESCE(due_date, '9999-12-31')), id) WHERE deleted_at IS NULL;
