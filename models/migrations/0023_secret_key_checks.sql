-- Two-factor secrets are sealed with a key kept outside the database
-- (services/secret_box.go). This table holds one row: a fingerprint of
-- that key (an HMAC under a key derived from it, which reveals nothing about
-- the sealing key), so that a process started with a different key refuses
-- to start instead of failing every two-factor sign-in of users enrolled
-- through another process. It moves with the data (liaison copy), as the
-- key must.
CREATE TABLE secret_key_checks (
  fingerprint TEXT PRIMARY KEY,
  created_at  {{ts}} NOT NULL
);
