// The search indexes from schema v8: over the distinct line texts (line_texts, interned-lines.ts)
// rather than each call's whole transcript, plus each call's name and phone. A scripted line said
// in a third of a million calls is indexed once; a term's calls are the calls using a matching
// text (search-matches.ts), found from the lines in memory or by one pass over call_lines.
// A term never spans two lines: terms have no whitespace, and the old per-call text joined the
// lines by newlines, which neither index lets a term cross, so per text matches what per call did.
import { BIGRAM_TOKENIZER } from './bigrams'
import type { Db } from './database'

/** A call's name and phone as their bigram text (bigram_text is registered per connection). */
const NAME_BIGRAM_TEXT = `bigram_text(coalesce(customer_name, '') || char(10) || coalesce(customer_telephone, ''))`

/** Rewrites the name-and-phone bigram rows of the calls a `WHERE call_id …` appended to it picks (alone: every call's). */
export const REFRESH_NAME_BIGRAMS = `INSERT OR REPLACE INTO calls_bigrams (rowid, text)
  SELECT call_id, ${NAME_BIGRAM_TEXT} FROM calls`

/**
 * Writes the bigram rows of texts interned since the last call (a trigger cannot: bigram_text is
 * a function of this app's connections, and a text written through another one must not fail).
 * Runs after every stored transcript and when the cache opens; a text still waiting is only
 * missed by 1–2 character searches until then. CROSS JOIN keeps the few waiting texts the outer
 * loop: without statistics the planner scanned every text (the whole UNIQUE index) per stored call.
 */
export const INDEX_NEW_TEXT_STEPS = [
  `INSERT OR REPLACE INTO line_texts_bigrams (rowid, text)
    SELECT x.text_id, bigram_text(x.content) FROM line_texts_unindexed u CROSS JOIN line_texts x ON x.text_id = u.text_id`,
  'DELETE FROM line_texts_unindexed',
] as const

/** The same as one script, for exec. */
export const INDEX_NEW_TEXTS = INDEX_NEW_TEXT_STEPS.join(';\n')

const TEXT_INDEXES = `
CREATE VIRTUAL TABLE line_texts_fts USING fts5(content, tokenize = 'trigram', content = '', contentless_delete = 1);
CREATE VIRTUAL TABLE line_texts_bigrams USING fts5(
  text, tokenize = "${BIGRAM_TOKENIZER}", content = '', contentless_delete = 1, detail = none
);
-- Texts whose bigram row INDEX_NEW_TEXTS has still to write.
CREATE TABLE line_texts_unindexed (text_id INTEGER PRIMARY KEY);
INSERT INTO line_texts_fts (rowid, content) SELECT text_id, content FROM line_texts;
INSERT INTO line_texts_bigrams (rowid, text) SELECT text_id, bigram_text(content) FROM line_texts;
-- A text's content never changes (it is its identity): written once, removed with it.
CREATE TRIGGER line_texts_index AFTER INSERT ON line_texts BEGIN
  INSERT INTO line_texts_fts (rowid, content) VALUES (new.text_id, new.content);
  INSERT INTO line_texts_unindexed (text_id) VALUES (new.text_id);
END;
CREATE TRIGGER line_texts_unindex AFTER DELETE ON line_texts BEGIN
  DELETE FROM line_texts_fts WHERE rowid = old.text_id;
  DELETE FROM line_texts_bigrams WHERE rowid = old.text_id
    AND NOT EXISTS (SELECT 1 FROM line_texts_unindexed WHERE text_id = old.text_id);
  DELETE FROM line_texts_unindexed WHERE text_id = old.text_id;
END;
`

/** Name and phone only, rowid = call id; kept by triggers on calls as the v6 index was. */
const NAME_INDEXES = `
DROP TRIGGER calls_fts_insert;
DROP TRIGGER calls_fts_update;
DROP TRIGGER calls_fts_delete;
DROP TABLE calls_fts;
CREATE VIRTUAL TABLE calls_fts USING fts5(
  customer_name, customer_telephone, tokenize = 'trigram', content = '', contentless_delete = 1
);
INSERT INTO calls_fts (rowid, customer_name, customer_telephone)
  SELECT call_id, coalesce(customer_name, ''), coalesce(customer_telephone, '') FROM calls;
CREATE TRIGGER calls_fts_insert AFTER INSERT ON calls BEGIN
  DELETE FROM calls_fts WHERE rowid = new.call_id;
  INSERT INTO calls_fts (rowid, customer_name, customer_telephone)
  VALUES (new.call_id, coalesce(new.customer_name, ''), coalesce(new.customer_telephone, ''));
END;
CREATE TRIGGER calls_fts_update AFTER UPDATE OF customer_name, customer_telephone ON calls
WHEN old.customer_name IS NOT new.customer_name OR old.customer_telephone IS NOT new.customer_telephone BEGIN
  DELETE FROM calls_fts WHERE rowid = new.call_id;
  INSERT INTO calls_fts (rowid, customer_name, customer_telephone)
  VALUES (new.call_id, coalesce(new.customer_name, ''), coalesce(new.customer_telephone, ''));
END;
CREATE TRIGGER calls_fts_delete AFTER DELETE ON calls BEGIN
  DELETE FROM calls_fts WHERE rowid = old.call_id;
END;
DROP TABLE calls_bigrams;
CREATE VIRTUAL TABLE calls_bigrams USING fts5(
  text, tokenize = "${BIGRAM_TOKENIZER}", content = '', contentless_delete = 1, detail = none
);
${REFRESH_NAME_BIGRAMS};
`

/** v8's second half (after interned-lines.ts): the indexes rebuilt from the interned texts and the calls. */
export function textSearchIndexes(db: Db): void {
  db.exec(TEXT_INDEXES)
  db.exec(NAME_INDEXES)
}
