// Prints how long the list queries take over 100,000 cached calls (no timing asserts: the
// numbers depend on the machine) and checks each query's exact total. The sync write path is timed on 5,000 calls through the public
// API; the other 95,000 go in by bulk SQL from a second connection, 10,000 per transaction, so
// the test stays well under 30 s on a slow two-core machine.
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import type { CallFacets, CallFilterInput, CallSortInput } from '../../shared/contract/calls'
import type { CallSummary } from '../../shared/contract/domain'
import { bulkInsertCalls } from '../../test-support/cache-bulk-fixture'
import {
  intent,
  makeDetail,
  makeSummary,
  makeTask,
  openTempCache,
  SYNTHETIC_LEVELS,
  SYNTHETIC_PHRASES,
} from '../../test-support/cache-fixtures'

const CALLS = 100_000
const TASKS = 10
const API_CALLS = 5000
const PAGE = 1000
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
    bulkInsertCalls(cache.path, {
      from: API_CALLS + 1,
      to: CALLS,
      taskIdSql: `(id - 1) / ${PAGE} % ${TASKS} + 1`,
      linesPerCall: 3,
      recordingUrls: true,
    })
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

    // The expected totals come from the generator's parameters where they fix them, and otherwise
    // from plain SQL over the raw tables on a second connection (results by name and value, text by
    // instr): neither goes through the filter builder, the tag sets or the search indexes under test.
    const raw = new Database(cache.path, { readonly: true })
    raw.prepare('ATTACH DATABASE ? AS rv').run(cache.reviewsPath)
    const count = (where: string, ...params: unknown[]): number =>
      (raw.prepare(`SELECT count(*) AS n FROM calls WHERE ${where}`).get(...params) as { n: number }).n
    const tagged = (name: string, values: string[]): string =>
      `call_id IN (SELECT call_id FROM call_results WHERE name = '${name}' AND value IN (${values.map((v) => `'${v}'`).join(', ')}))`
    const says = (text: string): string =>
      `(instr(customer_name, '${text}') > 0 OR instr(customer_telephone, '${text}') > 0
        OR call_id IN (SELECT call_id FROM transcript_lines WHERE instr(content, '${text}') > 0)
        OR call_id IN (SELECT call_id FROM rv.reviews WHERE instr(text, '${text}') > 0 OR instr(comments, '${text}') > 0))`
    const perTask = CALLS / TASKS
    const reviewed = CALLS / REVIEW_EVERY
    const intentA = count(tagged('客户意向等级', ['A级(较强)']))
    const failed = count(`call_id IN (SELECT call_id FROM rv.reviews WHERE verdict = 'fail')`)
    // Reviews go to ids 1, 251, 501, …; every third of them (id ≡ 1 mod 750) carries the note.
    const withNote = Math.floor((CALLS - 1) / (REVIEW_EVERY * 3)) + 1
    const lastAi = raw.prepare('SELECT content FROM transcript_lines WHERE ord = 2 LIMIT 1').pluck().get() as string

    const newest: CallSortInput = { field: 'startTime', direction: 'desc' }
    const page = { offset: 0, limit: 50 }
    const cases: [string, number, CallFilterInput, CallSortInput?, { offset: number; limit: number }?][] = [
      ['no filter, newest first, page 1', CALLS, {}],
      ['no filter, page at offset 50,000', CALLS, {}, newest, { offset: 50_000, limit: 50 }],
      ['no filter, 500 rows', CALLS, {}, newest, { offset: 0, limit: 500 }],
      ['one task, newest first', perTask, { taskId: 3 }],
      ['one task, longest first', perTask, { taskId: 3 }, { field: 'durationSec', direction: 'desc' }],
      ['intent A', intentA, { tags: [{ name: '客户意向等级', values: ['A级(较强)'] }] }],
      [
        'intent A or B, has house, one task',
        count(
          `task_id = 3 AND ${tagged('客户意向等级', ['A级(较强)', 'B级(一般)'])} AND ${tagged('是否有房', ['是'])}`,
        ),
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
        count('duration_sec BETWEEN 60 AND 120 AND chat_round >= 5 AND finish_status = 0'),
        { durationMin: 60, durationMax: 120, chatRoundMin: 5, finishStatus: [0] },
      ],
      [
        'start time one day',
        count(`substr(start_time, 1, 10) = '2026-03-10'`),
        { startFrom: '2026-03-10', startTo: '2026-03-10' },
      ],
      ['text ≥3 chars (FTS), common: 价格太贵', count(says('价格太贵')), { text: '价格太贵' }],
      ['text ≥3 chars (FTS), rare: 语气生硬 (notes only)', withNote, { text: '语气生硬' }],
      // 138 and the id zero-padded to 8 digits: only call 12,345 holds 0012345.
      ['text ≥3 chars (FTS), phone digits', 1, { text: '0012345' }],
      ['text 2 chars (bigrams), all calls: 微信', count(says('微信')), { text: '微信' }],
      ['text 2 chars (bigrams), one task: 微信', count(`task_id = 3 AND ${says('微信')}`), { taskId: 3, text: '微信' }],
      [
        'text 1 char (bigrams), one task + intent A: 车',
        count(`task_id = 3 AND ${tagged('客户意向等级', ['A级(较强)'])} AND ${says('车')}`),
        { taskId: 3, tags: [{ name: '客户意向等级', values: ['A级(较强)'] }], text: '车' },
      ],
      ['reviewed', reviewed, { reviewState: 'reviewed' }],
      ['unreviewed', CALLS - reviewed, { reviewState: 'unreviewed' }],
      ['verdict fail', failed, { verdicts: ['fail'] }],
      ['sorted by review time', CALLS, {}, { field: 'updatedAt', direction: 'desc' }],
      ['sorted by customer name', CALLS, {}, { field: 'customerName', direction: 'asc' }],
      // Conversation facts: every call here has 3 lines that never overlap, hung up by the customer.
      ['has barge-in (none here)', 0, { hasBargeIn: true }],
      [
        'hung up by customer + last AI line (a drop-off bar)',
        count(`call_id IN (SELECT call_id FROM transcript_lines WHERE ord = 2 AND content = ?)`, lastAi),
        { hungUpBy: 'customer', lastAiLine: lastAi },
      ],
      [
        'intent level unchecked',
        count(`call_id IN (SELECT call_id FROM call_results WHERE name = '客户意向等级')`),
        { tagChecks: [{ name: '客户意向等级', state: 'unchecked' }] },
      ],
    ]
    // Counts that are all or nothing would not tell a wrong filter from a right one.
    for (const [label, expected] of cases.slice(5, 15)) {
      expect(expected, label).toBeGreaterThan(0)
      expect(expected, label).toBeLessThan(CALLS)
    }
    for (const [label, expected, filter, sort = newest, p = page] of cases) {
      const result = time(`queryCalls: ${label}`, () => cache.queryCalls(filter, sort, p)) as { total: number }
      expect(result.total, label).toBe(expected)
    }
    const all = time('queryCalls (again, warm): no filter', () => cache.queryCalls({}, newest, page)) as {
      total: number
    }
    expect(all.total).toBe(CALLS)
    const facets = time('facets: no filter', () => cache.facets({})) as CallFacets
    expect(facets.total).toBe(CALLS)
    // One intent per call, API-written and bulk-written alike: the counts add up to every call.
    const intents = facets.results.find((f) => f.name === '客户意向等级')?.values ?? []
    expect(intents.reduce((sum, v) => sum + v.count, 0)).toBe(CALLS)
    expect(intents.find((v) => v.value === 'A级(较强)')?.count).toBe(intentA)
    time('facets: one task + intent A + has house', () =>
      cache.facets({
        taskId: 3,
        tags: [
          { name: '客户意向等级', values: ['A级(较强)'] },
          { name: '是否有房', values: ['是'] },
        ],
      }),
    )
    time('facets: text 2 chars (bigrams)', () => cache.facets({ text: '微信' }))
    const facts = time('facets: hung up by customer', () => cache.facets({ hungUpBy: 'customer' })) as CallFacets
    expect(facts.facts).toEqual({ bargeIn: 0, aiUnknown: 0, hungUpByCustomer: CALLS, hungUpByAi: 0 })
    time('listTasks with sync stats (10 tasks × 10,000 calls)', () => cache.listTasks())
    time('getCall', () => cache.getCall(54_321))
    expect(cache.integrityCheck()).toEqual({ cache: ['ok'], reviews: ['ok'] })
    raw.close()
    cache.close()
  })
})
