// Transcript lines with their texts interned (schema v8). The robot speaks from a script, so most
// of a campaign's lines repeat word for word: each distinct text is stored once in `line_texts`
// and a line keeps its id, speaker as a small integer and its times in the compact `call_lines`.
// The view `transcript_lines` reads (and, by INSTEAD OF triggers, writes) them as the old table
// did, so readers and writers of a transcript are unchanged (CallStore writes call_lines itself,
// the same rows in two statements a call: transcript-writer.ts).
import type { Db } from './database'

/** Speakers as stored in call_lines.speaker; the contract allows exactly these three. */
const SPEAKER_CODE = `CASE new.speaker WHEN 'ai' THEN 0 WHEN 'customer' THEN 1 WHEN 'other' THEN 2 END`
const SPEAKER_NAME = `CASE l.speaker WHEN 0 THEN 'ai' WHEN 1 THEN 'customer' WHEN 2 THEN 'other' END`

/**
 * `refs` counts the call_lines rows using a text, kept by triggers on call_lines (whatever deletes
 * a line: a replaced transcript, a removed call's cascade), and a text no line uses goes at once.
 * So the table always equals the distinct texts of the stored lines. No foreign key from
 * call_lines.text_id: deleting a text would then scan every line for children (no index on text_id).
 */
const TABLES = `
CREATE TABLE line_texts (
  text_id INTEGER PRIMARY KEY,
  content TEXT NOT NULL UNIQUE,
  refs INTEGER NOT NULL CHECK (refs >= 0)
);
CREATE TABLE call_lines (
  call_id INTEGER NOT NULL REFERENCES calls(call_id) ON DELETE CASCADE,
  ord INTEGER NOT NULL, -- position in the transcript; line_index is the API's own index
  line_index INTEGER NOT NULL,
  speaker INTEGER NOT NULL CHECK (speaker IN (0, 1, 2)), -- 0 ai, 1 customer, 2 other
  text_id INTEGER NOT NULL,
  start_ms INTEGER NOT NULL,
  end_ms INTEGER NOT NULL,
  inferred INTEGER NOT NULL,
  user_mean TEXT,
  ai_unknown INTEGER,
  PRIMARY KEY (call_id, ord)
) WITHOUT ROWID;
`

const REF_TRIGGERS = `
CREATE TRIGGER call_lines_text_used AFTER INSERT ON call_lines BEGIN
  UPDATE line_texts SET refs = refs + 1 WHERE text_id = new.text_id;
END;
CREATE TRIGGER call_lines_text_unused AFTER DELETE ON call_lines BEGIN
  UPDATE line_texts SET refs = refs - 1 WHERE text_id = old.text_id;
  DELETE FROM line_texts WHERE text_id = old.text_id AND refs = 0;
END;
CREATE TRIGGER call_lines_text_changed AFTER UPDATE OF text_id ON call_lines
WHEN old.text_id IS NOT new.text_id BEGIN
  UPDATE line_texts SET refs = refs + 1 WHERE text_id = new.text_id;
  UPDATE line_texts SET refs = refs - 1 WHERE text_id = old.text_id;
  DELETE FROM line_texts WHERE text_id = old.text_id AND refs = 0;
END;
`

/** The text's id, interning it first (at 0 uses: call_lines' insert trigger counts the line). */
const INTERN_NEW_CONTENT = `INSERT INTO line_texts (content, refs) SELECT new.content, 0
    WHERE NOT EXISTS (SELECT 1 FROM line_texts WHERE content = new.content);`
const NEW_TEXT_ID = '(SELECT text_id FROM line_texts WHERE content = new.content)'

/**
 * The old table's shape, column for column. Writes through it keep their meaning: an INSERT
 * interns the text, a DELETE drops the line (and its text when no other line uses it), an UPDATE
 * rewrites the line. A speaker the contract does not know makes the write fail (NOT NULL).
 */
const VIEW = `
CREATE VIEW transcript_lines AS
SELECT l.call_id, l.ord, l.line_index, ${SPEAKER_NAME} AS speaker, x.content, l.start_ms, l.end_ms, l.inferred,
  l.user_mean, l.ai_unknown
FROM call_lines l JOIN line_texts x ON x.text_id = l.text_id;
CREATE TRIGGER transcript_lines_insert INSTEAD OF INSERT ON transcript_lines BEGIN
  ${INTERN_NEW_CONTENT}
  INSERT INTO call_lines (call_id, ord, line_index, speaker, text_id, start_ms, end_ms, inferred, user_mean, ai_unknown)
  VALUES (new.call_id, new.ord, new.line_index, ${SPEAKER_CODE}, ${NEW_TEXT_ID}, new.start_ms, new.end_ms,
    new.inferred, new.user_mean, new.ai_unknown);
END;
CREATE TRIGGER transcript_lines_delete INSTEAD OF DELETE ON transcript_lines BEGIN
  DELETE FROM call_lines WHERE call_id = old.call_id AND ord = old.ord;
END;
CREATE TRIGGER transcript_lines_update INSTEAD OF UPDATE ON transcript_lines BEGIN
  ${INTERN_NEW_CONTENT}
  UPDATE call_lines SET call_id = new.call_id, ord = new.ord, line_index = new.line_index, speaker = ${SPEAKER_CODE},
    text_id = ${NEW_TEXT_ID}, start_ms = new.start_ms, end_ms = new.end_ms, inferred = new.inferred,
    user_mean = new.user_mean, ai_unknown = new.ai_unknown
  WHERE call_id = old.call_id AND ord = old.ord;
END;
`

/**
 * v8. The v7 table's rows move row for row (same call, order, speaker, text, times, flags); the
 * texts are interned with their use counts in one GROUP BY (the counting triggers come after the fill). The view call_search_text reads
 * transcript_lines by name, so it reads the new view unchanged.
 */
export function internedTranscriptLines(db: Db): void {
  db.exec(`
${TABLES}
INSERT INTO line_texts (content, refs) SELECT content, count(*) FROM transcript_lines GROUP BY content;
INSERT INTO call_lines (call_id, ord, line_index, speaker, text_id, start_ms, end_ms, inferred, user_mean, ai_unknown)
  SELECT t.call_id, t.ord, t.line_index, ${SPEAKER_CODE.replaceAll('new.', 't.')}, x.text_id, t.start_ms, t.end_ms,
    t.inferred, t.user_mean, t.ai_unknown
  FROM transcript_lines t JOIN line_texts x ON x.content = t.content
  ORDER BY t.call_id, t.ord;
DROP TABLE transcript_lines;
${REF_TRIGGERS}
${VIEW}
`)
}
