// The calls a filter matches, counted per tag set (and, in the same pass, those with each conversation fact): the list's total and the facets' first pass
// are the same count, and one filter change asks for both (scrolling asks for the total again).
// The last filter's counts are kept while the data stays the same, and so are the unfiltered ones
// (the page opens on them; "unreviewed" is them less the reviewed calls).
import type { CallFilter } from '../../shared/contract/calls'
import type { Db } from './database'
import type { DataVersion } from './data-version'
import { countedCalls, filterWhere } from './call-filter-sql'
import { MEASURED } from './conversation-facts'
import type { CountColumns } from './count-columns'
import type { SetCount } from './set-count'

export type { SetCount }

/** How many calls the per-set counts add up to. */
export function callsCounted(sets: readonly SetCount[]): number {
  return sets.reduce((sum, { n }) => sum + n, 0)
}

/** Counts the calls matching the filter (a name's own tag filter left out when given) per tag set, in one pass. */
export function scanSets(db: Db, filter: CallFilter, excludeTagName?: string): SetCount[] {
  const where = filterWhere(filter, { excludeTagName })
  return db
    .prepare(
      `SELECT c.tag_set_id AS id, count(*) AS n, count(*) FILTER (WHERE c.barge_ins > 0) AS barge_in,
         count(*) FILTER (WHERE c.ai_unknown_lines > 0) AS ai_unknown,
         count(*) FILTER (WHERE c.hang_up = 1 AND ${MEASURED}) AS by_customer,
         count(*) FILTER (WHERE c.hang_up = 0 AND ${MEASURED}) AS by_ai
       FROM ${countedCalls(filter)} ${where.sql} GROUP BY c.tag_set_id`,
    )
    .all(...where.params) as SetCount[]
}

/** `all` less `part` (a subset of it), set by set; sets left with no call are dropped. */
function subtract(all: readonly SetCount[], part: readonly SetCount[]): SetCount[] {
  const key = (id: number | null) => String(id)
  const less = new Map(part.map((set) => [key(set.id), set]))
  return all.flatMap((set) => {
    const p = less.get(key(set.id))
    if (!p) return [set]
    const left = {
      id: set.id,
      n: set.n - p.n,
      barge_in: set.barge_in - p.barge_in,
      ai_unknown: set.ai_unknown - p.ai_unknown,
      by_customer: set.by_customer - p.by_customer,
      by_ai: set.by_ai - p.by_ai,
    }
    return left.n > 0 ? [left] : []
  })
}

/**
 * Counts per tag set. Unreviewed calls are nearly all of them: rather than test each call against
 * the reviews, they are counted as the same filter without a review state less its reviewed calls
 * (found from the reviews file, never more rows than reviews). `whole` gives the former, so that a
 * caller can keep it.
 */
export function countSets(
  db: Db,
  filter: CallFilter,
  excludeTagName?: string,
  whole: (filter: CallFilter) => SetCount[] = (f) => scanSets(db, f, excludeTagName),
  columns?: CountColumns,
): SetCount[] {
  const fromColumns = columns?.count(filter, excludeTagName)
  if (fromColumns) return fromColumns
  if (filter.reviewState !== 'unreviewed') return scanSets(db, filter, excludeTagName)
  const all = whole({ ...filter, reviewState: undefined })
  return subtract(all, scanSets(db, { ...filter, reviewState: 'reviewed' }, excludeTagName))
}

type Held = { key: string; sets: SetCount[] } | null

/** No condition at all (keys present with undefined or empty values count as absent). */
function isUnfiltered(filter: CallFilter): boolean {
  return Object.values(filter).every(
    (value) => value === undefined || value === '' || (Array.isArray(value) && value.length === 0),
  )
}

export class MatchCounts {
  private held: Held = null
  /**
   * The counts without any filter, kept apart: the calls page opens on them, and "unreviewed" is
   * them less the reviewed calls, so a filter change never counts every call twice.
   */
  private unfiltered: Held = null

  /** The cache file's version at the last count asked for, and whether the held counts used the columns. */
  private lastAsked: string | null = null
  private heldColumns: CountColumns | undefined

  constructor(
    private readonly db: Db,
    private readonly version: DataVersion,
    /** The typed-array counter (count-columns.ts); without it every count is SQL. */
    private readonly columns?: CountColumns,
  ) {}

  /** The filter's counts per tag set; call it in the reading transaction, after SearchMatches.prepare. */
  perSet(filter: CallFilter): SetCount[] {
    const version = this.version.current()
    const key = JSON.stringify([filter, version])
    const cacheFile = this.version.cacheFile()
    if (this.held?.key !== key) {
      // Building the columns reads every call (≈ 2 s at 1M calls): worth it once the data holds
      // still, not while a sync writes between every two counts. They are used when built (ahead,
      // by warm-up.ts, for this very data) or when the cache file is as it was at the previous
      // count (a scroll, another filter). In that second case a build ahead still in progress is
      // finished from where it is: never longer than the whole read the count made before, and
      // every later count is a loop. The first count after a write counts in SQL (0.1–0.5 s) rather
      // than wait for up to the whole read; the build ahead goes on, as reads do not move the data.
      const columns = this.lastAsked === cacheFile || this.columns?.ready() ? this.columns : undefined
      const sets = isUnfiltered(filter)
        ? this.whole(filter, version, columns)
        : countSets(this.db, filter, undefined, (f) => this.whole(f, version, columns), columns)
      this.held = { key, sets }
      this.heldColumns = columns
    }
    this.lastAsked = cacheFile
    return this.held.sets
  }

  /** The counter the held counts came from (undefined: SQL), for the facets' further counts of the same filter. */
  counter(): CountColumns | undefined {
    return this.heldColumns
  }

  private whole(filter: CallFilter, version: string, columns: CountColumns | undefined): SetCount[] {
    if (!isUnfiltered(filter)) return scanSets(this.db, filter)
    if (this.unfiltered?.key !== version)
      this.unfiltered = { key: version, sets: columns?.count(filter) ?? scanSets(this.db, filter) }
    return this.unfiltered.sets
  }

  total(filter: CallFilter): number {
    return callsCounted(this.perSet(filter))
  }
}
