// A small pool of worker threads that digest recordings (decode, peaks, sha256, atomic write;
// recording-digest.ts) and, for sync, fetch them in the first place (recording-jobs.ts): a
// recording's megabytes then never touch the main thread — no reading the body through undici,
// no handing it over, no garbage collections of the main heap for it — and decoding (5–50 ms of
// MP3 through WASM a recording) never stalls the app's UI and API. Each worker runs many jobs at
// once (downloads mostly wait on the network). Workers start on first use, are unref'd (a CLI
// still exits when its work is done) and are replaced when one dies; a job on a worker that died
// fails (its call is retried by the next sync).
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { availableParallelism } from 'node:os'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { CrossedError, FromWorker, ToWorker } from './peaks-messages'
import type { RecordingAnswer, RecordingFetch, SavedRecording } from './recording-answer'
import { NotAudioError, type RecordingDigest } from './recording-digest'
import { RecordingJobs } from './recording-jobs'

export { NotAudioError }

/**
 * Built: out/main/peaks-worker.js beside host.js/index.js (the pool itself may sit in out/main/chunks).
 * From source (tsx, vitest): peaks-worker.ts beside this file, loaded through tsx.
 */
function startWorker(): Worker | null {
  const here = import.meta.dirname
  for (const file of [join(here, 'peaks-worker.js'), join(here, '..', 'peaks-worker.js')]) {
    if (existsSync(file)) return new Worker(file)
  }
  const source = join(here, 'peaks-worker.ts')
  if (!existsSync(source)) return null
  // A worker does not inherit the parent's loader hooks: tsx is registered in it first.
  // (tsx's ESM entry, by path: resolving 'tsx/esm/api' from CommonJS gives its require variant.)
  const tsxPackage = dirname(createRequire(import.meta.url).resolve('tsx/package.json'))
  const tsxApi = pathToFileURL(join(tsxPackage, 'dist/esm/api/index.mjs')).href
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(pathToFileURL(source).href)}) })`
  return new Worker(bootstrap, { eval: true })
}

/** What waits for a job's answers; `fail` when its worker died or the pool closed. */
interface Waiter {
  settle: (reply: FromWorker) => void
  fail: (error: Error) => void
}

interface Slot {
  /** null: this thread (no worker file exists). */
  worker: Worker | null
  jobs: Map<number, Waiter>
  post: (message: ToWorker, transfer?: ArrayBuffer[]) => void
}

export class PeaksPool {
  private readonly slots: Slot[] = []
  /**
   * Set when no worker file exists: a bundle that did not emit one (the crash suite's esbuild
   * fixtures) does the same jobs on its own thread, as before workers, rather than failing them.
   */
  private local: Slot | null = null
  private nextId = 1

  constructor(private readonly size: number) {}

  /**
   * Decodes, hashes and writes a recording to `destination`. The bytes are transferred to the
   * worker: the caller must not use them afterwards. Fails with NotAudioError when they do not decode.
   */
  digest(bytes: Uint8Array, destination: string): Promise<RecordingDigest> {
    return new Promise<RecordingDigest>((resolve, reject) => {
      const { id, slot } = this.begin({
        settle: (reply) => {
          this.end(slot, id)
          if (reply.type === 'digest') resolve(reply.digest)
          else reject(reply.type === 'failed' ? errorOf(reply.error) : new Error(`unexpected ${reply.type} reply`))
        },
        fail: reject,
      })
      // Moved, not copied, when the bytes have an ArrayBuffer of their own (a download's always does).
      const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
      slot.post({ type: 'digest', id, bytes, destination }, whole ? [bytes.buffer as ArrayBuffer] : [])
    })
  }

  /**
   * Fetches a recording in a worker: resolves with the headers' verdict; an open body is read,
   * digested and written there by its `save`. `signal` aborts the request, or the body, wherever it is.
   */
  readonly fetch: RecordingFetch = (url, signal) =>
    new Promise<RecordingAnswer>((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason)
      let phase: 'head' | 'open' | 'saving' | 'over' = 'head'
      let saving: { resolve: (saved: SavedRecording) => void; reject: (error: unknown) => void } | null = null
      const finish = (): void => {
        phase = 'over'
        signal.removeEventListener('abort', onAbort)
        this.end(slot, id)
      }
      const fail = (error: unknown): void => {
        const waiting = saving ?? { reject }
        finish()
        waiting.reject(error)
      }
      const onAbort = (): void => {
        slot.post({ type: 'cancel', id })
        // A save under way answers once its worker has stopped writing; until then it stays open.
        if (phase === 'saving') return
        const before = phase
        finish()
        if (before === 'head') reject(signal.reason)
      }
      const save = (destination: string): Promise<SavedRecording> =>
        new Promise<SavedRecording>((resolveSave, rejectSave) => {
          if (phase !== 'open') return rejectSave(signal.reason ?? new Error('the recording was discarded'))
          phase = 'saving'
          saving = { resolve: resolveSave, reject: rejectSave }
          slot.post({ type: 'save', id, destination })
        })
      const discard = (): void => {
        if (phase !== 'open') return
        slot.post({ type: 'cancel', id })
        finish()
      }
      const { id, slot } = this.begin({
        settle: (reply) => {
          if (reply.type === 'failed') return fail(errorOf(reply.error))
          if (reply.type === 'digest') {
            const waiting = saving
            finish()
            return waiting?.resolve({ ...reply.digest, bytes: reply.bytes })
          }
          if (!reply.ok) {
            finish()
            return resolve({ ok: false, status: reply.status, retryAfter: reply.retryAfter, text: reply.text })
          }
          phase = 'open'
          resolve({ ok: true, status: reply.status, contentType: reply.contentType, body: { save, discard } })
        },
        fail,
      })
      signal.addEventListener('abort', onAbort, { once: true })
      slot.post({ type: 'fetch', id, url: url.href })
    })

  /** Stops every worker; jobs under way fail. */
  async close(): Promise<void> {
    const slots = this.slots.splice(0)
    if (this.local) slots.push(this.local)
    this.local = null
    for (const slot of slots) for (const job of slot.jobs.values()) job.fail(new Error('the peaks pool was closed'))
    await Promise.all(slots.map((slot) => slot.worker?.terminate()))
  }

  /** A new job on the idlest worker (a new one while fewer than `size` run and none is idle). */
  private begin(waiter: Waiter): { id: number; slot: Slot } {
    const slot = this.pick()
    const id = this.nextId++
    slot.jobs.set(id, waiter)
    slot.worker?.ref() // a job under way keeps the process alive until its answer
    return { id, slot }
  }

  private end(slot: Slot, id: number): void {
    slot.jobs.delete(id)
    if (slot.jobs.size === 0) slot.worker?.unref()
  }

  private pick(): Slot {
    if (this.local) return this.local
    const idle = this.slots.find((slot) => slot.jobs.size === 0)
    if (idle) return idle
    if (this.slots.length < this.size) return this.spawn()
    return this.slots.reduce((least, slot) => (slot.jobs.size < least.jobs.size ? slot : least))
  }

  private spawn(): Slot {
    const worker = startWorker()
    if (!worker) return (this.local = localSlot((reply) => deliver(this.local, reply)))
    worker.unref()
    const slot: Slot = {
      worker,
      jobs: new Map(),
      post: (message, transfer = []) => worker.postMessage(message, transfer),
    }
    worker.on('message', (reply: FromWorker) => deliver(slot, reply))
    const retire = (error: Error): void => {
      const index = this.slots.indexOf(slot)
      if (index < 0) return
      this.slots.splice(index, 1)
      for (const job of slot.jobs.values()) job.fail(new Error(`the peaks worker stopped: ${error.message}`))
      slot.jobs.clear()
    }
    worker.on('error', retire)
    worker.on('exit', (code) => retire(new Error(`exit code ${code}`)))
    this.slots.push(slot)
    return slot
  }
}

/** The jobs on this thread; replies come a turn later, as a worker's would. */
function localSlot(onReply: (reply: FromWorker) => void): Slot {
  const jobs = new RecordingJobs((reply) => queueMicrotask(() => onReply(reply)))
  return { worker: null, jobs: new Map(), post: (message) => jobs.handle(message) }
}

function deliver(slot: Slot | null, reply: FromWorker): void {
  slot?.jobs.get(reply.id)?.settle(reply)
}

function errorOf(error: CrossedError): Error {
  if (error.notAudio) return new NotAudioError(error.message)
  // The network code stays where the client looks for it (byrobot/errors.ts: the cause chain).
  return new Error(error.message, error.code ? { cause: { code: error.code } } : undefined)
}

let shared: PeaksPool | null = null

/** The process's pool: one worker per spare core, at least one, at most four. */
export function peaksPool(): PeaksPool {
  shared ??= new PeaksPool(Math.max(1, Math.min(4, availableParallelism() - 1)))
  return shared
}
