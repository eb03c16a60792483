// Writes a call's transcript straight into call_lines (schema v8, interned-lines.ts): the call's
// texts interned in one statement and its lines in another, instead of one trip through the
// transcript_lines view's INSTEAD OF triggers per line. Each of those is a statement of its own,
// and every statement after a text index write flushes that index's pending rows as a new FTS5
// segment: a call with six new texts made six trigram segments to merge instead of one. The
// triggers on call_lines and line_texts still keep the use counts, drop a text no line uses and
// index a new one (trigram at once, bigrams by INDEX_NEW_TEXTS), exactly as for the view's writes.
import type { TranscriptLine } from '../../shared/contract/domain'
import type { Db } from './database'

/**
 * One line as a JSON array, by position: the API's index, speaker, content, start, end, inferred,
 * userMean, aiUnknown. JSON strings decode to the same text as a bound parameter (lone surrogates
 * and NULs included), and numbers keep their SQLite type (integer or real), so a line is stored
 * as the view stored it.
 */
const INDEX = 0
const SPEAKER = 1
const CONTENT = 2
const START = 3
const END = 4
const INFERRED = 5
const USER_MEAN = 6
const AI_UNKNOWN = 7

const content = `l.value ->> ${CONTENT}`

/**
 * The call's texts not stored yet, at 0 uses (call_lines' insert trigger counts each line), in the
 * order of their first line as the view interned them, so the ids come out the same.
 */
const INTERN_TEXTS = `INSERT INTO line_texts (content, refs)
  SELECT ${content}, 0 FROM json_each(?) l
  WHERE NOT EXISTS (SELECT 1 FROM line_texts x WHERE x.content = ${content})
  GROUP BY ${content} ORDER BY min(l.key)`

/**
 * The speakers as interned-lines.ts's view codes them; any other speaker is NULL and fails the
 * insert (NOT NULL), as it did through the view. A text not interned would fail the same way.
 */
const INSERT_LINES = `INSERT INTO call_lines
  (call_id, ord, line_index, speaker, text_id, start_ms, end_ms, inferred, user_mean, ai_unknown)
  SELECT ?, l.key, l.value ->> ${INDEX},
    CASE l.value ->> ${SPEAKER} WHEN 'ai' THEN 0 WHEN 'customer' THEN 1 WHEN 'other' THEN 2 END,
    (SELECT x.text_id FROM line_texts x WHERE x.content = ${content}),
    l.value ->> ${START}, l.value ->> ${END}, l.value ->> ${INFERRED}, l.value ->> ${USER_MEAN},
    l.value ->> ${AI_UNKNOWN}
  FROM json_each(?) l`

function lineValues(line: TranscriptLine): unknown[] {
  const values: unknown[] = []
  values[INDEX] = line.index
  values[SPEAKER] = line.speaker
  values[CONTENT] = line.content
  values[START] = line.startMs
  values[END] = line.endMs
  values[INFERRED] = line.inferred ? 1 : 0
  values[USER_MEAN] = line.userMean
  values[AI_UNKNOWN] = line.aiUnknown === null ? null : line.aiUnknown ? 1 : 0
  return values
}

export class TranscriptWriter {
  private readonly s

  constructor(db: Db) {
    this.s = {
      // call_lines' delete trigger takes each line's use off its text and drops a text left unused.
      deleteLines: db.prepare('DELETE FROM call_lines WHERE call_id = ?'),
      internTexts: db.prepare(INTERN_TEXTS),
      insertLines: db.prepare(INSERT_LINES),
    }
  }

  /** Replaces the call's lines (inside the caller's transaction). */
  replace(callId: number, transcript: readonly TranscriptLine[]): void {
    this.s.deleteLines.run(callId)
    if (transcript.length === 0) return
    const lines = JSON.stringify(transcript.map(lineValues))
    this.s.internTexts.run(lines)
    this.s.insertLines.run(callId, lines)
  }
}
