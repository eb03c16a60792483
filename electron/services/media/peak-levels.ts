// The stored peaks (PEAKS_PER_SECOND buckets a second, see peaks.ts) served at the resolution a
// waveform needs: a 60-minute call is 360,000 values at 100 a second, while a waveform drawn at
// its default zoom shows a bar for every ~6 of them. Downsampled on read with the same rule the
// peaks were computed with, so a coarser level is exactly what computePeaks would have made.
import { PEAKS_PER_SECOND, signedPeak } from './peaks'

/** What a waveform asks for: at least this many values a second, and at least this many in all. */
export interface PeakResolution {
  perSecond: number
  /** A short call drawn across a wide waveform needs more per second than its zoom says. */
  atLeast: number
}

export interface PeakLevel {
  peaks: Float32Array
  /** Values a second in `peaks`: PEAKS_PER_SECOND divided by a whole factor. */
  perSecond: number
}

/**
 * The largest whole factor that still meets the resolution. Stored peaks are kept as they are
 * (factor 1) when even they fall short: nothing finer exists.
 */
export function peakFactor(storedCount: number, resolution: PeakResolution): number {
  const byRate = Math.floor(PEAKS_PER_SECOND / Math.max(resolution.perSecond, 1e-9))
  const byCount = Math.floor(storedCount / Math.max(resolution.atLeast, 1))
  return Math.max(1, Math.min(byRate, byCount))
}

/**
 * Every `factor` stored values become one: the first of largest magnitude, kept with its sign
 * (computePeaks' rule, so the level equals peaks computed at PEAKS_PER_SECOND / factor from
 * the samples when the buckets divide evenly). The last value covers what is left.
 */
export function downsamplePeaks(stored: Float32Array, factor: number): Float32Array {
  if (!Number.isInteger(factor) || factor < 1) throw new RangeError(`peak factor must be a whole number ≥ 1: ${factor}`)
  if (factor === 1) return stored
  const out = new Float32Array(Math.ceil(stored.length / factor))
  for (let bucket = 0; bucket < out.length; bucket++) {
    const from = bucket * factor
    out[bucket] = signedPeak(stored, from, Math.min(stored.length, from + factor))
  }
  return out
}

/** The stored peaks at the coarsest level that meets `resolution` (all of them when none is asked). */
export function peakLevel(stored: Float32Array, resolution?: PeakResolution): PeakLevel {
  const factor = resolution ? peakFactor(stored.length, resolution) : 1
  return { peaks: downsamplePeaks(stored, factor), perSecond: PEAKS_PER_SECOND / factor }
}
