// Recording rows: what sync hands over for a downloaded file, the peaks blob format, and the
// rule that a cached path always resolves inside the data directory.
import { isAbsolute, relative, resolve, sep } from 'node:path'
import type { RecordingKind, RecordingUnavailableReason } from '../../shared/contract/calls'

/**
 * Waveform peaks as media/peaks.ts computes them for wavesurfer: one signed Float32 per bucket
 * (the sample of largest magnitude in it, in [-1, 1]), buckets spread evenly over the recording
 * (100 a second there). Stored as the array's bytes, little-endian (every platform CallLens ships
 * on is), 4 bytes a bucket: a 3-minute call is 72 KB.
 */
export type Peaks = Float32Array

export interface RecordingInput {
  kind: RecordingKind
  /** Relative to the data directory (e.g. `recordings/4567.mp3`). */
  path: string
  bytes: number
  sha256: string
  durationMs: number | null
  peaks: Peaks | null
  sampleRate: number | null
}

/** A recording the call is stored without, and the URL that failed (a new URL is tried again). */
export interface UnavailableRecordingInput {
  kind: RecordingKind
  url: string
  reason: RecordingUnavailableReason
  message: string
  /** ISO time of the attempt that failed. */
  at: string
}

export function encodePeaks(peaks: Peaks | null): Buffer | null {
  return peaks === null ? null : Buffer.from(peaks.buffer, peaks.byteOffset, peaks.byteLength)
}

export function decodePeaks(blob: Uint8Array | null): Peaks | null {
  if (blob === null) return null
  // Copy: the blob's offset inside its pool may not be 4-byte aligned.
  const copy = new Uint8Array(blob)
  return new Float32Array(copy.buffer, 0, Math.floor(copy.byteLength / 4))
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
