// "Sync all" runs tasks side by side under one request limit: against the simulator, with the
// real client and cache. Tasks overlap, everything still lands, progress adds up and only moves
// forward, and cancelling stops every task's requests.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { SyncProgress } from '../../shared/contract'
import { startSimulator, type RunningSimulator } from '../../sim/simulator'
import { clientForSimulator } from '../../test-support/simulator-client'
import { CallCache } from '../cache'
import { EventBus } from '../events/event-bus'
import type { SyncCache, SyncClient } from './sync-ports'
import { SyncService } from './sync-service'

const opened: { sim?: RunningSimulator; caches: CallCache[] } = { caches: [] }
afterEach(async () => {
  for (const cache of opened.caches.splice(0)) cache.close()
  await opened.sim?.close()
  opened.sim = undefined
})

interface Watched {
  target: { profileId: string; profileDir: string; client: SyncClient; cache: SyncCache }
  cache: CallCache
  /** Cache steps in order: `detail <taskId>` when a task's sync begins, `synced <taskId>` when it ends. */
  steps: string[]
  /** Client calls not yet settled. */
  pending(): number
  started(): number
}

function watchedTarget(sim: RunningSimulator): Watched {
  const dir = mkdtempSync(join(tmpdir(), 'calllens-sync-parallel-'))
  const cache = new CallCache(join(dir, 'cache.db'), { dataDir: dir })
  opened.caches.push(cache)
  const inner = clientForSimulator(sim, { concurrency: 4 })
  let pending = 0
  let started = 0
  const track = <T>(work: Promise<T>): Promise<T> => {
    pending++
    started++
    return work.finally(() => pending--)
  }
  const client: SyncClient = {
    listTasks: (query, options) => track(inner.listTasks(query, options)),
    getTaskDetail: (taskId, options) => track(inner.getTaskDetail(taskId, options)),
    listDoneCalls: (query, options) => track(inner.listDoneCalls(query, options)),
    listNotDialed: (query, options) => track(inner.listNotDialed(query, options)),
    getCallDetail: (id, options) => track(inner.getCallDetail(id, options)),
    fetchRecording: (url, signal) => track(inner.fetchRecording(url, signal)),
  }
  const steps: string[] = []
  const watchedCache = new Proxy(cache, {
    get(object, property, receiver) {
      const value: unknown = Reflect.get(object, property, receiver)
      if (typeof value !== 'function') return value
      return (...args: unknown[]) => {
        if (property === 'saveTaskDetail') steps.push(`detail ${(args[0] as { taskId: number }).taskId}`)
        if (property === 'markTaskSynced') steps.push(`synced ${args[0] as number}`)
        return (value as (...a: unknown[]) => unknown).apply(object, args)
      }
    },
  }) as SyncCache
  return {
    target: { profileId: 'p-parallel', profileDir: dir, client, cache: watchedCache },
    cache,
    steps,
    pending: () => pending,
    started: () => started,
  }
}

describe('sync all, tasks side by side', () => {
  it('overlaps tasks, stores every call, and reports progress that adds up and only moves forward', async () => {
    const sim = await startSimulator({ generate: { tasks: 8, calls: 6, seed: 4 }, faults: 'latency=5' })
    opened.sim = sim
    const watched = watchedTarget(sim)
    const events = new EventBus()
    const seen: SyncProgress[] = []
    events.subscribe((event) => event.name === 'sync.progress' && seen.push(event.payload))
    const service = new SyncService(events, { concurrency: 4 })
    service.start(watched.target)
    const progress = (await service.wait())!

    expect(progress).toMatchObject({ phase: 'done', errors: [] })
    // Sequential tasks would read "detail a, synced a, detail b, …": here a second task began first.
    const firstSynced = watched.steps.findIndex((step) => step.startsWith('synced'))
    expect(watched.steps.slice(0, firstSynced).length).toBeGreaterThan(1)
    const tasks = sim.store.tasksOfCompany(sim.companyId).filter((state) => !state.task.deleted)
    expect(watched.steps.filter((step) => step.startsWith('synced'))).toHaveLength(tasks.length)
    for (const state of tasks) {
      const { total } = watched.cache.queryCalls({ taskId: state.task.callJobId }, {}, { offset: 0, limit: 1 })
      expect(total, `task ${state.task.callJobId}`).toBe(state.calls.length)
      for (const call of state.calls) expect(watched.cache.getCall(call.callInstanceId)!.detailFetchedAt).not.toBeNull()
    }
    expect(progress.tasksDone).toBe(progress.tasksTotal)
    expect(progress.callsDone).toBe(progress.callsTotal)
    expect(progress.callsTotal).toBe(tasks.reduce((sum, state) => sum + state.calls.length, 0))
    const order = ['tasks', 'calls', 'details', 'done']
    const phases = seen.map((p) => order.indexOf(p.phase))
    expect(phases.every((rank, i) => i === 0 || rank >= phases[i - 1]!)).toBe(true)
    for (const p of seen) expect(p.callsDone).toBeLessThanOrEqual(p.callsTotal)
  })

  it('cancelling stops every task: nothing is in flight once the job says cancelled', async () => {
    const sim = await startSimulator({ generate: { tasks: 6, calls: 30, seed: 5 }, faults: 'latency=20' })
    opened.sim = sim
    const watched = watchedTarget(sim)
    const events = new EventBus()
    const service = new SyncService(events, { concurrency: 4 })
    let cancelledAt = -1
    events.subscribe((event) => {
      if (event.name !== 'sync.progress' || cancelledAt >= 0) return
      if (event.payload.phase === 'details' && event.payload.callsDone >= 5) {
        cancelledAt = watched.started()
        service.cancel()
      }
    })
    service.start(watched.target)
    const progress = (await service.wait())!

    expect(progress.phase).toBe('cancelled')
    expect(cancelledAt).toBeGreaterThan(0)
    expect(watched.pending()).toBe(0)
    const total = sim.store.tasksOfCompany(sim.companyId).reduce((sum, state) => sum + state.calls.length, 0)
    expect(progress.callsDone).toBeLessThan(total)
  })
})
