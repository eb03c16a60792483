// export.calls through the dispatcher, as the app calls it: each `what` against a cache synced
// from the simulator, read from the file the browser would download or the app's dialog picked.
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli, syncArgs } from '../test-support/cli-harness'
import { csvObjects } from '../test-support/csv-records'
import { downloadExport } from '../test-support/export-download'
import { rowsByKey } from '../test-support/export-columns'
import { createNodeServices } from '../services/create-node-services'
import type { Services } from '../services/services'
import type { ExportResult } from '../shared/contract'
import { startSimulator, type RunningSimulator } from '../sim/simulator'
import { dispatch } from './dispatch'
import { routes } from './index'

let sim: RunningSimulator
let services: Services

beforeAll(async () => {
  sim = await startSimulator({ generate: { tasks: 5, calls: 8, seed: 5 } })
  const dataDir = mkdtempSync(join(tmpdir(), 'calllens-export-route-'))
  const { args, env } = syncArgs(sim, dataDir)
  expect((await runCli(args, env)).code).toBe(0)
  services = createNodeServices({ dataDir, version: '0.0.0-test', appRoot: join(import.meta.dirname, '../..') })
  services.profiles.activate(services.profiles.list().profiles[0]!.id)
}, 60_000)

afterAll(async () => {
  services?.workspace.close()
  await sim?.close()
})

const liveTasks = () => sim.store.tasksOfCompany(sim.companyId).filter((s) => !s.task.deleted)

async function exportFile(input: unknown) {
  const file = await downloadExport(services, input)
  expect(file.rows).toBe(file.counted)
  return { ...file, count: file.rows, text: file.bytes.toString('utf8') }
}

describe('export.calls with what', () => {
  it('exports the customers not dialed yet, of every task or of the filter task only', async () => {
    const file = await exportFile({ format: 'json', what: 'not-dialed' })
    const rows = JSON.parse(file.text) as { customerTelephone: string }[]
    const expected = liveTasks().flatMap((s) => s.notDialed)
    expect(expected.length).toBeGreaterThan(0)
    expect(file.count).toBe(expected.length)
    expect(rows.map((r) => r.customerTelephone).sort()).toEqual(expected.map((c) => c.customerTelephone).sort())
    expect(file.fileName).toMatch(/^calllens-not-dialed-\d{12}\.json$/)

    const task = liveTasks().find((s) => s.notDialed.length > 0)!
    const one = await exportFile({ format: 'csv', what: 'not-dialed', filter: { taskId: task.task.callJobId } })
    expect(one.count).toBe(task.notDialed.length)
    expect(csvObjects(one.text)).toHaveLength(task.notDialed.length)
  })

  it('exports one row per task with its cached calls', async () => {
    const file = await exportFile({ format: 'csv', what: 'tasks', language: 'en' })
    const rows = rowsByKey(csvObjects(file.text), 'en')
    expect(rows.map((r) => Number(r.callJobId)).sort()).toEqual(
      liveTasks()
        .map((s) => s.task.callJobId)
        .sort(),
    )
    for (const row of rows) {
      expect(Number(row.cachedCalls)).toBe(
        liveTasks().find((s) => s.task.callJobId === Number(row.callJobId))!.calls.length,
      )
    }
    expect(file.mimeType).toMatch(/^text\/csv/)
  })

  it('still exports calls when what is left out, and refuses an unknown what', async () => {
    const file = await exportFile({ format: 'json' })
    expect(file.count).toBe(liveTasks().reduce((n, s) => n + s.calls.length, 0))
    expect(file.fileName).toMatch(/^calllens-calls-/)
    const bad = await dispatch(routes, services, 'export.calls', { format: 'json', what: 'customers' })
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
  })
})

describe('export.calls in the app, through its save dialog', () => {
  const withDialog = (answer: string | null, asked: unknown[] = []): Services => ({
    ...services,
    chooseExportPath: async (suggestion) => {
      asked.push(suggestion)
      return answer
    },
  })

  it('streams the file to the path the reviewer picked and reports its rows and bytes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'calllens-export-saved-'))
    const path = join(dir, 'mine.json')
    const asked: unknown[] = []
    const result = await dispatch(routes, withDialog(path, asked), 'export.calls', { format: 'json' })
    const calls = liveTasks().reduce((n, s) => n + s.calls.length, 0)
    expect(result).toEqual({
      ok: true,
      value: { outcome: 'saved', path, fileName: 'mine.json', rows: calls, bytes: readFileSync(path).length },
    })
    expect(JSON.parse(readFileSync(path, 'utf8'))).toHaveLength(calls)
    expect(asked).toEqual([{ fileName: expect.stringMatching(/^calllens-calls-\d{12}\.json$/), format: 'json' }])
    expect(readdirSync(dir)).toEqual(['mine.json'])
  })

  it('writes nothing when the reviewer cancels the dialog', async () => {
    const result = await dispatch(routes, withDialog(null), 'export.calls', { format: 'csv' })
    expect(result).toEqual({ ok: true, value: { outcome: 'cancelled' } })
  })

  it('fails with export_failed, and leaves no file, when the folder cannot be written', async () => {
    const path = join(tmpdir(), 'calllens-no-such-folder', 'calls.csv')
    const result = await dispatch(routes, withDialog(path), 'export.calls', { format: 'csv' })
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'export_failed', message: expect.stringContaining(path) },
    })
    expect(existsSync(path)).toBe(false)
  })
})

describe('export.calls in browser mode', () => {
  it('gives a link that opens its download once', async () => {
    const result = await dispatch(routes, services, 'export.calls', { format: 'csv' })
    const value = result.ok ? (result.value as ExportResult) : null
    if (value?.outcome !== 'download') throw new Error('expected a download link')
    const ticket = value.url.replace(/^\/export\//, '')
    expect(ticket).toMatch(/^[A-Za-z0-9_-]{22}$/)
    expect(services.exportDownloads.take(ticket)).not.toBeNull()
    expect(services.exportDownloads.take(ticket)).toBeNull()
  })
})
