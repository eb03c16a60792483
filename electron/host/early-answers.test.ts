import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { routes } from '../routes'
import { createNodeServices } from '../services/create-node-services'
import type { Services } from '../services/services'
import { bulkInsertCalls } from '../test-support/cache-bulk-fixture'
import { makeTask } from '../test-support/cache-fixtures'
import { EarlyAnswers } from './early-answers'
import { createHostBackend } from './host-backend'

let services: Services
let asked: string[]
let invoke: (channel: unknown, input: unknown) => Promise<string>

beforeEach(() => {
  const dataDir = mkdtempSync(join(tmpdir(), 'calllens-early-'))
  services = createNodeServices({ dataDir, version: '0.0.0-test', appRoot: join(import.meta.dirname, '../..') })
  // Offline: nothing listens on port 9; the task list is read from the cache alone.
  services.profiles.save({
    name: 'Early',
    baseUrl: 'http://127.0.0.1:9/openapi/v1',
    appKey: 'k',
    appSecret: 's',
    companyId: 1,
  })
  const { cache } = services.workspace.current()
  cache.upsertTasks([makeTask(11), makeTask(12)])
  bulkInsertCalls(cache.path, { from: 1, to: 300, taskIdSql: '11 + id % 2', linesPerCall: 2 })
  const backend = createHostBackend({ routes, services })
  asked = []
  invoke = async (channel, input) => {
    asked.push(String(channel))
    return JSON.stringify(await backend.invoke(channel, input))
  }
})

afterEach(() => services.workspace.close())

const taskList = async () => JSON.stringify(await createHostBackend({ routes, services }).invoke('tasks.list', {}))

describe('answers computed ahead at start-up', () => {
  it('gives the task list computed ahead to the first identical request, once', async () => {
    const early = new EarlyAnswers(invoke)
    await early.prepare()
    expect(asked).toEqual(['tasks.list'])
    const answer = early.take('tasks.list', {})
    expect(answer).toBe(await taskList())
    expect(JSON.parse(answer!)).toMatchObject({
      ok: true,
      value: [{ progress: { total: 150 } }, { progress: { total: 150 } }],
    })
    expect(early.take('tasks.list', {})).toBeNull()
  })

  it('keeps it while only start-up reads and other task lists come, not for another filter', async () => {
    const early = new EarlyAnswers(invoke)
    await early.prepare()
    for (const channel of ['profiles.list', 'settings.get', 'app.info', 'sync.status', 'team.status']) {
      expect(early.take(channel, undefined)).toBeNull()
    }
    expect(early.take('tasks.list', { name: '任务' })).toBeNull()
    expect(early.take('tasks.list', {})).toBe(await taskList())
  })

  it('drops it when any other request comes: it may change what the list shows', async () => {
    const early = new EarlyAnswers(invoke)
    await early.prepare()
    expect(early.take('settings.set', { language: 'en' })).toBeNull()
    expect(early.take('tasks.list', {})).toBeNull()
  })

  it('does not keep an answer computed across a drop (an event while it was being computed)', async () => {
    const early = new EarlyAnswers(invoke)
    const preparing = early.prepare()
    early.drop()
    await preparing
    expect(asked).toEqual(['tasks.list'])
    expect(early.take('tasks.list', {})).toBeNull()
  })

  it('does not compute ahead what was asked for already (the request computed it)', async () => {
    const early = new EarlyAnswers(invoke)
    expect(early.take('tasks.list', {})).toBeNull()
    await early.prepare()
    expect(asked).toEqual([])
  })

  it('does not give an answer older than ten seconds', async () => {
    let now = 1_000
    const early = new EarlyAnswers(invoke, () => now)
    await early.prepare()
    now += 10_001
    expect(early.take('tasks.list', {})).toBeNull()
  })
})
