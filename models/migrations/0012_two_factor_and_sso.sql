-- Two-factor sign-in (TOTP) and single sign-on (OpenID Connect).
--
-- user_mfa: one row per user who has started enrolling. The TOTP secret is
-- shown once, when enrolment starts, and never returned again. The row is
-- pending until confirmed_at is set by a correct code; only then does
-- sign-in ask for a code. last_step is the newest 30-second time step whose
-- code was accepted: a code is accepted only by
--   UPDATE user_mfa SET last_step = ? WHERE user_id = ? AND last_step < ?
-- so a code cannot be replayed, and of two concurrent uses of one code on
-- any number of processes at most one succeeds.
CREATE TABLE user_mfa (
  user_id      BIGINT NOT NULL PRIMARY KEY REFERENCES users(id),
  secret       TEXT NOT NULL,
  created_at   {{ts}} NOT NULL,
  confirmed_at {{ts}},
  last_step    BIGINT NOT NULL DEFAULT 0
);

-- Ten one-time recovery codes per enrolment, kept as SHA-256 hashes (each
-- code holds 80 random bits). A code is spent by setting used_at where it
-- is still NULL, again one atomic statement.
CREATE TABLE mfa_recovery_codes (
  id        {{pk}},
  user_id   BIGINT NOT NULL REFERENCES users(id),
  code_hash TEXT NOT NULL,
  used_at   {{ts}}
);
CREATE UNIQUE INDEX ux_mfa_recovery_codes ON mfa_recovery_codes (user_id, code_hash);

-- One row per single sign-on in progress: the browser holds the state (in
-- a short-lived cookie), this row holds what the callback needs to check
-- the provider's answer. The callback deletes the row as it reads it
-- (DELETE ... RETURNING), so a state is good for one callback only.
CREATE TABLE oidc_logins (
  state_hash    TEXT NOT NULL PRIMARY KEY,
  nonce         TEXT NOT NULL,
  code_verifier TEXT NOT NULL,
  redirect_uri  TEXT NOT NULL,
  expires_at    {{ts}} NOT NULL
);
CREATE INDEX ix_oidc_logins_expires ON oidc_logins (expires_at);

-- How each session was opened: "password" or "oidc". A role that must use
-- two-factor sign-in (LIAISON_MFA_REQUIRED_ROLES) is held to enrolment only
-- in sessions opened with a password: for single sign-on the second factor
-- is the identity provider's business.
ALTER TABLE sessions ADD COLUMN sign_in_method TEXT NOT NULL DEFAULT 'password';
