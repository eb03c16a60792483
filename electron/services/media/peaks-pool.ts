// A small pool of worker threads computing recordings' peaks (peaks-worker.ts). Decoding a
// recording takes the main thread 5–50 ms (minutes of MP3 through WASM), long enough to make the
// app's UI and API stutter while a sync runs; in a worker it also runs on another core.
// Workers start on first use, are unref'd (a CLI still exits when its work is done) and are
// replaced when one dies; a task on a worker that died fails (its call is retried by the next sync).
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { availableParallelism } from 'node:os'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { Peaks } from './peaks'
import { peaksOfRecording, type PeaksReply } from './recording-peaks'

/** A failure of the decoding itself (the bytes are not audio), as opposed to the pool failing. */
export class NotAudioError extends Error {
  override name = 'NotAudioError'
}

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
  resolve: (peaks: Peaks) => void
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

  compute(bytes: Uint8Array): Promise<Peaks> {
    if (this.inProcess) return this.computeHere(bytes)
    return new Promise<Peaks>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, bytes, resolve, reject })
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

  private async computeHere(bytes: Uint8Array): Promise<Peaks> {
    try {
      return await peaksOfRecording(bytes)
    } catch (error) {
      throw new NotAudioError(error instanceof Error ? error.message : String(error))
    }
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const slot = this.slots.find((s) => s.job === null) ?? (this.slots.length < this.size ? this.spawn() : null)
      if (!slot) {
        if (this.slots.length === 0 && this.inProcess) {
          for (const job of this.queue.splice(0)) this.computeHere(job.bytes).then(job.resolve, job.reject)
        }
        return
      }
      const job = this.queue.shift()!
      slot.job = job
      slot.worker.ref() // a job under way keeps the process alive until its answer
      // A copy goes to the worker: the caller still writes these bytes to disk.
      slot.worker.postMessage({ id: job.id, bytes: job.bytes })
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
    worker.on('message', (reply: PeaksReply) => {
      const job = slot.job
      if (!job || job.id !== reply.id) return
      slot.job = null
      worker.unref()
      if (reply.ok) job.resolve({ peaks: reply.peaks, durationMs: reply.durationMs, sampleRate: reply.sampleRate })
      else job.reject(new NotAudioError(reply.message))
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

let shared: PeaksPool | null = null

/** The process's pool: one worker per spare core, at least one, at most four. */
export function peaksPool(): PeaksPool {
  shared ??= new PeaksPool(Math.max(1, Math.min(4, availableParallelism() - 1)))
  return shared
}
