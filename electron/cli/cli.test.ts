// The CLI end to end: real child processes against an in-process simulator and a temp data dir.
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateWorld } from '../sim/dataset/generate'
import { startSimulator, type RunningSimulator } from '../sim/simulator'
import type { ExportedCall } from '../services/export/export-rows'
import { openCache, runCli, simulatorCallIds, syncArgs, type CliExit } from '../test-support/cli-harness'
import { csvRecords } from '../test-support/csv-records'
import { EXPORT_LABELS } from '../services/export/export-labels'

const TIMEOUT = 60_000
let sim: RunningSimulator
let dataDir: string
let firstSync: Promise<CliExit> | undefined

const tempDir = () => mkdtempSync(join(tmpdir(), 'calllens-cli-'))

/** One full sync for the whole file: the export tests read what it cached. */
function synced(): Promise<CliExit> {
  const { args, env } = syncArgs(sim, dataDir)
  firstSync ??= runCli(args, env)
  return firstSync
}

beforeAll(async () => {
  sim = await startSimulator({ generate: { tasks: 2, calls: 30, seed: 5 } })
  dataDir = tempDir()
})

afterAll(async () => {
  await sim?.close()
})

describe('cli sync', () => {
  it(
    'syncs every call of the company and exits 0 with a summary',
    async () => {
      const result = await synced()
      expect(result.stderr).toBe('')
      expect(result.code).toBe(0)
      const ids = simulatorCallIds(sim)
      expect(result.stdout).toContain(`sync done: ${ids.length} calls synced`)
      // Not a terminal: plain progress lines, one per phase and per 10%.
      expect(result.stdout).toMatch(/^sync: .*fetching calls — calls \d+\/\d+/m)
      expect(result.stdout).not.toContain(sim.credentials.appSecret)

      const cache = openCache(dataDir)
      try {
        const { rows, total } = cache.queryCalls({}, {}, { offset: 0, limit: 500 })
        expect(total).toBe(ids.length)
        expect(rows.map((row) => row.callInstanceId).sort((a, b) => a - b)).toEqual(ids)
        expect(cache.integrityCheck()).toEqual({ cache: ['ok'], reviews: ['ok'] })
      } finally {
        cache.close()
      }
      // The secret came from the environment and stays there.
      expect(readdirSync(join(dataDir, 'secrets'))).toEqual([])
    },
    TIMEOUT,
  )

  it(
    'reuses the profile on a second run and fetches nothing new',
    async () => {
      await synced()
      const { args, env } = syncArgs(sim, dataDir)
      const result = await runCli(args, env)
      expect(result.code).toBe(0)
      expect(result.stdout).toContain('sync done: 0 calls synced')
      expect(readdirSync(join(dataDir, 'profiles'))).toHaveLength(1)
    },
    TIMEOUT,
  )

  it(
    'refuses a wrong secret with exit 1 and a bad-credentials message that does not show it',
    async () => {
      const secret = 'not-the-secret-4711'
      const { args, env } = syncArgs(sim, tempDir(), secret)
      const result = await runCli(args, env)
      expect(result.code).toBe(1)
      expect(result.stdout).toMatch(/^sync failed: 0 calls synced/m)
      // One line on stderr, in words a user can act on.
      expect(result.stderr).toMatch(/^calllens: The app key or app secret is wrong[^\n]*\n$/)
      expect(result.stdout + result.stderr).not.toContain(secret)
    },
    TIMEOUT,
  )

  it(
    'lists each failed call with its id and reason, keeps the rest, and exits 1',
    async () => {
      // A world where storage refuses two calls' recordings (403, as for an expired signature).
      const lossy = await startSimulator({ generate: { tasks: 2, calls: 12, seed: 9 } })
      try {
        const broken = simulatorCallIds(lossy)
          .filter((id) => lossy.store.anyCall(id)!.recordingExt('mix') !== null)
          .slice(0, 2)
        lossy.setQuirks({ recordings: Object.fromEntries(broken.map((id) => [id, 403])) })
        const dir = tempDir()
        const { args, env } = syncArgs(lossy, dir)
        const result = await runCli(args, env)
        expect(result.code).toBe(1)
        const total = simulatorCallIds(lossy).length
        expect(result.stdout).toContain(`sync partial: ${total - 2} calls synced, `)
        expect(result.stdout).toContain(', 2 failed, ')
        for (const id of broken) {
          expect(result.stderr).toMatch(new RegExp(`^calllens: call ${id} failed: This app key may not read`, 'm'))
        }
        const cache = openCache(dir)
        try {
          expect(broken.map((id) => cache.getCall(id)!.error?.code)).toEqual(['api_forbidden', 'api_forbidden'])
        } finally {
          cache.close()
        }
      } finally {
        await lossy.close()
      }
    },
    TIMEOUT,
  )

  it(
    'syncs every other task when one is forbidden, keeps calls whose recording is gone, and exits 1 naming the task',
    async () => {
      const world = generateWorld({ tasks: 4, calls: 10, seed: 12 })
      const lossy = await startSimulator({ dataset: world })
      try {
        const tasks = lossy.store.tasksOfCompany(lossy.companyId).filter((s) => !s.task.deleted && s.calls.length > 0)
        const forbidden = tasks[0]!.task
        const gone = tasks[1]!.calls.find((call) => call.recordingExt('mix') !== null)!.callInstanceId
        lossy.setQuirks({ tasks: { [forbidden.callJobId]: { detail: 403 } }, recordings: { [gone]: 404 } })
        const dir = tempDir()
        const { args, env } = syncArgs(lossy, dir)
        const result = await runCli(args, env)
        expect(result.code).toBe(1)
        const others = tasks.slice(1).flatMap((s) => s.calls.map((call) => call.callInstanceId))
        expect(result.stdout).toContain(`sync partial: ${others.length} calls synced, `)
        expect(result.stdout).toContain(', 0 failed, ')
        expect(result.stderr).toMatch(
          new RegExp(
            `^calllens: not synced \\(every other task was\\): task ${forbidden.callJobId} \\(${forbidden.jobName}\\)`,
            'm',
          ),
        )
        const cache = openCache(dir)
        try {
          expect(cache.queryCalls({}, {}, { limit: 500 }).total).toBe(others.length)
          expect(cache.getSyncState(forbidden.callJobId)?.error).toMatch(/^api_forbidden/)
          const call = cache.getCall(gone)!
          expect(call.call.transcript.length).toBeGreaterThan(0)
          expect(call.unavailableRecordings.find((u) => u.kind === 'full')?.reason).toBe('not_found')
        } finally {
          cache.close()
        }
      } finally {
        await lossy.close()
      }
    },
    TIMEOUT,
  )

  it(
    'refuses to start without CALLLENS_APP_SECRET (exit 2) and writes nothing',
    async () => {
      const dir = join(tempDir(), 'data')
      const { args } = syncArgs(sim, dir)
      const result = await runCli(args, {})
      expect(result.code).toBe(2)
      expect(result.stderr).toMatch(/CALLLENS_APP_SECRET is not set/)
      expect(existsSync(dir)).toBe(false)
    },
    TIMEOUT,
  )

  it(
    'explains its options with --help and rejects unknown ones with exit 2',
    async () => {
      const help = await runCli(['sync', '--help'])
      expect(help.code).toBe(0)
      expect(help.stdout).toContain('--base-url URL')
      expect(help.stdout).toContain('CALLLENS_APP_SECRET')
      const bad = await runCli(['sync', '--colour', 'blue'])
      expect(bad.code).toBe(2)
      expect(bad.stderr.trim().split('\n')).toHaveLength(1)
    },
    TIMEOUT,
  )
})

