import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { downsamplePeaks, peakFactor, peakLevel } from './peak-levels'
import { computePeaks } from './peaks'

const DIVISORS_OF_100 = [1, 2, 4, 5, 10, 20, 25, 50, 100]

describe('peak levels', () => {
  it('a level downsampled from the stored peaks equals peaks computed at that rate from the samples', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom(...DIVISORS_OF_100),
        fc.integer({ min: 0, max: 2 ** 31 }),
        (seconds, factor, seed) => {
          const sampleRate = 800
          // Arbitrary 16-bit samples (ties of magnitude and sign included: few distinct values).
          let state = seed
          const samples = Int16Array.from({ length: seconds * sampleRate }, () => {
            state = (state * 1103515245 + 12345) % 2 ** 31
            return ((state >> 8) % 9) * 4096 - 16384
          })
          const stored = computePeaks({ samples, sampleRate }).peaks
          const direct = computePeaks({ samples, sampleRate }, 100 / factor).peaks
          expect(downsamplePeaks(stored, factor)).toEqual(direct)
        },
      ),
    )
  })

  it('keeps the sign of the first value of largest magnitude, and gives the last bucket what is left', () => {
    const stored = new Float32Array([0.1, -0.5, 0.5, 0.2, 0.3, -0.9, 0.4])
    expect(downsamplePeaks(stored, 3)).toEqual(new Float32Array([-0.5, -0.9, 0.4]))
    expect(downsamplePeaks(stored, 1)).toBe(stored)
  })

  it('picks the coarsest whole factor that still meets both the rate and the count asked for', () => {
    // 60 minutes stored at 100 a second.
    expect(peakFactor(360_000, { perSecond: 16.7, atLeast: 300 })).toBe(5)
    expect(peakFactor(360_000, { perSecond: 133, atLeast: 300 })).toBe(1)
    // 10 s in a 900-bar-wide waveform: the count wins over the rate.
    expect(peakFactor(1_000, { perSecond: 3.4, atLeast: 300 })).toBe(3)
    expect(peakFactor(50, { perSecond: 1, atLeast: 300 })).toBe(1)
    const level = peakLevel(new Float32Array(360_000), { perSecond: 16.7, atLeast: 300 })
    expect(level.perSecond).toBe(20)
    expect(level.peaks.length).toBe(72_000)
  })

  it('refuses a factor that is not a whole number of at least 1', () => {
    expect(() => downsamplePeaks(new Float32Array(4), 0)).toThrow(/whole number/)
    expect(() => downsamplePeaks(new Float32Array(4), 1.5)).toThrow(/whole number/)
  })
})
