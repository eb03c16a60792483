// Fault suite: the simulator's faults combined — latency with jitter, 500 envelopes, nginx 502
// pages, hung requests, cut-off JSON, 429 with Retry-After (spread and in a burst) and calls
// finishing mid-paging. A sync ends with exactly the simulator's data, or names each call it
// could not fetch and why (and the cache says the same); the next clean sync completes it.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { SyncProgress } from '../shared/contract'
import { startSimulator, type RunningSimulator } from '../sim/simulator'
import type { FaultKind } from '../sim/faults'
import type { CallCache } from '../services/cache'
import { EventBus } from '../services/events/event-bus'
import { SyncService } from '../services/sync/sync-service'
import {
  expectSimulatorState,
  expectSoundCache,
  openProfileCache,
  simulatorCalls,
} from '../test-support/reliability/cache-checks'
import { clientForSimulator } from '../test-support/simulator-client'

/** The error each injected fault becomes once the client has given up on it. */
const FAULT_CODES = ['api_server_error', 'api_rate_limited', 'api_timeout', 'api_malformed_response']

const open: { sim?: RunningSimulator; caches: CallCache[] } = { caches: [] }
afterEach(async () => {
  for (const cache of open.caches.splice(0)) cache.close()
  await open.sim?.close()
  open.sim = undefined
})

async function simulator(faults: string): Promise<RunningSimulator> {
  open.sim = await startSimulator({ generate: { tasks: 3, calls: 40, seed: 5 }, faults })
  return open.sim
}

async function injected(sim: RunningSimulator): Promise<Record<FaultKind, number>> {
  const state = (await (await fetch(`${sim.origin}/__admin/state`)).json()) as { injected: Record<FaultKind, number> }
  return state.injected
}

function profile(sim: RunningSimulator, client: { retries: number; timeoutMs: number }) {
  const profileDir = mkdtempSync(join(tmpdir(), 'calllens-faults-'))
  const cache = openProfileCache(profileDir)
  open.caches.push(cache)
  const byrobot = clientForSimulator(sim, {
    timeoutMs: client.timeoutMs,
    retries: client.retries,
    retry: { minTimeoutMs: 20, maxTimeoutMs: 200 },
  })
  return { profileId: 'p-faults', profileDir, client: byrobot, cache }
}

async function sync(
  target: ReturnType<typeof profile>,
  options: { taskId?: number; onProgress?: (progress: SyncProgress) => void } = {},
): Promise<SyncProgress> {
  const events = new EventBus()
  const { onProgress } = options
  if (onProgress) events.subscribe((event) => event.name === 'sync.progress' && onProgress(event.payload))
  const service = new SyncService(events)
  service.start(target, options.taskId)
  return (await service.wait())!
}

/** Every simulator call is wholly cached or reported failed, with the cache recording the same error. */
function expectPreciseReport(
  sim: RunningSimulator,
  target: ReturnType<typeof profile>,
  progress: SyncProgress,
  taskId?: number,
) {
  const failed = new Map(progress.errors.map((error) => [error.callInstanceId, error]))
  expect(failed.size, 'one error per failed call').toBe(progress.errors.length)
  for (const error of progress.errors) {
    expect(error.callInstanceId).not.toBeNull()
    expect(FAULT_CODES).toContain(error.code)
    expect(error.message.length).toBeGreaterThan(0)
    const cached = target.cache.getCall(error.callInstanceId!)
    expect(cached?.error, `call ${error.callInstanceId} carries its error`).toMatchObject({
      code: error.code,
      message: error.message,
    })
    expect(cached?.detailFetchedAt, `failed call ${error.callInstanceId} is not half-cached`).toBeNull()
  }
  const tasks = [...simulatorCalls(sim)].filter(([id]) => taskId === undefined || id === taskId)
  for (const id of tasks.flatMap(([, ids]) => ids)) {
    const cached = target.cache.getCall(id)
    expect(cached, `call ${id} is listed`).not.toBeNull()
    if (!failed.has(id)) {
      expect(cached!.detailFetchedAt, `call ${id} is cached or reported`).not.toBeNull()
      expect(cached!.error).toBeNull()
    }
  }
  expectSoundCache(sim, target.profileDir)
}

