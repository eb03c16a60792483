// The browser-mode host's backend in a worker thread: routes, services and the cache load here
// from the process's first moment, while the main thread listens and serves the renderer's files.
// Requests, replies and events cross the parent port (backend-worker-messages.ts).
import { Writable } from 'node:stream'
import { parentPort, workerData, type MessagePort } from 'node:worker_threads'
import type { ExportDownload } from '../services/export/export-downloads'
import type {
  BackendWorkerData,
  DownloadStreamMessage,
  DownloadStreamReply,
  FromBackendWorker,
  ToBackendWorker,
} from './backend-worker-messages'
import { stopServices } from '../services/stop-services'
import { EarlyAnswers } from './early-answers'
import { loadBrowserBackend } from './host-backend'

/** The main thread's side of an export download: a chunk is sent once the previous one is written. */
class PortWritable extends Writable {
  private written: ((error?: Error | null) => void) | null = null

  constructor(private readonly port: MessagePort) {
    super()
    port.on('message', (reply: DownloadStreamReply) => {
      if (reply.type === 'closed') return void this.destroy(new Error('the download was closed by the browser'))
      const done = this.written
      this.written = null
      done?.()
    })
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.written = callback
    this.send({ type: 'chunk', chunk })
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.written = callback
    this.send({ type: 'end' })
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.port.close()
    callback(error)
  }

  private send(message: DownloadStreamMessage): void {
    this.port.postMessage(message)
  }
}

function main(port: MessagePort, data: BackendWorkerData): void {
  const post = (message: FromBackendWorker): void => port.postMessage(message)
  let loaded: ReturnType<typeof loadBrowserBackend>
  try {
    loaded = loadBrowserBackend(data.dataDir, data.appRoot)
  } catch (error) {
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) })
    return
  }
  const { services, backend } = loaded
  // Serialised here, once: the main thread sends the text on as it is.
  const invoke = async (channel: unknown, input: unknown): Promise<string> =>
    JSON.stringify(await backend.invoke(channel, input))
  const early = new EarlyAnswers(invoke)
  backend.events.subscribe((event) => {
    early.drop()
    post({ type: 'event', event })
  })
  const downloads = new Map<number, ExportDownload>()
  let nextHandle = 1

  const answer = async (message: ToBackendWorker): Promise<unknown> => {
    switch (message.type) {
      case 'invoke':
        return early.take(message.channel, message.input) ?? invoke(message.channel, message.input)
      case 'recording':
        return backend.media?.recordingFile(message.callInstanceId, message.kind) ?? null
      case 'download-take': {
        const download = (await backend.download?.(message.ticket)) ?? null
        if (!download) return null
        const handle = nextHandle++
        downloads.set(handle, download)
        return { fileName: download.fileName, mimeType: download.mimeType, handle }
      }
      case 'download-write': {
        const download = downloads.get(message.handle)
        downloads.delete(message.handle)
        if (!download) throw new Error('unknown download')
        return download.write(new PortWritable(message.port))
      }
      case 'stop':
        await stopServices(services)
        return null
    }
  }

  port.on('message', (message: ToBackendWorker) => {
    answer(message).then(
      (value) => post({ type: 'reply', id: message.id, value }),
      (error: unknown) =>
        post({ type: 'reply-error', id: message.id, message: error instanceof Error ? error.message : String(error) }),
    )
  })
  post({ type: 'ready' })
  // After the ready message: a request that comes first is not held up by it.
  setImmediate(() => void early.prepare().catch(() => undefined))
}

if (!parentPort) throw new Error('backend-worker.ts runs as a worker thread of the host')
main(parentPort, workerData as BackendWorkerData)
