// A small pool of worker threads digesting recordings (peaks-worker.ts → recording-digest.ts:
// decode, peaks, sha256, atomic write). Decoding a recording takes the main thread 5–50 ms
// (minutes of MP3 through WASM), long enough to make the app's UI and API stutter while a sync
// runs; in a worker it also runs on another core, and the bytes are transferred, never copied.
// Workers start on first use, are unref'd (a CLI still exits when its work is done) and are
// replaced when one dies; a task on a worker that died fails (its call is retried by the next sync).
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { availableParallelism } from 'node:os'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import { digestRecording, NotAudioError, type DigestReply, type RecordingDigest } from './recording-digest'

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

interface Job {
  id: number
  bytes: Uint8Array
  destination: string
  resolve: (digest: RecordingDigest) => void
  reject: (error: Error) => void
}

interface Slot {
  worker: Worker
  job: Job | null
}

export class PeaksPool {
  private readonly slots: Slot[] = []
  private readonly queue: Job[] = []
  private nextId = 1
  /**
   * Set when no worker file exists: a bundle that did not emit one (the crash suite's esbuild
   * fixtures) decodes on its own thread, as before workers, rather than failing every recording.
   */
  private inProcess = false

  constructor(private readonly size: number) {}

  /**
   * Decodes, hashes and writes a recording to `destination`. The bytes are transferred to the
   * worker: the caller must not use them afterwards. Fails with NotAudioError when they do not decode.
   */
  digest(bytes: Uint8Array, destination: string): Promise<RecordingDigest> {
    if (this.inProcess) return digestRecording(bytes, destination)
    return new Promise<RecordingDigest>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, bytes, destination, resolve, reject })
      this.pump()
    })
  }

  /** Stops every worker; queued and running jobs fail. */
  async close(): Promise<void> {
    const slots = this.slots.splice(0)
    for (const job of this.queue.splice(0)) job.reject(new Error('the peaks pool was closed'))
    for (const slot of slots) slot.job?.reject(new Error('the peaks pool was closed'))
    await Promise.all(slots.map((slot) => slot.worker.terminate()))
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const slot = this.slots.find((s) => s.job === null) ?? (this.slots.length < this.size ? this.spawn() : null)
      if (!slot) {
        if (this.slots.length === 0 && this.inProcess) {
          for (const job of this.queue.splice(0))
            digestRecording(job.bytes, job.destination).then(job.resolve, job.reject)
        }
        return
      }
      const job = this.queue.shift()!
      slot.job = job
      slot.worker.ref() // a job under way keeps the process alive until its answer
      const { id, bytes, destination } = job
      // Moved, not copied, when the bytes have an ArrayBuffer of their own (a download's always does).
      const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
      slot.worker.postMessage({ id, bytes, destination }, whole ? [bytes.buffer as ArrayBuffer] : [])
      job.bytes = EMPTY
    }
  }

  private spawn(): Slot | null {
    const worker = startWorker()
    if (!worker) {
      this.inProcess = true
      return null
    }
    worker.unref()
    const slot: Slot = { worker, job: null }
    worker.on('message', (reply: DigestReply) => {
      const job = slot.job
      if (!job || job.id !== reply.id) return
      slot.job = null
      worker.unref()
      if (reply.ok) job.resolve(reply.digest)
      else job.reject(reply.notAudio ? new NotAudioError(reply.message) : new Error(reply.message))
      this.pump()
    })
    const retire = (error: Error): void => {
      const index = this.slots.indexOf(slot)
      if (index < 0) return
      this.slots.splice(index, 1)
      slot.job?.reject(new Error(`the peaks worker stopped: ${error.message}`))
      slot.job = null
      this.pump()
    }
    worker.on('error', retire)
    worker.on('exit', (code) => retire(new Error(`exit code ${code}`)))
    this.slots.push(slot)
    return slot
  }
}

const EMPTY = new Uint8Array(0)

let shared: PeaksPool | null = null

/** The process's pool: one worker per spare core, at least one, at most four. */
export function peaksPool(): PeaksPool {
  shared ??= new PeaksPool(Math.max(1, Math.min(4, availableParallelism() - 1)))
  return shared
}
