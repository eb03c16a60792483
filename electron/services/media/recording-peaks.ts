// A recording's bytes → its waveform peaks: what the peaks worker runs (and what a test may run
// in-process). Kept apart from the pool so the worker's bundle holds only decoding.
import { decodeAudio } from './decode-audio'
import { computePeaks, type Peaks } from './peaks'

export async function peaksOfRecording(bytes: Uint8Array): Promise<Peaks> {
  return computePeaks(await decodeAudio(bytes))
}

/** What the main thread sends a peaks worker, and what comes back. */
export interface PeaksRequest {
  id: number
  bytes: Uint8Array
}

export type PeaksReply =
  | { id: number; ok: true; peaks: Float32Array; durationMs: number; sampleRate: number }
  | { id: number; ok: false; message: string }
