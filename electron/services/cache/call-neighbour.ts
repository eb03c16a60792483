// N / P over the whole filtered list: the call just after (or before) a given call in the list's
// order, found from that call's sort value (a keyset), so no rows need be loaded in the renderer,
// and the answer holds when the call itself has just left the filter (a verdict set while the
// list shows unreviewed calls); or the next one with a problem. Also the review progress of a filtered list.
import {
  PROBLEM_SILENCE_MS,
  type CallFilter,
  type CallNeighbour,
  type CallSort,
  type ReviewProgress,
} from '../../shared/contract/calls'
import type { Db } from './database'
import { REVIEWED_CALL_IDS, filterWhere } from './call-filter-sql'
import { afterSql, orderBySql, ordering, reversed, type Ordering } from './call-order'
import type { MatchCounts } from './match-counts'
import type { SearchMatches } from './search-matches'

const FROM = 'FROM calls c LEFT JOIN rv.reviews r ON r.call_id = c.call_id'

/** A call with a problem: a barge-in, an aiUnknown line, or a long silence (PROBLEM_SILENCE_MS). */
const PROBLEM_CALL = `(c.barge_ins > 0 OR c.ai_unknown_lines > 0 OR c.max_silence_ms >= ${PROBLEM_SILENCE_MS})`

/** The filter's conditions and `extra`, as one WHERE clause. */
function whereWith(filter: CallFilter, extra: { sql: string; params: unknown[] }): { sql: string; params: unknown[] } {
  const where = filterWhere(filter)
  return {
    sql: where.sql ? `${where.sql} AND ${extra.sql}` : `WHERE ${extra.sql}`,
    params: [...where.params, ...extra.params],
  }
}

/** How many calls of the filtered list come before the call (key, id) in `order`. */
function countBefore(db: Db, filter: CallFilter, order: Ordering, key: unknown, callId: number): number {
  const where = whereWith(filter, afterSql(reversed(order), key, callId))
  return (db.prepare(`SELECT count(*) AS n ${FROM} ${where.sql}`).get(...where.params) as { n: number }).n
}

/**
 * The call after (`next`) or before (`previous`) `callId` in the filtered list, with its position
 * (0-based) in that list; null at the end of the list, or when `callId` is not cached.
 */
export function neighbourCall(
  db: Db,
  search: SearchMatches,
  filter: CallFilter,
  sort: CallSort,
  callId: number,
  direction: 'next' | 'previous',
  problem = false,
): CallNeighbour | null {
  const forward = ordering(sort)
  const walk = direction === 'next' ? forward : reversed(forward)
  return db
    .transaction((): CallNeighbour | null => {
      const current = db.prepare(`SELECT ${forward.column} AS key ${FROM} WHERE c.call_id = ?`).get(callId) as
        { key: unknown } | undefined
      if (!current) return null
      search.prepare(filter.text)
      const after = afterSql(walk, current.key, callId)
      const where = whereWith(
        filter,
        problem ? { sql: `${after.sql} AND ${PROBLEM_CALL}`, params: after.params } : after,
      )
      const found = db
        .prepare(`SELECT c.call_id AS id, ${forward.column} AS key ${FROM} ${where.sql} ${orderBySql(walk)} LIMIT 1`)
        .get(...where.params) as { id: number; key: unknown } | undefined
      if (!found) return null
      return { callInstanceId: found.id, position: countBefore(db, filter, forward, found.key, found.id) }
    })
    .deferred()
}

/** Reviewed calls (REVIEWED_CALL_IDS) and all calls of the filtered list, read at one moment. */
export function reviewProgress(
  db: Db,
  search: SearchMatches,
  matchCounts: MatchCounts,
  filter: CallFilter,
): ReviewProgress {
  return db
    .transaction((): ReviewProgress => {
      search.prepare(filter.text)
      const total = matchCounts.total(filter)
      if (filter.reviewState === 'unreviewed') return { reviewed: 0, total }
      const where = whereWith(filter, { sql: `c.call_id IN (${REVIEWED_CALL_IDS})`, params: [] })
      const { n } = db.prepare(`SELECT count(*) AS n FROM calls c ${where.sql}`).get(...where.params) as { n: number }
      return { reviewed: n, total }
    })
    .deferred()
}
