// The calls export's reading order over a real cache file: a page of ids at a time after the last
// call read (a keyset), which must give exactly the list's order and survive a sync mid-export.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CallFilterInput } from '../../shared/contract'
import { bulkInsertCalls } from '../../test-support/cache-bulk-fixture'
import { makeDetail, makeSummary, makeTask, openTempCache, type TempCache } from '../../test-support/cache-fixtures'
import { exportCalls } from './export-rows'

let temp: TempCache
/** Over two pages of 500, start times to the minute (many ties), and two calls without one. */
const CALLS = 1_203

beforeEach(() => {
  temp = openTempCache()
  temp.cache.upsertTasks([makeTask(1), makeTask(2)])
  bulkInsertCalls(temp.cache.path, { from: 1, to: CALLS, taskIdSql: '1 + id % 2', linesPerCall: 3 })
  for (const id of [5_001, 5_002]) {
    const summary = makeSummary(id, { taskId: 1, startTime: null })
    temp.cache.upsertCallSummaries(1, [summary])
    temp.cache.saveCallDetail(makeDetail(summary))
  }
})

afterEach(() => temp.cache.close())

/** The calls list's own order for a filter, page by page as the calls page reads it. */
function listedIds(filter: CallFilterInput): number[] {
  const ids: number[] = []
  for (let offset = 0; ; offset += 200) {
    const { rows } = temp.cache.queryCalls(filter, { field: 'startTime', direction: 'asc' }, { offset, limit: 200 })
    ids.push(...rows.map((row) => row.callInstanceId))
    if (rows.length < 200) return ids
  }
}

const exportedIds = (filter: CallFilterInput) => [...exportCalls(temp.cache, filter)].map((c) => c.callInstanceId)

describe('the calls export reading order', () => {
  it('is the calls list’s order under each filter, across page boundaries, ties and missing start times', () => {
    const filters: CallFilterInput[] = [
      {},
      { taskId: 2 },
      { text: '价格太贵' },
      { durationMin: 30, durationMax: 120 },
      { reviewState: 'unreviewed' },
    ]
    for (const filter of filters) {
      const listed = listedIds(filter)
      expect(listed.length).toBeGreaterThan(0)
      expect(exportedIds(filter), JSON.stringify(filter)).toEqual(listed)
    }
    expect(exportedIds({}).slice(0, 2)).toEqual([5_001, 5_002])
    expect(exportedIds({})).toHaveLength(CALLS + 2)
  })

  it('neither repeats nor drops a call when a sync adds earlier calls and removes one mid-export', () => {
    const before = listedIds({})
    const seen: number[] = []
    for (const call of exportCalls(temp.cache)) {
      seen.push(call.callInstanceId)
      if (seen.length === 300) {
        // Earlier than everything read so far: under an offset every later page would shift.
        const early = [9_001, 9_002, 9_003].map((id) =>
          makeSummary(id, { taskId: 1, startTime: '2026-01-01 00:00:00' }),
        )
        temp.cache.upsertCallSummaries(1, early)
        for (const summary of early) temp.cache.saveCallDetail(makeDetail(summary))
        temp.cache.removeCalls([before[900]!])
      }
    }
    expect(new Set(seen).size).toBe(seen.length)
    expect(seen).toEqual(before.filter((id) => id !== before[900]))
  })
})
