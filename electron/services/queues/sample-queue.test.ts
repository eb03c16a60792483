import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { QueuePlan } from '../../shared/contract/queues'
import { durationBucket, proportionalSizes, sampleQueue, type QueueCandidate } from './sample-queue'

const INTENT = '意向标签'
const LEVELS = ['A', 'B', 'C']

/** Call i: level by i % 3, duration 10 s per i (so buckets by i), every 5th hung up by the customer. */
function call(i: number, overrides: Partial<QueueCandidate> = {}): QueueCandidate {
  return {
    callInstanceId: 1000 + i,
    durationSec: (i * 10) % 150,
    finishStatus: i % 4 === 0 ? 1 : 0,
    hangUp: i % 5 === 0 ? 1 : 0,
    results: { [INTENT]: LEVELS[i % 3]! },
    reviewed: false,
    ...overrides,
  }
}

const calls = Array.from({ length: 60 }, (_, i) => call(i))
const byIntentAndDuration: Omit<QueuePlan, 'taskId'> = {
  dimensions: [{ kind: 'result', name: INTENT }, { kind: 'duration' }],
  sizing: { kind: 'perStratum', size: 2 },
  seed: 42,
}

function stratumOf(c: QueueCandidate): string {
  return JSON.stringify([c.results[INTENT] ?? null, durationBucket(c.durationSec)])
}

