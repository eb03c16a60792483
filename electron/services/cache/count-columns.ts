// The columns the list's counts read, held in typed arrays: at 1,000,000 calls SQLite steps every
// matching call through an index (0.5–1 s a filter), where one loop over ≈ 36 MB of arrays counts
// them in a few ms. Built from the cache file once per data version (a sync's writes make the next
// count rebuild them), with the reviewed calls read apart (few rows) per reviews version, so saving
// a review does not reload a million calls. The SQL counting stays the reference: a filter these
// columns cannot answer (start time, verdicts, tag checks, last AI line, a search term no index
// answers) is counted in SQL,
// and the property test compares both on random filters. A search's indexed terms are matched
// by SearchMatches (search-matches.ts), which hands the loop one flag per call.
import type { CallFilter } from '../../shared/contract/calls'
import type { Db } from './database'
import type { DataVersion } from './data-version'
import { REVIEWED_CALL_IDS, isIndexedTerm, tagGroups } from './call-filter-sql'
import type { MatchedCalls } from './matched-calls'
import type { SetCount } from './set-count'
import { searchTerms } from './sql-text'

/** A NULL in an Int32 column; a stored value equal to it makes the columns unusable (SQL counts instead). */
const NULL32 = -0x80000000
const NULL16 = -0x8000

/** The filter keys the loop understands; any other key with a value sends the count to SQL. */
const ANSWERED = new Set<keyof CallFilter>([
  'taskId',
  'tags',
  'durationMin',
  'durationMax',
  'chatRoundMin',
  'chatRoundMax',
  'finishStatus',
  'reviewState',
  'hasBargeIn',
  'hasAiUnknown',
  'silenceMinMs',
  'silenceMaxMs',
  'aiLatencyMinMs',
  'aiLatencyMaxMs',
  'hungUpBy',
])

export function columnsCanCount(filter: CallFilter): boolean {
  return Object.entries(filter).every(([key, value]) => {
    if (value === undefined || ANSWERED.has(key as keyof CallFilter)) return true
    if (key === 'text') return searchTerms(String(value)).every(isIndexedTerm)
    return Array.isArray(value) && value.length === 0
  })
}

interface Columns {
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

/** Reads the columns in call id order; null when a stored value does not fit (then SQL counts). */
function readColumns(db: Db): Columns | null {
  const n = Number(db.prepare('SELECT count(*) FROM calls').pluck().get())
  const c: Columns = {
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
  const int32 = [c.duration, c.round, c.barge, c.unknown, c.silence, c.latency]
  const rows = db
    .prepare(
      `SELECT call_id, task_id, tag_set_id, finish_status, hang_up, duration_sec, chat_round, barge_ins,
         ai_unknown_lines, max_silence_ms, ai_latency_max_ms FROM calls ORDER BY call_id`,
    )
    .raw()
    .iterate() as IterableIterator<Row>
  let i = 0
  for (const row of rows) {
    if (i >= n) return null
    const [id, task, tagSet, finish, hangUp] = row
    if (typeof task !== 'number' || !Number.isSafeInteger(id)) return null
    c.ids[i] = id
    c.task[i] = task
    if (tagSet !== null && !fitsInt32(tagSet)) return null
    c.tagSet[i] = tagSet ?? -1
    if (tagSet !== null && tagSet > c.maxSet) c.maxSet = tagSet
    if (finish !== null && !fitsInt16(finish)) return null
    c.finish[i] = finish ?? NULL16
    if (hangUp !== null && hangUp !== 0 && hangUp !== 1) return null
    c.hangUp[i] = hangUp ?? NULL16
    for (let k = 0; k < int32.length; k++) {
      const v = row[5 + k] ?? null
      if (v !== null && !fitsInt32(v)) return null
      int32[k]![i] = v ?? NULL32
    }
    i++
  }
  return i === n ? c : null
}

function indexOf(ids: Float64Array, id: number): number {
  let lo = 0
  let hi = ids.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1
    const v = ids[mid]!
    if (v === id) return mid
    if (v < id) lo = mid + 1
    else hi = mid - 1
  }
  return -1
}

/** Inclusive bounds over an Int32 column; NULL matches no bound (as in SQL). */
function range(min: number | undefined, max: number | undefined): [number, number] | null {
  if (min === undefined && max === undefined) return null
  return [min ?? -Infinity, max ?? Infinity]
}

export class CountColumns {
  private columns: { key: string; value: Columns | null } | null = null
  private reviewed: { key: string; value: Uint8Array } | null = null
  /** Where a search's matches come from; without it a text filter is counted in SQL. */
  private search: MatchedCalls | null = null

  constructor(
    private readonly db: Db,
    private readonly version: DataVersion,
  ) {}

