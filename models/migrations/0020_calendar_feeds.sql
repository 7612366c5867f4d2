-- Calendar feeds (API.md, "Data out"): one secret subscription address per
-- user, at /calendar/<secret>.ics. Only the SHA-256 of the secret is kept,
-- as for sessions and API tokens, so that a copy of the database hands out
-- no feed. The user is the primary key: a new feed replaces the old one in
-- the same row, and revoking deletes it.
CREATE TABLE calendar_feeds (
  user_id     BIGINT PRIMARY KEY REFERENCES users(id),
  secret_hash TEXT NOT NULL,
  created_at  {{ts}} NOT NULL
);
-- A calendar program's fetch names the secret only: one indexed lookup.
CREATE UNIQUE INDEX ux_calendar_feeds_secret ON calendar_feeds (secret_hash);
