// The calls a filter matches, counted per tag set (and, in the same pass, those with each conversation fact): the list's total and the facets' first pass
// are the same count, and one filter change asks for both (scrolling asks for the total again).
// The last filter's counts are kept while the data stays the same.
import type { CallFilter } from '../../shared/contract/calls'
import type { Db } from './database'
import type { DataVersion } from './data-version'
import { countedCalls, filterWhere } from './call-filter-sql'
import { MEASURED } from './conversation-facts'

export interface SetCount {
  /** null: calls with no results. */
  id: number | null
  n: number
  /** Of those, calls with a barge-in, an aiUnknown line, hung up by the customer, by the AI. */
  barge_in: number
  ai_unknown: number
  by_customer: number
  by_ai: number
}

/** How many calls the per-set counts add up to. */
export function callsCounted(sets: readonly SetCount[]): number {
  return sets.reduce((sum, { n }) => sum + n, 0)
}

/** Counts the calls matching the filter (a name's own tag filter left out when given) per tag set. */
export function countSets(db: Db, filter: CallFilter, excludeTagName?: string): SetCount[] {
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

export class MatchCounts {
  private held: { key: string; sets: SetCount[] } | null = null

  constructor(
    private readonly db: Db,
    private readonly version: DataVersion,
  ) {}

  /** The filter's counts per tag set; call it in the reading transaction, after SearchMatches.prepare. */
  perSet(filter: CallFilter): SetCount[] {
    const key = JSON.stringify([filter, this.version.current()])
    if (this.held?.key !== key) this.held = { key, sets: countSets(this.db, filter) }
    return this.held.sets
  }

  total(filter: CallFilter): number {
    return callsCounted(this.perSet(filter))
  }
}
