// `cli export --what`: not-dialed customers and tasks (and calls, the default) in each format,
// read back from files written by real CLI processes from a cache synced from the simulator.
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type RunningSimulator } from '../sim/simulator'
import type { ExportedNotDialed, ExportedTask } from '../services/export/campaign-rows'
import { createQueue } from '../services/queues/queue-service'
import { openCache, runCli, syncArgs } from '../test-support/cli-harness'
import { csvObjects } from '../test-support/csv-records'
import { keyOfHeader, rowsByKey } from '../test-support/export-columns'

const TIMEOUT = 60_000
const LANDLINE = '02112345678'
let sim: RunningSimulator
let dataDir: string
let reviewedTask: number

const tempDir = () => mkdtempSync(join(tmpdir(), 'calllens-cli-what-'))
const liveTasks = () => sim.store.tasksOfCompany(sim.companyId).filter((s) => !s.task.deleted)
const notDialedOfCompany = () => liveTasks().flatMap((s) => s.notDialed)

beforeAll(async () => {
  sim = await startSimulator({ generate: { tasks: 5, calls: 12, seed: 5 } })
  // A landline with its leading zero: it must come out as the same text, not as a number.
  const withCustomers = liveTasks().find((s) => s.notDialed.length > 0)!
  withCustomers.notDialed[0]!.customerTelephone = LANDLINE
  dataDir = tempDir()
  const { args, env } = syncArgs(sim, dataDir)
  expect((await runCli(args, env)).code).toBe(0)
  // One reviewed call (a verdict) and one review without a verdict, which does not count.
  const cache = openCache(dataDir)
  try {
    const [first, second] = liveTasks()[0]!.calls
    reviewedTask = liveTasks()[0]!.task.callJobId
    cache.saveReview({ callInstanceId: first!.callInstanceId, verdict: 'pass' })
    cache.saveReview({ callInstanceId: second!.callInstanceId, text: 'listen again' })
  } finally {
    cache.close()
  }
}, TIMEOUT)

afterAll(async () => {
  await sim?.close()
})

async function exported(what: string, format: 'json' | 'csv' | 'xlsx', extra: string[] = []) {
  const out = join(tempDir(), `export.${format}`)
  const result = await runCli([
    'export',
    '--data-dir',
    dataDir,
    '--what',
    what,
    '--format',
    format,
    '--out',
    out,
    ...extra,
  ])
  expect(result.stderr).toBe('')
  expect(result.code).toBe(0)
  return out
}

async function xlsxObjects(path: string, sheetName: string) {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(readFileSync(path) as unknown as ArrayBuffer)
  const sheet = workbook.getWorksheet(sheetName)!
  const header = ((sheet.getRow(1).values as unknown[]).slice(1) as string[]).map(keyOfHeader('zh-CN'))
  const rows: { values: Record<string, unknown>; types: Record<string, ExcelJS.ValueType> }[] = []
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r)
    rows.push({
      values: Object.fromEntries(header.map((name, i) => [name, row.getCell(i + 1).value])),
      types: Object.fromEntries(header.map((name, i) => [name, row.getCell(i + 1).type])),
    })
  }
  return { header, rows }
}

describe('cli export --what not-dialed', () => {
  it(
    'writes every cached customer not dialed yet as JSON with each field the API gives',
    async () => {
      const rows = JSON.parse(readFileSync(await exported('not-dialed', 'json'), 'utf8')) as ExportedNotDialed[]
      const expected = notDialedOfCompany()
      expect(expected.length).toBeGreaterThan(20)
      expect(rows.map((r) => r.callInstanceId).sort()).toEqual(expected.map((c) => c.callInstanceId).sort())
      for (const row of rows) {
        const customer = expected.find((c) => c.callInstanceId === row.callInstanceId)!
        expect(row).toEqual({
          callJobId: liveTasks().find((s) => s.notDialed.includes(customer))!.task.callJobId,
          jobName: expect.any(String),
          customerName: customer.customerName,
          customerTelephone: customer.customerTelephone,
          callInstanceId: customer.callInstanceId,
          status: customer.status,
          startTime: customer.startTime,
          callerPhone: customer.callerPhone,
          corpName: customer.corpName,
          calledTimes: customer.calledTimes,
        })
      }
      expect(rows.some((r) => r.customerTelephone === LANDLINE)).toBe(true)
    },
    TIMEOUT,
  )

  it(
    'writes CSV with the named columns, phone numbers as the same text, and one task with --task',
    async () => {
      const rows = rowsByKey(csvObjects(readFileSync(await exported('not-dialed', 'csv'), 'utf8')))
      expect(rows).toHaveLength(notDialedOfCompany().length)
      expect(Object.keys(rows[0]!).slice(0, 4)).toEqual(['callJobId', 'jobName', 'customerName', 'customerTelephone'])
      expect(rows.filter((r) => r.customerTelephone === LANDLINE)).toHaveLength(1)
      expect(rows.map((r) => r.customerTelephone).sort()).toEqual(
        notDialedOfCompany()
          .map((c) => c.customerTelephone)
          .sort(),
      )

      const task = liveTasks().find((s) => s.notDialed.length > 0)!
      const one = rowsByKey(
        csvObjects(readFileSync(await exported('not-dialed', 'csv', ['--task', String(task.task.callJobId)]), 'utf8')),
      )
      expect(one).toHaveLength(task.notDialed.length)
      expect(new Set(one.map((r) => r.callJobId))).toEqual(new Set([String(task.task.callJobId)]))
    },
    TIMEOUT,
  )

  it(
    'writes XLSX whose phone cells are text cells',
    async () => {
      const { header, rows } = await xlsxObjects(await exported('not-dialed', 'xlsx'), 'not-dialed')
      expect(header).toEqual(expect.arrayContaining(['callJobId', 'customerName', 'customerTelephone', 'calledTimes']))
      expect(rows).toHaveLength(notDialedOfCompany().length)
      const landline = rows.find((r) => r.values.customerTelephone === LANDLINE)!
      expect(landline.types.customerTelephone).toBe(ExcelJS.ValueType.String)
      expect(rows.every((r) => r.types.customerTelephone === ExcelJS.ValueType.String)).toBe(true)
    },
    TIMEOUT,
  )
})

