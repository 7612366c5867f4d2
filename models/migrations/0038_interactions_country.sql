-- Meetings in one country ("everything we held in Iraq"), by time, and
-- their count. No index had the country: a page walked the index by time
-- and skipped the other countries' meetings (fast while the country is a
-- common one), but the count read the table until it had 10,001 of them,
-- 30-33 ms on SQLite and PostgreSQL over a million meetings. This one holds
-- them by country in the list's default order, with what the visibility
-- rule reads, so that the count needs no row.
CREATE INDEX ix_interactions_country ON interactions (country_code, starts_at, id, restricted, office_id) WHERE deleted_at IS NULL;
