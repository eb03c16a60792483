// The calls' search text and the indexes over it. Until schema v5 the trigram index kept its own
// copy of every call's name, phone and whole transcript (FTS5 content), a sixth of the file and
// the same text transcript_lines holds. From v6 the index is contentless: the text is derived when
// it is written (`call_search_text`), and the index keeps only its tokens and positions.
import type { Db } from './database'

/** A call's searchable text as the indexes see it: name, phone, transcript lines joined by newlines. */
const SEARCH_TEXT_VIEW = `
CREATE VIEW call_search_text AS
SELECT c.call_id, coalesce(c.customer_name, '') AS customer_name,
  coalesce(c.customer_telephone, '') AS customer_telephone,
  coalesce((SELECT group_concat(content, char(10))
    FROM (SELECT content FROM transcript_lines t WHERE t.call_id = c.call_id ORDER BY t.ord)), '') AS transcript
FROM calls c`

/**
 * Rewrites the trigram rows of the calls a `WHERE call_id …` appended to it picks from their
 * current text. A contentless-delete FTS5 table cannot update some of its columns (it no longer
 * has the others), so every write replaces the whole row.
 */
export const REFRESH_CALL_FTS = `INSERT OR REPLACE INTO calls_fts (rowid, customer_name, customer_telephone, transcript)
  SELECT call_id, customer_name, customer_telephone, transcript FROM call_search_text`

/**
 * The same inside a trigger, where the outer statement's conflict policy overrides OR REPLACE
 * (a second row for the rowid would keep the old tokens matching): delete, then insert.
 */
const TRIGGER_REFRESH_CALL_FTS = `DELETE FROM calls_fts WHERE rowid = new.call_id;
  INSERT INTO calls_fts (rowid, customer_name, customer_telephone, transcript)
  SELECT call_id, customer_name, customer_telephone, transcript FROM call_search_text WHERE call_id = new.call_id;`

/**
 * v6. The old index's text moves into the new one row for row (what it matched, the new one
 * matches); the triggers that kept it in step are rewritten for a table without content.
 */
export function contentlessTrigramIndex(db: Db): void {
  db.exec(`
DROP TRIGGER calls_fts_insert;
DROP TRIGGER calls_fts_update;
DROP TRIGGER calls_fts_delete;
ALTER TABLE calls_fts RENAME TO calls_fts_v5;
CREATE VIRTUAL TABLE calls_fts USING fts5(
  customer_name, customer_telephone, transcript, tokenize = 'trigram', content = '', contentless_delete = 1
);
INSERT INTO calls_fts (rowid, customer_name, customer_telephone, transcript)
  SELECT rowid, customer_name, customer_telephone, transcript FROM calls_fts_v5;
DROP TABLE calls_fts_v5;
${SEARCH_TEXT_VIEW};
CREATE TRIGGER calls_fts_insert AFTER INSERT ON calls BEGIN
  ${TRIGGER_REFRESH_CALL_FTS}
END;
CREATE TRIGGER calls_fts_update AFTER UPDATE OF customer_name, customer_telephone ON calls
WHEN old.customer_name IS NOT new.customer_name OR old.customer_telephone IS NOT new.customer_telephone BEGIN
  ${TRIGGER_REFRESH_CALL_FTS}
END;
CREATE TRIGGER calls_fts_delete AFTER DELETE ON calls BEGIN
  DELETE FROM calls_fts WHERE rowid = old.call_id;
END;
`)
}
