// The filtered calls in the list's order, a page of ids at a time after the last one read (a
// keyset), for exports: each page costs the same however deep into 100,000 calls it is (OFFSET
// walks every earlier row again), and a call synced or removed meanwhile shifts no page.
import type { CallFilter, CallSort } from '../../shared/contract/calls'
import { filterWhere } from './call-filter-sql'
import { afterSql, orderBySql, ordering, type Ordering } from './call-order'
import type { Db } from './database'
import type { SearchMatches } from './search-matches'

/** Where a page ended: the last call's sort value and id. */
export interface CallCursor {
  key: unknown
  callId: number
}

export interface CallIdPage {
  callIds: number[]
  /** Pass it back for the next page; null when this page was the last. */
  next: CallCursor | null
}

/**
 * afterSql's condition, plus (where it is exact) a plain range on the sort column that lets
 * SQLite start the index walk at the cursor instead of filtering every row before it: past a
 * non-null key in an order whose NULLs come first, every later call has a value on the key's side.
 */
function afterCursor(order: Ordering, cursor: CallCursor): { sql: string; params: unknown[] } {
  const after = afterSql(order, cursor.key, cursor.callId)
  if (cursor.key === null || !order.nullsFirst) return after
  return {
    sql: `${order.column} ${order.descending ? '<=' : '>='} ? AND ${after.sql}`,
    params: [cursor.key, ...after.params],
  }
}

export function callIdPage(
  db: Db,
  search: SearchMatches,
  filter: CallFilter,
  sort: CallSort,
  cursor: CallCursor | null,
  limit: number,
): CallIdPage {
  const order = ordering(sort)
  const where = filterWhere(filter)
  const conditions = [where.sql.replace(/^WHERE /, '')].filter(Boolean)
  const params = [...where.params]
  if (cursor) {
    const after = afterCursor(order, cursor)
    conditions.push(after.sql)
    params.push(...after.params)
  }
  const whereSql = conditions.length > 0 ? `WHERE ${conditions.map((c) => `(${c})`).join(' AND ')}` : ''
  return db
    .transaction((): CallIdPage => {
      search.prepare(filter.text)
      const rows = db
        .prepare(
          `SELECT c.call_id AS id, ${order.column} AS key
           FROM calls c LEFT JOIN rv.reviews r ON r.call_id = c.call_id
           ${whereSql} ${orderBySql(order)} LIMIT ?`,
        )
        .all(...params, limit) as { id: number; key: unknown }[]
      const last = rows[rows.length - 1]
      return {
        callIds: rows.map((row) => row.id),
        next: last && rows.length === limit ? { key: last.key, callId: last.id } : null,
      }
    })
    .deferred()
}
