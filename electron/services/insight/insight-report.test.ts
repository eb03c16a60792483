// The insight report read from a real cache file: which calls and tasks it covers, what it takes
// from the stored transcript, hang-up and reviews, and how a task sums its calls up.
import { afterEach, describe, expect, it } from 'vitest'
import type { TranscriptLine } from '../../shared/contract/domain'
import { wilsonInterval } from '../../shared/insight/wilson'
import {
  makeDetail,
  makeSummary,
  makeTask,
  makeTimedLine,
  openTempCache,
  type TempCache,
} from '../../test-support/cache-fixtures'
import { buildInsightReport } from './insight-report'

const open: TempCache[] = []
afterEach(() => {
  for (const t of open.splice(0)) t.cache.close()
})

const line = makeTimedLine

/** Two tasks: 3001 with three detailed calls and one only listed, 3002 retired with one call. */
function seeded() {
  const t = openTempCache()
  open.push(t)
  const { cache } = t
  cache.upsertTasks([makeTask(3001), makeTask(3002), makeTask(3003)])
  cache.upsertCallSummaries(
    3001,
    [1, 2, 3, 4].map((id) => makeSummary(id, { taskId: 3001 })),
  )
  cache.upsertCallSummaries(3002, [makeSummary(5, { taskId: 3002 })])
  const store = (id: number, taskId: number, hangUp: number | null, transcript: TranscriptLine[]) =>
    cache.saveCallDetail(makeDetail(makeSummary(id, { taskId }), [], { hangUp, transcript }))
  store(1, 3001, 1, [
    line(0, 'ai', 0, 3000),
    line(1, 'customer', 2500, 4000), // barge-in
    line(2, 'ai', 4500, 6000, { aiUnknown: true }), // latency 500
  ])
  store(2, 3001, 1, [line(0, 'customer', 0, 1000), line(1, 'ai', 1300, 2000)]) // latency 300
  store(3, 3001, 0, [line(0, 'ai', 0, 1000, { inferred: true }), line(1, 'customer', 1000, 2000)])
  store(5, 3002, 1, [line(0, 'ai', 0, 1000)])
  // 3002 drops out of the task list; its cached call keeps it in the report. 3003 has no calls.
  cache.retireTasksNotIn([3001, 3003])
  cache.saveReview({
    callInstanceId: 1,
    verdict: 'pass',
    tagChecks: [{ name: '客户意向等级', robotValue: 'A级(较强)', status: 'confirmed', correctedValue: null }],
  })
  cache.saveReview({
    callInstanceId: 2,
    text: 'no verdict yet',
    tagChecks: [{ name: '客户意向等级', robotValue: 'A级(较强)', status: 'corrected', correctedValue: 'C级' }],
  })
  return cache
}

describe('the insight report of a cache', () => {
  it('has a row per call whose detail is stored, in id order, measured from the stored lines', () => {
    const report = buildInsightReport(seeded())
    expect(report.calls.map((c) => c.callInstanceId)).toEqual([1, 2, 3, 5])
    expect(report.calls[0]).toEqual({
      callInstanceId: 1,
      callJobId: 3001,
      aiLatencyP50Ms: 500,
      aiLatencyMaxMs: 500,
      bargeIns: 1,
      maxSilenceMs: 500,
      aiUnknownLines: 1,
      hungUpBy: 'customer',
      lastAiLine: { index: 2, content: 'ai 2' },
    })
    // The inferred AI line counts for the last AI line, not for timing.
    expect(report.calls[2]).toMatchObject({ aiLatencyP50Ms: null, maxSilenceMs: null, lastAiLine: { index: 1 } })
  })

  it('sums each task up over all its calls, with live tasks and retired ones that still have calls', () => {
    const report = buildInsightReport(seeded())
    expect(report.tasks.map((t) => t.callJobId)).toEqual([3001, 3002, 3003])
    const interval = wilsonInterval(1, 2)!
    expect(report.tasks[0]).toEqual({
      callJobId: 3001,
      calls: 3,
      reviewed: 1,
      aiLatencyP50Ms: 300,
      aiLatencyP90Ms: 500,
      bargeInCalls: 1,
      aiUnknownCalls: 1,
      dropOff: [
        { content: 'ai 1', calls: 1 },
        { content: 'ai 2', calls: 1 },
      ],
      accuracy: [
        {
          name: '客户意向等级',
          checked: 2,
          confirmed: 1,
          agreement: 0.5,
          agreementLow: interval.low,
          agreementHigh: interval.high,
          matrix: [
            { robot: 'A级(较强)', reviewer: 'A级(较强)', calls: 1 },
            { robot: 'A级(较强)', reviewer: 'C级', calls: 1 },
          ],
        },
      ],
    })
    expect(report.tasks[2]).toMatchObject({ calls: 0, aiLatencyP50Ms: null, dropOff: [], accuracy: [] })
  })

  it('keeps to one task with its id, and refuses a task the cache has never seen', () => {
    const cache = seeded()
    const one = buildInsightReport(cache, 3002)
    expect(one.calls.map((c) => c.callInstanceId)).toEqual([5])
    expect(one.tasks.map((t) => [t.callJobId, t.calls])).toEqual([[3002, 1]])
    expect(buildInsightReport(cache, 3003).tasks).toHaveLength(1)
    expect(() => buildInsightReport(cache, 999)).toThrow(/No task 999 in the cache/)
  })
})
