// Worker thread entry: digests recordings and fetches them itself (recording-jobs.ts), off the
// main thread. Built as its own entry (electron.vite.config.ts → out/main/peaks-worker.js);
// run from source under tsx.
import { parentPort } from 'node:worker_threads'
import type { ToWorker } from './peaks-messages'
import { RecordingJobs } from './recording-jobs'

const port = parentPort
if (!port) throw new Error('peaks-worker.ts runs as a worker thread only')

const jobs = new RecordingJobs((message, transfer) => port.postMessage(message, transfer ?? []))
port.on('message', (message: ToWorker) => jobs.handle(message))
