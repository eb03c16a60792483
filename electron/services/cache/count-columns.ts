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
import { ColumnsRead, NULL16, NULL32, type Columns } from './count-columns-read'
import { SlicedBuild, type Advance } from './sliced-build'
import { REVIEWED_CALL_IDS, isIndexedTerm, tagGroups } from './call-filter-sql'
import type { MatchedCalls } from './matched-calls'
import type { SetCount } from './set-count'
import { searchTerms } from './sql-text'
import { indexOfId } from './sorted-ids'

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

/** Inclusive bounds over an Int32 column; NULL matches no bound (as in SQL). */
function range(min: number | undefined, max: number | undefined): [number, number] | null {
  if (min === undefined && max === undefined) return null
  return [min ?? -Infinity, max ?? Infinity]
}

export class CountColumns {
  private readonly columns: SlicedBuild<Columns>
  private reviewed: { key: string; value: Uint8Array } | null = null
  /** Where a search's matches come from; without it a text filter is counted in SQL. */
  private search: MatchedCalls | null = null

  constructor(
    private readonly db: Db,
    private readonly version: DataVersion,
    slice?: number,
  ) {
    this.columns = new SlicedBuild(
      () => version.cacheFile(),
      () => new ColumnsRead(db, slice),
    )
  }

  /** Built for the cache file as it is now (ahead, or by an earlier count): a count needs no read. */
  ready(): boolean {
    return this.columns.ready()
  }

  /** One slice of building the columns ahead of any count (warm-up.ts). */
  advance(): Advance {
    return this.columns.advance()
  }

  /** Drops a build in progress (the cache closes). */
  cancel(): void {
    this.columns.cancel()
  }

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

  /** Read for the cache file as it is now, finishing a build ahead from where it is. */
  private current(): Columns | null {
    return this.columns.get()
  }

  /** 1 per reviewed call (by column index); the reviews are few, so this is read per reviews version. */
  private reviewedOf(c: Columns): Uint8Array {
    const key = this.version.current()
    if (this.reviewed?.key !== key || this.reviewed.value.length !== c.ids.length) {
      const value = new Uint8Array(c.ids.length)
      for (const id of this.db.prepare(REVIEWED_CALL_IDS).pluck().iterate() as IterableIterator<number>) {
        const i = indexOfId(c.ids, id)
        if (i >= 0) value[i] = 1
      }
      this.reviewed = { key, value }
    }
    return this.reviewed.value
  }
}
