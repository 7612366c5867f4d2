-- Visits organised by several offices (API.md, visits' partner_office_ids):
-- the offices that organise a visit together with its own office. Their
-- officers and managers may edit the visit and add and manage its sessions
-- (interactions) and follow-ups (commitments); services/visit_partners.go
-- states the rule. A visit's own office is never one of its partners.
CREATE TABLE visit_partner_offices (
  visit_id  BIGINT NOT NULL REFERENCES visits(id) ON DELETE CASCADE,
  office_id BIGINT NOT NULL REFERENCES offices(id),
  PRIMARY KEY (visit_id, office_id)
);
-- "Which visits does this office co-organise": the write rule's lookup
-- from the office's side.
CREATE INDEX ix_visit_partner_offices_office ON visit_partner_offices (office_id, visit_id);
