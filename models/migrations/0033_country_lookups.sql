-- Every organization's country, archived ones included: a commitment takes
-- its organization's country whether or not the organization is archived,
-- so "commitments in Iraq" reads the set of Iraq's organizations here once
-- and looks each commitment's organization up in it, rather than reading
-- every commitment's organization (services.commitmentInCountries). The
-- list's own index (ix_organizations_country) holds live ones only.
CREATE INDEX ix_organizations_any_country ON organizations (country_code, id);

-- Visits by the delegation's country of origin, a filter of the visits
-- list: its count read every visit without it (50 ms over 300,000).
CREATE INDEX ix_visits_origin ON visits (origin_country_code, start_date, id) WHERE deleted_at IS NULL;
