-- Reaching people (API.md, "Reaching people"): notifications, each user's
-- preferences, and the digests already sent. The job queue's own tables
-- (river_*) are made by the queue's versioned migrations in the same step
-- (queue_schema.go).

-- One row per event and recipient. The title is not stored: it is written
-- when read, in the reader's language, from the subject as it is then, so
-- an edited or erased record never lingers in an old wording. dedupe_key
-- names the event ("assigned:commitment:12:v4", "overdue:commitment:12:
-- 2026-12-01"); the unique index makes each notification exist once however
-- many processes notice the event.
CREATE TABLE notifications (
  id           {{pk}},
  user_id      BIGINT NOT NULL REFERENCES users(id),
  kind         TEXT NOT NULL,
  subject_type TEXT NOT NULL,
  subject_id   BIGINT NOT NULL,
  actor_id     BIGINT REFERENCES users(id),
  dedupe_key   TEXT NOT NULL,
  -- Facts of the event that are no one's personal data (an import's counts).
  params       TEXT NOT NULL DEFAULT '',
  created_at   {{ts}} NOT NULL,
  read_at      {{ts}},
  -- none: no mail for this kind; pending: the outbox has not queued its
  -- mail yet; queued, sent, skipped (not wanted, not visible, too old).
  mail         TEXT NOT NULL DEFAULT 'none',
  emailed_at   {{ts}}
);
CREATE UNIQUE INDEX ux_notifications_event ON notifications (user_id, dedupe_key);
-- The panel pages newest first; the bell counts the unread.
CREATE INDEX ix_notifications_user ON notifications (user_id, created_at, id);
CREATE INDEX ix_notifications_unread ON notifications (user_id, created_at, id) WHERE read_at IS NULL;
-- The mail outbox reads the few pending ones.
CREATE INDEX ix_notifications_mail_pending ON notifications (id) WHERE mail = 'pending';

-- A user without a row has the defaults.
CREATE TABLE user_preferences (
  user_id           BIGINT PRIMARY KEY REFERENCES users(id),
  digest            TEXT NOT NULL DEFAULT 'weekly',
  digest_hour       INTEGER NOT NULL DEFAULT 8,
  time_zone         TEXT NOT NULL DEFAULT 'UTC',
  email_on_assigned BOOLEAN NOT NULL DEFAULT TRUE,
  updated_at        {{ts}} NOT NULL
);

-- One row per user and period ("2026-12-02" daily, "2026-W49" weekly) once
-- that period's digest is dealt with: items = 0 when nothing was due and no
-- mail went out.
CREATE TABLE digest_deliveries (
  user_id BIGINT NOT NULL REFERENCES users(id),
  period  TEXT NOT NULL,
  items   INTEGER NOT NULL,
  sent_at {{ts}} NOT NULL,
  PRIMARY KEY (user_id, period)
);
