// The work a peaks worker does for the main thread (peaks-worker.ts; on the main thread itself
// when no worker can start): digests recordings handed to it, and fetches recordings itself —
// the request, the body, decoding, hashing and the atomic write — answering only with the
// headers' verdict and the digest, so a recording's bytes never cross to the main thread.
import type { CrossedError, FromWorker, ToWorker } from './peaks-messages'
import { answerOf, type OpenRecording } from './recording-answer'
import { digestRecording, NotAudioError } from './recording-digest'
import { networkCode } from '../byrobot/network-code'

interface FetchJob {
  controller: AbortController
  /** Set once the headers said 2xx: the body waits for `save` or `cancel`. */
  answer?: OpenRecording
  saving: boolean
}

export class RecordingJobs {
  private readonly fetches = new Map<number, FetchJob>()

  constructor(private readonly reply: (message: FromWorker, transfer?: ArrayBuffer[]) => void) {}

  handle(message: ToWorker): void {
    switch (message.type) {
      case 'digest':
        void this.digest(message.id, message.bytes, message.destination)
        return
      case 'fetch':
        void this.fetch(message.id, message.url)
        return
      case 'save':
        void this.save(message.id, message.destination)
        return
      case 'cancel':
        this.cancel(message.id)
    }
  }

  private async digest(id: number, bytes: Uint8Array, destination: string): Promise<void> {
    try {
      const digest = await digestRecording(bytes, destination)
      // The peaks' buffer moves to the main thread instead of being copied.
      this.reply({ type: 'digest', id, digest, bytes: bytes.byteLength }, [digest.peaks.buffer as ArrayBuffer])
    } catch (error) {
      this.fail(id, error)
    }
  }

  private async fetch(id: number, url: string): Promise<void> {
    const job: FetchJob = { controller: new AbortController(), saving: false }
    this.fetches.set(id, job)
    try {
      const signal = job.controller.signal
      const answer = await answerOf(await fetch(url, { method: 'GET', signal }), digestRecording, signal)
      if (this.fetches.get(id) !== job) {
        // Cancelled while the answer was read: nobody waits for it.
        if (answer.ok) answer.body.discard()
        return
      }
      if (!answer.ok) {
        this.fetches.delete(id)
        const { status, retryAfter, text } = answer
        this.reply({ type: 'head', id, ok: false, status, retryAfter, text })
        return
      }
      job.answer = answer
      this.reply({ type: 'head', id, ok: true, status: answer.status, contentType: answer.contentType })
    } catch (error) {
      // A cancelled job was already settled on the main thread.
      if (this.fetches.get(id) === job) {
        this.fetches.delete(id)
        this.fail(id, error)
      }
    }
  }

  private async save(id: number, destination: string): Promise<void> {
    const job = this.fetches.get(id)
    if (!job?.answer) {
      this.fail(id, new Error('the recording was cancelled before it was saved'))
      return
    }
    job.saving = true
    try {
      const saved = await job.answer.body.save(destination)
      const { bytes, ...digest } = saved
      this.reply({ type: 'digest', id, digest, bytes }, [digest.peaks.buffer as ArrayBuffer])
    } catch (error) {
      this.fail(id, error)
    } finally {
      this.fetches.delete(id)
    }
  }

  /** While saving, the main thread waits for the save's own answer (so no write outlives it). */
  private cancel(id: number): void {
    const job = this.fetches.get(id)
    if (!job) return
    job.controller.abort()
    if (job.saving) return
    this.fetches.delete(id)
    job.answer?.body.discard()
  }

  private fail(id: number, error: unknown): void {
    this.reply({ type: 'failed', id, error: crossed(error) })
  }
}

function crossed(error: unknown): CrossedError {
  const message = error instanceof Error ? error.message : String(error)
  const code = networkCode(error)
  return { notAudio: error instanceof NotAudioError, message, ...(code ? { code } : {}) }
}
