-- An import looks rows up by what a spreadsheet names them with: a
-- contact's e-mail address (the commonest duplicate, compared without
-- case) and an organization's acronym in the importing office. Without
-- these, every batch of a large import would scan both tables.
CREATE INDEX ix_contacts_email_lower ON contacts (lower(email)) WHERE deleted_at IS NULL AND email <> '';
CREATE INDEX ix_organizations_office_acronym ON organizations (office_id, lower(acronym)) WHERE deleted_at IS NULL AND acronym <> '';
