// Browser-mode entry: `node out/main/host.js [--port N] [--data-dir DIR]`.
// Prints exactly one line, `CallLens: http://127.0.0.1:PORT/#token=TOKEN`, and
// runs until SIGINT/SIGTERM.
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { defaultDataDir, ensureDataDir } from '../services/data-dir'
import { startHost } from './http-host'
import type { loadBrowserBackend } from './host-backend'
import { createToken } from './security'

type LoadedBackend = ReturnType<typeof loadBrowserBackend>
/** When the backend loads if neither a page nor an API request has asked for it. */
const BACKEND_LOAD_AT_LATEST_MS = 1000

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
  // The routes and services load while the host already listens, once the page's first script
  // is sent (or the first API request comes): the browser runs that script meanwhile.
  // Built into out/main/ (the backend into out/main/chunks/): the app root is two levels up from here.
  const appRoot = join(import.meta.dirname, '../..')
  let loading: Promise<LoadedBackend> | null = null
  const loadBackend = (): Promise<LoadedBackend> => {
    if (!loading) {
      loading = import('./host-backend').then(({ loadBrowserBackend }) => loadBrowserBackend(dataDir, appRoot))
      loading.catch(exitCouldNotStart)
    }
    return loading
  }
  const host = await startHost({
    backend: () => loadBackend().then((loaded) => loaded.backend),
    rendererDir: join(import.meta.dirname, '../renderer'),
    token: createToken(),
    port,
  })
  console.log(`CallLens: ${host.url}`)
  // No page may come (a script driving the API): a broken data directory still shows at start.
  setTimeout(() => void loadBackend(), BACKEND_LOAD_AT_LATEST_MS)

  let stopping = false
  const stop = (): void => {
    if (stopping) return
    stopping = true
    // Not loaded yet: nothing is open, nothing to wait for.
    const opened = loading ?? Promise.resolve(null)
    opened
      .then((loaded) => {
        if (!loaded) return host.close()
        const { services } = loaded
        // Let a running sync stop between two calls before the cache closes: nothing half-written.
        services.scheduler.stop()
        services.sync.cancel()
        // The team connection writes the replica into that cache too: it stops first.
        return Promise.all([host.close(), services.sync.wait(), services.demo.stop(), services.team.stop()]).then(() =>
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
