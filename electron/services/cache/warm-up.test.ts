// Building the counting arrays ahead (warm-up.ts): done once the data holds still with no count
// asked, thrown away when a write comes in the middle (counts stay exact), and sliced so that
// requests are answered while it runs.
import { join } from 'node:path'
import Database from 'better-sqlite3'
import fc from 'fast-check'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { callFilterSchema, type CallFilterInput } from '../../shared/contract/calls'
import { CallCache } from './call-cache'
import { CountColumns } from './count-columns'
import { openDatabase, type Db } from './database'
import { DataVersion } from './data-version'
import { callsCounted, scanSets } from './match-counts'
import { SearchMatches } from './search-matches'
import type { WarmUpClock } from './warm-up'
import { bulkInsertCalls, BULK_INTENT } from '../../test-support/cache-bulk-fixture'
import { SYNTHETIC_LEVELS, intent, makeSummary, openTempCache } from '../../test-support/cache-fixtures'

const CALLS = 2000
const SLICES = { columnSlice: 97, textSlice: 89 }

/** Ticks and slices run when the test says: the order of events without any timing. */
function manualClock() {
  const ticks = new Set<() => void>()
  const queue: (() => void)[] = []
  const clock: WarmUpClock = {
    every(_ms, fn) {
      ticks.add(fn)
      return () => ticks.delete(fn)
    },
    soon(fn) {
      queue.push(fn)
      return () => {
        const i = queue.indexOf(fn)
        if (i >= 0) queue.splice(i, 1)
      }
    },
  }
  return {
    clock,
    tick: () => [...ticks].forEach((fn) => fn()),
    /** Runs one slice; false when none was waiting. */
    slice: () => {
      const fn = queue.shift()
      fn?.()
      return fn !== undefined
    },
  }
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

const SAMPLE: CallFilterInput[] = [
  {},
  { taskId: 2 },
  { reviewState: 'reviewed' },
  { tags: [{ name: BULK_INTENT, values: [SYNTHETIC_LEVELS[0]!] }], durationMin: 30, durationMax: 120 },
  { text: '价格太贵' },
  { text: '价格', taskId: 1 },
  { text: '客户12' },
]

describe('warm-up of the counting arrays', () => {
  let path: string
  let reference: Db
  let referenceSearch: SearchMatches
  let cache: CallCache | null = null

  beforeAll(() => {
    const temp = openTempCache({ warmUp: false })
    path = temp.cache.path
    bulkInsertCalls(path, { from: 1, to: CALLS, taskIdSql: '1 + id % 3', linesPerCall: 4 })
    for (let id = 1; id <= CALLS; id += 9) temp.cache.saveReview({ callInstanceId: id, verdict: 'pass' })
    temp.cache.close()
    reference = openDatabase(path, 'NORMAL')
    reference.prepare('ATTACH DATABASE ? AS rv').run(join(path, '..', 'reviews.db'))
    // Without columns it finds a search's calls in SQL: the reference for the arrays built ahead.
    referenceSearch = new SearchMatches(reference, new DataVersion(reference))
  })

  afterEach(() => {
    cache?.close()
    cache = null
    vi.restoreAllMocks()
  })

  afterAll(() => reference.close())

  /** The cache's totals (from whatever it counts with) equal SQL's on the reference connection. */
  function expectExact(c: CallCache, filters: CallFilterInput[]): void {
    for (const input of filters) {
      const filter = callFilterSchema.parse(input)
      referenceSearch.prepare(filter.text)
      const expected = callsCounted(scanSets(reference, filter))
      expect(c.queryCalls(input, {}, { offset: 0, limit: 5 }).total, JSON.stringify(input)).toBe(expected)
    }
  }

  it('builds the arrays once the data holds still after opening, without any count asked', async () => {
    const count = vi.spyOn(CountColumns.prototype, 'count')
    cache = new CallCache(path, { warmUp: { settleMs: 10, ...SLICES } })
    await vi.waitFor(() => expect(cache!.warmState()).toBe('built'), { timeout: 20_000, interval: 5 })
    expect(count).not.toHaveBeenCalled()
    expect(cache.warmStats()).toEqual({ built: 1, moved: 0, failed: 0 })
    // The very first count after opening is the loop (no SQL count first), and exact.
    expectExact(cache, [{ taskId: 1 }])
    expect(count).toHaveBeenCalled()
    expect(count.mock.results[0]!.value).not.toBeNull()
  })

  it('throws a build away when a write comes in the middle, and counts stay exact', () => {
    const manual = manualClock()
    cache = new CallCache(path, { warmUp: { clock: manual.clock, ...SLICES } })
    manual.tick() // the version as at opening: settled
    expect(manual.slice()).toBe(true)
    expect(manual.slice()).toBe(true)
    expect(cache.warmState()).toBe('building')
    // A sync writes through the cache's own connection.
    cache.upsertCallSummaries(
      4,
      Array.from({ length: 50 }, (_, i) =>
        makeSummary(i % 2 ? 10 + i : CALLS + 1 + i, {
          taskId: 4,
          durationSec: i,
          results: [intent(SYNTHETIC_LEVELS[i % 6]!)],
        }),
      ),
    )
    expect(manual.slice()).toBe(true)
    expect(cache.warmStats()).toEqual({ built: 0, moved: 1, failed: 0 })
    expect(cache.warmState()).toBe('idle')
    expect(manual.slice()).toBe(false) // nothing goes on until the data settles again

    // Settles (two ticks alike), starts again; another connection commits in the middle.
    manual.tick()
    manual.tick()
    expect(manual.slice()).toBe(true)
    const other = new Database(path)
    other.prepare('UPDATE calls SET duration_sec = 77 WHERE call_id BETWEEN 300 AND 340').run()
    other.close()
    while (manual.slice());
    expect(cache.warmStats()).toEqual({ built: 0, moved: 2, failed: 0 })
    expect(cache.warmState()).toBe('idle')
    // Counts meanwhile: SQL first, then (the data holding still between counts) the lazy read.
    expectExact(cache, [...SAMPLE, { taskId: 4 }])
    expect(cache.warmState()).toBe('built')

    // Another write; this time the build ahead runs to the end before any count.
    cache.upsertCallSummaries(4, [makeSummary(CALLS + 500, { taskId: 4, durationSec: 77 })])
    expect(cache.warmState()).toBe('idle')
    manual.tick()
    manual.tick()
    while (manual.slice());
    expect(cache.warmState()).toBe('built')
    expect(cache.warmStats()).toEqual({ built: 1, moved: 2, failed: 0 })
    // Built in slices of 97 and 89 calls, then counted and searched from memory: exact.
    expectExact(cache, [
      ...SAMPLE,
      { durationMin: 77, durationMax: 77 },
      ...fc.sample(
        fc.record(
          {
            taskId: fc.integer({ min: 1, max: 4 }),
            durationMin: fc.integer({ min: 0, max: 300 }),
            reviewState: fc.constantFrom('reviewed' as const, 'unreviewed' as const),
            text: fc.constantFrom('价格太贵', '价格', '贵', '您好 再见', '13800000', '没有的词'),
          },
          { requiredKeys: [] },
        ),
        { numRuns: 30, seed: 5 },
      ),
    ])
  })

  it('answers requests between slices while a build runs', async () => {
    cache = new CallCache(path, { warmUp: { settleMs: 10, columnSlice: 20, textSlice: 20 } })
    await vi.waitFor(() => expect(cache!.warmState()).toBe('building'), { timeout: 20_000, interval: 1 })
    // A request arriving now is handled on the next turn, between two slices.
    const answered = await new Promise<{ total: number; state: string }>((resolve) =>
      setImmediate(() => resolve({ total: cache!.queryCalls({}, {}, { limit: 5 }).total, state: cache!.warmState() })),
    )
    expect(answered).toEqual({
      total: reference.prepare('SELECT count(*) FROM calls').pluck().get(),
      state: 'building',
    })
    await vi.waitFor(() => expect(cache!.warmState()).toBe('built'), { timeout: 20_000, interval: 5 })
    // Reading did not move the data: the same build went on to the end.
    expect(cache.warmStats()).toEqual({ built: 1, moved: 0, failed: 0 })
  })

  it('stops a build in progress when the cache closes', async () => {
    const manual = manualClock()
    const c = new CallCache(path, { warmUp: { clock: manual.clock, ...SLICES } })
    manual.tick()
    expect(manual.slice()).toBe(true)
    expect(c.warmState()).toBe('building')
    c.close()
    expect(manual.slice()).toBe(false) // the next slice was cancelled
    manual.tick()
    expect(manual.slice()).toBe(false)
    expect(c.warmStats()).toEqual({ built: 0, moved: 0, failed: 0 })
    await nextTurn()
  })
})
