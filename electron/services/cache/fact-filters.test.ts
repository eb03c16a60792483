import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { CallFilterInput } from '../../shared/contract/calls'
import type { CallResult, TranscriptLine } from '../../shared/contract/domain'
import { registerBigramFunction } from './bigrams'
import { cacheMigrations } from './cache-schema'
import { CallCache } from './call-cache'
import { migrate } from './migrations'
import { intent, makeDetail, makeSummary, openTempCache, tempDir } from '../../test-support/cache-fixtures'

const ASC = { field: 'startTime', direction: 'asc' } as const

function line(
  index: number,
  speaker: 'ai' | 'customer',
  startMs: number,
  endMs: number,
  extra: Partial<TranscriptLine> = {},
): TranscriptLine {
  return {
    index,
    speaker,
    content: `${speaker}${index}`,
    startMs,
    endMs,
    inferred: false,
    userMean: null,
    aiUnknown: speaker === 'ai' ? false : null,
    ...extra,
  }
}

/**
 * Hand-made calls of task 1 (start times in id order):
 * 1: a barge-in (customer 1500 over AI to 2000), AI latency 500, longest silence 500, hung up by the customer;
 * 2: a 6 s silence, an aiUnknown line, AI latency 1200, hung up by the AI;
 * 3: one AI line 'bye' only (no latency, no silence), the customer hung up;
 * 4: the AI answers 100 ms early (latency -100, no barge-in), an aiUnknown line, last line 'bye', customer;
 * 5: listed only (no detail); 6: a barge-in, then its list row changed (facts no longer known).
 */
function seeded(): CallCache {
  const { cache } = openTempCache()
  const details = [
    [[line(0, 'ai', 0, 2000), line(1, 'customer', 1500, 3000), line(2, 'ai', 3500, 5000, { content: 'L1b' })], 1],
    [
      [
        line(0, 'ai', 0, 2000),
        line(1, 'customer', 8000, 9000),
        line(2, 'ai', 10200, 11000, { aiUnknown: true, content: 'L2b' }),
      ],
      0,
    ],
    [[line(0, 'ai', 0, 1000, { content: 'bye' })], 1],
    [
      [
        line(0, 'ai', 0, 2000),
        line(1, 'customer', 2100, 3000),
        line(2, 'ai', 2900, 4000, { aiUnknown: true, content: 'bye' }),
      ],
      1,
    ],
  ] as const
  const summaries = [1, 2, 3, 4, 5, 6].map((id) => makeSummary(id, { startTime: `2026-03-02 10:0${id}:00` }))
  cache.upsertCallSummaries(1, summaries)
  details.forEach(([lines, hangUp], i) =>
    cache.saveCallDetail(makeDetail(summaries[i]!, [], { transcript: [...lines], hangUp })),
  )
  cache.saveCallDetail(
    makeDetail(summaries[5]!, [], { transcript: [line(0, 'ai', 0, 2000), line(1, 'customer', 1000, 3000)] }),
  )
  cache.upsertCallSummaries(1, [{ ...summaries[5]!, durationSec: 99 }])
  return cache
}

const ids = (cache: CallCache, filter: CallFilterInput) =>
  cache.queryCalls(filter, ASC, { limit: 100 }).rows.map((row) => row.callInstanceId)

