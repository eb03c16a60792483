// Crash suite: SIGKILL the process doing a sync (and autosaving notes, as the main process
// does) at seeded random steps, and a process saving notes flat out. Each seed's server has a
// task that fails mid-"sync all" and calls whose recordings cannot be had; every other seed's syncs
// are started by the "sync every N minutes" schedule coming due. After every kill the
// cache is sound and no saved note is lost; the next sync reaches exactly the simulator's state.
// CI runs a quick size; CALLLENS_LONG=1 runs the long one (≥ 500 sync kills).
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRng } from '../sim/dataset/prng'
import type { Quirks, RecordingQuirk, TaskQuirk } from '../sim/quirks'
import { startSimulator, type RunningSimulator } from '../sim/simulator'
import { openDatabase, integrityCheck } from '../services/cache/database'
import { ReviewStore } from '../services/cache/review-store'
import { EventBus } from '../services/events/event-bus'
import { SyncService } from '../services/sync/sync-service'
import {
  expectSimulatorState,
  expectSoundCache,
  openProfileCache,
  simulatorCalls,
} from '../test-support/reliability/cache-checks'
import { bundleFixture, runChild, type ChildRun } from '../test-support/reliability/child-process'
import { CHILD_CONFIG_ENV, type SyncChildConfig } from '../test-support/reliability/sync-child-config'
import { clientForSimulator } from '../test-support/simulator-client'

const LONG = process.env.CALLLENS_LONG === '1'
/** Sync kills: CI 3 seeds × 3, long 42 seeds × 12 = 504. */
const SYNC_SEEDS = LONG ? Array.from({ length: 42 }, (_, i) => 11 + i) : [11, 12, 13]
const KILLS_PER_SEED = LONG ? 12 : 3
/** Calls that finish after a run the kill did not reach, so the next run has work again. */
const FINISH_AFTER_RUN = LONG ? 10 : 4
/** Kills of the notes-only writer. */
const NOTE_KILLS = LONG ? 24 : 6

const fixtures = join(import.meta.dirname, '../test-support/reliability')
let syncChild: ReturnType<typeof bundleFixture>
let notesChild: ReturnType<typeof bundleFixture>

beforeAll(() => {
  syncChild = bundleFixture(join(fixtures, 'sync-child.ts'))
  notesChild = bundleFixture(join(fixtures, 'notes-child.ts'))
})
afterAll(() => {
  syncChild.remove()
  notesChild.remove()
})

/** The highest version of each call's note the child reported as saved. */
function reportedSaves(lines: string[]): Map<number, number> {
  const saves = new Map<number, number>()
  for (const line of lines) {
    const match = /^saved (\d+) (\d+)$/.exec(line)
    if (match) saves.set(Number(match[1]), Math.max(saves.get(Number(match[1])) ?? 0, Number(match[2])))
  }
  return saves
}

/** Every note the child reported is on disk: the stored version is that one or a later one. */
function expectNotesKept(reviewsPath: string, saves: Map<number, number>): void {
  const store = new ReviewStore(reviewsPath)
  try {
    for (const [callId, version] of saves) {
      const stored = store.get(callId)
      expect(stored, `note of call ${callId}`).not.toBeNull()
      const storedVersion = Number(/^note v(\d+)/.exec(stored!.text)?.[1])
      expect(storedVersion, `note of call ${callId}`).toBeGreaterThanOrEqual(version)
    }
  } finally {
    store.close()
  }
}

/** How the seed's failing task fails: its detail, its done-call list (500s), or its not-dialed list. */
const TASK_FAULTS: TaskQuirk[] = [{ detail: 403 }, { doneCalls: 500 }, { notDialed: 'malformed' }]
const RECORDING_FAULTS: RecordingQuirk[] = [404, 'file', 'not-audio', 410]

/**
 * One of the two tasks with calls fails (the other is synced before or after it, by seed), and two
 * recorded calls of the other task — the one calls keep finishing in — have recordings that cannot be had.
 */
function quirksFor(sim: RunningSimulator, seed: number): { quirks: Partial<Quirks>; workTask: number } {
  const [first, second] = [...simulatorCalls(sim).entries()].filter(([, ids]) => ids.length > 0)
  const [failing, other] = seed % 2 === 0 ? [first!, second!] : [second!, first!]
  const recorded = other[1].filter((id) => sim.store.anyCall(id)!.recordingExt('mix') !== null).slice(0, 2)
  const quirks = {
    tasks: { [failing[0]]: TASK_FAULTS[seed % TASK_FAULTS.length]! },
    recordings: Object.fromEntries(
      recorded.map((id, i) => [id, RECORDING_FAULTS[(seed + i) % RECORDING_FAULTS.length]!]),
    ),
  }
  return { quirks, workTask: other[0] }
}

function syncToCompletion(sim: RunningSimulator, profileDir: string) {
  const cache = openProfileCache(profileDir)
  const client = clientForSimulator(sim)
  const service = new SyncService(new EventBus())
  service.start({ profileId: 'p-crash', profileDir, client, cache })
  return { cache, done: service.wait() }
}

