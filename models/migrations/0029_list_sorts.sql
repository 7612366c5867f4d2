-- Two sorted lists that read far more rows than they show.
--
-- Commitments by priority (services.CommitmentSorts: the rank, high first,
-- as an expression spelt exactly as the ORDER BY spells it, so that both
-- planners match it): without an index on the rank, a filtered list sorted
-- by priority read and sorted every match.
CREATE INDEX ix_commitments_priority ON commitments ((CASE priority WHEN 'high' THEN 3 WHEN 'normal' THEN 2 ELSE 1 END), id) WHERE deleted_at IS NULL;

-- Meetings by status, newest first: "held" is the log of what happened,
-- "planned" what is coming. Without it a list of held meetings walked
-- past every planned one (the newest by start time) before its first row.
CREATE INDEX ix_interactions_status ON interactions (status, starts_at, id) WHERE deleted_at IS NULL;