describe('conversation-fact filters', () => {
  it('find the calls with and without a barge-in or an aiUnknown line, leaving out calls not measured', () => {
    const cache = seeded()
    expect(ids(cache, { hasBargeIn: true })).toEqual([1])
    expect(ids(cache, { hasBargeIn: false })).toEqual([2, 3, 4])
    expect(ids(cache, { hasAiUnknown: true })).toEqual([2, 4])
    expect(ids(cache, { hasAiUnknown: false })).toEqual([1, 3])
    expect(cache.queryCalls({ hasBargeIn: true }).total).toBe(1)
    cache.close()
  })

  it('bound the longest silence and the slowest AI answer, negative latencies included', () => {
    const cache = seeded()
    expect(ids(cache, { silenceMinMs: 5000 })).toEqual([2])
    expect(ids(cache, { silenceMaxMs: 500 })).toEqual([1, 4]) // call 3 has no silence at all
    expect(ids(cache, { silenceMinMs: 100, silenceMaxMs: 100 })).toEqual([4])
    expect(ids(cache, { aiLatencyMinMs: 1000 })).toEqual([2])
    expect(ids(cache, { aiLatencyMaxMs: 0 })).toEqual([4])
    expect(ids(cache, { aiLatencyMinMs: -100, aiLatencyMaxMs: 500 })).toEqual([1, 4])
    cache.close()
  })

  it('select who hung up and the last AI line, and combine with each other and the existing filters', () => {
    const cache = seeded()
    expect(ids(cache, { hungUpBy: 'customer' })).toEqual([1, 3, 4]) // call 6 hung up too, but is not measured now
    expect(ids(cache, { hungUpBy: 'ai' })).toEqual([2])
    expect(ids(cache, { lastAiLine: 'bye' })).toEqual([3, 4])
    expect(ids(cache, { lastAiLine: 'bye', hungUpBy: 'customer', hasAiUnknown: true })).toEqual([4])
    expect(ids(cache, { hasBargeIn: false, startFrom: '2026-03-02 10:03:00', taskId: 1 })).toEqual([3, 4])
    expect(ids(cache, { hasBargeIn: false, taskId: 2 })).toEqual([])
    cache.close()
  })

  it('are counted in the facets among the calls of the whole filter', () => {
    const cache = seeded()
    expect(cache.facets({}).facts).toEqual({ bargeIn: 1, aiUnknown: 2, hungUpByCustomer: 3, hungUpByAi: 1 })
    expect(cache.facets({ hasAiUnknown: true })).toMatchObject({
      total: 2,
      facts: { bargeIn: 0, aiUnknown: 2, hungUpByCustomer: 1, hungUpByAi: 1 },
    })
    cache.close()
  })

  it('follow a call whose detail is stored again: its facts are those of the new transcript', () => {
    const cache = seeded()
    cache.saveCallDetail(
      makeDetail(makeSummary(6, { startTime: '2026-03-02 10:06:00', durationSec: 99 }), [], {
        transcript: [line(0, 'ai', 0, 2000), line(1, 'customer', 2500, 3000)],
      }),
    )
    expect(ids(cache, { hasBargeIn: false })).toEqual([2, 3, 4, 6])
    expect(ids(cache, { hasBargeIn: true })).toEqual([1])
    cache.close()
  })

  it('"next call with a problem" skips calls without a barge-in, an aiUnknown line or a 5 s silence', () => {
    const cache = seeded()
    expect(cache.neighbour({}, ASC, 1, 'next', true)).toEqual({ callInstanceId: 2, position: 1 })
    expect(cache.neighbour({}, ASC, 2, 'next', true)).toEqual({ callInstanceId: 4, position: 3 })
    expect(cache.neighbour({}, ASC, 4, 'next', true)).toBeNull()
    expect(cache.neighbour({}, ASC, 4, 'previous', true)).toEqual({ callInstanceId: 2, position: 1 })
    // Within the filter, and its position is the call's place in the whole filtered list.
    expect(cache.neighbour({ hungUpBy: 'customer' }, ASC, 1, 'next', true)).toEqual({ callInstanceId: 4, position: 2 })
    expect(cache.neighbour({}, ASC, 2, 'next')).toEqual({ callInstanceId: 3, position: 2 })
    cache.close()
  })
})

const house = (value: string): CallResult => ({ name: '关注点', value, desc: null })

/**
 * Task 2: 11 intent A confirmed; 12 intent B corrected to A; 13 intent C, no review; 14 intent A,
 * a review without checks; 15 no intent, the reviewer added B (missed); 16 关注点 价格 (confirmed) and
 * 服务 (unchecked).
 */
function reviewed(): CallCache {
  const { cache } = openTempCache()
  const results: CallResult[][] = [
    [intent('A')],
    [intent('B')],
    [intent('C')],
    [intent('A')],
    [],
    [house('价格'), house('服务')],
  ]
  cache.upsertCallSummaries(
    2,
    results.map((r, i) => makeSummary(11 + i, { taskId: 2, results: r, startTime: `2026-03-02 10:1${i}:00` })),
  )
  const name = '客户意向等级'
  cache.saveReview({
    callInstanceId: 11,
    tagChecks: [{ name, robotValue: 'A', status: 'confirmed', correctedValue: null }],
  })
  cache.saveReview({
    callInstanceId: 12,
    tagChecks: [{ name, robotValue: 'B', status: 'corrected', correctedValue: 'A' }],
  })
  cache.saveReview({ callInstanceId: 14, verdict: 'pass' })
  cache.saveReview({ callInstanceId: 15, tagChecks: [{ name, robotValue: '', status: 'missed', correctedValue: 'B' }] })
  cache.saveReview({
    callInstanceId: 16,
    tagChecks: [{ name: '关注点', robotValue: '价格', status: 'confirmed', correctedValue: null }],
  })
  return cache
}

