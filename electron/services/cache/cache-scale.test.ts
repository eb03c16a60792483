// Prints how long the list queries take over 100,000 cached calls (no timing asserts: the
// numbers depend on the machine). The sync write path is timed on 5,000 calls through the public
// API; the other 95,000 go in by bulk SQL from a second connection, 10,000 per transaction, so
// the test stays well under 30 s on a slow two-core machine.
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import type { CallFilterInput, CallSortInput } from '../../shared/contract/calls'
import type { CallSummary } from '../../shared/contract/domain'
import {
  intent,
  makeDetail,
  makeSummary,
  makeTask,
  openTempCache,
  SYNTHETIC_LEVELS,
  SYNTHETIC_PHRASES,
} from './test-fixtures'

const CALLS = 100_000
const TASKS = 10
const API_CALLS = 5000
const PAGE = 1000
const BULK_BATCH = 10_000
const REVIEW_EVERY = 250
const LEVELS = SYNTHETIC_LEVELS
const PHRASES = SYNTHETIC_PHRASES

function prng(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function time(label: string, fn: () => unknown): unknown {
  const started = performance.now()
  const result = fn()
  console.log(`${label.padEnd(58)} ${(performance.now() - started).toFixed(1).padStart(8)} ms`)
  return result
}

describe('the cache at 100,000 calls', () => {
  it('answers list queries and facets quickly (timings printed)', { timeout: 120_000 }, () => {
    const { cache } = openTempCache()
    const random = prng(42)
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!
    cache.upsertTasks(Array.from({ length: TASKS }, (_, i) => makeTask(i + 1)))

    let started = performance.now()
    for (let from = 1; from <= API_CALLS; from += PAGE) {
      const taskId = (Math.floor((from - 1) / PAGE) % TASKS) + 1
      const page: CallSummary[] = []
      for (let id = from; id < from + PAGE; id++) {
        const day = String(1 + Math.floor(random() * 28)).padStart(2, '0')
        const hour = String(8 + Math.floor(random() * 10)).padStart(2, '0')
        page.push(
          makeSummary(id, {
            taskId,
            durationSec: Math.floor(random() * 300),
            chatRound: Math.floor(random() * 20),
            finishStatus: random() < 0.7 ? 0 : Math.floor(random() * 10),
            startTime: `2026-03-${day} ${hour}:${String(id % 60).padStart(2, '0')}:00`,
            results: [
              intent(pick(LEVELS)),
              { name: '是否有房', value: random() < 0.3 ? '是' : '否', desc: null },
              { name: '渠道', value: pick(['官网', '短信', '转介绍']), desc: null },
            ],
          }),
        )
      }
      cache.transaction(() => {
        cache.upsertCallSummaries(taskId, page)
        for (const summary of page) {
          cache.saveCallDetail(makeDetail(summary, [pick(PHRASES), pick(PHRASES), pick(PHRASES)]))
        }
      })
    }
    const apiMs = performance.now() - started
    console.log(
      `sync write path: ${API_CALLS} calls (list page + detail, 3 results, 3 lines) in ${apiMs.toFixed(0)} ms = ${((apiMs * 1000) / API_CALLS).toFixed(0)} µs a call`,
    )

    started = performance.now()
    bulkInsert(cache.path, API_CALLS + 1, CALLS)
    console.log(`bulk SQL: ${CALLS - API_CALLS} more calls in ${((performance.now() - started) / 1000).toFixed(1)} s`)
    started = performance.now()
    // Each save is fsynced (synchronous=FULL), so this is also the price of durability.
    for (let id = 1; id <= CALLS; id += REVIEW_EVERY) {
      cache.saveReview({
        callInstanceId: id,
        verdict: pick(['pass', 'fail', 'follow_up'] as const),
        text: id % (REVIEW_EVERY * 3) === 1 ? '语气生硬需要复核' : '',
      })
    }
    const reviewMs = performance.now() - started
    console.log(
      `${CALLS / REVIEW_EVERY} reviews saved one by one in ${reviewMs.toFixed(0)} ms = ${(reviewMs / (CALLS / REVIEW_EVERY)).toFixed(1)} ms each`,
    )
    expect(cache.countCalls(3)).toBe(CALLS / TASKS)
    expect(cache.callsNeedingDetail(3)).toEqual([])

    const newest: CallSortInput = { field: 'startTime', direction: 'desc' }
    const page = { offset: 0, limit: 50 }
    const cases: [string, CallFilterInput, CallSortInput?, { offset: number; limit: number }?][] = [
      ['no filter, newest first, page 1', {}],
      ['no filter, page at offset 50,000', {}, newest, { offset: 50_000, limit: 50 }],
      ['no filter, 500 rows', {}, newest, { offset: 0, limit: 500 }],
      ['one task, newest first', { taskId: 3 }],
      ['one task, longest first', { taskId: 3 }, { field: 'durationSec', direction: 'desc' }],
      ['intent A', { tags: [{ name: '客户意向等级', values: ['A级(较强)'] }] }],
      [
        'intent A or B, has house, one task',
        {
          taskId: 3,
          tags: [
            { name: '客户意向等级', values: ['A级(较强)', 'B级(一般)'] },
            { name: '是否有房', values: ['是'] },
          ],
        },
      ],
      [
        'duration 60–120 s, rounds ≥ 5, answered',
        { durationMin: 60, durationMax: 120, chatRoundMin: 5, finishStatus: [0] },
      ],
      ['start time one day', { startFrom: '2026-03-10', startTo: '2026-03-10' }],
      ['text ≥3 chars (FTS), common: 价格太贵', { text: '价格太贵' }],
      ['text ≥3 chars (FTS), rare: 语气生硬 (notes only)', { text: '语气生硬' }],
      ['text ≥3 chars (FTS), phone digits', { text: '0012345' }],
      ['text 2 chars (LIKE), all calls: 微信', { text: '微信' }],
      ['text 2 chars (LIKE), one task: 微信', { taskId: 3, text: '微信' }],
      [
        'text 1 char (LIKE), one task + intent A: 车',
        { taskId: 3, tags: [{ name: '客户意向等级', values: ['A级(较强)'] }], text: '车' },
      ],
      ['reviewed', { reviewState: 'reviewed' }],
      ['unreviewed', { reviewState: 'unreviewed' }],
      ['verdict fail', { verdicts: ['fail'] }],
      ['sorted by review time', {}, { field: 'updatedAt', direction: 'desc' }],
      ['sorted by customer name', {}, { field: 'customerName', direction: 'asc' }],
    ]
    for (const [label, filter, sort = newest, p = page] of cases) {
      const result = time(`queryCalls: ${label}`, () => cache.queryCalls(filter, sort, p)) as { total: number }
      expect(result.total).toBeGreaterThanOrEqual(0)
    }
    const all = time('queryCalls (again, warm): no filter', () => cache.queryCalls({}, newest, page)) as {
      total: number
    }
    expect(all.total).toBe(CALLS)
    time('facets: no filter', () => cache.facets({}))
    time('facets: one task + intent A + has house', () =>
      cache.facets({
        taskId: 3,
        tags: [
          { name: '客户意向等级', values: ['A级(较强)'] },
          { name: '是否有房', values: ['是'] },
        ],
      }),
    )
    time('facets: text 2 chars (LIKE)', () => cache.facets({ text: '微信' }))
    time('listTasks with sync stats (10 tasks × 10,000 calls)', () => cache.listTasks())
    time('getCall', () => cache.getCall(54_321))
    expect(cache.integrityCheck()).toEqual({ cache: ['ok'], reviews: ['ok'] })
    cache.close()
  })
})

/**
 * Calls from..to with the same shape as the API path's (3 results, 3 transcript lines from
 * PHRASES, spread over 10 tasks and March 2026), generated inside SQLite from the id.
 */
function bulkInsert(path: string, from: number, to: number): void {
  const db = new Database(path)
  db.pragma('busy_timeout = 5000')
  const levels = JSON.stringify(LEVELS)
  const phrases = JSON.stringify(PHRASES)
  const batch = db.transaction((lo: number, hi: number) => {
    db.prepare(
      `WITH RECURSIVE ids(id) AS (SELECT ? UNION ALL SELECT id + 1 FROM ids WHERE id < ?),
       h(id, x) AS (SELECT id, (id * 2654435761) % 4294967291 FROM ids)
       INSERT INTO calls (call_id, task_id, customer_name, customer_telephone, status, finish_status, duration_sec,
         chat_round, start_time, end_time, caller_phone, recording_url, redial_times, fingerprint, listed_at,
         hang_up, call_type, properties, detail_fetched_at)
       SELECT id, (id - 1) / ${PAGE} % ${TASKS} + 1, '客户' || id, printf('138%08d', id), 2,
         CASE WHEN x % 10 < 7 THEN 0 ELSE x % 10 END, x % 300, (x / 300) % 20,
         printf('2026-03-%02d %02d:%02d:00', 1 + (x / 7) % 28, 8 + (x / 11) % 10, id % 60), NULL, '02100000000',
         'https://oss.example/rec/' || id || '.mp3', 0, 'bulk', '2026-03-31T00:00:00Z', 1, 1, '{}', '2026-03-31T00:00:00Z'
       FROM h`,
    ).run(lo, hi)
    db.prepare(
      `INSERT INTO call_results (call_id, ord, name, value, description)
       SELECT call_id, 0, '客户意向等级', json_extract(?, '$[' || ((call_id * 31) % 6) || ']'), NULL FROM calls WHERE call_id BETWEEN ? AND ?
       UNION ALL SELECT call_id, 1, '是否有房', CASE WHEN call_id % 10 < 3 THEN '是' ELSE '否' END, NULL FROM calls WHERE call_id BETWEEN ? AND ?
       UNION ALL SELECT call_id, 2, '渠道', json_extract('["官网","短信","转介绍"]', '$[' || (call_id % 3) || ']'), NULL FROM calls WHERE call_id BETWEEN ? AND ?`,
    ).run(levels, lo, hi, lo, hi, lo, hi)
    db.prepare(
      `INSERT INTO transcript_lines (call_id, ord, line_index, speaker, content, start_ms, end_ms, inferred)
       SELECT c.call_id, n.value, n.value, CASE n.value WHEN 1 THEN 'customer' ELSE 'ai' END,
         json_extract(?, '$[' || ((c.call_id * (n.value + 7) * 13) % ${PHRASES.length}) || ']'), n.value * 3000, n.value * 3000 + 2500, 0
       FROM calls c, json_each('[0,1,2]') n WHERE c.call_id BETWEEN ? AND ?`,
    ).run(phrases, lo, hi)
    db.prepare(
      `UPDATE calls_fts SET transcript = (SELECT group_concat(content, char(10)) FROM transcript_lines t WHERE t.call_id = calls_fts.rowid)
       WHERE rowid BETWEEN ? AND ?`,
    ).run(lo, hi)
  })
  for (let lo = from; lo <= to; lo += BULK_BATCH) batch(lo, Math.min(to, lo + BULK_BATCH - 1))
  db.close()
}
