// The typed-array counts (count-columns.ts) must equal the SQL counts exactly, on any filter they
// answer, and stay equal after a sync's upserts, review saves, removals and this connection's own
// writes (each moves a different part of the data version).
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { callFilterSchema, type CallFilter, type CallFilterInput } from '../../shared/contract/calls'
import type { CallCache } from './call-cache'
import { CountColumns, columnsCanCount } from './count-columns'
import { openDatabase, type Db } from './database'
import { DataVersion } from './data-version'
import { SearchMatches } from './search-matches'
import { MatchCounts, callsCounted, scanSets } from './match-counts'
import type { SetCount } from './set-count'
import { assignAllTagSets } from './tag-sets'
import { bulkInsertCalls, BULK_INTENT } from '../../test-support/cache-bulk-fixture'
import { SYNTHETIC_LEVELS, intent, makeSummary, openTempCache } from '../../test-support/cache-fixtures'

const CALLS = 3000

const TAGS: [string, string[]][] = [
  [BULK_INTENT, [...SYNTHETIC_LEVELS]],
  ['是否有房', ['是', '否']],
  ['渠道', ['官网', '短信', '转介绍']],
]

const bounds = (max: number, min = 0) => fc.option(fc.integer({ min, max }), { nil: undefined })

const filters: fc.Arbitrary<CallFilterInput> = fc.record(
  {
    taskId: fc.integer({ min: 1, max: 4 }),
    tags: fc
      .subarray(TAGS)
      .chain((names) =>
        fc.tuple(
          ...names.map(([name, values]) => fc.subarray(values, { minLength: 1 }).map((v) => ({ name, values: v }))),
        ),
      ),
    durationMin: bounds(300),
    durationMax: bounds(300),
    chatRoundMin: bounds(20),
    chatRoundMax: bounds(20),
    finishStatus: fc.subarray([0, 3, 5, 7, 9]),
    reviewState: fc.constantFrom('reviewed' as const, 'unreviewed' as const),
    hasBargeIn: fc.boolean(),
    hasAiUnknown: fc.boolean(),
    silenceMinMs: bounds(5000),
    silenceMaxMs: bounds(5000),
    aiLatencyMinMs: bounds(3000, -600),
    aiLatencyMaxMs: bounds(3000, -600),
    hungUpBy: fc.constantFrom('ai' as const, 'customer' as const),
    // Trigram and bigram terms, names and phones, a note; two terms must both match.
    text: fc.constantFrom('价格太贵', '价格', '贵', '您好 再见', '客户12', '13800000', '备注', '没有的词'),
  },
  { requiredKeys: [] },
)

const byId = (sets: readonly SetCount[]) => [...sets].sort((a, b) => (a.id ?? -1) - (b.id ?? -1))

/** The columns' counts beside the SQL ones, for the whole filter and with each tag name left out. */
function expectSame(db: Db, search: SearchMatches, columns: CountColumns, input: CallFilterInput): void {
  const filter: CallFilter = callFilterSchema.parse(input)
  search.prepare(filter.text)
  for (const exclude of [undefined, ...(filter.tags ?? []).map((t) => t.name)]) {
    const counted = columns.count(filter, exclude)
    expect(counted, JSON.stringify(filter)).not.toBeNull()
    expect(byId(counted!), JSON.stringify([filter, exclude])).toEqual(byId(scanSets(db, filter, exclude)))
  }
}

