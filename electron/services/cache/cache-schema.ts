// The cache file's schema (one file per connection profile), as numbered migrations.
// Everything here can be rebuilt by a sync, which is why reviews live in their own file.
import type { Migration } from './migrations'
import { BIGRAM_TOKENIZER } from './bigrams'
import { contentlessTrigramIndex } from './search-index'
import { assignAllTagSets } from './tag-sets'
import { refreshAllConversationFacts } from './conversation-facts'
import { taskCallCounts } from './task-call-counts'
import { internedTranscriptLines } from './interned-lines'
import { textSearchIndexes } from './text-search-index'

const v1 = `
CREATE TABLE tasks (
  task_id INTEGER PRIMARY KEY,
  company_id INTEGER NOT NULL,
  name TEXT NOT NULL,
  job_type INTEGER,
  status INTEGER,
  start_date TEXT,
  working_start_time TEXT,
  working_end_time TEXT,
  break_start_time TEXT,
  break_end_time TEXT,
  remark TEXT,
  scene_def_id INTEGER,
  scene_def_name TEXT,
  robot_def_name TEXT,
  scene_record_name TEXT,
  total_count INTEGER,
  done_count INTEGER,
  called_count INTEGER,
  rejected_count INTEGER,
  unavailable_count INTEGER,
  from_unavailable_count INTEGER,
  -- getTaskDetail's additions, JSON; NULL until the detail has been fetched.
  duration_stat TEXT,
  chat_round_stat TEXT,
  result_defs TEXT,
  extra_stat TEXT,
  caller_lines TEXT,
  detail_synced_at TEXT,
  synced_at TEXT NOT NULL,
  -- Set when a complete task list no longer contains the task; its calls stay reviewable.
  deleted_at TEXT
);
CREATE INDEX tasks_start_date ON tasks(start_date);

CREATE TABLE calls (
  call_id INTEGER PRIMARY KEY, -- callInstanceId
  task_id INTEGER NOT NULL,
  customer_name TEXT,
  customer_telephone TEXT,
  status INTEGER,
  finish_status INTEGER,
  duration_sec INTEGER,
  chat_round INTEGER,
  start_time TEXT, -- 'YYYY-MM-DD HH:mm:ss' CST, compared as text
  end_time TEXT,
  caller_phone TEXT,
  recording_url TEXT,
  redial_times INTEGER,
  -- Hash of the last list row seen; a different hash means the call changed and needs its detail again.
  fingerprint TEXT NOT NULL,
  listed_at TEXT NOT NULL,
  customer_recording_url TEXT,
  hang_up INTEGER,
  call_type INTEGER,
  handle_person TEXT,
  properties TEXT, -- JSON object
  -- Set only by the transaction that stores the whole detail; NULL = needs (re)fetching.
  detail_fetched_at TEXT
);
CREATE INDEX calls_task_start ON calls(task_id, start_time);
CREATE INDEX calls_start ON calls(start_time);
CREATE INDEX calls_duration ON calls(duration_sec);
CREATE INDEX calls_chat_round ON calls(chat_round);
CREATE INDEX calls_finish_status ON calls(finish_status);
CREATE INDEX calls_customer_name ON calls(customer_name);
CREATE INDEX calls_need_detail ON calls(task_id, call_id) WHERE detail_fetched_at IS NULL;

CREATE TABLE call_results (
  call_id INTEGER NOT NULL REFERENCES calls(call_id) ON DELETE CASCADE,
  ord INTEGER NOT NULL,
  name TEXT NOT NULL,
  value TEXT NOT NULL,
  description TEXT, -- the API's "desc" (a keyword in SQL)
  PRIMARY KEY (call_id, ord)
) WITHOUT ROWID;
-- Serves tag filters (name = ? AND value IN (...) → call ids) and facet counting without a sort.
CREATE INDEX call_results_tag ON call_results(name, value, call_id);

CREATE TABLE transcript_lines (
  call_id INTEGER NOT NULL REFERENCES calls(call_id) ON DELETE CASCADE,
  ord INTEGER NOT NULL, -- position in the transcript; line_index is the API's own index
  line_index INTEGER NOT NULL,
  speaker TEXT NOT NULL,
  content TEXT NOT NULL,
  start_ms INTEGER NOT NULL,
  end_ms INTEGER NOT NULL,
  inferred INTEGER NOT NULL,
  user_mean TEXT,
  ai_unknown INTEGER,
  PRIMARY KEY (call_id, ord)
) WITHOUT ROWID;

-- Peaks: little-endian Float32, one signed peak in [-1, 1] per bucket, buckets spread evenly over
-- duration_ms (the format media/peaks.ts computes; see recordings.ts).
CREATE TABLE recordings (
  id INTEGER PRIMARY KEY,
  call_id INTEGER NOT NULL REFERENCES calls(call_id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('full', 'customer')),
  path TEXT NOT NULL CHECK (length(path) > 0), -- relative to the data directory
  bytes INTEGER NOT NULL CHECK (bytes >= 0),
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
  duration_ms INTEGER,
  peaks BLOB CHECK (peaks IS NULL OR length(peaks) % 4 = 0),
  sample_rate INTEGER,
  cached_at TEXT NOT NULL,
  UNIQUE (call_id, kind)
);

CREATE TABLE not_dialed (
  task_id INTEGER NOT NULL,
  call_id INTEGER NOT NULL,
  customer_name TEXT,
  customer_telephone TEXT,
  status INTEGER,
  start_time TEXT,
  caller_phone TEXT,
  corp_name TEXT,
  called_times INTEGER,
  PRIMARY KEY (task_id, call_id)
) WITHOUT ROWID;

CREATE TABLE sync_state (
  task_id INTEGER PRIMARY KEY,
  phase TEXT,
  cursor TEXT,
  list_total INTEGER,
  last_synced_at TEXT,
  error TEXT,
  updated_at TEXT NOT NULL
);

-- The latest failure per call; removed when the call's detail is stored.
CREATE TABLE call_errors (
  call_id INTEGER PRIMARY KEY,
  code TEXT NOT NULL,
  message TEXT NOT NULL,
  at TEXT NOT NULL
);

-- Substring search. rowid = call_id. Name and phone follow the calls table by trigger; the
-- transcript column is written by the same transaction that stores the transcript.
CREATE VIRTUAL TABLE calls_fts USING fts5(customer_name, customer_telephone, transcript, tokenize = 'trigram');
CREATE TRIGGER calls_fts_insert AFTER INSERT ON calls BEGIN
  INSERT INTO calls_fts (rowid, customer_name, customer_telephone, transcript)
  VALUES (new.call_id, coalesce(new.customer_name, ''), coalesce(new.customer_telephone, ''), '');
END;
CREATE TRIGGER calls_fts_update AFTER UPDATE OF customer_name, customer_telephone ON calls
WHEN old.customer_name IS NOT new.customer_name OR old.customer_telephone IS NOT new.customer_telephone BEGIN
  UPDATE calls_fts SET customer_name = coalesce(new.customer_name, ''), customer_telephone = coalesce(new.customer_telephone, '')
  WHERE rowid = new.call_id;
END;
CREATE TRIGGER calls_fts_delete AFTER DELETE ON calls BEGIN
  DELETE FROM calls_fts WHERE rowid = old.call_id;
END;
`

