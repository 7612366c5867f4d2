-- Duplicates and the folding behind them.
--
-- duplicate_keys holds each contact's and organization's blocking keys
-- (models/duplicate_keys.go): its normalised email, phone number, folded
-- name words, acronym and initials. Records are compared only with the
-- records that share a key. duplicate_blocks counts the records per key;
-- the partial index holds the keys shared by two to 25 records, the blocks
-- the list of duplicates walks (a key shared by more says little). Keys
-- are ordered byte by byte: their first character is the strength of the
-- evidence, so that key order is the list's order.
CREATE TABLE duplicate_keys (
  kind      TEXT NOT NULL CHECK (kind IN ('contacts','organizations')),
  record_id BIGINT NOT NULL,
  key       TEXT {{bytewise}} NOT NULL,
  PRIMARY KEY (kind, record_id, key)
);
CREATE INDEX ix_duplicate_keys_key ON duplicate_keys (kind, key, record_id);
CREATE TABLE duplicate_blocks (
  kind TEXT NOT NULL,
  key  TEXT {{bytewise}} NOT NULL,
  size BIGINT NOT NULL,
  PRIMARY KEY (kind, key)
);
CREATE INDEX ix_duplicate_blocks_shared ON duplicate_blocks (kind, key) WHERE size BETWEEN 2 AND 25;
-- The next steps of this migration (Go, batched by id) fold the existing
-- search_text, sort keys and tag keys again (Cyrillic now folds to Latin,
-- and names carry typo keys), then fill duplicate_keys and duplicate_blocks.
