// Reads the counting columns (count-columns.ts) from the calls table in keyset slices of call id
// order (`call_id > last LIMIT n`): better-sqlite3 allows no other statement on the connection
// while an iterator is open, so a build that yields between slices cannot hold one long iterate.
import type { Db } from './database'
import type { Slices } from './sliced-build'

/** A NULL in an Int32 column; a stored value equal to it makes the columns unusable (SQL counts instead). */
export const NULL32 = -0x80000000
export const NULL16 = -0x8000

export interface Columns {
  /** Ascending, for finding a reviewed call's index. */
  ids: Float64Array
  task: Float64Array
  /** Tag set id, or -1: no results. */
  tagSet: Int32Array
  finish: Int16Array
  duration: Int32Array
  round: Int32Array
  /** hang_up as stored: 0, 1, or NULL16; other values (none are written) → unusable. */
  hangUp: Int16Array
  barge: Int32Array
  unknown: Int32Array
  silence: Int32Array
  latency: Int32Array
  maxSet: number
}

type Row = [number, number, number | null, ...(number | null)[]]

const fitsInt32 = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v > NULL32 && v <= 0x7fffffff
const fitsInt16 = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v > NULL16 && v <= 0x7fff

/** Calls read per slice: ≈ 10 ms at ≈ 2 µs a call (≈ 30 ms on a loaded 2-core machine), so requests wait at most that long for a turn. */
export const COLUMN_SLICE = 5_000

/** The columns in call id order, `slice` calls at a time; null when a stored value does not fit (then SQL counts). */
export class ColumnsRead implements Slices<Columns> {
  private readonly c: Columns
  private readonly rows
  private readonly int32: Int32Array[]
  private i = 0
  private after = -Infinity
  private failed = false
  private complete = false

  constructor(
    db: Db,
    private readonly slice = COLUMN_SLICE,
  ) {
    const n = Number(db.prepare('SELECT count(*) FROM calls').pluck().get())
    this.c = {
      ids: new Float64Array(n),
      task: new Float64Array(n),
      tagSet: new Int32Array(n),
      finish: new Int16Array(n),
      duration: new Int32Array(n),
      round: new Int32Array(n),
      hangUp: new Int16Array(n),
      barge: new Int32Array(n),
      unknown: new Int32Array(n),
      silence: new Int32Array(n),
      latency: new Int32Array(n),
      maxSet: -1,
    }
    this.int32 = [this.c.duration, this.c.round, this.c.barge, this.c.unknown, this.c.silence, this.c.latency]
    this.rows = db
      .prepare(
        `SELECT call_id, task_id, tag_set_id, finish_status, hang_up, duration_sec, chat_round, barge_ins,
           ai_unknown_lines, max_silence_ms, ai_latency_max_ms FROM calls WHERE call_id > ? ORDER BY call_id LIMIT ?`,
      )
      .raw()
  }

  step(): boolean {
    if (this.complete) return true
    const rows = this.rows.all(this.after, this.slice) as Row[]
    for (const row of rows) {
      if (!this.put(row)) {
        this.failed = true
        break
      }
    }
    this.complete = this.failed || rows.length < this.slice
    return this.complete
  }

  result(): Columns | null {
    return this.complete && !this.failed && this.i === this.c.ids.length ? this.c : null
  }

  private put(row: Row): boolean {
    const c = this.c
    const i = this.i
    if (i >= c.ids.length) return false
    const [id, task, tagSet, finish, hangUp] = row
    if (typeof task !== 'number' || !Number.isSafeInteger(id)) return false
    c.ids[i] = id
    c.task[i] = task
    if (tagSet !== null && !fitsInt32(tagSet)) return false
    c.tagSet[i] = tagSet ?? -1
    if (tagSet !== null && tagSet > c.maxSet) c.maxSet = tagSet
    if (finish !== null && !fitsInt16(finish)) return false
    c.finish[i] = finish ?? NULL16
    if (hangUp !== null && hangUp !== 0 && hangUp !== 1) return false
    c.hangUp[i] = hangUp ?? NULL16
    const int32 = this.int32
    for (let k = 0; k < int32.length; k++) {
      const v = row[5 + k] ?? null
      if (v !== null && !fitsInt32(v)) return false
      int32[k]![i] = v ?? NULL32
    }
    this.after = id
    this.i = i + 1
    return true
  }
}
