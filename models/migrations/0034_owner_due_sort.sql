-- One person's commitments by due date, the list an owner works from
-- ("my open commitments, soonest first"; the filter × sort matrix's
-- owner_id+status row). Without it the busiest owner's 8,600 commitments were
-- read through ix_commitments_owner (whose due dates put the undated first,
-- not last as the list does) and sorted for a page of the 1,200 open ones:
-- 25-31 ms on SQLite over 200,000 commitments. The list orders by the
-- owner first when the filter names one (services.CommitmentSorts,
-- pinnable), so that this index returns the page in order.
CREATE INDEX ix_commitments_owner_due_sort ON commitments (owner_id, (COALESCE(due_date, '9999-12-31')), id) WHERE deleted_at IS NULL;
