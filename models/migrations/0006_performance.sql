-- Performance at a million records (issue 7).

-- The manager's review counts commitments by status and due date, grouped
-- by owner, office, country and project. Scanning every commitment with its
-- counterpart and visit on each request grows with the history; this table
-- keeps those counts per combination of the attributes the review groups
-- and filters by, so the review reads a few thousand rows whatever the
-- size of the history. It is maintained by the services in the same
-- transaction as every change that can move a commitment between
-- combinations (services/tally.go). Open and in-progress commitments keep
-- their due date (overdue and "due soon" depend on today); done and
-- cancelled ones do not need it. Absent values are stored as 0 or '' so
-- that every column takes part in the key.
CREATE TABLE commitment_tallies (
  office_id          BIGINT NOT NULL,
  owner_id           BIGINT NOT NULL,
  project_id         BIGINT NOT NULL,
  restricted         BOOLEAN NOT NULL,
  status             TEXT NOT NULL,
  due_date           TEXT NOT NULL,
  org_country        TEXT NOT NULL,
  contact_country    TEXT NOT NULL,
  contact_restricted BOOLEAN NOT NULL,
  contact_office_id  BIGINT NOT NULL,
  visit_country      TEXT NOT NULL,
  n                  BIGINT NOT NULL,
  PRIMARY KEY (office_id, owner_id, project_id, restricted, status, due_date, org_country, contact_country,
               contact_restricted, contact_office_id, visit_country)
);

INSERT INTO commitment_tallies (office_id, owner_id, project_id, restricted, status, due_date, org_country,
  contact_country, contact_restricted, contact_office_id, visit_country, n)
SELECT c.office_id, COALESCE(c.owner_id, 0), COALESCE(c.project_id, 0), c.restricted, c.status,
  CASE WHEN c.status IN ('open', 'in_progress') THEN COALESCE(c.due_date, '') ELSE '' END,
  COALESCE(o.country_code, ''), COALESCE(k.country_code, ''), COALESCE(k.restricted, FALSE), COALESCE(k.office_id, 0),
  COALESCE(v.host_country_code, ''), COUNT(*)
FROM commitments c
LEFT JOIN organizations o ON o.id = c.counterpart_organization_id
LEFT JOIN contacts k ON k.id = c.counterpart_contact_id
LEFT JOIN visits v ON v.id = c.visit_id
WHERE c.deleted_at IS NULL
GROUP BY c.office_id, COALESCE(c.owner_id, 0), COALESCE(c.project_id, 0), c.restricted, c.status,
  CASE WHEN c.status IN ('open', 'in_progress') THEN COALESCE(c.due_date, '') ELSE '' END,
  COALESCE(o.country_code, ''), COALESCE(k.country_code, ''), COALESCE(k.restricted, FALSE), COALESCE(k.office_id, 0),
  COALESCE(v.host_country_code, '');

-- Open work in due order: the review's overdue items and the commitments
-- list filtered to open ones walk this instead of every commitment ever made.
CREATE INDEX ix_commitments_open_due_sort ON commitments ((COALESCE(due_date, '9999-12-31')), id)
  WHERE deleted_at IS NULL AND status IN ('open', 'in_progress');

-- The records hidden from other offices, archived ones included: the
-- subqueries that keep a restricted contact or interaction out of another
-- office's filters read these instead of the whole table.
CREATE INDEX ix_contacts_restricted_all ON contacts (office_id, id) WHERE restricted;
CREATE INDEX ix_interactions_restricted_all ON interactions (office_id, id) WHERE restricted;

-- "Recently changed, in one country" and "my recently changed contacts":
-- a filter with another sort than the filter's own index would otherwise
-- sort every match, or walk the sort index past every non-match.
CREATE INDEX ix_contacts_country_updated ON contacts (country_code, updated_at, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_contacts_owner_updated ON contacts (owner_id, updated_at, id) WHERE deleted_at IS NULL;

-- The tallies' generation: bumped in the transaction of every change to
-- them, so that a process may keep a computed review for as long as the
-- number it read with it is still the stored one, and no longer.
CREATE TABLE review_epoch (
  id    INTEGER PRIMARY KEY,
  epoch BIGINT NOT NULL
);
INSERT INTO review_epoch (id, epoch) VALUES (1, 1);
