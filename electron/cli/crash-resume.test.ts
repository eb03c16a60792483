// Kill -9 and Ctrl-C: `cli sync` stopped at several moments leaves a sound cache in which each
// call is wholly cached or absent, and the next run ends exactly where an unbroken sync ends.
import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { CallCache } from '../services/cache'
import { startSimulator, type RunningSimulator } from '../sim/simulator'
import { openCache, profileDir, runCli, simulatorCallIds, startCli, syncArgs } from '../test-support/cli-harness'

let sim: RunningSimulator

beforeAll(async () => {
  // Latency stretches the sync so that the kill points land in different phases — and, on a loaded
  // machine where the parent reads a progress line late, still before the details are all in
  // (at 15 ms a run sometimes finished before its kill: 30 of 30 cached).
  sim = await startSimulator({ generate: { tasks: 2, calls: 30, seed: 5 }, latency: 60 })
})

afterAll(async () => {
  await sim?.close()
})

const tempDir = () => mkdtempSync(join(tmpdir(), 'calllens-crash-'))

function withCache<T>(dataDir: string, read: (cache: CallCache) => T): T {
  const cache = openCache(dataDir)
  try {
    return read(cache)
  } finally {
    cache.close()
  }
}

/** Everything sync wrote that an unbroken run must reproduce (no timestamps of our own). */
function endState(cache: CallCache) {
  const { rows } = cache.queryCalls({}, {}, { offset: 0, limit: 500 })
  const ids = rows.map((row) => row.callInstanceId).sort((a, b) => a - b)
  const taskIds = [...new Set(rows.map((row) => row.taskId))].sort()
  return {
    calls: ids.map((id) => {
      const { call, detailFetchedAt, recordings, error } = cache.getCall(id)!
      return { call, wholly: detailFetchedAt !== null, recordings, error }
    }),
    tasks: taskIds.map((taskId) => ({ detail: cache.getTaskDetail(taskId), notDialed: cache.listNotDialed(taskId) })),
  }
}

/**
 * The invariants at any moment: both files sound, and each call either wholly cached (transcript,
 * recordings on disk at their recorded size) or not at all. Returns how many are wholly cached.
 */
function expectConsistent(dataDir: string, label: string): number {
  return withCache(dataDir, (cache) => {
    expect(cache.integrityCheck(), label).toEqual({ cache: ['ok'], reviews: ['ok'] })
    let wholly = 0
    for (const { call, wholly: complete, recordings } of endState(cache).calls) {
      const entry = sim.store.anyCall(call.callInstanceId)!
      const where = `${label}, call ${call.callInstanceId}`
      if (!complete) {
        expect(call.transcript, where).toEqual([])
        expect(recordings, where).toEqual([])
        continue
      }
      wholly++
      expect(call.transcript, where).toHaveLength(entry.transcript().phoneLogs.length)
      const kinds = recordings.map((r) => r.kind).sort()
      const expected = [entry.recordingExt('mix') && 'full', entry.recordingExt('user') && 'customer'].filter(Boolean)
      expect(kinds, where).toEqual(expected.sort())
      for (const recording of recordings) {
        // A .part file left by the kill is harmless; a row pointing at one (or at nothing) is not.
        const path = cache.recordingPath(call.callInstanceId, recording.kind)!
        expect(path.endsWith('.part'), where).toBe(false)
        expect(statSync(path).size, where).toBe(recording.bytes)
      }
    }
    return wholly
  })
}

function syncedCount(output: string, phase = 'done'): number {
  const match = new RegExp(`sync ${phase}: (\\d+) calls synced`).exec(output)
  if (!match) throw new Error(`no "${phase}" summary in: ${output}`)
  return Number(match[1])
}

/** After which progress line, and how long after it, each run is killed. */
const KILL_POINTS = [
  { line: /listing calls/, count: 1, delayMs: 5 },
  { line: /fetching calls/, count: 1, delayMs: 40 },
  { line: /fetching calls/, count: 2, delayMs: 0 },
  { line: /fetching calls/, count: 3, delayMs: 90 },
]

it('a sync killed with SIGKILL at several points resumes to the same end state as an unbroken one', async () => {
  const ids = simulatorCallIds(sim)
  const reference = tempDir()
  const unbroken = runCli(syncArgs(sim, reference).args, syncArgs(sim, reference).env)

  const dataDir = tempDir()
  const { args, env } = syncArgs(sim, dataDir)
  let killed = 0
  let cached = 0
  for (const [i, point] of KILL_POINTS.entries()) {
    const run = startCli(args, env)
    if (await run.waitForLines((line) => point.line.test(line), point.count)) {
      await new Promise((resolve) => setTimeout(resolve, point.delayMs))
      run.child.kill('SIGKILL')
    }
    const exit = await run.exited
    if (exit.signal === 'SIGKILL') killed++
    const now = expectConsistent(dataDir, `after kill ${i + 1}`)
    expect(now, 'a later run never loses what an earlier one cached').toBeGreaterThanOrEqual(cached)
    cached = now
  }
  expect(killed).toBeGreaterThanOrEqual(3)
  // The kills landed mid-details: some calls were kept, some left for the resumed run.
  expect(cached).toBeGreaterThan(0)
  expect(cached).toBeLessThan(ids.length)

  const resumed = await runCli(args, env)
  expect(resumed.stderr).toBe('')
  expect(resumed.code).toBe(0)
  // Only what the killed runs left undone is fetched again.
  expect(syncedCount(resumed.stdout)).toBe(ids.length - cached)
  expect(expectConsistent(dataDir, 'resumed')).toBe(ids.length)

  const clean = await unbroken
  expect(clean.code).toBe(0)
  const state = withCache(dataDir, endState)
  expect(state.calls.map((c) => c.call.callInstanceId)).toEqual(ids)
  expect(state).toEqual(withCache(reference, endState))

  // The bytes on disk are the bytes the server serves.
  const sample = ids.filter((id) => sim.store.anyCall(id)!.recordingExt('mix')).slice(0, 2)
  for (const id of sample) {
    const { url, path } = withCache(dataDir, (cache) => ({
      url: cache.getCall(id)!.call.recordingUrl!,
      path: cache.recordingPath(id, 'full')!,
    }))
    const served = Buffer.from(await (await fetch(url)).arrayBuffer())
    const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')
    expect(sha(readFileSync(path))).toBe(sha(served))
  }
}, 90_000)

it('Ctrl-C cancels a sync cleanly with exit 130 and the next run completes it', async () => {
  const dataDir = tempDir()
  const { args, env } = syncArgs(sim, dataDir)
  const run = startCli(args, env)
  expect(await run.waitForLines((line) => /fetching calls — calls [1-9]/.test(line))).toBe(true)
  run.child.kill('SIGINT')
  const exit = await run.exited
  expect(exit.code).toBe(130)
  const cached = expectConsistent(dataDir, 'after Ctrl-C')
  // The summary counts what was stored, not the calls dropped in flight.
  expect(syncedCount(exit.stdout, 'cancelled')).toBe(cached)
  expect(cached).toBeGreaterThan(0)
  // A clean stop leaves no temp file behind (a kill may; cancellation removes its own).
  const recordings = join(profileDir(dataDir), 'recordings')
  if (existsSync(recordings)) expect(readdirSync(recordings).filter((f) => f.endsWith('.part'))).toEqual([])

  const resumed = await runCli(args, env)
  expect(resumed.code).toBe(0)
  expect(syncedCount(resumed.stdout)).toBe(simulatorCallIds(sim).length - cached)
  expect(expectConsistent(dataDir, 'resumed')).toBe(simulatorCallIds(sim).length)
}, 60_000)
