-- Notes and documents on organizations, contacts, visits and interactions
-- (API.md, "/<collection>/{id}/notes" and ".../documents"). Both belong to
-- one record, named as taggings name theirs (entity_type, entity_id), and
-- follow it: whoever cannot see the record cannot see them. Nothing about
-- visibility is copied here; every read checks the record itself
-- (services/note.go, services/document.go), so that restricting a contact
-- later hides its notes at once.
--
-- Notes and documents are parts of their record rather than records of
-- their own: deleting one erases it (no archive), and the audit log keeps
-- who did it.
CREATE TABLE notes (
  id          {{pk}},
  version     BIGINT NOT NULL DEFAULT 1,
  created_at  {{ts}} NOT NULL,
  updated_at  {{ts}} NOT NULL,
  entity_type TEXT NOT NULL CHECK (entity_type IN ('organization', 'contact', 'visit', 'interaction')),
  entity_id   BIGINT NOT NULL,
  author_id   BIGINT NOT NULL REFERENCES users(id),
  body        TEXT NOT NULL
);
-- A record's notes, newest first (the only sort of the list).
CREATE INDEX ix_notes_entity ON notes (entity_type, entity_id, created_at, id);

-- The colleagues a note mentions (@name), so that notifications and "notes
-- that mention me" are one indexed lookup by user. Rewritten with the note.
CREATE TABLE note_mentions (
  note_id BIGINT NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
  user_id BIGINT NOT NULL REFERENCES users(id),
  PRIMARY KEY (note_id, user_id)
);
CREATE INDEX ix_note_mentions_user ON note_mentions (user_id, note_id);

-- A document's description; its bytes are in document_contents, so that a
-- list reads no content. content_type is sniffed from the bytes, never the
-- client's word.
CREATE TABLE documents (
  id           {{pk}},
  created_at   {{ts}} NOT NULL,
  entity_type  TEXT NOT NULL CHECK (entity_type IN ('organization', 'contact', 'visit', 'interaction')),
  entity_id    BIGINT NOT NULL,
  name         TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size         BIGINT NOT NULL CHECK (size > 0),
  sha256       TEXT NOT NULL,
  created_by   BIGINT NOT NULL REFERENCES users(id)
);
CREATE INDEX ix_documents_entity ON documents (entity_type, entity_id, created_at, id);

-- The bytes, in the database: every process on one PostgreSQL database
-- reads them, and a backup or liaison copy carries them.
CREATE TABLE document_contents (
  document_id BIGINT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  content     {{blob}} NOT NULL
);
