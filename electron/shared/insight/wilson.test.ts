import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { wilsonInterval } from './wilson'

describe('the 95 % Wilson interval', () => {
  it('matches published values', () => {
    // Newcombe (1998), Statistics in Medicine 17, table I: 81/263 → 0.2553–0.3662, 15/148 → 0.0624–0.1605.
    const a = wilsonInterval(81, 263)!
    expect([a.low, a.high].map((x) => x.toFixed(4))).toEqual(['0.2553', '0.3662'])
    const b = wilsonInterval(15, 148)!
    expect([b.low, b.high].map((x) => x.toFixed(4))).toEqual(['0.0624', '0.1605'])
    const c = wilsonInterval(8, 10)!
    expect([c.low, c.high].map((x) => x.toFixed(4))).toEqual(['0.4902', '0.9433'])
  })

  it('stays inside [0, 1] at the edges, reaching 0 and 1 exactly', () => {
    const none = wilsonInterval(0, 10)!
    expect(none.low).toBe(0)
    expect(none.high.toFixed(4)).toBe('0.2775')
    const all = wilsonInterval(10, 10)!
    expect(all.high).toBe(1)
    expect(all.low.toFixed(4)).toBe('0.7225')
  })

  it('is null without trials', () => {
    expect(wilsonInterval(0, 0)).toBeNull()
  })

  it('always holds the observed share and narrows as the same share is seen more often', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.nat(), (trials, k) => {
        const successes = k % (trials + 1)
        const { low, high } = wilsonInterval(successes, trials)!
        expect(low).toBeLessThanOrEqual(successes / trials)
        expect(high).toBeGreaterThanOrEqual(successes / trials)
        const wider = wilsonInterval(successes * 4, trials * 4)!
        expect(wider.high - wider.low).toBeLessThanOrEqual(high - low + 1e-12)
      }),
    )
  })
})
