-- Idempotency-Key on POST (API.md, "Single records and concurrency"): a
-- client that may send a request twice (an offline outbox retrying, a
-- timeout) names it with a key of its choosing; the server keeps the key
-- with the first response for 24 hours, per user, and answers a repeat with
-- that response instead of running it again (services/idempotency.go).
--
-- A request claims its key by inserting the row in flight (state
-- 'in_flight'); the unique (user_id, idem_key) decides which of several
-- concurrent requests on any number of processes runs, on both databases.
-- The others see the row: a different request_hash (the SHA-256 of method,
-- path, If-Match and body) is a reused key, 'in_flight' is still running,
-- 'done' holds the response to replay. claim is a random value of the
-- request that holds the row: only it may complete or release the row, so
-- that a request whose claim was taken over (its lease, from claimed_at, ran
-- out: the process was killed) cannot overwrite its successor's response.
-- A 5xx or a panic deletes the row, so that a retry runs again.
--
-- Only the headers a client needs from a replay are kept: Content-Type,
-- Location and ETag. Rows older than 24 hours are never replayed and are
-- deleted by the scheduled work (ix_idempotency_keys_created).
CREATE TABLE idempotency_keys (
  user_id      BIGINT NOT NULL REFERENCES users(id),
  idem_key     TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  state        TEXT NOT NULL CHECK (state IN ('in_flight', 'done')),
  claim        TEXT NOT NULL,
  claimed_at   {{ts}} NOT NULL,
  status       INTEGER NOT NULL DEFAULT 0,
  content_type TEXT NOT NULL DEFAULT '',
  location     TEXT NOT NULL DEFAULT '',
  etag         TEXT NOT NULL DEFAULT '',
  body         {{blob}},
  created_at   {{ts}} NOT NULL,
  PRIMARY KEY (user_id, idem_key)
);
CREATE INDEX ix_idempotency_keys_created ON idempotency_keys (created_at);
