// Worker thread entry: decodes recordings (MP3 through WASM, WAV) and computes their peaks off
// the main thread, so a sync never stalls the app's event loop. Built as its own entry
// (electron.vite.config.ts → out/main/peaks-worker.js); run from source under tsx.
import { parentPort } from 'node:worker_threads'
import { peaksOfRecording, type PeaksReply, type PeaksRequest } from './recording-peaks'

const port = parentPort
if (!port) throw new Error('peaks-worker.ts runs as a worker thread only')

port.on('message', (request: PeaksRequest) => {
  void peaksOfRecording(request.bytes).then(
    ({ peaks, durationMs, sampleRate }) => {
      const reply: PeaksReply = { id: request.id, ok: true, peaks, durationMs, sampleRate }
      // The peaks' buffer moves to the main thread instead of being copied.
      port.postMessage(reply, [peaks.buffer as ArrayBuffer])
    },
    (error: unknown) => {
      const reply: PeaksReply = {
        id: request.id,
        ok: false,
        message: error instanceof Error ? error.message : String(error),
      }
      port.postMessage(reply)
    },
  )
})
