// Recording rows: what sync hands over for a downloaded file, the peaks blob format, and the
// rule that a cached path always resolves inside the data directory.
import { isAbsolute, relative, resolve, sep } from 'node:path'
import type { RecordingKind } from '../../shared/contract/calls'

/**
 * Waveform peaks: interleaved (min, max) pairs, one pair per bucket, the buckets spread evenly
 * over the recording's duration; samples in [-1, 1] scaled to Int16 [-32767, 32767]. Stored as
 * the array's bytes, little-endian (every platform CallLens ships on is little-endian; the
 * blob is read back the same way). 4 bytes a bucket: 100 buckets/s of a 3-minute call is 72 KB.
 */
export type Peaks = Int16Array

export interface RecordingInput {
  kind: RecordingKind
  /** Relative to the data directory (e.g. `recordings/123/4567.mp3`). */
  path: string
  bytes: number
  sha256: string
  durationMs: number | null
  peaks: Peaks | null
  sampleRate: number | null
}

/** Scales float samples in [-1, 1] to the stored Int16 form; handy for whoever computes peaks. */
export function peaksFromFloats(pairs: ArrayLike<number>): Peaks {
  const out = new Int16Array(pairs.length)
  for (let i = 0; i < pairs.length; i++) out[i] = Math.round(Math.max(-1, Math.min(1, pairs[i] ?? 0)) * 32767)
  return out
}

export function encodePeaks(peaks: Peaks | null): Buffer | null {
  if (peaks === null) return null
  if (peaks.length % 2 !== 0) throw new Error('peaks must be (min, max) pairs')
  return Buffer.from(peaks.buffer, peaks.byteOffset, peaks.byteLength)
}

export function decodePeaks(blob: Buffer | null): Peaks | null {
  if (blob === null) return null
  // Copy: the blob's offset inside its pool may not be 2-byte aligned.
  const copy = new Uint8Array(blob.byteLength)
  copy.set(blob)
  return new Int16Array(copy.buffer)
}

/** The path normalised to forward slashes, or an error if it would leave the data directory. */
export function checkedRelativePath(dataDir: string, path: string): string {
  if (path.length === 0 || isAbsolute(path)) throw new Error(`recording path must be relative: ${path}`)
  const rel = relative(dataDir, resolve(dataDir, path))
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    throw new Error(`recording path leaves the data directory: ${path}`)
  }
  return rel.split(sep).join('/')
}

/** Absolute path of a stored relative path, or null if it somehow points outside the data dir. */
export function resolveInside(dataDir: string, stored: string): string | null {
  try {
    return resolve(dataDir, checkedRelativePath(dataDir, stored))
  } catch {
    return null
  }
}
