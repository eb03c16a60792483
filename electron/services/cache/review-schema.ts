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

// The reviewer's own settings that belong with this profile's reviews (the comment categories).
const v2 = `
CREATE TABLE review_settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL -- JSON
);
`

export const reviewMigrations: readonly Migration[] = [(db) => db.exec(v1), (db) => db.exec(v2)]
