import { describe, expect, it } from 'vitest'
import { peakResolution, peaksSuffice } from './waveform-resolution'

describe('how finely the waveform needs peaks', () => {
  it('asks for a value per bar at the zoom, and enough to fill the width', () => {
    // 50 px a second, a bar every 3 px: 16.7 bars a second; 900 px wide: 300 bars at least.
    const needed = peakResolution(50, 900)
    expect(needed.perSecond).toBeCloseTo(50 / 3)
    expect(needed.atLeast).toBe(300)
    // Never finer than the cache keeps.
    expect(peakResolution(400, 900).perSecond).toBe(100)
  })

  it('takes the peaks it has while they are as fine as the zoom, and asks again when zoomed past them', () => {
    const atDefaultZoom = peakResolution(50, 900)
    // A 60-minute call served at 20 a second: 72,000 values.
    expect(peaksSuffice(20, 72_000, atDefaultZoom)).toBe(true)
    expect(peaksSuffice(20, 72_000, peakResolution(100, 900))).toBe(false)
    // A 4-second call: 20 a second is 80 values, too few to fill 300 bars.
    expect(peaksSuffice(20, 80, atDefaultZoom)).toBe(false)
    // All there is: nothing finer to ask for.
    expect(peaksSuffice(100, 400, peakResolution(400, 3000))).toBe(true)
  })
})
