// What the host's main thread and its backend worker say to each other (backend-worker.ts,
// backend-worker-client.ts). Plain data only: everything crosses by structured clone.
import type { MessagePort } from 'node:worker_threads'
import type { AppEvent } from '../shared/contract'
import type { RecordingKind } from '../services/media/media-source'

export interface BackendWorkerData {
  dataDir: string
  appRoot: string
}

export type ToBackendWorker =
  | { type: 'invoke'; id: number; channel: unknown; input: unknown }
  | { type: 'recording'; id: number; callInstanceId: number; kind: RecordingKind }
  /** Spends an export ticket: the reply is the download's name and type and a handle, or null. */
  | { type: 'download-take'; id: number; ticket: string }
  /** Streams the taken download through `port` (download-stream messages); the reply is the rows written. */
  | { type: 'download-write'; id: number; handle: number; port: MessagePort }
  | { type: 'stop'; id: number }

export type FromBackendWorker =
  | { type: 'ready' }
  | { type: 'failed'; message: string }
  /** invoke's reply is the Result as JSON text: the main thread sends it on as it is. */
  | { type: 'reply'; id: number; value: unknown }
  | { type: 'reply-error'; id: number; message: string }
  | { type: 'event'; event: AppEvent }

export interface TakenDownload {
  fileName: string
  mimeType: string
  handle: number
}

/** An export's bytes, worker → main, one chunk at a time: the next is sent once the last is acked. */
export type DownloadStreamMessage = { type: 'chunk'; chunk: Uint8Array } | { type: 'end' }
/** main → worker: written (or drained), or the browser went away. */
export type DownloadStreamReply = { type: 'ack' } | { type: 'closed' }
