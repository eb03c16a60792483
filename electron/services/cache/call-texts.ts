// Which calls use each line text (interned-lines.ts), in memory, as indexes into the counting
// columns' call order (count-columns.ts): a search's few matching texts become its matching calls
// by touching only their lines (a scripted line said in a third of a million calls: ≈ 2 ms)
// instead of a pass over call_lines in SQL (≈ 0.5 s). ≈ 6 M entries at 1 M calls: 24 MB kept; while
// they are read, one text id a line (growing by doubling) and a line count a call.
import type { Db } from './database'
import type { Slices } from './sliced-build'

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

/** Calls whose lines are read per slice (≈ 6 lines each at 1M calls: ≈ 5–10 ms a slice). */
export const TEXT_SLICE = 5_000

/**
 * Reads every line's (call, text), `slice` calls of the columns at a time (a keyset range of call
 * ids), then groups the calls by text; null if a text id does not fit.
 */
export class TextCallsRead implements Slices<TextCalls> {
  /** Each line's text, in call order (the order the lines are read in). */
  private readonly lineText = new Growing()
  /** Lines per call (by index into ids): with lineText's order, which call each line is of. */
  private readonly linesOfCall: Uint32Array
  /** The merge's place in ids. */
  private i = 0
  /** Calls of ids read so far. */
  private read = 0
  private maxText = 0
  private fits = true
  private previous = -Infinity
  private readonly lines
  private readonly push: Step

  constructor(
    db: Db,
    private readonly ids: Float64Array,
    private readonly feed: CallTextsFeed,
    private readonly slice = TEXT_SLICE,
  ) {
    this.lines = db
      .prepare(
        `SELECT call_texts_feed(call_id, text_id) FROM
           (SELECT call_id, text_id FROM call_lines WHERE call_id > ? AND call_id <= ? ORDER BY call_id, ord)`,
      )
      .pluck()
    const n = ids.length
    this.linesOfCall = new Uint32Array(n)
    this.push = (callId, textId) => {
      // The scan goes in primary key order; if it ever did not, the merge below would miss calls.
      if (callId < this.previous) this.fits = false
      this.previous = callId
      while (this.i < n && ids[this.i]! < callId) this.i++
      // A line of a call the columns do not hold (written past the foreign key) is no call's.
      if (this.i === n || ids[this.i] !== callId) return
      if (!Number.isInteger(textId) || textId < 0 || textId > MAX_TEXT_ID) {
        this.fits = false
        return
      }
      this.linesOfCall[this.i]!++
      this.lineText.push(textId)
      if (textId > this.maxText) this.maxText = textId
    }
  }

  step(): boolean {
    const n = this.ids.length
    if (this.read >= n || !this.fits) return true
    const after = this.read === 0 ? -Infinity : this.ids[this.read - 1]!
    this.read = Math.min(n, this.read + this.slice)
    const upTo = this.ids[this.read - 1]!
    this.feed(this.push, () => this.lines.get(after, upTo))
    return this.read >= n || !this.fits
  }

  result(): TextCalls | null {
    if (!this.fits || this.read < this.ids.length) return null
    const { linesOfCall, lineText, maxText } = this
    // A counting sort by text: offsets, then each line's call in call order.
    const start = new Uint32Array(maxText + 2)
    for (let k = 0; k < lineText.length; k++) start[lineText.values[k]! + 1]!++
    for (let t = 0; t <= maxText; t++) start[t + 1]! += start[t]!
    const next = start.slice(0, maxText + 1)
    const calls = new Uint32Array(lineText.length)
    let call = 0
    let left = linesOfCall[0] ?? 0
    for (let k = 0; k < lineText.length; k++) {
      while (left === 0) left = linesOfCall[++call]!
      calls[next[lineText.values[k]!]!++] = call
      left--
    }
    return { start, calls, maxText }
  }
}
