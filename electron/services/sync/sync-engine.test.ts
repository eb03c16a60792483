// Integration: the real client and the real cache against the BYRobot simulator.
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startSimulator, type RunningSimulator } from '../../sim/simulator'
import { CallCache } from '../cache'
import { EventBus } from '../events/event-bus'
import { SyncService } from './sync-service'
import { clientForSimulator } from '../../test-support/simulator-client'

const opened: { sim?: RunningSimulator; caches: CallCache[] } = { caches: [] }

afterEach(async () => {
  for (const cache of opened.caches.splice(0)) cache.close()
  await opened.sim?.close()
  opened.sim = undefined
})

async function simulator(faults?: string): Promise<RunningSimulator> {
  opened.sim = await startSimulator({ generate: { tasks: 2, calls: 36, seed: 7 }, faults })
  return opened.sim
}

function target(sim: RunningSimulator, options: { timeoutMs?: number } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'calllens-sync-'))
  const cache = new CallCache(join(dir, 'cache.db'), { dataDir: dir })
  opened.caches.push(cache)
  const client = clientForSimulator(sim, {
    timeoutMs: options.timeoutMs ?? 15_000,
    retry: { minTimeoutMs: 20, maxTimeoutMs: 200 },
    retries: 6,
  })
  return { profileId: 'p-test', profileDir: dir, client, cache }
}

async function runSync(service: SyncService, t: ReturnType<typeof target>, taskId?: number) {
  service.start(t, taskId)
  return (await service.wait())!
}

/** What the simulator holds for the company, per task: done call ids. */
function simulatorCalls(sim: RunningSimulator): Map<number, number[]> {
  const byTask = new Map<number, number[]>()
  for (const state of sim.store.tasksOfCompany(sim.companyId)) {
    if (state.task.deleted) continue
    byTask.set(
      state.task.callJobId,
      state.calls.map((call) => call.callInstanceId),
    )
  }
  return byTask
}

function expectCacheMatches(sim: RunningSimulator, cache: CallCache): void {
  for (const [taskId, ids] of simulatorCalls(sim)) {
    const { rows, total } = cache.queryCalls({ taskId }, {}, { offset: 0, limit: 500 })
    expect(total, `task ${taskId}`).toBe(ids.length)
    expect(rows.map((row) => row.callInstanceId).sort()).toEqual([...ids].sort())
    for (const id of ids) {
      const cached = cache.getCall(id)!
      const entry = sim.store.anyCall(id)!
      expect(cached.detailFetchedAt, `call ${id} wholly cached`).not.toBeNull()
      expect(cached.call.transcript.length).toBe(entry.transcript().phoneLogs.length)
      expect(cached.call.results.map((r) => `${r.name}=${r.value}`).sort()).toEqual(
        entry
          .results()
          .map((r) => `${r.resultName}=${r.resultValue}`)
          .sort(),
      )
      expect(cached.recordings.some((r) => r.kind === 'full')).toBe(entry.recordingExt('mix') !== null)
    }
  }
  expect(cache.integrityCheck()).toEqual({ cache: ['ok'], reviews: ['ok'] })
}

describe('sync against the simulator', () => {
  it('a full sync ends with exactly the simulator calls, transcripts, results and recordings', async () => {
    const sim = await simulator()
    const t = target(sim)
    const events = new EventBus()
    const phases: string[] = []
    events.subscribe((event) => event.name === 'sync.progress' && phases.push(event.payload.phase))
    const progress = await runSync(new SyncService(events), t)

    expect(progress.phase).toBe('done')
    expect(progress.errors).toEqual([])
    expect(progress.bytes).toBeGreaterThan(0)
    expect(phases).toContain('details')
    expect(phases.at(-1)).toBe('done')
    expectCacheMatches(sim, t.cache)

    // The recording on disk is byte for byte what the server serves.
    const call = [...simulatorCalls(sim).values()].flat().find((id) => sim.store.anyCall(id)!.recordingExt('mix'))!
    const served = Buffer.from(await (await fetch(t.cache.getCall(call)!.call.recordingUrl!)).arrayBuffer())
    const onDisk = readFileSync(t.cache.recordingPath(call, 'full')!)
    expect(createHash('sha256').update(onDisk).digest('hex')).toBe(createHash('sha256').update(served).digest('hex'))
    expect(t.cache.recordingPeaks(call, 'full')!.length).toBeGreaterThan(0)
  })

  it('a second sync fetches only the calls that finished since', async () => {
    const sim = await simulator()
    const t = target(sim)
    const service = new SyncService(new EventBus())
    await runSync(service, t)
    const taskId = [...simulatorCalls(sim).keys()][0]!
    sim.finishCalls(taskId, 3)

    const second = await runSync(service, t)
    expect(second.phase).toBe('done')
    expect(second.callsTotal).toBe(3)
    expectCacheMatches(sim, t.cache)
  })

  it('survives 500s, proxy 502 pages, hung requests, malformed JSON, 429s and calls finishing mid-paging', async () => {
    const sim = await simulator('500=0.08,502=0.04,hang=0.02,malformed=0.03,429=0.05,retryAfter=0,churn=2,seed=3')
    const t = target(sim, { timeoutMs: 1500 })
    const progress = await runSync(new SyncService(new EventBus()), t)

    expect(progress.phase).toBe('done')
    // Either everything arrived, or each missing call is reported with its reason.
    if (progress.errors.length === 0) {
      expectCacheMatches(sim, t.cache)
    } else {
      for (const error of progress.errors) {
        expect(error.callInstanceId).not.toBeNull()
        expect(t.cache.getCall(error.callInstanceId!)?.error?.code).toBe(error.code)
      }
    }
    expect(t.cache.integrityCheck()).toEqual({ cache: ['ok'], reviews: ['ok'] })
  })

  it('stops when cancelled and the next sync completes the cache', async () => {
    const sim = await simulator('latency=30')
    const t = target(sim)
    const service = new SyncService(new EventBus())
    service.start(t)
    await new Promise<void>((resolve) => {
      const check = () => (service.status()!.callsDone >= 5 ? resolve() : setImmediate(check))
      check()
    })
    service.cancel()
    const cancelled = (await service.wait())!
    expect(cancelled.phase).toBe('cancelled')

    sim.setFaults('latency=0')
    const resumed = await runSync(service, t)
    expect(resumed.phase).toBe('done')
    expectCacheMatches(sim, t.cache)
  })
})
