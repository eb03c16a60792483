// N / P over the whole filtered list: every call's neighbours, under every sort and a few filters,
// are exactly the calls beside it in the list the pages show (ties and NULLs included).
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CALL_SORT_FIELDS, type CallFilterInput, type CallSortInput } from '../../shared/contract/calls'
import type { CallCache } from './call-cache'
import { intent, makeSummary, makeTask, openTempCache, type TempCache } from '../../test-support/cache-fixtures'

let temp: TempCache
let cache: CallCache
let clock = 0

/** Twelve calls over two tasks: shared start times, durations, rounds and names, and NULLs in each. */
function seed(): void {
  cache.upsertTasks([makeTask(1), makeTask(2)])
  const values: [string | null, number | null, number | null, string | null][] = [
    ['2026-03-01 09:00:00', 30, 3, '张伟'],
    ['2026-03-01 09:00:00', 30, 3, '张伟'],
    [null, 60, null, '王芳'],
    ['2026-03-02 10:00:00', null, 5, null],
    ['2026-03-01 09:00:00', 60, 5, '李娜'],
    [null, 30, 3, '张伟'],
    ['2026-03-03 08:00:00', 90, 9, null],
    ['2026-03-02 10:00:00', 60, null, '王芳'],
    ['2026-03-01 12:00:00', 10, 1, '刘洋'],
    [null, null, null, null],
    ['2026-03-03 08:00:00', 30, 3, '李娜'],
    ['2026-03-02 10:00:00', 90, 9, '张伟'],
  ]
  values.forEach(([startTime, durationSec, chatRound, customerName], i) => {
    const id = 101 + i
    const taskId = i % 3 === 2 ? 2 : 1
    const level = i % 2 === 0 ? 'A级(较强)' : 'B级(一般)'
    cache.upsertCallSummaries(taskId, [
      makeSummary(id, { taskId, startTime, durationSec, chatRound, customerName, results: [intent(level)] }),
    ])
  })
  // Reviews saved at shared times, so the review-time order has ties too; one note without a verdict.
  for (const [id, verdict, at] of [
    [101, 'pass', 1],
    [104, 'fail', 1],
    [105, 'pass', 2],
    [108, 'follow_up', 2],
    [112, 'pass', 3],
  ] as const) {
    clock = at
    cache.saveReview({ callInstanceId: id, verdict })
  }
  clock = 4
  cache.saveReview({ callInstanceId: 110, text: '只有备注' })
}

beforeEach(() => {
  temp = openTempCache({ now: () => new Date(Date.UTC(2026, 2, 1, 0, 0, clock)) })
  cache = temp.cache
  seed()
})
afterEach(() => cache.close())

const FILTERS: CallFilterInput[] = [
  {},
  { taskId: 1 },
  { reviewState: 'unreviewed' },
  { reviewState: 'reviewed' },
  { tags: [{ name: '客户意向等级', values: ['A级(较强)'] }], durationMin: 20 },
  { text: '张伟' },
]
const SORTS: CallSortInput[] = CALL_SORT_FIELDS.flatMap((field) =>
  (['asc', 'desc'] as const).map((direction) => ({ field, direction })),
)

const listed = (filter: CallFilterInput, sort: CallSortInput) =>
  cache.queryCalls(filter, sort, { offset: 0, limit: 500 }).rows.map((row) => row.callInstanceId)

describe('the neighbour of a call in a filtered, sorted list', () => {
  it('is the call beside it in the list the pages show, for every call, sort and filter', () => {
    let checked = 0
    for (const filter of FILTERS) {
      for (const sort of SORTS) {
        const ids = listed(filter, sort)
        ids.forEach((id, i) => {
          const next = i + 1 < ids.length ? { callInstanceId: ids[i + 1], position: i + 1 } : null
          const previous = i > 0 ? { callInstanceId: ids[i - 1], position: i - 1 } : null
          expect(cache.neighbour(filter, sort, id, 'next'), `${JSON.stringify([filter, sort])} after ${id}`).toEqual(
            next,
          )
          expect(
            cache.neighbour(filter, sort, id, 'previous'),
            `${JSON.stringify([filter, sort])} before ${id}`,
          ).toEqual(previous)
          checked++
        })
      }
    }
    // Every filter lists some calls: the loop above checked real neighbours, not empty lists.
    expect(checked).toBe(FILTERS.reduce((sum, filter) => sum + listed(filter, {}).length, 0) * SORTS.length)
    expect(listed({ text: '张伟' }, {})).toHaveLength(4)
  })

  it('has no next after the last call and no previous before the first', () => {
    const ids = listed({}, { field: 'durationSec', direction: 'asc' })
    expect(ids).toHaveLength(12)
    expect(cache.neighbour({}, { field: 'durationSec', direction: 'asc' }, ids[11]!, 'next')).toBeNull()
    expect(cache.neighbour({}, { field: 'durationSec', direction: 'asc' }, ids[0]!, 'previous')).toBeNull()
  })

  it('is found from where the call would sit when the call itself has left the filter', () => {
    const sort: CallSortInput = { field: 'startTime', direction: 'asc' }
    const before = listed({ reviewState: 'unreviewed' }, sort)
    const i = before.indexOf(107)
    expect(i).toBeGreaterThan(0)
    // A verdict takes 107 out of "unreviewed": N and P still lead to the calls that were beside it.
    cache.saveReview({ callInstanceId: 107, verdict: 'pass' })
    expect(listed({ reviewState: 'unreviewed' }, sort)).not.toContain(107)
    expect(cache.neighbour({ reviewState: 'unreviewed' }, sort, 107, 'next')).toEqual({
      callInstanceId: before[i + 1],
      position: i,
    })
    expect(cache.neighbour({ reviewState: 'unreviewed' }, sort, 107, 'previous')).toEqual({
      callInstanceId: before[i - 1],
      position: i - 1,
    })
  })

  it('is null for a call the cache does not hold', () => {
    expect(cache.neighbour({}, {}, 999, 'next')).toBeNull()
  })
})

describe('review progress', () => {
  it('counts calls with a verdict among the calls the filter matches; a note alone is not a review', () => {
    expect(cache.reviewProgress({})).toEqual({ reviewed: 5, total: 12 })
    expect(cache.reviewProgress({ taskId: 2 })).toEqual({ reviewed: 1, total: 4 })
    expect(cache.reviewProgress({ reviewState: 'unreviewed' })).toEqual({ reviewed: 0, total: 7 })
    expect(cache.reviewProgress({ reviewState: 'reviewed', taskId: 1 })).toEqual({ reviewed: 4, total: 4 })
    cache.saveReview({ callInstanceId: 110, verdict: 'fail', text: '只有备注' })
    expect(cache.reviewProgress({ taskId: 1 })).toEqual({ reviewed: 5, total: 8 })
  })

  it('is what the task list counts for each task', () => {
    const byTask = new Map(cache.listTasks().map((item) => [item.task.taskId, item.stats]))
    for (const taskId of [1, 2]) {
      const { reviewed, total } = cache.reviewProgress({ taskId })
      expect(byTask.get(taskId)).toMatchObject({ callsReviewed: reviewed, callsCached: total })
    }
    expect(byTask.get(1)!.callsReviewed).toBe(4)
  })
})
