// `cli stats` end to end: a real CLI process syncs the simulator into a temp data dir, reviews are
// saved as the app would, and `stats` must give exactly what the simulator's own data says.
// The expected numbers come from the simulator (its phoneLogs, hangUp and the barge-ins it
// planted), never from CallLens's metric code.
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TagCheck } from '../shared/contract'
import type { SimPhoneLog } from '../sim/dataset/schema'
import { startSimulator, type RunningSimulator } from '../sim/simulator'
import type { CallEntry } from '../sim/store/types'
import { openCache, runCli, syncArgs } from '../test-support/cli-harness'
import { csvRecords } from '../test-support/csv-records'

const TIMEOUT = 60_000
const INTENT = '客户意向等级'
let sim: RunningSimulator
let dataDir: string
let reviewedTask: number
let savedChecks: TagCheck[] = []

const tempDir = () => mkdtempSync(join(tmpdir(), 'calllens-cli-stats-'))
const liveTasks = () => sim.store.tasksOfCompany(sim.companyId).filter((s) => !s.task.deleted)

/** The simulator's planted facts of one call, read from its data. */
function simFacts(entry: CallEntry) {
  const { phoneLogs, speech } = entry.transcript()
  // The API's "no timing" is 0/0: the simulator sends every AI line of some calls that way.
  const timed = phoneLogs.filter((l) => l.endTime > l.startTime).sort((a, b) => a.startTime - b.startTime)
  const aiTimed = phoneLogs.some((l) => l.speaker === 'AI' && l.endTime > l.startTime)
  const latencies: number[] = []
  let maxSilence: number | null = null
  let latestEnd = timed[0]?.endTime ?? 0
  timed.forEach((l, i) => {
    const before = timed[i - 1]
    if (!before) return
    if (before.speaker === 'ME' && l.speaker === 'AI') latencies.push(l.startTime - before.endTime)
    maxSilence = Math.max(maxSilence ?? 0, l.startTime - latestEnd, 0)
    latestEnd = Math.max(latestEnd, l.endTime)
  })
  const ai = phoneLogs.filter((l: SimPhoneLog) => l.speaker === 'AI')
  const hangUp = entry.instance().hangUp
  return {
    latencies,
    row: {
      callInstanceId: entry.callInstanceId,
      callJobId: entry.callJobId,
      aiLatencyP50Ms: rank(latencies, 0.5),
      aiLatencyMaxMs: latencies.length ? Math.max(...latencies) : null,
      // Planted barge-ins show in the data only where the AI lines carry their timing.
      bargeIns: aiTimed ? (speech ?? []).filter((s) => s.bargeIn).length : 0,
      maxSilenceMs: maxSilence,
      aiUnknownLines: ai.filter((l) => l.aiUnknown === 1).length,
      hungUpBy: hangUp === 0 ? 'ai' : hangUp === 1 ? 'customer' : null,
      lastAiLine: ai.length ? { index: ai.length, content: ai[ai.length - 1]!.content } : null,
    },
  }
}

/** Nearest rank: the ceil(q·n)-th smallest. */
function rank(values: number[], q: number): number | null {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted.length ? sorted[Math.ceil(q * sorted.length) - 1]! : null
}

beforeAll(async () => {
  sim = await startSimulator({ generate: { tasks: 3, calls: 60, seed: 11 } })
  dataDir = tempDir()
  const { args, env } = syncArgs(sim, dataDir)
  expect((await runCli(args, env)).code).toBe(0)
  // Five checked intent levels on one task: three confirmed, one corrected, one the robot missed
  // (on a call it gave no level: unanswered). Four of them with a verdict.
  const state = liveTasks().find((s) => s.calls.length > 0)!
  reviewedTask = state.task.callJobId
  const answered = state.calls.filter((c) => c.finishStatus === 0).slice(0, 4)
  const unanswered = state.calls.find((c) => c.finishStatus !== 0)!
  const level = (c: CallEntry) => c.results().find((r) => r.resultName === INTENT)!.resultValue
  const plan: [CallEntry, TagCheck][] = [
    ...answered
      .slice(0, 3)
      .map((c): [CallEntry, TagCheck] => [
        c,
        { name: INTENT, robotValue: level(c), status: 'confirmed', correctedValue: null },
      ]),
    [answered[3]!, { name: INTENT, robotValue: level(answered[3]!), status: 'corrected', correctedValue: 'Z级' }],
    [unanswered, { name: INTENT, robotValue: '', status: 'missed', correctedValue: 'F级(无需再次跟进)' }],
  ]
  savedChecks = plan.map(([, check]) => check)
  const cache = openCache(dataDir)
  try {
    plan.forEach(([call, check], i) =>
      cache.saveReview({ callInstanceId: call.callInstanceId, verdict: i < 4 ? 'pass' : null, tagChecks: [check] }),
    )
  } finally {
    cache.close()
  }
}, TIMEOUT)

