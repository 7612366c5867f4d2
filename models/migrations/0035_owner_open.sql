-- One person's open commitments, what they still have to do: the owner's
-- list under any sort, and its count (the filter × sort matrix's
-- owner_id+status row). ix_commitments_owner_due_sort walks all of an
-- owner's commitments (the busiest has 8,600, 1,200 of them open) and reads
-- each row for its status: 12-14 ms a page by another sort than due date,
-- and as much to count them, on SQLite over 200,000 commitments. This index
-- holds only the open ones, in the list's default order, with what the
-- visibility rule reads (restricted, office_id), so that the count needs no
-- row and the default page reads 50. The list writes the two open statuses
-- out (services.whereCommitmentStatus): SQLite uses a partial index only
-- for a condition that visibly implies the index's own.
CREATE INDEX ix_commitments_owner_open ON commitments (owner_id, (COALESCE(due_date, '9999-12-31')), id, restricted, office_id)
  WHERE deleted_at IS NULL AND status IN ('open', 'in_progress');
