// Browser-mode entry: `node out/main/host.js [--port N] [--data-dir DIR]`.
// Prints exactly one line, `CallLens: http://127.0.0.1:PORT/#token=TOKEN`, and
// runs until SIGINT/SIGTERM.
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { version } from '../../package.json'
import { routes } from '../routes'
import { createServices } from '../services/create-services'
import { defaultDataDir, ensureDataDir } from '../services/data-dir'
import { createConfBackend } from '../services/settings/conf-backend'
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

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: 'string' }, 'data-dir': { type: 'string' } },
    strict: true,
  })
  const dataDir = ensureDataDir(values['data-dir'] ?? defaultDataDir())
  const services = createServices({ mode: 'browser', dataDir, version }, createConfBackend(dataDir))
  const host = await startHost({
    routes,
    services,
    rendererDir: join(import.meta.dirname, '../renderer'),
    token: createToken(),
    port: parsePort(values.port),
  })
  console.log(`CallLens: ${host.url}`)

  let stopping = false
  const stop = (): void => {
    if (stopping) return
    stopping = true
    host.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error: unknown) => {
  console.error(`CallLens: could not start: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
