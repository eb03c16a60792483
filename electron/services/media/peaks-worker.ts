// Worker thread entry: digests recordings (decode → peaks, sha256, atomic write; recording-digest.ts)
// off the main thread. Built as its own entry (electron.vite.config.ts → out/main/peaks-worker.js);
// run from source under tsx.
import { parentPort } from 'node:worker_threads'
import { digestRecording, NotAudioError, type DigestReply, type DigestRequest } from './recording-digest'

const port = parentPort
if (!port) throw new Error('peaks-worker.ts runs as a worker thread only')

port.on('message', (request: DigestRequest) => {
  void digestRecording(request.bytes, request.destination).then(
    (digest) => {
      const reply: DigestReply = { id: request.id, ok: true, digest }
      // The peaks' buffer moves to the main thread instead of being copied.
      port.postMessage(reply, [digest.peaks.buffer as ArrayBuffer])
    },
    (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error)
      const reply: DigestReply = { id: request.id, ok: false, notAudio: error instanceof NotAudioError, message }
      port.postMessage(reply)
    },
  )
})