// Tag sets (see tag-sets.ts): facet counts and tag filters read one integer per call. The
// covering index serves them in one pass: grouped by set, every filterable column at hand.
// And an index for the search terms the trigram index cannot answer.
const v2 = `
CREATE TABLE tag_sets (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE -- JSON [[name, value], …], distinct and sorted
);
CREATE TABLE tag_set_members (
  set_id INTEGER NOT NULL REFERENCES tag_sets(id),
  name TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (set_id, name, value)
) WITHOUT ROWID;
CREATE INDEX tag_set_members_tag ON tag_set_members(name, value, set_id);
ALTER TABLE calls ADD COLUMN tag_set_id INTEGER REFERENCES tag_sets(id);
CREATE INDEX calls_facet ON calls(tag_set_id, task_id, finish_status, duration_sec, chat_round, start_time);
DROP INDEX call_results_tag;

-- 1–2 character search terms (bigrams.ts). rowid = call_id. Index only: no stored text (calls_fts
-- has it) and no positions, since every query is one token or one prefix.
CREATE VIRTUAL TABLE calls_bigrams USING fts5(
  text, tokenize = "${BIGRAM_TOKENIZER}", content = '', contentless_delete = 1, detail = none
);
`

// A recording that cannot be had (storage answered 404/410, an address CallLens refuses, a body
// that is not audio): the call is stored without it, and sync tries it again only when the URL
// changes or `at` is a day old. One row per call and kind; gone once that kind is cached.
const v3 = `
CREATE TABLE recording_unavailable (
  call_id INTEGER NOT NULL REFERENCES calls(call_id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('full', 'customer')),
  url TEXT NOT NULL,
  reason TEXT NOT NULL CHECK (reason IN ('not_found', 'gone', 'refused_url', 'not_audio')),
  message TEXT NOT NULL,
  at TEXT NOT NULL,
  PRIMARY KEY (call_id, kind)
) WITHOUT ROWID;
`

