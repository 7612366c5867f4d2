-- Merging duplicate contacts and organizations (API.md, "Data in": POST
-- /contacts/{id}/merge, /organizations/{id}/merge; services/merge.go).
-- Everything that pointed at a merged record is re-pointed at the survivor
-- and the merged record is archived with merged_into_id naming it, so that
-- its old address leads to the survivor and the survivor's history can
-- show the merged record's events (read through merged_into_id, never
-- rewritten). NULL on every record that was not merged away.
ALTER TABLE contacts ADD COLUMN merged_into_id BIGINT REFERENCES contacts(id);
ALTER TABLE organizations ADD COLUMN merged_into_id BIGINT REFERENCES organizations(id);
-- "Which records were merged into this one": the history's lookup, over
-- the few rows that have one.
CREATE INDEX ix_contacts_merged_into ON contacts (merged_into_id) WHERE merged_into_id IS NOT NULL;
CREATE INDEX ix_organizations_merged_into ON organizations (merged_into_id) WHERE merged_into_id IS NOT NULL;
