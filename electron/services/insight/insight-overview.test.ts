// The insights page's overview from a real cache file: every task's calls taken together agree with
// the `stats` report's rows, one task's overview is that task's row, and an unknown task is refused.
import { afterEach, describe, expect, it } from 'vitest'
import type { TranscriptLine } from '../../shared/contract/domain'
import {
  makeDetail,
  makeSummary,
  makeTask,
  makeTimedLine,
  openTempCache,
  type TempCache,
} from '../../test-support/cache-fixtures'
import { buildInsightOverview } from './insight-overview'
import { buildInsightReport } from './insight-report'

const open: TempCache[] = []
afterEach(() => {
  for (const t of open.splice(0)) t.cache.close()
})

const line = makeTimedLine

function seeded() {
  const t = openTempCache()
  open.push(t)
  const { cache } = t
  cache.upsertTasks([makeTask(4001), makeTask(4002), makeTask(4003)])
  cache.upsertCallSummaries(4001, [makeSummary(1, { taskId: 4001 }), makeSummary(2, { taskId: 4001 })])
  cache.upsertCallSummaries(4002, [makeSummary(3, { taskId: 4002 })])
  const store = (id: number, taskId: number, transcript: TranscriptLine[]) =>
    cache.saveCallDetail(makeDetail(makeSummary(id, { taskId }), [], { hangUp: 1, transcript }))
  store(1, 4001, [line(0, 'customer', 0, 1000), line(1, 'ai', 1800, 3000)]) // latency 800
  store(2, 4001, [line(0, 'customer', 0, 1000), line(1, 'ai', 1200, 2000), line(2, 'customer', 1900, 2500)]) // 200, barge-in
  store(3, 4002, [line(0, 'customer', 0, 1000), line(1, 'ai', 3000, 4000)]) // 2000
  const check = (callInstanceId: number, status: 'confirmed' | 'corrected') =>
    cache.saveReview({
      callInstanceId,
      verdict: 'pass',
      tagChecks: [
        { name: '客户意向等级', robotValue: 'A级', status, correctedValue: status === 'corrected' ? 'B级' : null },
      ],
    })
  check(1, 'confirmed')
  check(3, 'corrected')
  return cache
}

describe('the insights overview', () => {
  it('takes every task together: counts add up, percentiles and tag accuracy are over all the calls', () => {
    const all = buildInsightOverview(seeded())
    expect(all).toMatchObject({
      taskId: null,
      calls: 3,
      reviewed: 2,
      aiLatencyP50Ms: 800,
      aiLatencyP90Ms: 2000,
      bargeInCalls: 1,
      aiLatencyMaxMs: [200, 800, 2000],
    })
    expect(all.accuracy).toHaveLength(1)
    expect(all.accuracy[0]).toMatchObject({
      name: '客户意向等级',
      checked: 2,
      confirmed: 1,
      matrix: [
        { robot: 'A级', reviewer: 'A级', calls: 1 },
        { robot: 'A级', reviewer: 'B级', calls: 1 },
      ],
    })
  })

  it("gives one task the numbers of that task's row in the stats report", () => {
    const cache = seeded()
    const one = buildInsightOverview(cache, 4001)
    const { callJobId, ...row } = buildInsightReport(cache, 4001).tasks[0]!
    expect(callJobId).toBe(4001)
    expect(one).toEqual({ taskId: 4001, ...row, aiLatencyMaxMs: [200, 800] })
  })

  it('answers a listed task without cached calls with zeros, and refuses a task the cache has never seen', () => {
    const cache = seeded()
    expect(buildInsightOverview(cache, 4003)).toMatchObject({ calls: 0, aiLatencyP50Ms: null, accuracy: [] })
    expect(() => buildInsightOverview(cache, 999)).toThrow(/No task 999 in the cache/)
  })
})
