// Integration: task details whose extraStat comes as a list or with short labels are cached whole.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { setStatShape, shortLabel, type StatShape } from '../../sim/api/stat-shape'
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

async function syncedCache(statShape: Partial<StatShape>) {
  const sim = (opened.sim = await startSimulator({ generate: { tasks: 2, calls: 24, seed: 9 }, statShape }))
  const dir = mkdtempSync(join(tmpdir(), 'calllens-extra-stat-'))
  const cache = new CallCache(join(dir, 'cache.db'), { dataDir: dir })
  opened.caches.push(cache)
  const client = clientForSimulator(sim, { retry: { minTimeoutMs: 20, maxTimeoutMs: 200 } })
  const service = new SyncService(new EventBus())
  service.start({ profileId: 'p-test', profileDir: dir, client, cache })
  const progress = (await service.wait())!
  return { sim, cache, progress }
}

/** The simulator's own counts per result name and value, as the object shape sends them. */
function expectedGroups(sim: RunningSimulator, taskId: number, labels: 'full' | 'short') {
  const groups: Record<string, Record<string, number>> = {}
  const state = sim.store.allTasks().find((s) => s.task.callJobId === taskId)!
  for (const call of state.calls.filter((c) => c.finishStatus === 0)) {
    for (const r of call.results()) {
      const label = labels === 'short' ? shortLabel(r.resultValue) : r.resultValue
      const group = (groups[r.resultName] ??= {})
      group[label] = (group[label] ?? 0) + 1
    }
  }
  return groups
}

const asCounts = (extraStat: Record<string, { name: string; value: number | null }[]>) =>
  Object.fromEntries(
    Object.entries(extraStat).map(([name, rows]) => [name, Object.fromEntries(rows.map((r) => [r.name, r.value]))]),
  )

describe('task details with extraStat in other shapes', () => {
  for (const shape of ['list-value', 'list-list'] as const) {
    it(`caches a task detail whose extraStat is a ${shape} list with short labels`, async () => {
      const { sim, cache, progress } = await syncedCache({ extraStat: shape, labels: 'short' })
      expect(progress.phase).toBe('done')
      const tasks = sim.store.tasksOfCompany(sim.companyId).filter((s) => !s.task.deleted && s.calls.length > 0)
      expect(tasks.length).toBeGreaterThan(0)
      for (const { task } of tasks) {
        const detail = cache.getTaskDetail(task.callJobId)!
        expect(asCounts(detail.extraStat)).toEqual(expectedGroups(sim, task.callJobId, 'short'))
        expect(detail.extraStat['客户意向等级']!.map((row) => row.name)).toContain('较强')
        expect(detail.unrecognisedStats).toBeUndefined()
      }
    })
  }

  it('caches flat rows under their results, and what fits no result as unrecognised statistics', async () => {
    const { sim, cache, progress } = await syncedCache({ extraStat: 'flat' })
    expect(progress.phase).toBe('done')
    const { task } = sim.store.tasksOfCompany(sim.companyId).find((s) => s.calls.length > 0)!
    expect(asCounts(cache.getTaskDetail(task.callJobId)!.extraStat)).toEqual(
      expectedGroups(sim, task.callJobId, 'full'),
    )

    // Resync the task after the server starts sending rows no result declares.
    const state = sim.store.allTasks().find((s) => s.task.callJobId === task.callJobId)!
    const defs = state.task.resultDefs
    state.task.resultDefs = []
    setStatShape(sim.store, { extraStat: 'flat' })
    try {
      const service = new SyncService(new EventBus())
      const dir = cache.dataDir
      const client = clientForSimulator(sim)
      service.start({ profileId: 'p-test', profileDir: dir, client, cache }, task.callJobId)
      expect((await service.wait())!.phase).toBe('done')
    } finally {
      state.task.resultDefs = defs
    }
    const detail = cache.getTaskDetail(task.callJobId)!
    expect(detail.extraStat).toEqual({})
    const raw = JSON.parse(detail.unrecognisedStats!) as { name: string; value: number }[]
    const total = Object.values(expectedGroups(sim, task.callJobId, 'full')).flatMap((g) => Object.values(g))
    expect(raw.map((row) => row.value).sort()).toEqual(total.sort())
  })
})
