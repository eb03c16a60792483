// "Fetch this call now" from its review page: the real client and cache against the simulator.
import { mkdtempSync } from 'node:fs'
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

async function setUp(options: { retries?: number } = {}) {
  const sim = await startSimulator({ generate: { tasks: 2, calls: 24, seed: 11 } })
  opened.sim = sim
  const dir = mkdtempSync(join(tmpdir(), 'calllens-fetch-call-'))
  const cache = new CallCache(join(dir, 'cache.db'), { dataDir: dir })
  opened.caches.push(cache)
  const client = clientForSimulator(sim, {
    retry: { minTimeoutMs: 10, maxTimeoutMs: 50 },
    retries: options.retries ?? 4,
  })
  return {
    sim,
    cache,
    service: new SyncService(new EventBus()),
    target: { profileId: 'p-test', profileDir: dir, client, cache },
  }
}

/** An answered call of the simulator (it has a transcript and a recording), and its task. */
function answeredCall(sim: RunningSimulator): { id: number; taskId: number } {
  for (const state of sim.store.tasksOfCompany(sim.companyId)) {
    const call = state.calls.find((c) => sim.store.anyCall(c.callInstanceId)!.recordingExt('mix') !== null)
    if (call && !state.task.deleted) return { id: call.callInstanceId, taskId: state.task.callJobId }
  }
  throw new Error('the generated data has no answered call')
}

describe('fetching one call now', () => {
  it('caches a call no sync has listed yet, wholly, and nothing else', async () => {
    const { sim, cache, service, target } = await setUp()
    const { id, taskId } = answeredCall(sim)
    const entry = sim.store.anyCall(id)!

    service.startCall(target, id)
    const progress = (await service.wait())!

    expect(progress).toMatchObject({ scope: 'call', callInstanceId: id, phase: 'done', errors: [], callsDone: 1 })
    const cached = cache.getCall(id)!
    expect(cached.detailFetchedAt).not.toBeNull()
    expect(cached.call.taskId).toBe(taskId)
    expect(cached.call.transcript.map((line) => line.content)).toEqual(
      entry.transcript().phoneLogs.map((line) => line.content),
    )
    expect(cached.recordings.map((r) => r.kind)).toContain('full')
    expect(cache.queryCalls({}, {}, { offset: 0, limit: 100 }).total).toBe(1)
    expect(cache.integrityCheck()).toEqual({ cache: ['ok'], reviews: ['ok'] })
  })

  it('fetches again a cached call a later sync failed on, and clears its error', async () => {
    const { sim, cache, service, target } = await setUp()
    const { id, taskId } = answeredCall(sim)
    service.start(target, taskId)
    expect((await service.wait())!).toMatchObject({ phase: 'done', errors: [] })
    // What a later sync leaves on a call it could not fetch (the cached detail stays).
    cache.recordCallError(id, 'api_server_error', 'phoneLogInfo: 500')
    expect(cache.getCall(id)!.error).toMatchObject({ code: 'api_server_error' })

    service.startCall(target, id)
    expect((await service.wait())!).toMatchObject({ phase: 'done', errors: [] })
    expect(cache.getCall(id)!.error).toBeNull()
    expect(cache.integrityCheck()).toEqual({ cache: ['ok'], reviews: ['ok'] })
  })

  it('fails as a whole, naming the call, when its detail cannot be had', async () => {
    const { sim, cache, service, target } = await setUp({ retries: 0 })
    const { id } = answeredCall(sim)
    sim.setFaults('500=1')
    service.startCall(target, id)
    expect((await service.wait())!).toMatchObject({
      phase: 'failed',
      failure: { code: 'api_server_error', callInstanceId: id },
    })
    expect(cache.getCall(id)).toBeNull()
  })

  it('says so when the API has no such call, and caches nothing', async () => {
    const { cache, service, target } = await setUp()
    service.startCall(target, 999_999_999)
    const progress = (await service.wait())!
    expect(progress).toMatchObject({ phase: 'failed', failure: { code: 'api_not_found', callInstanceId: 999_999_999 } })
    expect(cache.queryCalls({}, {}, { offset: 0, limit: 100 }).total).toBe(0)
  })

  it('is refused while another sync runs: never two syncs of one profile at once', async () => {
    const { sim, service, target } = await setUp()
    service.start(target)
    expect(() => service.startCall(target, answeredCall(sim).id)).toThrow(
      expect.objectContaining({ code: 'sync_running' }),
    )
    expect((await service.wait())!.phase).toBe('done')
  })
})
