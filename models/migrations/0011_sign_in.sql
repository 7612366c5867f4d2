-- Sign-in throttling that slows attackers without locking users out.
--
-- One row per throttled key, claimed atomically (INSERT ... ON CONFLICT DO
-- UPDATE ... RETURNING) before a password is verified, so that however many
-- attempts arrive at once on however many processes, at most the allowed
-- number reach the password check (services/throttle.go).
--
-- Two kinds of key share the table:
--   "p:<sha256 of email and address>"  one (email, client address) pair:
--       fails counts the attempts since the last success; once it reaches
--       the free allowance each further attempt must wait delay_ms
--       (doubling, capped) after the previous one, that is until next_at_ms.
--   "a:<client address>"  the ceiling of one address across all accounts,
--       a generic cell rate algorithm (token bucket): next_at_ms is the
--       theoretical arrival time; an attempt is refused while it lies more
--       than the burst ahead of now.
-- Times are Unix milliseconds, so the arithmetic is the same on both
-- databases. The key hashes the email: the table holds no personal data.
CREATE TABLE login_throttles (
  throttle_key TEXT NOT NULL PRIMARY KEY,
  fails       BIGINT NOT NULL DEFAULT 0,
  delay_ms    BIGINT NOT NULL DEFAULT 0,
  next_at_ms  BIGINT NOT NULL DEFAULT 0,
  updated_ms  BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX ix_login_throttles_updated ON login_throttles (updated_ms);
