// Each call's conversation facts (AI latency, barge-ins, silence, aiUnknown lines, last AI line) as
// columns of `calls`, so the list's filters and facet counts read them in SQL. Computed by the
// insight functions (shared/insight), never redefined here; NULL while the call has no stored detail.
import { callInsight, type ConversationLine } from '../../shared/insight'
import type { Db } from './database'
import { INSIGHT_LINE_COLUMNS, toConversationLine, type InsightLineRow } from './insight-reader'

export const FACT_COLUMNS = [
  'ai_latency_max_ms',
  'barge_ins',
  'max_silence_ms',
  'ai_unknown_lines',
  'last_ai_line',
] as const

export interface ConversationFacts {
  ai_latency_max_ms: number | null
  barge_ins: number
  max_silence_ms: number | null
  ai_unknown_lines: number
  last_ai_line: string | null
}

/** A call whose facts are known: its detail is stored (barge_ins is never NULL then). */
export const MEASURED = 'c.barge_ins IS NOT NULL'

export function conversationFacts(transcript: readonly ConversationLine[]): ConversationFacts {
  const { insight } = callInsight({ callInstanceId: 0, callJobId: 0, hangUp: null, transcript })
  return {
    ai_latency_max_ms: insight.aiLatencyMaxMs,
    barge_ins: insight.bargeIns,
    max_silence_ms: insight.maxSilenceMs,
    ai_unknown_lines: insight.aiUnknownLines,
    last_ai_line: insight.lastAiLine?.content ?? null,
  }
}

export const SET_FACTS = `UPDATE calls SET ${FACT_COLUMNS.map((c) => `${c} = @${c}`).join(', ')} WHERE call_id = @call_id`
/** For a call whose list row changed: its stored transcript no longer counts (as in insight-reader). */
export const CLEAR_FACTS = FACT_COLUMNS.map((c) => `${c} = NULL`).join(', ')

const PAGE = 2000

/** Computes the facts of every call with a stored detail: the migration's backfill and bulk fills' finish. */
export function refreshAllConversationFacts(db: Db): void {
  const calls = db.prepare<[number, number], { call_id: number }>(
    'SELECT call_id FROM calls WHERE detail_fetched_at IS NOT NULL AND call_id > ? ORDER BY call_id LIMIT ?',
  )
  const lines = db.prepare<[number, number], InsightLineRow>(
    `SELECT ${INSIGHT_LINE_COLUMNS}
     FROM transcript_lines WHERE call_id BETWEEN ? AND ? ORDER BY call_id, ord`,
  )
  const set = db.prepare(SET_FACTS)
  db.transaction(() => {
    for (let after = 0; ;) {
      const ids = calls.all(after, PAGE).map((row) => row.call_id)
      if (ids.length === 0) return
      const byCall = new Map<number, ConversationLine[]>(ids.map((id) => [id, []]))
      // all(), not iterate(): the connection cannot write while a read is open.
      for (const line of lines.all(ids[0]!, ids[ids.length - 1]!)) {
        byCall.get(line.call_id)?.push(toConversationLine(line))
      }
      for (const [id, transcript] of byCall) set.run({ call_id: id, ...conversationFacts(transcript) })
      after = ids[ids.length - 1]!
    }
  })()
}
