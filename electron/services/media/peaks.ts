// Waveform peaks computed at sync time, so the player draws a call without
// decoding its recording in the renderer (wavesurfer `peaks` + `duration`).
// Format: one value per bucket, the signed sample of largest magnitude (what
// wavesurfer's own exportPeaks produces), PEAKS_PER_SECOND buckets a second.
import type { DecodedAudio } from './wav'

export const PEAKS_PER_SECOND = 100

export interface Peaks {
  peaks: Float32Array
  durationMs: number
  sampleRate: number
}

export function computePeaks(audio: DecodedAudio, perSecond = PEAKS_PER_SECOND): Peaks {
  const { samples, sampleRate } = audio
  const fullScale = samples instanceof Int16Array ? 32768 : 1
  const durationMs = Math.round((samples.length / sampleRate) * 1000)
  const bucketCount = Math.max(1, Math.ceil((samples.length / sampleRate) * perSecond))
  const bucketSize = samples.length / bucketCount
  const peaks = new Float32Array(bucketCount)
  for (let bucket = 0; bucket < bucketCount; bucket++) {
    const from = Math.floor(bucket * bucketSize)
    const to = Math.min(samples.length, Math.floor((bucket + 1) * bucketSize))
    peaks[bucket] = signedPeak(samples, from, to) / fullScale
  }
  return { peaks, durationMs, sampleRate }
}

/**
 * The first value of largest magnitude in `values[from, to)`, kept with its sign: a bucket's peak,
 * whether the values are samples or finer peaks (peak-levels.ts downsamples by the same rule).
 */
export function signedPeak(values: ArrayLike<number>, from: number, to: number): number {
  let peak = 0
  let magnitude = 0
  for (let i = from; i < to; i++) {
    const value = values[i]!
    const size = value < 0 ? -value : value
    if (size > magnitude) {
      magnitude = size
      peak = value
    }
  }
  return peak
}

/** Peaks stored as a BLOB (little-endian Float32) and back. */
export function peaksToBuffer(peaks: Float32Array): Buffer {
  return Buffer.from(peaks.buffer, peaks.byteOffset, peaks.byteLength)
}

export function peaksFromBuffer(buffer: Uint8Array): Float32Array {
  const copy = new Uint8Array(buffer) // aligned copy: a Buffer slice may not be 4-byte aligned
  return new Float32Array(copy.buffer, 0, Math.floor(copy.byteLength / 4))
}