describe('a process killed with SIGKILL', () => {
  it(
    'mid-sync leaves a sound cache and every saved note, and the next sync reaches the simulator state',
    async () => {
      let kills = 0
      let runs = 0
      let midDetails = 0
      let afterTaskFailure = 0
      let withUnavailable = 0
      let scheduled = 0
      let notesReported = 0
      for (const seed of SYNC_SEEDS) {
        const sim = await startSimulator({ generate: { tasks: 3, calls: 14, seed }, faults: 'latency=2,jitter=6' })
        try {
          const { quirks, workTask } = quirksFor(sim, seed)
          sim.setQuirks(quirks)
          const profileDir = mkdtempSync(join(tmpdir(), 'calllens-crash-'))
          const noteCallIds = [...simulatorCalls(sim).values()].flat().slice(0, 5)
          const config: SyncChildConfig = {
            baseUrl: sim.baseUrl,
            ...sim.credentials,
            companyId: sim.companyId,
            profileDir,
            noteCallIds,
            noteVersionFrom: 0,
            // Every other seed's syncs are the schedule's, coming due: the same job, another way in.
            trigger: seed % 2 === 0 ? 'schedule' : 'button',
          }
          const rng = createRng(seed, 0xdead)
          const saves = new Map<number, number>()
          let seedKills = 0
          for (let attempt = 0; seedKills < KILLS_PER_SEED && attempt < KILLS_PER_SEED * 3; attempt++) {
            const killAfter = rng.int(2, 140)
            const run: ChildRun = await runChild(syncChild.script, {
              env: { [CHILD_CONFIG_ENV]: JSON.stringify({ ...config, noteVersionFrom: attempt * 100_000 }) },
              killAfter,
            })
            runs++
            expect(run.stderr, `child stderr (seed ${seed})`).toBe('')
            for (const [id, version] of reportedSaves(run.lines)) saves.set(id, Math.max(saves.get(id) ?? 0, version))
            if (run.killed) {
              seedKills++
              kills++
            } else {
              // It finished before the chosen step (its failing task reported): more calls finish,
              // so the next run has work again.
              expect(run.lines.at(-1)).toBe('finished partial 1')
              sim.finishCalls(workTask, FINISH_AFTER_RUN)
            }
            const census = expectSoundCache(sim, profileDir)
            if (run.killed && census.listedOnly > 0 && census.wholly > 0) midDetails++
            if (run.killed && run.lines.includes('step cache.recordTaskError')) afterTaskFailure++
            if (run.killed && census.unavailable > 0) withUnavailable++
            if (run.killed && run.lines.includes('step schedule.started')) scheduled++
            notesReported += run.lines.filter((line) => line.startsWith('saved ')).length
            expectNotesKept(join(profileDir, 'reviews.db'), saves)
          }
          expect(seedKills, `kills for seed ${seed}`).toBe(KILLS_PER_SEED)

          // Calls finish between the last kill and the resumed sync, too.
          sim.finishCalls(workTask, 2)
          const { cache, done } = syncToCompletion(sim, profileDir)
          try {
            const progress = (await done)!
            const [failingTask] = Object.keys(sim.quirks().tasks).map(Number)
            expect(progress.phase).toBe('partial')
            expect(progress.errors.map((e) => [e.taskId, e.callInstanceId])).toEqual([[failingTask, null]])
            expectSimulatorState(sim, cache)
          } finally {
            cache.close()
          }
          // Once the task answers again, the next sync brings it in; the unavailable recordings stay so.
          sim.setQuirks({ recordings: sim.quirks().recordings })
          const healed = syncToCompletion(sim, profileDir)
          try {
            expect(await healed.done).toMatchObject({ phase: 'done', errors: [] })
            expectSimulatorState(sim, healed.cache)
          } finally {
            healed.cache.close()
          }
          expectNotesKept(join(profileDir, 'reviews.db'), saves)
        } finally {
          await sim.close()
        }
      }
      expect(kills).toBe(SYNC_SEEDS.length * KILLS_PER_SEED)
      expect(runs).toBeGreaterThanOrEqual(kills)
      // The seeded steps must reach the middle of the detail phase, not just its edges, and the new
      // paths: a kill after a task failed mid-"sync all", and one with recordings marked unavailable.
      expect(midDetails).toBeGreaterThan(0)
      expect(afterTaskFailure).toBeGreaterThan(0)
      expect(withUnavailable).toBeGreaterThan(0)
      expect(scheduled).toBeGreaterThan(0)
      console.info(
        `crash: ${kills} sync kills in ${runs} runs (${midDetails} mid-details, ${afterTaskFailure} after a task ` +
          `failed, ${withUnavailable} with recordings marked unavailable, ${scheduled} in a scheduled sync), ` +
          `${notesReported} notes kept`,
      )
    },
    LONG ? 2_400_000 : 120_000,
  )

  it(
    'while saving notes flat out loses none that it reported saved',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'calllens-crash-notes-'))
      const reviewsPath = join(dir, 'reviews.db')
      const rng = createRng(7, 0xbeef)
      const saves = new Map<number, number>()
      let reported = 0
      for (let kill = 0; kill < NOTE_KILLS; kill++) {
        const run = await runChild(notesChild.script, {
          args: [reviewsPath, '101,102,103,104,105,106,107', String(kill * 1_000_000)],
          killAfter: rng.int(2, 600),
        })
        expect(run.killed, `notes child ${kill} was killed: ${run.stderr}`).toBe(true)
        reported += run.lines.filter((line) => line.startsWith('saved ')).length
        for (const [id, version] of reportedSaves(run.lines)) saves.set(id, Math.max(saves.get(id) ?? 0, version))
        const db = openDatabase(reviewsPath, 'FULL')
        try {
          expect(integrityCheck(db)).toEqual(['ok'])
        } finally {
          db.close()
        }
        expectNotesKept(reviewsPath, saves)
      }
      expect(reported).toBeGreaterThan(NOTE_KILLS)
      console.info(`crash: ${NOTE_KILLS} notes-writer kills, ${reported} notes reported saved, all kept`)
      expect(saves.size).toBe(7)
    },
    LONG ? 300_000 : 60_000,
  )
})
