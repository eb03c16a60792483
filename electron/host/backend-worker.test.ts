// The browser-mode host's backend in its worker thread, as serve.ts starts it (the TypeScript
// entry, through tsx): the same answers, events and downloads as in this thread, and a clean stop.
import { once } from 'node:events'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { afterEach, describe, expect, it } from 'vitest'
import { createNodeServices } from '../services/create-node-services'
import type { AppEvent } from '../shared/contract'
import { bulkInsertCalls } from '../test-support/cache-bulk-fixture'
import { makeTask } from '../test-support/cache-fixtures'
import { csvObjects } from '../test-support/csv-records'
import { startBackendWorker, type BackendWorker } from './backend-worker-client'
import { ResultJson, type HostBackend } from './http-host'

const APP_ROOT = join(import.meta.dirname, '../..')
/** The worker's TypeScript entry, run through tsx's loader registered in the worker itself. */
const TS_WORKER_ENTRY = new URL(
  `data:text/javascript,${encodeURIComponent(
    `const { register } = await import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}); register();
     await import(${JSON.stringify(new URL('./backend-worker.ts', import.meta.url).href)})`,
  )}`,
)
const CALLS = 2_000

let running: BackendWorker | null = null
const crashes: Error[] = []

afterEach(async () => {
  await running?.stop()
  running = null
})

/** A data directory with an offline profile whose cache holds CALLS calls over two tasks. */
function dataDirWithCalls(): string {
  const dataDir = mkdtempSync(join(tmpdir(), 'calllens-worker-'))
  const services = createNodeServices({ dataDir, appRoot: APP_ROOT })
  services.profiles.save({
    name: 'Worker',
    baseUrl: 'http://127.0.0.1:9/openapi/v1',
    appKey: 'k',
    appSecret: 's',
    companyId: 1,
  })
  const { cache } = services.workspace.current()
  cache.upsertTasks([makeTask(21), makeTask(22)])
  bulkInsertCalls(cache.path, { from: 1, to: CALLS, taskIdSql: '21 + id % 2', linesPerCall: 2 })
  services.workspace.close()
  return dataDir
}

function start(dataDir: string): BackendWorker {
  running = startBackendWorker({
    entry: TS_WORKER_ENTRY,
    dataDir,
    appRoot: APP_ROOT,
    onCrash: (error) => crashes.push(error),
  })
  return running
}

async function call(backend: HostBackend, channel: string, input?: unknown): Promise<unknown> {
  const reply = await backend.invoke(channel, input)
  expect(reply).toBeInstanceOf(ResultJson)
  return JSON.parse((reply as ResultJson).text)
}

describe('the host backend in a worker thread', () => {
  it('answers the route table with the Result as JSON text, errors included', async () => {
    const backend = await start(dataDirWithCalls()).backend
    expect(await call(backend, 'app.info')).toMatchObject({ ok: true, value: { mode: 'browser' } })
    const tasks = (await call(backend, 'tasks.list', {})) as { ok: true; value: { progress: { total: number } }[] }
    expect(tasks.value.map((task) => task.progress.total)).toEqual([CALLS / 2, CALLS / 2])
    expect(await call(backend, 'calls.get', { callInstanceId: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    })
    expect(await call(backend, 'no.such')).toMatchObject({ ok: false, error: { code: 'unknown_channel' } })
    expect(crashes).toEqual([])
  }, 30_000)

  it("passes the services' events to the subscribers of this thread", async () => {
    const backend = await start(dataDirWithCalls()).backend
    const events: AppEvent[] = []
    const unsubscribe = backend.events.subscribe((event) => events.push(event))
    expect(await call(backend, 'settings.set', { language: 'en' })).toMatchObject({ ok: true })
    await expect.poll(() => events.map((event) => event.name)).toContain('settings.changed')
    unsubscribe()
  }, 30_000)

  it('streams an export download through, once per ticket, and finds no recording that is not cached', async () => {
    const backend = await start(dataDirWithCalls()).backend
    const issued = (await call(backend, 'export.calls', { format: 'csv', what: 'calls' })) as {
      value: { url: string; rows: number }
    }
    expect(issued.value.rows).toBe(CALLS)
    const ticket = issued.value.url.slice('/export/'.length)
    const download = await backend.download!(ticket)
    expect(download).toMatchObject({ mimeType: expect.stringContaining('text/csv') })
    const out = new PassThrough()
    const chunks: Buffer[] = []
    out.on('data', (chunk: Buffer) => chunks.push(chunk))
    expect(await download!.write(out)).toBe(CALLS)
    expect(csvObjects(Buffer.concat(chunks).toString('utf8'))).toHaveLength(CALLS)
    expect(await backend.download!(ticket)).toBeNull()
    expect(await backend.media!.recordingFile(1, 'full')).toBeNull()
  }, 30_000)

  it('ends an export the browser walked away from, and goes on answering', async () => {
    const backend = await start(dataDirWithCalls()).backend
    const issued = (await call(backend, 'export.calls', { format: 'csv', what: 'calls' })) as { value: { url: string } }
    const download = await backend.download!(issued.value.url.slice('/export/'.length))
    // Never read: the first chunk fills it, and the browser's connection then closes.
    const out = new PassThrough({ highWaterMark: 1 })
    const writing = download!.write(out)
    await once(out, 'readable')
    out.destroy()
    await expect(writing).rejects.toThrow()
    expect(await call(backend, 'app.info')).toMatchObject({ ok: true })
  }, 30_000)

  it('fails its backend with the reason when the data directory cannot be opened', async () => {
    const notADirectory = join(mkdtempSync(join(tmpdir(), 'calllens-worker-bad-')), 'file')
    writeFileSync(notADirectory, 'not a directory')
    await expect(start(notADirectory).backend).rejects.toThrow(/ENOTDIR|not a directory/)
    expect(crashes).toEqual([])
  }, 30_000)

  it('stops: the cache is closed and the directory opens again in this thread', async () => {
    const dataDir = dataDirWithCalls()
    const worker = start(dataDir)
    await worker.backend
    await worker.stop()
    running = null
    const services = createNodeServices({ dataDir, appRoot: APP_ROOT })
    expect(services.workspace.current().cache.listTasks()).toHaveLength(2)
    services.workspace.close()
    expect(crashes).toEqual([])
  }, 30_000)
})
