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

// Team sync (services/team/sync), empty in solo mode: the outbox of ops each save makes, written in
// the save's transaction; each call's synced state (every field with the clock of the write that
// set it, comment tombstones included); this device's id, clock and pull cursor; and the notes
// another device's edit replaced here, offered back to the reviewer.
const v4 = `
CREATE TABLE review_outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, -- push order
  op_id TEXT NOT NULL UNIQUE,
  call_id INTEGER NOT NULL,
  op TEXT NOT NULL,                      -- JSON TeamOp (team/sync/contract.ts)
  created_at TEXT NOT NULL,              -- ISO 8601, UTC
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  parked INTEGER NOT NULL DEFAULT 0 CHECK (parked IN (0, 1)) -- refused by the server: kept, not retried
);
CREATE INDEX review_outbox_pending ON review_outbox(parked, seq);

CREATE TABLE review_clocks (
  call_id INTEGER PRIMARY KEY,
  state TEXT NOT NULL -- JSON SyncedReview (team/sync/merge.ts)
);

CREATE TABLE team_sync_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  device_id TEXT NOT NULL,
  member TEXT NOT NULL,                   -- the team member these reviews sync as (one per file)
  last_hlc TEXT,                          -- the clock's last reading, so it never goes back
  cursor_txid TEXT NOT NULL DEFAULT '0',  -- pull_changes cursor (xid8 as decimal text)
  cursor_seq INTEGER NOT NULL DEFAULT 0,
  last_push_at TEXT,
  last_pull_at TEXT
);

CREATE TABLE team_note_conflicts (
  call_id INTEGER PRIMARY KEY,
  local_text TEXT NOT NULL, -- this device's note that another device's later edit replaced
  remote_hlc TEXT NOT NULL,
  at TEXT NOT NULL
);
`

export const reviewMigrations: readonly Migration[] = [
  (db) => db.exec(v1),
  (db) => db.exec(v2),
  (db) => db.exec(v3),
  (db) => db.exec(v4),
]
