// export.calls through the dispatcher, as the app calls it: each `what` against a cache synced
// from the simulator, decoded from the file the renderer would download.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli, syncArgs } from '../test-support/cli-harness'
import { csvObjects } from '../test-support/csv-records'
import { createNodeServices } from '../services/create-node-services'
import type { Services } from '../services/services'
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
  const result = await dispatch(routes, services, 'export.calls', input)
  if (!result.ok) throw new Error(result.error.message)
  return result.value as { fileName: string; mimeType: string; base64: string; count: number }
}

describe('export.calls with what', () => {
  it('exports the customers not dialed yet, of every task or of the filter task only', async () => {
    const file = await exportFile({ format: 'json', what: 'not-dialed' })
    const rows = JSON.parse(Buffer.from(file.base64, 'base64').toString('utf8')) as { customerTelephone: string }[]
    const expected = liveTasks().flatMap((s) => s.notDialed)
    expect(expected.length).toBeGreaterThan(0)
    expect(file.count).toBe(expected.length)
    expect(rows.map((r) => r.customerTelephone).sort()).toEqual(expected.map((c) => c.customerTelephone).sort())
    expect(file.fileName).toMatch(/^calllens-not-dialed-\d{12}\.json$/)

    const task = liveTasks().find((s) => s.notDialed.length > 0)!
    const one = await exportFile({ format: 'csv', what: 'not-dialed', filter: { taskId: task.task.callJobId } })
    expect(one.count).toBe(task.notDialed.length)
    expect(csvObjects(Buffer.from(one.base64, 'base64').toString('utf8'))).toHaveLength(task.notDialed.length)
  })

  it('exports one row per task with its cached calls', async () => {
    const file = await exportFile({ format: 'csv', what: 'tasks' })
    const rows = csvObjects(Buffer.from(file.base64, 'base64').toString('utf8'))
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
