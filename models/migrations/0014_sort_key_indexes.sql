-- The (sort_key, id) indexes serve keyset paging by name; the contacts'
-- filtered ones serve a list filtered to one office, owner, country or
-- gender, as those of full_name do. Made after the keys are filled.
CREATE INDEX ix_contacts_sort ON contacts (sort_key, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_contacts_office_sort ON contacts (office_id, sort_key, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_contacts_owner_sort ON contacts (owner_id, sort_key, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_contacts_country_sort ON contacts (country_code, sort_key, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_contacts_gender_sort ON contacts (gender, sort_key, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_organizations_sort ON organizations (sort_key, id) WHERE deleted_at IS NULL;