describe('cli export --what tasks', () => {
  const expectedTasks = () =>
    liveTasks().map(({ task, calls }) => ({
      callJobId: task.callJobId,
      jobName: task.jobName,
      status: task.status,
      cachedCalls: calls.length,
      reviewedCalls: task.callJobId === reviewedTask ? 1 : 0,
    }))

  it(
    "writes each live task's counts with its cached and reviewed calls as JSON",
    async () => {
      const rows = JSON.parse(readFileSync(await exported('tasks', 'json'), 'utf8')) as ExportedTask[]
      expect(
        rows.map(({ totalCount: _t, doneCount: _d, ...rest }) => rest).sort((a, b) => a.callJobId - b.callJobId),
      ).toEqual(expectedTasks().sort((a, b) => a.callJobId - b.callJobId))
      for (const row of rows) {
        const state = liveTasks().find((s) => s.task.callJobId === row.callJobId)!
        expect(row.doneCount).toBe(state.calls.length)
        expect(row.totalCount).toBe(state.calls.length + state.notDialed.length)
      }
    },
    TIMEOUT,
  )

  it(
    'writes CSV and XLSX with the named columns, one row per task',
    async () => {
      const csv = rowsByKey(csvObjects(readFileSync(await exported('tasks', 'csv'), 'utf8')))
      expect(Object.keys(csv[0]!)).toEqual([
        'callJobId',
        'jobName',
        'status',
        'totalCount',
        'doneCount',
        'cachedCalls',
        'reviewedCalls',
      ])
      expect(csv).toHaveLength(liveTasks().length)
      expect(csv.find((r) => r.callJobId === String(reviewedTask))!.reviewedCalls).toBe('1')

      const { rows } = await xlsxObjects(await exported('tasks', 'xlsx'), 'tasks')
      expect(rows).toHaveLength(liveTasks().length)
      expect(rows.find((r) => r.values.callJobId === reviewedTask)!.values.reviewedCalls).toBe(1)
      const one = JSON.parse(readFileSync(await exported('tasks', 'json', ['--task', String(reviewedTask)]), 'utf8'))
      expect(one).toHaveLength(1)
    },
    TIMEOUT,
  )
})

describe('cli export --what calls', () => {
  it(
    'is the default: the same calls with the same fields as an export without --what',
    async () => {
      const explicit = readFileSync(await exported('calls', 'json'), 'utf8')
      const plain = await runCli(['export', '--data-dir', dataDir, '--format', 'json'])
      expect(JSON.parse(explicit)).toEqual(JSON.parse(plain.stdout))
      expect(JSON.parse(explicit)).toHaveLength(liveTasks().reduce((n, s) => n + s.calls.length, 0))
      const csv = rowsByKey(csvObjects(readFileSync(await exported('calls', 'csv'), 'utf8')))
      expect(Object.keys(csv[0]!)).toContain('transcript')
      const { rows } = await xlsxObjects(await exported('calls', 'xlsx'), 'calls')
      expect(rows).toHaveLength(csv.length)
    },
    TIMEOUT,
  )

  it(
    'refuses an unknown --what with a usage error naming the choices',
    async () => {
      const bad = await runCli(['export', '--data-dir', dataDir, '--what', 'customers', '--format', 'json'])
      expect(bad.code).toBe(2)
      expect(bad.stderr).toMatch(/--what must be one of calls, not-dialed, tasks, queue/)
    },
    TIMEOUT,
  )
})

describe('cli export --what queue', () => {
  it(
    "writes a review queue's calls in queue order, and wants --queue with it (and only with it)",
    async () => {
      const cache = openCache(dataDir)
      let queue: { id: number; calls: number[] }
      try {
        const taskId = liveTasks()[1]!.task.callJobId
        const created = createQueue(cache, '抽检', {
          taskId,
          dimensions: [{ kind: 'finishStatus' }],
          sizing: { kind: 'perStratum', size: 1 },
          seed: 3,
        })
        queue = { id: created.id, calls: cache.queues.calls(created.id).map((c) => c.callInstanceId) }
      } finally {
        cache.close()
      }
      expect(queue.calls.length).toBeGreaterThan(0)
      const rows = JSON.parse(readFileSync(await exported('queue', 'json', ['--queue', String(queue.id)]), 'utf8')) as {
        callInstanceId: number
        queuePosition: number
      }[]
      expect(rows.map((r) => r.callInstanceId)).toEqual(queue.calls)
      expect(rows.map((r) => r.queuePosition)).toEqual(queue.calls.map((_, i) => i + 1))

      const missing = await runCli(['export', '--data-dir', dataDir, '--what', 'queue', '--format', 'json'])
      expect(missing.code).toBe(2)
      expect(missing.stderr).toMatch(/--queue ID goes with --what queue/)
      const stray = await runCli(['export', '--data-dir', dataDir, '--queue', '1', '--format', 'json'])
      expect(stray.code).toBe(2)
      const unknown = await runCli([
        'export',
        '--data-dir',
        dataDir,
        '--what',
        'queue',
        '--queue',
        '999',
        '--format',
        'json',
      ])
      expect(unknown.code).toBe(1)
      expect(unknown.stderr).toMatch(/Review queue 999 does not exist/)
    },
    TIMEOUT,
  )
})
