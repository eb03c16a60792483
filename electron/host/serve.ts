// Browser-mode entry: `node out/main/host.js [--port N] [--data-dir DIR]`.
// Prints exactly one line, `CallLens: http://127.0.0.1:PORT/#token=TOKEN`, and
// runs until SIGINT/SIGTERM.
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { defaultDataDir, ensureDataDir } from '../services/data-dir'
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
  // The routes and services load while the host already listens: the browser fetches and parses
  // the page meanwhile, and its first API request waits for them.
  // Built into out/main/ (the backend into out/main/chunks/): the app root is two levels up from here.
  const appRoot = join(import.meta.dirname, '../..')
  const loading = import('./host-backend').then(({ loadBrowserBackend }) => loadBrowserBackend(dataDir, appRoot))
  const backend = loading.then((loaded) => loaded.backend)
  backend.catch(exitCouldNotStart)
  const host = await startHost({
    backend,
    rendererDir: join(import.meta.dirname, '../renderer'),
    token: createToken(),
    port,
  })
  console.log(`CallLens: ${host.url}`)

  let stopping = false
  const stop = (): void => {
    if (stopping) return
    stopping = true
    loading
      .then(({ services }) => {
        // Let a running sync stop between two calls before the cache closes: nothing half-written.
        services.sync.cancel()
        return Promise.all([host.close(), services.sync.wait(), services.demo.stop()]).then(() =>
          services.workspace.close(),
        )
      })
      .then(
        () => process.exit(0),
        () => process.exit(1),
      )
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch(exitCouldNotStart)
