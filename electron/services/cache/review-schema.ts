// The reviews file's schema, as numbered migrations. This file holds the reviewer's own work and
// cannot be re-synced, so it is separate from the cache and written with synchronous=FULL.
import type { Migration } from './migrations'

const v1 = `
CREATE TABLE reviews (
  call_id INTEGER PRIMARY KEY, -- callInstanceId
  verdict TEXT CHECK (verdict IN ('pass', 'fail', 'follow_up')),
  score REAL CHECK (score BETWEEN 0 AND 100),
  tags TEXT NOT NULL,       -- JSON string[]
  text TEXT NOT NULL,
  comments TEXT NOT NULL,   -- JSON ReviewComment[]
  tag_checks TEXT NOT NULL, -- JSON TagCheck[]
  updated_at TEXT NOT NULL  -- ISO 8601, UTC
);
CREATE INDEX reviews_verdict ON reviews(verdict);
CREATE INDEX reviews_updated_at ON reviews(updated_at);

-- rowid = call_id; written in the same transaction as the review. Comments are their texts
-- joined by newlines, so the JSON keys never match a search.
CREATE VIRTUAL TABLE review_fts USING fts5(text, comments, tokenize = 'trigram');
`

// The draft journal (draft-journal.ts): the latest edit of a call's review the renderer has not got
// stored yet, one row per call, dropped in the transaction that stores its revision. Here, not in
// the cache, so it is fsynced like the reviews and goes wherever they go.
const v2 = `
CREATE TABLE review_drafts (
  call_id INTEGER PRIMARY KEY,   -- callInstanceId
  draft TEXT NOT NULL,           -- JSON ReviewInput (validated again when read)
  editor TEXT NOT NULL,          -- the renderer that made it (DraftStamp.editor)
  revision INTEGER NOT NULL,     -- that renderer's edit count (DraftStamp.revision)
  base_updated_at TEXT,          -- the stored review's updated_at it is newer than (NULL: none stored)
  journaled_at TEXT NOT NULL     -- ISO 8601, UTC
);
`

// The reviewer's own settings that belong with this profile's reviews (the comment categories).
const v3 = `
CREATE TABLE review_settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL -- JSON
);
`

export const reviewMigrations: readonly Migration[] = [(db) => db.exec(v1), (db) => db.exec(v2), (db) => db.exec(v3)]
