// Which calls use each line text (interned-lines.ts), in memory, as indexes into the counting
// columns' call order (count-columns.ts): a search's few matching texts become its matching calls
// by touching only their lines (a scripted line said in a third of a million calls: ≈ 2 ms)
// instead of a pass over call_lines in SQL (≈ 0.5 s). ≈ 6 M entries at 1 M calls: 24 MB.
import type { Db } from './database'

export interface TextCalls {
  /** Text t's calls (indexes into the columns' ids, ascending) are calls[start[t] … start[t + 1]). */
  start: Uint32Array
  calls: Uint32Array
  /** The largest text id. */
  maxText: number
}

/** Text ids beyond this would make the offsets too large: then SQL finds the calls. */
const MAX_TEXT_ID = 1 << 26

type Step = (callId: number, textId: number) => void
export type CallTextsFeed = (read: Step, run: () => void) => void

/**
 * Registers the aggregate that feeds the rows to whatever read is running: stepping 6 M rows
 * through an aggregate is ≈ 4× faster than iterating them as rows into JS.
 */
export function registerCallTextsReader(db: Db): CallTextsFeed {
  let current: Step | null = null
  db.aggregate('call_texts_feed', {
    start: 0,
    // better-sqlite3's types name one value; SQLite passes every argument.
    step: ((n: number, callId: unknown, textId: unknown) => {
      current!(Number(callId), Number(textId))
      return n + 1
    }) as (n: number, ...values: unknown[]) => number,
  })
  return (read, run) => {
    current = read
    try {
      run()
    } finally {
      current = null
    }
  }
}

class Growing {
  values = new Uint32Array(1 << 16)
  length = 0
  push(v: number): void {
    if (this.length === this.values.length) {
      const grown = new Uint32Array(this.values.length * 2)
      grown.set(this.values)
      this.values = grown
    }
    this.values[this.length++] = v
  }
}

/** Reads every line's (call, text) and groups the calls by text; null if a text id does not fit. */
export function readTextCalls(db: Db, ids: Float64Array, feed: CallTextsFeed): TextCalls | null {
  const n = ids.length
  const lineCall = new Growing()
  const lineText = new Growing()
  let i = 0
  let maxText = 0
  let fits = true
  let previous = -Infinity
  feed(
    (callId, textId) => {
      // The scan goes in primary key order; if it ever did not, the merge below would miss calls.
      if (callId < previous) fits = false
      previous = callId
      while (i < n && ids[i]! < callId) i++
      // A line of a call the columns do not hold (written past the foreign key) is no call's.
      if (i === n || ids[i] !== callId) return
      if (!Number.isInteger(textId) || textId < 0 || textId > MAX_TEXT_ID) {
        fits = false
        return
      }
      lineCall.push(i)
      lineText.push(textId)
      if (textId > maxText) maxText = textId
    },
    () =>
      db
        .prepare(
          'SELECT call_texts_feed(call_id, text_id) FROM (SELECT call_id, text_id FROM call_lines ORDER BY call_id, ord)',
        )
        .pluck()
        .get(),
  )
  if (!fits) return null
  // A counting sort by text: offsets, then each line's call in call order.
  const start = new Uint32Array(maxText + 2)
  for (let k = 0; k < lineText.length; k++) start[lineText.values[k]! + 1]!++
  for (let t = 0; t <= maxText; t++) start[t + 1]! += start[t]!
  const next = start.slice(0, maxText + 1)
  const calls = new Uint32Array(lineText.length)
  for (let k = 0; k < lineText.length; k++) calls[next[lineText.values[k]!]!++] = lineCall.values[k]!
  return { start, calls, maxText }
}