describe('the tag-check filter', () => {
  const name = '客户意向等级'

  it('finds the calls by the state of their check of a name', () => {
    const cache = reviewed()
    expect(ids(cache, { tagChecks: [{ name }] })).toEqual([11, 12, 15])
    expect(ids(cache, { tagChecks: [{ name, state: 'confirmed' }] })).toEqual([11])
    expect(ids(cache, { tagChecks: [{ name, state: 'corrected' }] })).toEqual([12])
    expect(ids(cache, { tagChecks: [{ name, state: 'missed' }] })).toEqual([15])
    expect(ids(cache, { tagChecks: [{ name, state: 'unchecked' }] })).toEqual([13, 14])
    cache.close()
  })

  it('narrows to one cell of the confusion matrix by robot and reviewer value', () => {
    const cache = reviewed()
    expect(ids(cache, { tagChecks: [{ name, robotValue: 'B', reviewerValue: 'A' }] })).toEqual([12])
    expect(ids(cache, { tagChecks: [{ name, reviewerValue: 'A' }] })).toEqual([11, 12]) // confirmed A is A too
    expect(ids(cache, { tagChecks: [{ name, robotValue: 'A', reviewerValue: 'A' }] })).toEqual([11])
    expect(ids(cache, { tagChecks: [{ name, state: 'missed', reviewerValue: 'B' }] })).toEqual([15])
    expect(ids(cache, { tagChecks: [{ name, state: 'unchecked', robotValue: 'A' }] })).toEqual([14])
    expect(ids(cache, { tagChecks: [{ name, state: 'unchecked', reviewerValue: 'A' }] })).toEqual([])
    cache.close()
  })

  it('judges each value of a many-valued name on its own, and requires every entry', () => {
    const cache = reviewed()
    expect(ids(cache, { tagChecks: [{ name: '关注点', state: 'unchecked' }] })).toEqual([16])
    expect(ids(cache, { tagChecks: [{ name: '关注点', state: 'unchecked', robotValue: '价格' }] })).toEqual([])
    expect(ids(cache, { tagChecks: [{ name: '关注点', state: 'unchecked', robotValue: '服务' }] })).toEqual([16])
    expect(ids(cache, { tagChecks: [{ name: '关注点', state: 'confirmed' }] })).toEqual([16])
    expect(ids(cache, { tagChecks: [{ name }, { name, reviewerValue: 'A' }] })).toEqual([11, 12])
    expect(ids(cache, { tagChecks: [{ name }, { name: '关注点' }] })).toEqual([])
    expect(ids(cache, { tagChecks: [{ name, state: 'unchecked' }], reviewState: 'reviewed' })).toEqual([14])
    expect(cache.queryCalls({ tagChecks: [{ name }] }).total).toBe(3)
    cache.close()
  })

  it('counts the checks per name and state among the filtered calls', () => {
    const cache = reviewed()
    expect(cache.facets({ taskId: 2 }).tagChecks).toEqual([
      { name: '关注点', confirmed: 1, corrected: 0, missed: 0 },
      { name, confirmed: 1, corrected: 1, missed: 1 },
    ])
    expect(cache.facets({ tags: [{ name, values: ['B'] }] }).tagChecks).toEqual([
      { name, confirmed: 0, corrected: 1, missed: 0 },
    ])
    cache.close()
  })
})

describe('the cache migration to version 5', () => {
  it('fills in the facts of every call already stored with its detail', () => {
    const dir = tempDir()
    mkdirSync(join(dir, 'p'))
    const path = join(dir, 'p', 'cache.db')
    const old = new Database(path)
    registerBigramFunction(old)
    migrate(old, cacheMigrations.slice(0, 4), path)
    const insertCall = old.prepare(
      `INSERT INTO calls (call_id, task_id, fingerprint, listed_at, hang_up, start_time, detail_fetched_at)
       VALUES (?, 1, 'f', 'now', ?, ?, ?)`,
    )
    const insertLine = old.prepare(
      `INSERT INTO transcript_lines (call_id, ord, line_index, speaker, content, start_ms, end_ms, inferred, ai_unknown)
       VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)`,
    )
    insertCall.run(1, 1, '2026-03-02 10:01:00', 'then')
    insertLine.run(1, 0, 0, 'ai', '您好', 0, 2000, 0)
    insertLine.run(1, 1, 1, 'customer', '不需要', 1000, 2500, null)
    insertCall.run(2, 0, '2026-03-02 10:02:00', 'then')
    insertLine.run(2, 0, 0, 'ai', '您好', 0, 2000, 0)
    insertLine.run(2, 1, 1, 'customer', '什么', 9000, 9500, null)
    insertLine.run(2, 2, 2, 'ai', '抱歉没听清', 9800, 11000, 1)
    insertCall.run(3, 1, '2026-03-02 10:03:00', null) // listed only
    old.close()

    const cache = new CallCache(path)
    expect(ids(cache, { hasBargeIn: true })).toEqual([1])
    expect(ids(cache, { hasAiUnknown: true, silenceMinMs: 7000, aiLatencyMinMs: 300 })).toEqual([2])
    expect(ids(cache, { lastAiLine: '您好', hungUpBy: 'customer' })).toEqual([1])
    expect(cache.facets({}).facts).toEqual({ bargeIn: 1, aiUnknown: 1, hungUpByCustomer: 1, hungUpByAi: 1 })
    cache.close()
  })
})
