// The main thread's side of the backend worker (backend-worker.ts): a HostBackend whose calls,
// media look-ups, export downloads and events cross to the worker and back.
import { MessageChannel, Worker, type MessagePort, type WorkerOptions } from 'node:worker_threads'
import type { Writable } from 'node:stream'
import type { AppEvent } from '../shared/contract'
import type {
  BackendWorkerData,
  DownloadStreamMessage,
  DownloadStreamReply,
  FromBackendWorker,
  TakenDownload,
  ToBackendWorker,
} from './backend-worker-messages'
import { ResultJson, type HostBackend } from './http-host'

type Request = ToBackendWorker extends infer M ? (M extends { id: number } ? Omit<M, 'id'> : never) : never

export interface BackendWorker {
  /** Settles once the worker has opened the data directory (or failed to). */
  backend: Promise<HostBackend>
  /** Stops the sync and closes the cache in the worker, then ends the worker. */
  stop(): Promise<void>
}

export interface BackendWorkerOptions extends BackendWorkerData {
  /** The worker's entry (the built backend-worker.js; tests give the .ts with a loader). */
  entry: string | URL
  execArgv?: WorkerOptions['execArgv']
  /** The worker died after it had loaded (an uncaught error): the host cannot go on without it. */
  onCrash(error: Error): void
}

/** Pipes one export from the worker into the response, a chunk at a time (the response's backpressure). */
function receiveDownload(port: MessagePort, out: Writable): void {
  let ended = false
  const ack = (): void => port.postMessage({ type: 'ack' } satisfies DownloadStreamReply)
  port.on('message', (message: DownloadStreamMessage) => {
    if (message.type === 'end') {
      ended = true
      out.end(ack)
      return
    }
    const chunk = Buffer.from(message.chunk.buffer, message.chunk.byteOffset, message.chunk.byteLength)
    if (out.write(chunk)) ack()
    else out.once('drain', ack)
  })
  out.once('close', () => {
    if (!ended) port.postMessage({ type: 'closed' } satisfies DownloadStreamReply)
  })
}

export function startBackendWorker(options: BackendWorkerOptions): BackendWorker {
  const worker = new Worker(options.entry, {
    workerData: { dataDir: options.dataDir, appRoot: options.appRoot } satisfies BackendWorkerData,
    execArgv: options.execArgv,
  })
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>()
  const listeners = new Set<(event: AppEvent) => void>()
  let nextId = 1
  let ready = false
  let stopping = false

  const request = <T>(message: Request, transfer: MessagePort[] = []): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject })
      worker.postMessage({ ...message, id }, transfer)
    })

  const backend: HostBackend = {
    invoke: async (channel, input) => new ResultJson(await request<string>({ type: 'invoke', channel, input })),
    events: {
      subscribe(listener) {
        listeners.add(listener)
        return () => void listeners.delete(listener)
      },
    },
    media: {
      recordingFile: (callInstanceId, kind) => request<string | null>({ type: 'recording', callInstanceId, kind }),
    },
    async download(ticket) {
      const taken = await request<TakenDownload | null>({ type: 'download-take', ticket })
      if (!taken) return null
      return {
        fileName: taken.fileName,
        mimeType: taken.mimeType,
        write(out) {
          const { port1, port2 } = new MessageChannel()
          receiveDownload(port1, out)
          return request<number>({ type: 'download-write', handle: taken.handle, port: port2 }, [port2]).finally(() =>
            port1.close(),
          )
        },
      }
    },
  }

  const loaded = new Promise<HostBackend>((resolve, reject) => {
    worker.on('message', (message: FromBackendWorker) => {
      if (message.type === 'ready') {
        ready = true
        return resolve(backend)
      }
      if (message.type === 'failed') return reject(new Error(message.message))
      if (message.type === 'event') {
        for (const listener of [...listeners]) listener(message.event)
        return
      }
      const waiting = pending.get(message.id)
      pending.delete(message.id)
      if (message.type === 'reply') waiting?.resolve(message.value)
      else waiting?.reject(new Error(message.message))
    })
    // Before it is ready, a failure is the loader's (the promise); after, the host cannot go on.
    worker.on('error', (error) => {
      reject(error)
      if (ready && !stopping) options.onCrash(error)
    })
    worker.on('exit', (code) => {
      const error = new Error(`the backend worker exited (${code})`)
      for (const waiting of pending.values()) waiting.reject(error)
      pending.clear()
      reject(error)
      if (ready && !stopping) options.onCrash(error)
    })
  })

  return {
    backend: loaded,
    async stop() {
      stopping = true
      // Not loaded (or failed): nothing is open in it, nothing to wait for.
      const opened = await loaded.then(
        () => true,
        () => false,
      )
      if (opened) await request({ type: 'stop' })
      await worker.terminate()
    },
  }
}
