// The cache queries' baseline: every call held in JS arrays (loaded once, not timed) and each
// query a plain scan — filter, sort, slice, count tags — as a client without a database would.
import type { CallCache } from '../../electron/services/cache'
import type { CallFilterInput } from '../../electron/shared/contract'
import Database from 'better-sqlite3'

interface NaiveCall {
  id: number
  taskId: number
  durationSec: number
  finishStatus: number
  startTime: string
  searchable: string
  results: [string, string][]
  verdict: string | null
}

export interface NaiveCalls {
  calls: NaiveCall[]
  /** The arrays as JSON: what a cache-less client would keep on disk. */
  jsonBytes: number
}

export function loadNaiveCalls(cache: CallCache): NaiveCalls {
  const db = new Database(cache.path, { readonly: true })
  db.prepare('ATTACH DATABASE ? AS rv').run(cache.reviewsPath)
  const rows = db
    .prepare(
      `SELECT c.call_id AS id, c.task_id AS taskId, c.duration_sec AS durationSec, c.finish_status AS finishStatus,
         c.start_time AS startTime,
         f.customer_name || char(10) || f.customer_telephone || char(10) || f.transcript AS searchable,
         (SELECT json_group_array(json_array(name, value)) FROM call_results WHERE call_id = c.call_id) AS results,
         r.verdict
       FROM calls c JOIN call_search_text f ON f.call_id = c.call_id LEFT JOIN rv.reviews r ON r.call_id = c.call_id`,
    )
    .all() as (Omit<NaiveCall, 'results'> & { results: string })[]
  db.close()
  const calls = rows.map((row) => ({ ...row, results: JSON.parse(row.results) as [string, string][] }))
  // Summed per call: one JSON string of a million calls would pass V8's longest string.
  let jsonBytes = 2 + Math.max(0, calls.length - 1)
  for (const call of calls) jsonBytes += Buffer.byteLength(JSON.stringify(call))
  return { calls, jsonBytes }
}

/** The same answer the calls page asks for: total, the first `limit` rows newest first, tag counts. */
export function naiveQuery(all: NaiveCalls, filter: CallFilterInput, limit: number) {
  const matches = all.calls.filter(
    (c) =>
      (filter.taskId === undefined || c.taskId === filter.taskId) &&
      (filter.tags ?? []).every((tag) => c.results.some(([n, v]) => n === tag.name && tag.values.includes(v))) &&
      (filter.durationMin === undefined || c.durationSec >= filter.durationMin) &&
      (filter.durationMax === undefined || c.durationSec <= filter.durationMax) &&
      (!filter.finishStatus?.length || filter.finishStatus.includes(c.finishStatus)) &&
      (filter.reviewState === undefined || (filter.reviewState === 'reviewed') === (c.verdict !== null)) &&
      (!filter.text || c.searchable.includes(filter.text)),
  )
  const page = [...matches]
    .sort((a, b) => (a.startTime < b.startTime ? 1 : a.startTime > b.startTime ? -1 : b.id - a.id))
    .slice(0, limit)
  const facets = new Map<string, number>()
  for (const c of matches) for (const [n, v] of c.results) facets.set(`${n}\n${v}`, (facets.get(`${n}\n${v}`) ?? 0) + 1)
  return { total: matches.length, page, facets }
}
