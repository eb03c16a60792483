// What the insight metrics read, for many calls at once: each call with a stored detail, its
// hang-up, transcript lines and the reviewer's verdict and tag checks, a page of calls per read.
import type { TranscriptLine } from '../../shared/contract/domain'
import type { TagCheck, Verdict } from '../../shared/contract/reviews'
import type { InsightCallInput } from '../../shared/insight/call-insight'
import type { ConversationLine } from '../../shared/insight'
import type { Db } from './database'

export interface InsightCallRow extends InsightCallInput {
  verdict: Verdict | null
  tagChecks: TagCheck[]
}

interface CallRow {
  call_id: number
  task_id: number
  hang_up: number | null
  verdict: Verdict | null
  tag_checks: string | null
}

/** A stored transcript line as the insight functions read it (also the conversation facts' backfill). */
export interface InsightLineRow {
  call_id: number
  line_index: number
  speaker: TranscriptLine['speaker']
  content: string
  start_ms: number
  end_ms: number
  inferred: number
  ai_unknown: number | null
}
export const INSIGHT_LINE_COLUMNS = 'call_id, line_index, speaker, content, start_ms, end_ms, inferred, ai_unknown'

export function toConversationLine(line: InsightLineRow): ConversationLine {
  return {
    index: line.line_index,
    speaker: line.speaker,
    content: line.content,
    startMs: line.start_ms,
    endMs: line.end_ms,
    inferred: line.inferred === 1,
    aiUnknown: line.ai_unknown === null ? null : line.ai_unknown === 1,
  }
}

const PAGE = 1000

/**
 * Calls in id order; only those whose detail is stored (a call only listed, or changed since and
 * waiting for its detail again, has no transcript to measure). With taskId, that task's only.
 */
export function* readInsightCalls(db: Db, taskId?: number): Generator<InsightCallRow> {
  const calls = db.prepare<[number, number | null, number | null, number], CallRow>(
    `SELECT c.call_id, c.task_id, c.hang_up, r.verdict, r.tag_checks
     FROM calls c LEFT JOIN rv.reviews r ON r.call_id = c.call_id
     WHERE c.detail_fetched_at IS NOT NULL AND c.call_id > ? AND (? IS NULL OR c.task_id = ?)
     ORDER BY c.call_id LIMIT ?`,
  )
  const lines = db.prepare<[string], InsightLineRow>(
    `SELECT ${INSIGHT_LINE_COLUMNS}
     FROM transcript_lines WHERE call_id IN (SELECT value FROM json_each(?)) ORDER BY call_id, ord`,
  )
  const task = taskId ?? null
  for (let after = 0; ;) {
    // One read per page, so a page's calls and lines agree even while a sync writes.
    const page = db.transaction(() => {
      const rows = calls.all(after, task, task, PAGE)
      return { rows, lines: lines.all(JSON.stringify(rows.map((row) => row.call_id))) }
    })()
    const byCall = new Map<number, InsightLineRow[]>()
    for (const line of page.lines) {
      const list = byCall.get(line.call_id)
      if (list) list.push(line)
      else byCall.set(line.call_id, [line])
    }
    for (const row of page.rows) {
      yield {
        callInstanceId: row.call_id,
        callJobId: row.task_id,
        hangUp: row.hang_up,
        transcript: (byCall.get(row.call_id) ?? []).map(toConversationLine),
        verdict: row.verdict,
        tagChecks: row.tag_checks === null ? [] : (JSON.parse(row.tag_checks) as TagCheck[]),
      }
    }
    if (page.rows.length < PAGE) return
    after = page.rows[page.rows.length - 1]!.call_id
  }
}