describe('sampling a review queue', () => {
  it('takes the same number of calls from every stratum, or all of a smaller one', () => {
    const some = [...calls.slice(0, 40), call(100, { results: {}, durationSec: null })]
    const queue = sampleQueue(some, byIntentAndDuration)
    const expected = new Map<string, number>()
    for (const c of some) expected.set(stratumOf(c), (expected.get(stratumOf(c)) ?? 0) + 1)
    expect(queue.strata).toHaveLength(expected.size)
    for (const stratum of queue.strata) {
      expect(stratum.available).toBe(expected.get(JSON.stringify(stratum.values)))
      expect(stratum.size).toBe(Math.min(2, stratum.available))
    }
    expect(queue.calls).toHaveLength(queue.strata.reduce((sum, s) => sum + s.size, 0))
    // The call with no intent and no duration is a stratum of its own, listed last.
    expect(queue.strata.at(-1)).toEqual({ values: [null, null], available: 1, size: 1 })
  })

  it('draws each call from the stratum it belongs to, without repeats', () => {
    const queue = sampleQueue(calls, byIntentAndDuration)
    const byId = new Map(calls.map((c) => [c.callInstanceId, c]))
    for (const { callInstanceId, stratum } of queue.calls) {
      expect(stratumOf(byId.get(callInstanceId)!)).toBe(JSON.stringify(queue.strata[stratum]!.values))
    }
    expect(new Set(queue.calls.map((c) => c.callInstanceId)).size).toBe(queue.calls.length)
  })

  it('gives the same queue for the same seed and calls, whatever order the calls come in, and another for another seed', () => {
    const first = sampleQueue(calls, byIntentAndDuration)
    const again = sampleQueue([...calls].reverse(), byIntentAndDuration)
    expect(again).toEqual(first)
    const other = sampleQueue(calls, { ...byIntentAndDuration, seed: 43 })
    expect(other.strata).toEqual(first.strata)
    expect(other.calls.map((c) => c.callInstanceId)).not.toEqual(first.calls.map((c) => c.callInstanceId))
  })

  it('never takes a reviewed call, and does not count reviewed calls in a stratum', () => {
    const reviewed = new Set(calls.filter((_, i) => i % 2 === 0).map((c) => c.callInstanceId))
    const marked = calls.map((c) => ({ ...c, reviewed: reviewed.has(c.callInstanceId) }))
    const queue = sampleQueue(marked, { ...byIntentAndDuration, sizing: { kind: 'perStratum', size: 100 } })
    expect(queue.available).toBe(calls.length - reviewed.size)
    expect(queue.calls).toHaveLength(calls.length - reviewed.size)
    expect(queue.calls.some((c) => reviewed.has(c.callInstanceId))).toBe(false)
  })

  it('lets strata take turns, so the first calls of the queue cover every stratum', () => {
    const queue = sampleQueue(calls, byIntentAndDuration)
    const firstRound = queue.calls.slice(0, queue.strata.length).map((c) => c.stratum)
    expect(firstRound).toEqual(queue.strata.map((_, i) => i))
  })

  it('cuts by finish status and by who hung up', () => {
    const queue = sampleQueue(calls, {
      dimensions: [{ kind: 'finishStatus' }, { kind: 'hungUpBy' }],
      sizing: { kind: 'perStratum', size: 1 },
      seed: 1,
    })
    expect(queue.strata.map((s) => s.values)).toEqual([
      ['0', 'ai'],
      ['0', 'customer'],
      ['1', 'ai'],
      ['1', 'customer'],
    ])
    expect(queue.strata.map((s) => s.available)).toEqual([36, 9, 12, 3])
  })

  it('splits a total in proportion to the strata, with at least the minimum from each', () => {
    expect(proportionalSizes([90, 5, 5], 10, 3)).toEqual([4, 3, 3])
    expect(proportionalSizes([60, 30, 10], 10, 0)).toEqual([6, 3, 1])
    expect(proportionalSizes([60, 30, 10], 10, 2)).toEqual([5, 3, 2])
    // A minimum larger than a stratum takes all of it; minimums above the total win over the total.
    expect(proportionalSizes([50, 1], 10, 3)).toEqual([9, 1])
    expect(proportionalSizes([10, 10, 10], 5, 2)).toEqual([2, 2, 2])
    // A total above what there is takes everything.
    expect(proportionalSizes([4, 3], 100, 1)).toEqual([4, 3])
  })

  it('keeps proportional sizes within each stratum, at or above the minimum, and adding up exactly', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 500 }), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 2000 }),
        fc.integer({ min: 0, max: 50 }),
        (available, total, min) => {
          const sizes = proportionalSizes(available, total, min)
          const lows = available.map((a) => Math.min(a, min))
          const sum = (xs: number[]) => xs.reduce((s, n) => s + n, 0)
          sizes.forEach((size, i) => {
            expect(Number.isInteger(size)).toBe(true)
            expect(size).toBeGreaterThanOrEqual(lows[i]!)
            expect(size).toBeLessThanOrEqual(available[i]!)
          })
          expect(sum(sizes)).toBe(Math.max(sum(lows), Math.min(total, sum(available))))
          // Proportional above the floor: a larger stratum never gets fewer calls than a smaller one.
          for (let i = 0; i < available.length; i++) {
            for (let j = 0; j < available.length; j++) {
              if (available[i]! > available[j]!) expect(sizes[i]! + 1).toBeGreaterThanOrEqual(sizes[j]!)
            }
          }
        },
      ),
    )
  })

  it('draws any set of calls into a queue of unreviewed, distinct calls of the right size, the same every time', () => {
    const candidate = fc.record({
      callInstanceId: fc.integer({ min: 1, max: 100_000 }),
      durationSec: fc.option(fc.integer({ min: 0, max: 300 })),
      finishStatus: fc.option(fc.integer({ min: 0, max: 3 })),
      hangUp: fc.option(fc.integer({ min: 0, max: 1 })),
      results: fc.record({ [INTENT]: fc.constantFrom(...LEVELS) }, { requiredKeys: [] }),
      reviewed: fc.boolean(),
    })
    fc.assert(
      fc.property(
        fc.uniqueArray(candidate, { selector: (c) => c.callInstanceId, maxLength: 80 }),
        fc.integer({ min: 1, max: 5 }),
        fc.nat(),
        (some, size, seed) => {
          const plan = { ...byIntentAndDuration, sizing: { kind: 'perStratum' as const, size }, seed }
          const queue = sampleQueue(some, plan)
          const ids = queue.calls.map((c) => c.callInstanceId)
          const reviewed = new Set(some.filter((c) => c.reviewed).map((c) => c.callInstanceId))
          expect(ids.some((id) => reviewed.has(id))).toBe(false)
          expect(new Set(ids).size).toBe(ids.length)
          expect(ids.length).toBe(queue.strata.reduce((sum, s) => sum + Math.min(size, s.available), 0))
          expect(sampleQueue([...some].reverse(), plan)).toEqual(queue)
        },
      ),
    )
  })
})
