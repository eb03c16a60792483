// Browser-mode entry: `node out/main/host.js [--port N] [--data-dir DIR]`.
// Prints exactly one line, `CallLens: http://127.0.0.1:PORT/#token=TOKEN`, and
// runs until SIGINT/SIGTERM.
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { defaultDataDir, ensureDataDir } from '../services/data-dir'
import { startBackendWorker } from './backend-worker-client'
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
  // The routes, services and cache load in a worker thread (they are most of start-up's work, and
  // the page's first answers wait for them): it is started before anything else, so its thread's
  // start and its imports overlap this thread's listen and the page's first requests, which only
  // need this thread. API requests wait for it. Built into out/main/: the app root is two levels up.
  const worker = startBackendWorker({
    entry: join(import.meta.dirname, 'backend-worker.js'),
    dataDir,
    appRoot: join(import.meta.dirname, '../..'),
    onCrash: (error) => {
      console.error(`CallLens: the backend stopped: ${error.message}`)
      process.exit(1)
    },
  })
  // A broken data directory shows at start, whether a page comes or not.
  worker.backend.catch(exitCouldNotStart)
  const host = await startHost({
    backend: worker.backend,
    rendererDir: join(import.meta.dirname, '../renderer'),
    token: createToken(),
    port,
  })
  console.log(`CallLens: ${host.url}`)

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