  /**
   * The calls matching the filter (a name's own tag filter left out when given) per tag set, as
   * the SQL count gives them; null when the columns cannot answer (then count in SQL). Call it in
   * the reading transaction.
   */
  count(filter: CallFilter, excludeTagName?: string): SetCount[] | null {
    if (!columnsCanCount(filter)) return null
    const c = this.current()
    if (c === null) return null
    const reviewed = filter.reviewState === undefined ? null : this.reviewedOf(c)
    const wantReviewed = filter.reviewState === 'reviewed' ? 1 : 0
    const terms = searchTerms(filter.text ?? '')
    const matched = terms.length === 0 ? null : (this.search?.flagsFor(terms, c.ids) ?? null)
    if (terms.length > 0 && matched === null) return null
    // Tag groups: a set passes when it holds one of each group's values.
    let setOk: Uint8Array | null = null
    const groups = [...tagGroups(filter)].filter(([name]) => name !== excludeTagName)
    if (groups.length > 0) {
      const hits = new Uint8Array(c.maxSet + 1)
      const members = this.db.prepare<unknown[], number>(
        'SELECT DISTINCT set_id FROM tag_set_members WHERE name = ? AND value IN (SELECT value FROM json_each(?))',
      )
      for (const [name, values] of groups) {
        for (const id of members.pluck().all(name, JSON.stringify(values)))
          if (id >= 0 && id <= c.maxSet) hits[id]! += 1
      }
      setOk = hits.map((h) => (h === groups.length ? 1 : 0))
    }
    const task = filter.taskId
    const finish = filter.finishStatus && filter.finishStatus.length > 0 ? new Set(filter.finishStatus) : null
    const duration = range(filter.durationMin, filter.durationMax)
    const round = range(filter.chatRoundMin, filter.chatRoundMax)
    const silence = range(filter.silenceMinMs, filter.silenceMaxMs)
    const latency = range(filter.aiLatencyMinMs, filter.aiLatencyMaxMs)
    const barge = filter.hasBargeIn
    const unknown = filter.hasAiUnknown
    const hangUp = filter.hungUpBy === undefined ? undefined : filter.hungUpBy === 'ai' ? 0 : 1
    const slots = c.maxSet + 2 // slot 0: no results; set id s: slot s + 1
    const n = new Int32Array(slots)
    const bargeIn = new Int32Array(slots)
    const aiUnknown = new Int32Array(slots)
    const byCustomer = new Int32Array(slots)
    const byAi = new Int32Array(slots)
    const inRange = (v: number, r: [number, number]) => v !== NULL32 && v >= r[0] && v <= r[1]
    for (let i = 0; i < c.ids.length; i++) {
      const set = c.tagSet[i]!
      if (setOk !== null && (set < 0 || setOk[set] === 0)) continue
      if (task !== undefined && c.task[i] !== task) continue
      if (finish !== null && (c.finish[i] === NULL16 || !finish.has(c.finish[i]!))) continue
      if (duration !== null && !inRange(c.duration[i]!, duration)) continue
      if (round !== null && !inRange(c.round[i]!, round)) continue
      if (reviewed !== null && reviewed[i] !== wantReviewed) continue
      if (matched !== null && matched[i] === 0) continue
      const b = c.barge[i]!
      const u = c.unknown[i]!
      if (barge !== undefined && (b === NULL32 || (barge ? b <= 0 : b !== 0))) continue
      if (unknown !== undefined && (u === NULL32 || (unknown ? u <= 0 : u !== 0))) continue
      if (silence !== null && !inRange(c.silence[i]!, silence)) continue
      if (latency !== null && !inRange(c.latency[i]!, latency)) continue
      const h = c.hangUp[i]!
      const measured = b !== NULL32
      if (hangUp !== undefined && (h !== hangUp || !measured)) continue
      const slot = set + 1
      n[slot]!++
      if (b !== NULL32 && b > 0) bargeIn[slot]!++
      if (u !== NULL32 && u > 0) aiUnknown[slot]!++
      if (measured && h === 1) byCustomer[slot]!++
      if (measured && h === 0) byAi[slot]!++
    }
    const sets: SetCount[] = []
    for (let slot = 0; slot < slots; slot++) {
      if (n[slot] === 0) continue
      sets.push({
        id: slot === 0 ? null : slot - 1,
        n: n[slot]!,
        barge_in: bargeIn[slot]!,
        ai_unknown: aiUnknown[slot]!,
        by_customer: byCustomer[slot]!,
        by_ai: byAi[slot]!,
      })
    }
    return sets
  }

  /** Takes a search's matches from `search` (SearchMatches, constructed with these columns). */
  matchesFrom(search: MatchedCalls): void {
    this.search = search
  }

  /** The counted calls' ids, ascending (the order of every column); null when the columns cannot count. */
  callIds(): Float64Array | null {
    return this.current()?.ids ?? null
  }

  private current(): Columns | null {
    const key = this.version.cacheFile()
    if (this.columns?.key !== key) this.columns = { key, value: readColumns(this.db) }
    return this.columns.value
  }

  /** 1 per reviewed call (by column index); the reviews are few, so this is read per reviews version. */
  private reviewedOf(c: Columns): Uint8Array {
    const key = this.version.current()
    if (this.reviewed?.key !== key || this.reviewed.value.length !== c.ids.length) {
      const value = new Uint8Array(c.ids.length)
      for (const id of this.db.prepare(REVIEWED_CALL_IDS).pluck().iterate() as IterableIterator<number>) {
        const i = indexOf(c.ids, id)
        if (i >= 0) value[i] = 1
      }
      this.reviewed = { key, value }
    }
    return this.reviewed.value
  }
}
