import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { HLC_PATTERN } from './contract'
import { formatHlc, HybridClock, parseHlc } from './hlc'

/** A wall clock the test sets. */
function wall(start: number) {
  const clock = { ms: start, read: () => clock.ms }
  return clock
}

describe('hybrid logical clock', () => {
  it('formats to the contract pattern and parses back', () => {
    const text = formatHlc({ wallMs: 1_733_356_800_000, counter: 7, device: 'device-a' })
    expect(text).toBe('001733356800000-000007-device-a')
    expect(text).toMatch(HLC_PATTERN)
    expect(parseHlc(text)).toEqual({ wallMs: 1_733_356_800_000, counter: 7, device: 'device-a' })
    expect(() => parseHlc('1733356800000-7-device-a')).toThrow(/not a hybrid logical clock/)
  })

  it('never goes back, whatever the wall clock does', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5000, max: 5000 }), { maxLength: 200 }), (steps) => {
        const time = wall(1_700_000_000_000)
        const clock = new HybridClock('a', time.read)
        let last = clock.now()
        for (const step of steps) {
          time.ms += step
          const next = clock.now()
          expect(next > last).toBe(true)
          last = next
        }
      }),
    )
  })

  it('follows the wall clock when it moves forward', () => {
    const time = wall(1_700_000_000_000)
    const clock = new HybridClock('a', time.read)
    clock.now()
    clock.now()
    time.ms += 10
    expect(parseHlc(clock.now())).toEqual({ wallMs: 1_700_000_000_010, counter: 0, device: 'a' })
  })

  it('reads later than any clock it has received, even one from a device far ahead', () => {
    const time = wall(1_700_000_000_000)
    const clock = new HybridClock('behind', time.read)
    const ahead = formatHlc({ wallMs: 1_700_000_000_000 + 3_600_000, counter: 41, device: 'ahead' })
    clock.receive(ahead)
    const next = clock.now()
    expect(next > ahead).toBe(true)
    expect(parseHlc(next)).toMatchObject({ wallMs: 1_700_000_000_000 + 3_600_000, device: 'behind' })
  })

  it('carries on after a restart from its last reading, though the wall clock went back', () => {
    const time = wall(1_700_000_000_000)
    const before = new HybridClock('a', time.read)
    before.now()
    const last = before.now()
    time.ms -= 60_000
    const after = new HybridClock('a', time.read, last)
    expect(after.now() > last).toBe(true)
  })

  it('borrows the next millisecond rather than overflow its counter', () => {
    const clock = new HybridClock('a', () => 5, formatHlc({ wallMs: 9, counter: 999_999, device: 'a' }))
    expect(parseHlc(clock.now())).toEqual({ wallMs: 10, counter: 0, device: 'a' })
  })
})