afterAll(async () => {
  await sim?.close()
})

async function stats(extra: string[]) {
  const result = await runCli(['stats', '--data-dir', dataDir, ...extra])
  expect(result.stderr).toBe('')
  expect(result.code).toBe(0)
  return result.stdout
}

describe('cli stats', () => {
  it(
    'gives every synced call exactly the metrics the simulator data holds',
    async () => {
      const report = JSON.parse(await stats(['--format', 'json']))
      const entries = liveTasks()
        .flatMap((s) => s.calls)
        .sort((a, b) => a.callInstanceId - b.callInstanceId)
      const expected = entries.map((e) => simFacts(e).row)
      expect(report.calls).toEqual(expected)
      // The data really has what is measured: barge-ins, aiUnknown lines, both kinds of hang-up, latencies.
      expect(expected.filter((c) => c.bargeIns > 0).length).toBeGreaterThan(3)
      expect(expected.filter((c) => c.aiUnknownLines > 0).length).toBeGreaterThan(1)
      expect(new Set(expected.map((c) => c.hungUpBy))).toEqual(new Set(['ai', 'customer', null]))
      expect(expected.filter((c) => c.aiLatencyP50Ms !== null).length).toBeGreaterThan(10)
    },
    TIMEOUT,
  )

  it(
    'sums each task up: calls, reviewed, latency percentiles over all pairs, drop-off and tag accuracy',
    async () => {
      const report = JSON.parse(await stats([]))
      const expected = liveTasks()
        .sort((a, b) => a.task.callJobId - b.task.callJobId)
        .map((s) => {
          const facts = s.calls.map(simFacts)
          const latencies = facts.flatMap((f) => f.latencies)
          const drops = new Map<string | null, number>()
          for (const { row } of facts) {
            if (row.hungUpBy === 'customer') {
              const content = row.lastAiLine?.content ?? null
              drops.set(content, (drops.get(content) ?? 0) + 1)
            }
          }
          return {
            callJobId: s.task.callJobId,
            calls: s.calls.length,
            reviewed: s.task.callJobId === reviewedTask ? 4 : 0,
            aiLatencyP50Ms: rank(latencies, 0.5),
            aiLatencyP90Ms: rank(latencies, 0.9),
            bargeInCalls: facts.filter((f) => f.row.bargeIns > 0).length,
            aiUnknownCalls: facts.filter((f) => f.row.aiUnknownLines > 0).length,
            dropOffTotal: [...drops.values()].reduce((a, b) => a + b, 0),
            drops,
          }
        })
      expect(report.tasks.map((t: { callJobId: number }) => t.callJobId)).toEqual(expected.map((t) => t.callJobId))
      for (const [i, task] of report.tasks.entries()) {
        const want = expected[i]!
        expect(Object.keys(task)).toEqual([
          'callJobId',
          'calls',
          'reviewed',
          'aiLatencyP50Ms',
          'aiLatencyP90Ms',
          'bargeInCalls',
          'aiUnknownCalls',
          'dropOff',
          'accuracy',
        ])
        const { drops, dropOffTotal, ...numbers } = want
        expect(task).toMatchObject(numbers)
        // Most frequent first, and every customer hang-up under its last AI line.
        const counts = task.dropOff.map((d: { calls: number }) => d.calls)
        expect(counts).toEqual([...counts].sort((a, b) => b - a))
        expect(new Map(task.dropOff.map((d: { content: string; calls: number }) => [d.content, d.calls]))).toEqual(
          drops,
        )
        expect(counts.reduce((a: number, b: number) => a + b, 0)).toBe(dropOffTotal)
      }
      const reviewed = report.tasks.find((t: { callJobId: number }) => t.callJobId === reviewedTask)
      expect(reviewed.accuracy).toHaveLength(1)
      const [intent] = reviewed.accuracy
      expect(intent).toMatchObject({ name: INTENT, checked: 5, confirmed: 3, agreement: 0.6 })
      // Wilson 95 % for 3 of 5.
      expect(intent.agreementLow).toBeCloseTo(0.230724, 6)
      expect(intent.agreementHigh).toBeCloseTo(0.882379, 6)
      const cells: { robot: string | null; reviewer: string; calls: number }[] = intent.matrix
      expect(cells.reduce((a, c) => a + c.calls, 0)).toBe(5)
      expect(cells).toContainEqual({ robot: null, reviewer: 'F级(无需再次跟进)', calls: 1 })
      expect(cells).toContainEqual({ robot: savedChecks[3]!.robotValue, reviewer: 'Z级', calls: 1 })
      for (const t of report.tasks.filter((t: { callJobId: number }) => t.callJobId !== reviewedTask)) {
        expect(t.accuracy).toEqual([])
      }
    },
    TIMEOUT,
  )

  it(
    'writes the per-call rows as CSV with --out, one record per call, the same numbers as the JSON',
    async () => {
      const json = JSON.parse(await stats(['--task', String(reviewedTask)]))
      const out = join(tempDir(), 'stats.csv')
      expect(await stats(['--format', 'csv', '--task', String(reviewedTask), '--out', out])).toBe('')
      const [header, ...rows] = csvRecords(readFileSync(out, 'utf8').replace(/^\uFEFF/, ''))
      expect(header).toEqual([
        'callInstanceId',
        'callJobId',
        'aiLatencyP50Ms',
        'aiLatencyMaxMs',
        'bargeIns',
        'maxSilenceMs',
        'aiUnknownLines',
        'hungUpBy',
        'lastAiLineIndex',
        'lastAiLineContent',
      ])
      const cell = (v: unknown) => (v === null || v === undefined ? '' : String(v))
      expect(rows).toEqual(
        json.calls.map((c: Record<string, unknown> & { lastAiLine: { index: number; content: string } | null }) => [
          cell(c.callInstanceId),
          cell(c.callJobId),
          cell(c.aiLatencyP50Ms),
          cell(c.aiLatencyMaxMs),
          cell(c.bargeIns),
          cell(c.maxSilenceMs),
          cell(c.aiUnknownLines),
          cell(c.hungUpBy),
          cell(c.lastAiLine?.index),
          cell(c.lastAiLine?.content),
        ]),
      )
      const state = liveTasks().find((s) => s.task.callJobId === reviewedTask)!
      expect(rows).toHaveLength(state.calls.length)
      expect(json.tasks.map((t: { callJobId: number }) => t.callJobId)).toEqual([reviewedTask])
    },
    TIMEOUT,
  )

  it(
    'refuses a bad format (exit 2), a missing data directory and a task the cache never saw (exit 1)',
    async () => {
      const help = await runCli(['stats', '--help'])
      expect(help.code).toBe(0)
      expect(help.stdout).toContain('--format F')
      const format = await runCli(['stats', '--data-dir', dataDir, '--format', 'xlsx'])
      expect(format.code).toBe(2)
      expect(format.stderr).toMatch(/^calllens: --format must be one of json, csv, got "xlsx"; see --help\n$/)
      const missing = await runCli(['stats', '--data-dir', join(tempDir(), 'nope')])
      expect(missing.code).toBe(1)
      expect(missing.stderr).toMatch(/No CallLens data directory/)
      const task = await runCli(['stats', '--data-dir', dataDir, '--task', '999999'])
      expect(task.code).toBe(1)
      expect(task.stderr).toMatch(/^calllens: Not found: No task 999999 in the cache\n$/)
      expect(task.stdout).toBe('')
    },
    TIMEOUT,
  )
})
