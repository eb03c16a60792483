// Browser-mode entry: `node out/main/host.js [--port N] [--data-dir DIR]`.
// Prints exactly one line, `CallLens: http://127.0.0.1:PORT/#token=TOKEN`, and
// runs until SIGINT/SIGTERM.
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { defaultDataDir, ensureDataDir } from '../services/data-dir'
import { startBackendWorker, type BackendWorker } from './backend-worker-client'
import { startHost } from './http-host'
import { createToken } from './security'

function parsePort(value: string | undefined): number {
  if (value === undefined) return 0
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be an integer from 0 to 65535, got "${value}"`)
  }
  return port
}

function exitCouldNotStart(error: unknown): never {
  console.error(`CallLens: could not start: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: 'string' }, 'data-dir': { type: 'string' } },
    strict: true,
  })
  const port = parsePort(values.port)
  const dataDir = ensureDataDir(values['data-dir'] ?? defaultDataDir())
  // The routes, services and cache load in a worker thread (they are most of start-up's work),
  // started as soon as the URL is out, while this thread serves the page's files; API requests
  // wait for it. Built into out/main/: the app root is two levels up from here.
  let startWorker!: (worker: BackendWorker) => void
  const started = new Promise<BackendWorker>((resolve) => (startWorker = resolve))
  const backend = started.then((worker) => worker.backend)
  // A broken data directory shows at start, whether a page comes or not.
  backend.catch(exitCouldNotStart)
  const host = await startHost({
    backend,
    rendererDir: join(import.meta.dirname, '../renderer'),
    token: createToken(),
    port,
  })
  console.log(`CallLens: ${host.url}`)
  const worker = startBackendWorker({
    entry: join(import.meta.dirname, 'backend-worker.js'),
    dataDir,
    appRoot: join(import.meta.dirname, '../..'),
    onCrash: (error) => {
      console.error(`CallLens: the backend stopped: ${error.message}`)
      process.exit(1)
    },
  })
  startWorker(worker)

  let stopping = false
  const stop = (): void => {
    if (stopping) return
    stopping = true
    Promise.all([host.close(), worker.stop()]).then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch(exitCouldNotStart)
