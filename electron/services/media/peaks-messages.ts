// What the main thread and a peaks worker say to each other (peaks-pool.ts ↔ peaks-worker.ts).
// Every job has an id; a worker runs many at once (downloads wait on the network, not the CPU).
import type { RecordingDigest } from './recording-digest'

export type ToWorker =
  /** Digest bytes already here (transferred, not copied). */
  | { type: 'digest'; id: number; bytes: Uint8Array; destination: string }
  /** Fetch a recording URL and answer with its headers; the body waits for `save` or `cancel`. */
  | { type: 'fetch'; id: number; url: string }
  | { type: 'save'; id: number; destination: string }
  /** Stop the job wherever it is: the request or the body is aborted, or the body discarded. */
  | { type: 'cancel'; id: number }

/** An error as it crosses the thread boundary: the kind the main thread acts on, and its text. */
export interface CrossedError {
  notAudio: boolean
  message: string
  /** A network code from the error's cause chain (ECONNREFUSED, …), as undici reports it. */
  code?: string
}

export type FromWorker =
  | { type: 'head'; id: number; ok: true; status: number; contentType: string | null }
  | { type: 'head'; id: number; ok: false; status: number; retryAfter: string | null; text: string }
  | { type: 'digest'; id: number; digest: RecordingDigest; bytes: number }
  | { type: 'failed'; id: number; error: CrossedError }
