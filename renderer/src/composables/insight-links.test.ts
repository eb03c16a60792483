import { describe, expect, it } from 'vitest'
import {
  aiUnknownFilter,
  bargeInFilter,
  bucketLabel,
  callsFilter,
  dropOffFilter,
  latencyBuckets,
  matrixCellFilter,
  rate,
  slowerThanFilter,
  tagCheckFilter,
} from './insight-links'

const INTENT = '客户意向等级'

describe('insight links into the calls list', () => {
  it('opens a diagonal cell as the confirmed checks of that value', () => {
    expect(matrixCellFilter(7, INTENT, { robot: 'A级', reviewer: 'A级', calls: 3 })).toEqual({
      taskId: 7,
      tagChecks: [{ name: INTENT, state: 'confirmed', robotValue: 'A级', reviewerValue: 'A级' }],
    })
  })

  it('opens an off-diagonal cell as the checks corrected from the robot value to the reviewer value', () => {
    expect(matrixCellFilter(7, INTENT, { robot: 'A级', reviewer: 'C级', calls: 1 })).toEqual({
      taskId: 7,
      tagChecks: [{ name: INTENT, state: 'corrected', robotValue: 'A级', reviewerValue: 'C级' }],
    })
  })

  it('opens a cell without a robot value as the missed checks, with no robot value asked for', () => {
    expect(matrixCellFilter(null, '是否投诉', { robot: null, reviewer: '是', calls: 2 })).toEqual({
      tagChecks: [{ name: '是否投诉', state: 'missed', reviewerValue: '是' }],
    })
  })

  it('leaves the task out for every task, and keeps it for one', () => {
    expect(callsFilter(null)).toEqual({})
    expect(callsFilter(3, true)).toEqual({ taskId: 3, reviewState: 'reviewed' })
    expect(bargeInFilter(null)).toEqual({ hasBargeIn: true })
    expect(aiUnknownFilter(3)).toEqual({ taskId: 3, hasAiUnknown: true })
    expect(slowerThanFilter(3, 1200)).toEqual({ taskId: 3, aiLatencyMinMs: 1200 })
  })

  it('opens the checked count with any state and the confirmed count with the confirmed state', () => {
    expect(tagCheckFilter(3, INTENT)).toEqual({ taskId: 3, tagChecks: [{ name: INTENT }] })
    expect(tagCheckFilter(3, INTENT, true)).toEqual({ taskId: 3, tagChecks: [{ name: INTENT, state: 'confirmed' }] })
  })

  it('opens a drop-off bar as the customer hang-ups after that line, and has no link before any AI line', () => {
    expect(dropOffFilter(3, '请问您考虑一下吗？')).toEqual({
      taskId: 3,
      hungUpBy: 'customer',
      lastAiLine: '请问您考虑一下吗？',
    })
    expect(dropOffFilter(3, null)).toBeNull()
  })

  it('gives no rate without calls', () => {
    expect(rate(1, 4)).toBe(0.25)
    expect(rate(0, 0)).toBeNull()
  })
})

describe('the AI-latency histogram', () => {
  it('counts each call in exactly one bucket whose filter bounds hold its value', () => {
    const slowest = [-300, 0, 499, 500, 1999, 2000, 2999, 3000, 4999, 5000, 60_000]
    const buckets = latencyBuckets(9, slowest)
    expect(buckets.reduce((sum, b) => sum + b.calls, 0)).toBe(slowest.length)
    for (const ms of slowest) {
      const holding = buckets.filter(
        ({ filter }) =>
          (filter.aiLatencyMinMs === undefined || ms >= filter.aiLatencyMinMs) &&
          (filter.aiLatencyMaxMs === undefined || ms <= filter.aiLatencyMaxMs),
      )
      expect(holding, `${ms} ms`).toHaveLength(1)
    }
    expect(buckets.map((b) => [bucketLabel(b), b.calls])).toEqual([
      ['< 0', 1],
      ['0–499', 2],
      ['500–999', 1],
      ['1000–1499', 0],
      ['1500–1999', 1],
      ['2000–2999', 2],
      ['3000–4999', 2],
      ['≥ 5000', 2],
    ])
    expect(buckets[0]!.filter).toEqual({ taskId: 9, aiLatencyMaxMs: -1 })
    expect(buckets.at(-1)!.filter).toEqual({ taskId: 9, aiLatencyMinMs: 5000 })
  })

  it('shows the negative bucket only when some call has a negative latency', () => {
    expect(latencyBuckets(null, [100, 700]).map(bucketLabel)[0]).toBe('0–499')
    expect(latencyBuckets(null, [])).toHaveLength(7)
  })
})
