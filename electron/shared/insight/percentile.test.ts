import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { maxOf, nearestRank } from './percentile'

describe('nearest-rank percentiles', () => {
  it('take the value at rank ceil(p/100 × n) of the sorted values', () => {
    const values = [15, 20, 35, 40, 50]
    // The textbook example: 30th → 20, 40th → 20, 50th → 35, 100th → 50.
    expect([30, 40, 50, 100].map((p) => nearestRank(values, p))).toEqual([20, 20, 35, 50])
    expect(nearestRank([400, -200, 100, 300], 50)).toBe(100)
    expect(nearestRank([400, -200, 100, 300], 90)).toBe(400)
    expect(nearestRank([7], 50)).toBe(7)
  })

  it('are null for no values, and refuse a percentile outside (0, 100]', () => {
    expect(nearestRank([], 50)).toBeNull()
    expect(maxOf([])).toBeNull()
    expect(() => nearestRank([1], 0)).toThrow(RangeError)
    expect(() => nearestRank([1], 101)).toThrow(RangeError)
  })

  it('are always one of the values, p50 ≤ p90 ≤ max, and do not depend on the order given', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5000, max: 20_000 }), { minLength: 1 }), (values) => {
        const [p50, p90, max] = [nearestRank(values, 50)!, nearestRank(values, 90)!, maxOf(values)!]
        expect(values).toContain(p50)
        expect(p50).toBeLessThanOrEqual(p90)
        expect(p90).toBeLessThanOrEqual(max)
        expect(nearestRank([...values].reverse(), 50)).toBe(p50)
      }),
    )
  })
})