describe('count columns', () => {
  let cache: CallCache
  let db: Db
  let columns: CountColumns
  let search: SearchMatches

  beforeAll(() => {
    cache = openTempCache().cache
    bulkInsertCalls(cache.path, { from: 1, to: CALLS, taskIdSql: '1 + id % 3', linesPerCall: 4 })
    // Every state SQL distinguishes: NULLs (no detail, no duration…), no results, facts of each sign.
    db = openDatabase(cache.path, 'NORMAL')
    db.prepare('ATTACH DATABASE ? AS rv').run(cache.reviewsPath)
    db.exec(`DELETE FROM call_results WHERE call_id % 5 = 0`)
    assignAllTagSets(db)
    db.exec(`UPDATE calls SET tag_set_id = NULL WHERE call_id % 23 = 0;
      UPDATE calls SET hang_up = CASE WHEN call_id % 4 = 0 THEN NULL ELSE call_id % 2 END;
      UPDATE calls SET barge_ins = call_id % 3, ai_unknown_lines = (call_id / 3) % 2,
        max_silence_ms = (call_id * 7) % 5000, ai_latency_max_ms = (call_id * 13) % 3000 - 500;
      UPDATE calls SET barge_ins = NULL, ai_unknown_lines = NULL, max_silence_ms = NULL, ai_latency_max_ms = NULL
        WHERE call_id % 9 = 0;
      UPDATE calls SET duration_sec = NULL WHERE call_id % 11 = 0;
      UPDATE calls SET finish_status = NULL WHERE call_id % 13 = 0;
      UPDATE calls SET chat_round = NULL WHERE call_id % 17 = 0;`)
    for (let id = 1; id <= CALLS; id += 7) cache.saveReview({ callInstanceId: id, verdict: id % 2 ? 'pass' : 'fail' })
    cache.saveReview({ callInstanceId: 2, verdict: null, text: '只有备注' }) // a note alone: not reviewed
    cache.saveReview({ callInstanceId: 30, verdict: null, text: '备注里有价格' })
    const version = new DataVersion(db)
    columns = new CountColumns(db, version)
    search = new SearchMatches(db, version, columns)
  })

  afterAll(() => {
    db.close()
    cache.close()
  })

  it('count exactly what SQL counts, on random filters', () => {
    fc.assert(
      fc.property(filters, (filter) => expectSame(db, search, columns, filter)),
      { numRuns: 150 },
    )
  })

  it('leave start time, verdicts, tag checks, the last AI line and unindexed terms to SQL', () => {
    for (const input of [
      { text: '价格 %' },
      { startFrom: '2026-03-02' },
      { verdicts: ['pass' as const] },
      { tagChecks: [{ name: BULK_INTENT }] },
      { lastAiLine: '再见' },
    ]) {
      const filter = callFilterSchema.parse(input)
      expect(columnsCanCount(filter)).toBe(false)
      expect(columns.count(filter)).toBeNull()
    }
    // Empty values are no condition.
    expect(columnsCanCount(callFilterSchema.parse({ text: '  ', verdicts: [], tags: [] }))).toBe(true)
  })

  it('follow upserts, reviews, removals and this connection’s own writes', () => {
    const sample: CallFilterInput[] = [
      {},
      { reviewState: 'reviewed' },
      { reviewState: 'unreviewed', taskId: 2 },
      { tags: [{ name: BULK_INTENT, values: [SYNTHETIC_LEVELS[0]!] }], durationMin: 30, durationMax: 120 },
      ...fc.sample(filters, { numRuns: 25, seed: 17 }),
    ]
    const check = () => {
      for (const filter of sample) {
        expectSame(db, search, columns, filter)
        // The calls page's own counter (its own connection, its own columns) agrees too.
        const parsed = callFilterSchema.parse(filter)
        expect(cache.queryCalls(filter, {}, { offset: 0, limit: 1 }).total).toBe(callsCounted(scanSets(db, parsed)))
      }
    }
    check()
    // A sync: changed list rows of existing calls and new calls, in another task.
    cache.upsertCallSummaries(
      4,
      Array.from({ length: 200 }, (_, i) =>
        makeSummary(i % 2 ? 10 + i : CALLS + 1 + i, {
          taskId: 4,
          durationSec: i % 10 === 0 ? null : i,
          finishStatus: i % 3 ? 0 : 7,
          results: i % 4 ? [intent(SYNTHETIC_LEVELS[i % 6]!)] : [],
        }),
      ),
    )
    check()
    for (const id of [8, 15, 22]) cache.saveReview({ callInstanceId: id, verdict: null })
    for (const id of [9, 10, 11, 12]) cache.saveReview({ callInstanceId: id, verdict: 'pass' })
    check()
    expect(cache.removeCalls([3, 5, 8, CALLS + 2])).toBeGreaterThan(0)
    check()
    db.exec('UPDATE calls SET duration_sec = 299, chat_round = 0 WHERE call_id BETWEEN 100 AND 160')
    check()
  })

  it('are built only once the data holds still: SQL counts while writes come between counts', () => {
    const version = new DataVersion(db)
    const counter = new CountColumns(db, version)
    const count = vi.spyOn(counter, 'count')
    const counts = new MatchCounts(db, version, counter)
    const ask = (input: CallFilterInput) => {
      const filter = callFilterSchema.parse(input)
      expect(byId(counts.perSet(filter))).toEqual(byId(scanSets(db, filter)))
      return counts.counter()
    }
    expect(ask({ taskId: 1 })).toBeUndefined() // first count: nothing says the data holds still
    expect(count).not.toHaveBeenCalled()
    expect(ask({ taskId: 2 })).toBe(counter)
    expect(count).toHaveBeenCalledTimes(1)
    db.exec('UPDATE calls SET chat_round = 3 WHERE call_id BETWEEN 200 AND 260')
    expect(ask({ taskId: 3 })).toBeUndefined() // a write since the last count (a sync running)
    expect(count).toHaveBeenCalledTimes(1)
    expect(ask({ taskId: 3, chatRoundMax: 3 })).toBe(counter)
    expect(count).toHaveBeenCalledTimes(2)
  })
})
