// The calls list's order, in one place: the ORDER BY the pages use, and the same order read as a
// keyset ("the calls after this one") for N / P and for a call's position in the list.
import type { CallSort } from '../../shared/contract/calls'

const COLUMNS: Record<CallSort['field'], string> = {
  startTime: 'c.start_time',
  durationSec: 'c.duration_sec',
  chatRound: 'c.chat_round',
  customerName: 'c.customer_name',
  updatedAt: 'r.updated_at',
}

/** One sort column (the call id breaks its ties, in the same direction) and where its NULLs go. */
export interface Ordering {
  column: string
  descending: boolean
  nullsFirst: boolean
}

/**
 * SQLite orders NULLs first ascending and last descending; keeping that default (rather than
 * NULLS LAST) lets the indexes serve the order, and null start times are rare. The review time is
 * the exception: it comes from a join that no index serves, and unreviewed calls belong at the end
 * in both directions.
 */
export function ordering(sort: CallSort): Ordering {
  const descending = sort.direction === 'desc'
  return { column: COLUMNS[sort.field], descending, nullsFirst: sort.field === 'updatedAt' ? false : !descending }
}

/** The same order walked backwards (P is N in it). */
export function reversed(order: Ordering): Ordering {
  return { column: order.column, descending: !order.descending, nullsFirst: !order.nullsFirst }
}

export function orderBySql(order: Ordering): string {
  const dir = order.descending ? 'DESC' : 'ASC'
  // Spelled out only where it differs from SQLite's default, so the default orders read as before.
  const nulls = order.nullsFirst === !order.descending ? '' : order.nullsFirst ? ' NULLS FIRST' : ' NULLS LAST'
  return `ORDER BY ${order.column} ${dir}${nulls}, c.call_id ${dir}`
}

/**
 * The calls that come after the call with sort value `key` and id `callId` in `order`. Row values
 * cannot be used: a comparison with NULL is NULL, and NULLs have their own place in the order.
 */
export function afterSql(order: Ordering, key: unknown, callId: number): { sql: string; params: unknown[] } {
  const col = order.column
  const after = order.descending ? '<' : '>'
  if (key === null) {
    const sameNull = `(${col} IS NULL AND c.call_id ${after} ?)`
    return { sql: order.nullsFirst ? `(${sameNull} OR ${col} IS NOT NULL)` : sameNull, params: [callId] }
  }
  const nullsAfter = order.nullsFirst ? '' : ` OR ${col} IS NULL`
  return {
    sql: `(${col} ${after} ? OR (${col} = ? AND c.call_id ${after} ?)${nullsAfter})`,
    params: [key, key, callId],
  }
}
