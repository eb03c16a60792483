// A recording's HTTP answer as far as its headers, its body left unread where it arrived: in a
// peaks worker thread (peaks-pool.ts), so that a recording's megabytes never reach the main
// thread, or on this thread when the network edge is a fetch given to the client (tests).
// The client's retry loop judges the status; `save` reads, decodes, hashes and writes the body.
import { receiveBytes } from './download'
import type { RecordingDigest } from './recording-digest'

export interface SavedRecording extends RecordingDigest {
  /** The body's size. */
  bytes: number
}

export interface RecordingBody {
  /**
   * Reads the rest of the body and digests it into `destination` (recording-digest.ts: written only
   * if it decodes; NotAudioError otherwise). Settles only once nothing more is written for it.
   */
  save(destination: string): Promise<SavedRecording>
  /** The body is not wanted: its connection is released. */
  discard(): void
}

/** A 2xx answer, its body unread. */
export interface OpenRecording {
  ok: true
  status: number
  contentType: string | null
  body: RecordingBody
}

/** Any other answer, its (short) body read as text for the error it becomes. */
export interface RefusedRecording {
  ok: false
  status: number
  retryAfter: string | null
  text: string
}

export type RecordingAnswer = OpenRecording | RefusedRecording

/**
 * One attempt at a recording URL. `signal` governs the whole attempt, body included: the
 * client's timeout (headers only) and the caller's cancellation.
 */
export type RecordingFetch = (url: URL, signal: AbortSignal) => Promise<RecordingAnswer>

/** A fetch Response as a RecordingAnswer whose body is read on this thread and digested by `digest`. */
export async function answerOf(
  response: Response,
  digest: (bytes: Uint8Array, destination: string) => Promise<RecordingDigest>,
  signal?: AbortSignal,
): Promise<RecordingAnswer> {
  if (!response.ok) {
    const text = await response.text().catch(() => '')
    return { ok: false, status: response.status, retryAfter: response.headers.get('retry-after'), text }
  }
  if (!response.body) return { ok: true, status: response.status, contentType: null, body: bodiless(response.status) }
  return {
    ok: true,
    status: response.status,
    contentType: response.headers.get('content-type'),
    body: {
      // `response` itself is held here until its body is read: undici cancels the body of a
      // Response that is garbage collected, and the read then ends early without an error.
      async save(destination) {
        const bytes = await receiveBytes(response.body!, signal)
        const size = bytes.byteLength
        const declared = declaredLength(response.headers)
        if (declared !== null && size !== declared) {
          throw new Error(`recording download incomplete: ${size} of ${declared} bytes`)
        }
        // `digest` may take the bytes away (transferred to a worker): the size is read first.
        return { ...(await digest(bytes, destination)), bytes: size }
      },
      discard() {
        void response.body?.cancel().catch(() => undefined)
      },
    },
  }
}

/** Content-Length when it counts the bytes read (no content encoding undici undoes). */
function declaredLength(headers: Headers): number | null {
  const encoding = headers.get('content-encoding')
  if (encoding && encoding !== 'identity') return null
  const length = Number(headers.get('content-length') ?? NaN)
  return Number.isSafeInteger(length) && length >= 0 ? length : null
}

/** A RecordingFetch over a plain fetch: the body is read on this thread, digested by `digest`. */
export function recordingFetchVia(
  fetchImpl: typeof globalThis.fetch,
  digest: (bytes: Uint8Array, destination: string) => Promise<RecordingDigest>,
): RecordingFetch {
  return async (url, signal) => answerOf(await fetchImpl(url, { method: 'GET', signal }), digest, signal)
}

/** A 2xx answer without a body (204): nothing to save. */
function bodiless(status: number): RecordingBody {
  return {
    save: () => Promise.reject(new Error(`recording download failed: HTTP ${status}`)),
    discard: () => undefined,
  }
}
