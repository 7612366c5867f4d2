-- Personal data (API.md, "Personal data"): the evidence of a contact's
-- consent, the erasure that leaves an anonymous tombstone, and the
-- retention review's decisions to keep someone.
ALTER TABLE contacts ADD COLUMN consent_date TEXT;
ALTER TABLE contacts ADD COLUMN consent_source TEXT NOT NULL DEFAULT '';
ALTER TABLE contacts ADD COLUMN consent_withdrawn_at {{ts}};
-- Set when the contact's personal data was erased: the row is then a
-- tombstone ("Erased contact 42") that meetings still count.
ALTER TABLE contacts ADD COLUMN erased_at {{ts}};

-- A manager's decision, in the retention review, to keep a contact past
-- the retention period, and why. The latest decision counts as activity:
-- the contact leaves the review for another period.
CREATE TABLE retention_keeps (
  contact_id BIGINT PRIMARY KEY REFERENCES contacts(id),
  kept_at    {{ts}} NOT NULL,
  kept_by    BIGINT NOT NULL REFERENCES users(id),
  reason     TEXT NOT NULL
);