describe('sync under combined faults', () => {
  it('ends with exactly the simulator data through 500s, 502 pages, hangs, cut JSON, 429s and churn', async () => {
    const sim = await simulator(
      '500=0.1,502=0.05,hang=0.05,malformed=0.02,429=0.05,retryAfter=1,churn=3,latency=5,jitter=20,seed=4',
    )
    const target = profile(sim, { retries: 6, timeoutMs: 700 })
    const progress = await sync(target)

    // Calls that exhausted their retries make the job end "partial", never "done".
    expect(progress.phase).toBe(progress.errors.length > 0 ? 'partial' : 'done')
    if (progress.errors.length > 0) expectPreciseReport(sim, target, progress)
    else expectSimulatorState(sim, target.cache)
    const counts = await injected(sim)
    for (const kind of ['hang', '502', '500', '429', 'malformed'] as const) {
      expect(counts[kind], `${kind} faults were injected`).toBeGreaterThan(0)
    }
    expect(sim.faults().churn).toBe(3)
    console.info(`faults: combined run injected ${JSON.stringify(counts)}; ${progress.errors.length} calls reported`)

    // Whatever was reported comes in with the next sync, once the server behaves.
    sim.setFaults('')
    expect(await sync(target)).toMatchObject({ phase: 'done', errors: [] })
    expectSimulatorState(sim, target.cache)
  }, 90_000)

  it('names each call it could not fetch and why when the client may not retry', async () => {
    const sim = await simulator('latency=2')
    const target = profile(sim, { retries: 0, timeoutMs: 500 })
    // The task's lists come through clean; every detail request then meets the fault mix, unretried.
    const [taskId] = [...simulatorCalls(sim).keys()]
    let switched = false
    const progress = await sync(target, {
      taskId,
      onProgress: (p) => {
        if (p.phase === 'details' && !switched) {
          switched = true
          sim.setFaults('500=0.1,502=0.05,hang=0.05,malformed=0.05,429=0.05,retryAfter=1,seed=9')
        }
      },
    })

    expect(switched).toBe(true)
    expect(progress.phase).toBe('partial')
    expect(progress.errors.length, 'some calls failed').toBeGreaterThan(0)
    expectPreciseReport(sim, target, progress, taskId)
    const counts = await injected(sim)
    const total = Object.values(counts).reduce((a, b) => a + b, 0)
    // One request per detail without retries: one reported error per injected fault, no more.
    expect(progress.errors.length).toBe(total)
    const byCode = (code: string) => progress.errors.filter((e) => e.code === code).length
    expect(byCode('api_timeout')).toBe(counts.hang)
    expect(byCode('api_rate_limited')).toBe(counts['429'])
    expect(byCode('api_malformed_response')).toBe(counts.malformed)
    expect(byCode('api_server_error')).toBe(counts['500'] + counts['502'])
    console.info(`faults: unretried run injected ${JSON.stringify(counts)}; ${progress.errors.length} calls reported`)

    sim.setFaults('')
    expect(await sync(target)).toMatchObject({ phase: 'done', errors: [] })
    expectSimulatorState(sim, target.cache)
  }, 60_000)

  it('waits out a burst of 429s with Retry-After and still gets every call', async () => {
    const sim = await simulator('')
    const target = profile(sim, { retries: 6, timeoutMs: 2000 })
    let burstAt = 0
    const progress = await sync(target, {
      onProgress: (p) => {
        if (p.phase === 'details' && p.callsTotal > 0 && burstAt === 0) {
          burstAt = Date.now()
          sim.setFaults('429=1,retryAfter=1')
          // The burst ends once the server has refused a round of requests (fewer than the client's retries).
          const end = (): void => {
            injected(sim).then(
              (counts) => (counts['429'] >= 6 ? sim.setFaults('') : setImmediate(end)),
              () => setImmediate(end), // a keep-alive socket closed under the poll: ask again
            )
          }
          end()
        }
      },
    })
    expect(burstAt).toBeGreaterThan(0)
    expect(progress.failure).toBeNull()
    expect(progress).toMatchObject({ phase: 'done', errors: [] })
    // Retry-After is a floor: nothing came back before the server's second was up.
    expect(Date.parse(progress.finishedAt!) - burstAt).toBeGreaterThanOrEqual(1000)
    expectSimulatorState(sim, target.cache)
  }, 60_000)
})
