// A browser that cancels a long export download: the host stops reading calls soon after the
// connection goes (the export fails with the destination gone), instead of exporting all 30,000
// into a closed socket, and it goes on serving.
import { request as httpRequest, type IncomingMessage } from 'node:http'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { routes } from '../routes'
import { createNodeServices } from '../services/create-node-services'
import type { ExportDownload } from '../services/export/export-downloads'
import { bulkInsertCalls } from '../test-support/cache-bulk-fixture'
import { makeTask } from '../test-support/cache-fixtures'
import { createHostBackend } from './host-backend'
import { startHost, type RunningHost } from './http-host'
import { createToken } from './security'
import { hostDataDir } from '../test-support/host-data-dir'

/** ≈ 20 MB of CSV: well past what the loopback socket's kernel buffers take before the cancel is seen. */
const CALLS = 30_000

let host: RunningHost
let token: string
let services: ReturnType<typeof createNodeServices>

beforeAll(async () => {
  const { dataDir, rendererDir } = hostDataDir('calllens-host-export-')
  token = createToken()
  services = createNodeServices({ dataDir, version: '0.0.0-test', appRoot: join(import.meta.dirname, '../..') })
  const profile = services.profiles.save({
    name: 'export',
    baseUrl: 'http://127.0.0.1:9',
    appKey: 'key',
    appSecret: 'secret',
    companyId: 1,
  })
  services.profiles.activate(profile.id)
  const { cache } = services.workspace.current()
  cache.upsertTasks([makeTask(1)])
  bulkInsertCalls(cache.path, { from: 1, to: CALLS, taskIdSql: '1', linesPerCall: 12 })
  host = await startHost({ backend: createHostBackend({ routes, services }), rendererDir, token })
}, 60_000)

afterEach(() => {
  vi.restoreAllMocks()
})

afterAll(async () => {
  await host?.close()
  services?.workspace.close()
})

const authorised = () => ({ Host: `127.0.0.1:${host.port}`, Authorization: `Bearer ${token}` })

async function exportLink(format: 'csv' | 'xlsx'): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${host.port}/api/invoke`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ channel: 'export.calls', input: { format, what: 'calls', language: 'en' } }),
  })
  const body = (await response.json()) as { ok: boolean; value: { outcome: string; url: string; rows: number } }
  expect(body.value).toMatchObject({ outcome: 'download', rows: CALLS })
  return body.value.url
}

describe('a cancelled export download', () => {
  it.each(['csv', 'xlsx'] as const)(
    'stops the %s export soon after the browser goes away',
    async (format) => {
      const read = vi.spyOn(services.workspace.current().cache, 'getCall')
      // The export the host runs for the link, so the test can wait for it to end.
      let written: Promise<number> | undefined
      const take = services.exportDownloads.take.bind(services.exportDownloads)
      vi.spyOn(services.exportDownloads, 'take').mockImplementation((ticket) => {
        const download = take(ticket)
        if (!download) return null
        return {
          ...download,
          write: (out) => (written = download.write(out)),
        } satisfies ExportDownload
      })
      const url = await exportLink(format)
      // The browser takes the first bytes and then cancels the download (the tab or the dialog).
      await new Promise<void>((resolve, reject) => {
        const request = httpRequest({ host: '127.0.0.1', port: host.port, path: url, headers: authorised() })
        request.on('response', (response: IncomingMessage) => {
          expect(response.statusCode).toBe(200)
          response.once('data', () => {
            request.destroy()
            resolve()
          })
        })
        request.on('error', reject)
        request.end()
      })
      expect(written).toBeDefined()
      await expect(written).rejects.toThrow(/closed before the export was written/)
      // What the socket's buffers took and a page read ahead, never the whole export.
      expect(read.mock.calls.length).toBeGreaterThan(0)
      expect(read.mock.calls.length).toBeLessThan(CALLS / 2)
      const info = await fetch(`http://127.0.0.1:${host.port}/api/invoke`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ channel: 'app.info' }),
      })
      expect(info.status).toBe(200)
    },
    60_000,
  )
})
