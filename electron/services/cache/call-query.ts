// The calls list: filtered, sorted, paged rows with their tags, cache and review state, and the
// total, straight from the cache and the attached reviews file.
import type { CallFilter, CallPage, CallQueryResult, CallRow, CallSort } from '../../shared/contract/calls'
import type { Db } from './database'
import { filterWhere } from './call-filter-sql'
import { orderBySql, ordering, type Ordering } from './call-order'
import type { MatchCounts } from './match-counts'
import type { SearchMatches } from './search-matches'
import { likeContains, searchTerms } from './sql-text'
import { snippetAround } from '../../shared/text-search'

interface RowData {
  call_id: number
  task_id: number
  task_name: string | null
  customer_name: string | null
  customer_telephone: string | null
  finish_status: number | null
  duration_sec: number | null
  chat_round: number | null
  start_time: string | null
  results: string
  recording_cached: number
  recording_unavailable: CallRow['recordingUnavailable']
  has_error: number
  verdict: CallRow['verdict']
  review_updated_at: string | null
  snippet?: string | null
}

/**
 * Under a text filter, the call's first transcript line holding any of the terms, read by primary
 * key for the page's rows only (LIKE folds ASCII case only; the excerpt is cut around the match).
 */
function snippetColumn(terms: readonly string[], params: unknown[]): string {
  if (terms.length === 0) return ''
  params.push(...terms.map(likeContains))
  const anyTerm = terms.map(() => `t.content LIKE ? ESCAPE '\\'`).join(' OR ')
  return `, (SELECT t.content FROM transcript_lines t WHERE t.call_id = c.call_id AND (${anyTerm})
      ORDER BY t.ord LIMIT 1) AS snippet`
}

function toRow(r: RowData, terms: readonly string[]): CallRow {
  return {
    callInstanceId: r.call_id,
    taskId: r.task_id,
    taskName: r.task_name,
    customerName: r.customer_name,
    customerTelephone: r.customer_telephone,
    finishStatus: r.finish_status,
    durationSec: r.duration_sec,
    chatRound: r.chat_round,
    startTime: r.start_time,
    results: (JSON.parse(r.results) as [string, string][]).map(([name, value]) => ({ name, value })),
    recordingCached: r.recording_cached === 1,
    recordingUnavailable: r.recording_cached === 1 ? null : r.recording_unavailable,
    hasError: r.has_error === 1,
    verdict: r.verdict,
    reviewed: r.verdict !== null,
    reviewUpdatedAt: r.review_updated_at,
    ...(terms.length > 0 ? { snippet: r.snippet ? snippetAround(r.snippet, terms) : null } : {}),
  }
}

/**
 * The page's call ids alone. OFFSET steps over every earlier row, so it walks only the sort index
 * (the call id is its rowid: covering) and whatever the filter reads, with no joins and no wide
 * columns: 500,000 rows deep at 1M calls this took 8 s with the rows joined in. The review time
 * is the one sort column not on calls, so only that order joins the reviews here. The outer
 * query sorts the ≤ 200 rows again by the same total order (ties broken by the call id), since
 * a subquery's order is not kept by the query around it. CROSS JOIN keeps the page the outer
 * loop: left to itself the planner walked the whole sort index to spare sorting 200 rows (60 ms).
 */
function pageIdsSql(whereSql: string, order: Ordering): string {
  const reviews = order.column.startsWith('r.') ? 'LEFT JOIN rv.reviews r ON r.call_id = c.call_id' : ''
  return `SELECT c.call_id FROM calls c ${reviews} ${whereSql} ${orderBySql(order)} LIMIT ? OFFSET ?`
}

export function queryCalls(
  db: Db,
  search: SearchMatches,
  matchCounts: MatchCounts,
  filter: CallFilter,
  sort: CallSort,
  page: CallPage,
): CallQueryResult {
  const where = filterWhere(filter)
  const terms = searchTerms(filter.text ?? '')
  const snippetParams: unknown[] = []
  const snippet = snippetColumn(terms, snippetParams)
  return db
    .transaction(() => {
      search.prepare(filter.text)
      // One read transaction, so the total and the page describe the same moment.
      const total = matchCounts.total(filter)
      const order = ordering(sort)
      // A rare term's few matches: start from them rather than walk every call in the sort order.
      const driving = search.drivingCondition(filter.text)
      const pageWhere = driving === '' ? where.sql : where.sql ? `${where.sql} AND ${driving}` : `WHERE ${driving}`
      const rows = db
        .prepare(
          `SELECT c.call_id, c.task_id, t.name AS task_name, c.customer_name, c.customer_telephone, c.finish_status,
           c.duration_sec, c.chat_round, c.start_time,
           (SELECT json_group_array(json_array(name, value))
              FROM (SELECT name, value FROM call_results WHERE call_id = c.call_id ORDER BY ord)) AS results,
           EXISTS (SELECT 1 FROM recordings WHERE call_id = c.call_id AND kind = 'full') AS recording_cached,
           (SELECT reason FROM recording_unavailable WHERE call_id = c.call_id AND kind = 'full') AS recording_unavailable,
           EXISTS (SELECT 1 FROM call_errors WHERE call_id = c.call_id) AS has_error,
           r.verdict, r.updated_at AS review_updated_at${snippet}
         FROM (${pageIdsSql(pageWhere, order)}) page
         CROSS JOIN calls c ON c.call_id = page.call_id
         LEFT JOIN tasks t ON t.task_id = c.task_id
         LEFT JOIN rv.reviews r ON r.call_id = c.call_id
         ${orderBySql(order)}`,
        )
        .all(...snippetParams, ...where.params, page.limit, page.offset) as RowData[]
      return { rows: rows.map((r) => toRow(r, terms)), total }
    })
    .deferred()
}