// Review queues (services/queues): a named, seeded sample of a task's calls, in draw order. No
// foreign key to calls: a queue keeps its calls' ids even while a sync replaces their rows.
const v4 = `
CREATE TABLE review_queues (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  task_id INTEGER NOT NULL,
  plan TEXT NOT NULL, -- JSON QueuePlan
  strata TEXT NOT NULL, -- JSON QueueStratum[] as previewed when created
  created_at TEXT NOT NULL
);
CREATE TABLE review_queue_calls (
  queue_id INTEGER NOT NULL REFERENCES review_queues(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  call_id INTEGER NOT NULL,
  stratum INTEGER NOT NULL, -- index into the queue's strata
  PRIMARY KEY (queue_id, position)
) WITHOUT ROWID;
CREATE UNIQUE INDEX review_queue_calls_call ON review_queue_calls(queue_id, call_id);
`

// Conversation facts (conversation-facts.ts), NULL until the call's detail is stored, backfilled from
// the stored transcripts. The covering index gains the fact columns and hang_up, so a count under
// those filters and their facet counts stay one pass of it; the last AI line has its own index
// (drop-off: the calls that ended after one line), and so do calls with a barge-in or an aiUnknown
// line, in the list's default order (a rare fact's page is found without walking every call).
const v5 = `
ALTER TABLE calls ADD COLUMN ai_latency_max_ms INTEGER;
ALTER TABLE calls ADD COLUMN barge_ins INTEGER;
ALTER TABLE calls ADD COLUMN max_silence_ms INTEGER;
ALTER TABLE calls ADD COLUMN ai_unknown_lines INTEGER;
ALTER TABLE calls ADD COLUMN last_ai_line TEXT;
DROP INDEX calls_facet;
CREATE INDEX calls_facet ON calls(tag_set_id, task_id, finish_status, duration_sec, chat_round, start_time,
  hang_up, barge_ins, ai_unknown_lines, max_silence_ms, ai_latency_max_ms);
CREATE INDEX calls_last_ai_line ON calls(last_ai_line) WHERE last_ai_line IS NOT NULL;
CREATE INDEX calls_barge_in ON calls(start_time) WHERE barge_ins > 0;
CREATE INDEX calls_ai_unknown ON calls(start_time) WHERE ai_unknown_lines > 0;
`

// As v2 shipped: the bigram rows from the trigram index's own copy of the text (gone in v6).
const V2_FILL_BIGRAMS = `INSERT OR REPLACE INTO calls_bigrams (rowid, text)
  SELECT rowid, bigram_text(customer_name || char(10) || customer_telephone || char(10) || transcript) FROM calls_fts`

export const cacheMigrations: readonly Migration[] = [
  (db) => db.exec(v1),
  (db) => {
    db.exec(v2)
    assignAllTagSets(db)
    db.exec(V2_FILL_BIGRAMS)
  },
  (db) => db.exec(v3),
  (db) => db.exec(v4),
  (db) => {
    db.exec(v5)
    refreshAllConversationFacts(db)
  },
  // The trigram index without its own copy of the text (search-index.ts).
  contentlessTrigramIndex,
  // Per-task call counts kept by triggers, for the task list (task-call-counts.ts).
  taskCallCounts,
  // Transcript texts stored once each, lines compact (interned-lines.ts), and the search indexes
  // over the distinct texts and the calls' names and phones (text-search-index.ts).
  (db) => {
    internedTranscriptLines(db)
    textSearchIndexes(db)
  },
]