describe('cli export', () => {
  let reviewed: number

  beforeAll(async () => {
    expect((await synced()).code).toBe(0)
    // A review to carry through: written while no CLI runs, as the app would.
    const cache = openCache(dataDir)
    try {
      reviewed = simulatorCallIds(sim)[0]!
      const robot = cache.getCall(reviewed)!.call.results[0]!
      cache.saveReview({
        callInstanceId: reviewed,
        verdict: 'fail',
        score: 40,
        tags: ['rude'],
        text: 'interrupted the customer',
        comments: [
          { id: 'c1', atMs: 1200, endMs: null, lineIndex: 0, text: 'here', createdAt: '2025-01-01T00:00:00Z' },
        ],
        tagChecks: [{ name: robot.name, robotValue: robot.value, status: 'confirmed', correctedValue: null }],
      })
    } finally {
      cache.close()
    }
  }, TIMEOUT)

  it(
    'writes every cached call as JSON with results, transcript, recording and review',
    async () => {
      const result = await runCli(['export', '--data-dir', dataDir, '--format', 'json'])
      expect(result.code).toBe(0)
      const calls = JSON.parse(result.stdout) as ExportedCall[]
      expect(calls.map((call) => call.callInstanceId).sort((a, b) => a - b)).toEqual(simulatorCallIds(sim))
      for (const call of calls) {
        const entry = sim.store.anyCall(call.callInstanceId)!
        expect(call.callJobId).toBe(entry.callJobId)
        expect(call.transcript).toHaveLength(entry.transcript().phoneLogs.length)
        expect(call.results).toHaveLength(entry.results().length)
        expect(call.recording.cached).toBe(entry.recordingExt('mix') !== null)
      }
      const call = calls.find((c) => c.callInstanceId === reviewed)!
      for (const field of ['customerName', 'customerTelephone', 'finishStatus', 'durationSec', 'chatRound'] as const) {
        expect(call).toHaveProperty(field)
      }
      expect(call.startTime).toMatch(/^\d{4}-\d\d-\d\d/)
      expect(call.endTime).toMatch(/^\d{4}-\d\d-\d\d/)
      expect(Object.keys(call.results[0]!)).toEqual(['name', 'value', 'desc'])
      expect(Object.keys(call.transcript[0]!)).toEqual(['speaker', 'content', 'startMs', 'endMs', 'inferred'])
      expect(call.recording.bytes).toBeGreaterThan(0)
      expect(call.review).toMatchObject({
        verdict: 'fail',
        score: 40,
        tags: ['rude'],
        text: 'interrupted the customer',
        comments: [{ atMs: 1200, text: 'here' }],
        tagChecks: [{ status: 'confirmed' }],
      })
      expect(calls.filter((c) => c.review !== null)).toHaveLength(1)
    },
    TIMEOUT,
  )

  it(
    'writes CSV with a header and one record per call, and only the named task with --task',
    async () => {
      const out = join(tempDir(), 'calls.csv')
      const result = await runCli(['export', '--data-dir', dataDir, '--format', 'csv', '--out', out])
      expect(result.code).toBe(0)
      expect(result.stdout).toBe('')
      const [header, ...rows] = csvRecords(readFileSync(out, 'utf8').replace(/^\uFEFF/, ''))
      // Headers in Chinese unless --lang says otherwise.
      const zh = EXPORT_LABELS['zh-CN']
      expect(header!.slice(0, 2)).toEqual([zh.callInstanceId, zh.callJobId])
      expect(header).toContain(zh.transcript)
      expect(rows).toHaveLength(simulatorCallIds(sim).length)
      expect(rows.find((row) => row[0] === String(reviewed))![header!.indexOf(zh.verdict)]).toBe('fail')

      const english = join(tempDir(), 'calls-en.csv')
      expect(
        (await runCli(['export', '--data-dir', dataDir, '--format', 'csv', '--lang', 'en', '--out', english])).code,
      ).toBe(0)
      const [enHeader] = csvRecords(readFileSync(english, 'utf8').replace(/^\uFEFF/, ''))
      expect(enHeader!.slice(0, 2)).toEqual(['Call ID', 'Task ID'])
      const badLang = await runCli(['export', '--data-dir', dataDir, '--format', 'csv', '--lang', 'fr'])
      expect(badLang.code).toBe(2)
      expect(badLang.stderr).toMatch(/--lang must be one of zh-CN, en/)

      const none = await runCli(['export', '--data-dir', dataDir, '--format', 'json', '--task', '999999'])
      expect(JSON.parse(none.stdout)).toEqual([])
    },
    TIMEOUT,
  )

  it(
    'writes XLSX that a spreadsheet library reads back, one row per call',
    async () => {
      const out = join(tempDir(), 'calls.xlsx')
      const result = await runCli(['export', '--data-dir', dataDir, '--format', 'xlsx', '--out', out])
      expect(result.code).toBe(0)
      const bytes = readFileSync(out)
      expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK')
      const workbook = new ExcelJS.Workbook()
      await workbook.xlsx.load(bytes as unknown as ArrayBuffer)
      const sheet = workbook.getWorksheet('calls')!
      expect(sheet.rowCount).toBe(simulatorCallIds(sim).length + 1)
      expect(sheet.getRow(1).getCell(1).value).toBe(EXPORT_LABELS['zh-CN'].callInstanceId)
    },
    TIMEOUT,
  )

  it(
    'refuses xlsx to standard output and a missing data directory',
    async () => {
      const xlsx = await runCli(['export', '--data-dir', dataDir, '--format', 'xlsx'])
      expect(xlsx.code).toBe(2)
      expect(xlsx.stderr).toMatch(/needs --out/)
      const missing = await runCli(['export', '--data-dir', join(tempDir(), 'nope'), '--format', 'json'])
      expect(missing.code).toBe(1)
      expect(missing.stderr).toMatch(/No CallLens data directory/)
    },
    TIMEOUT,
  )
})
