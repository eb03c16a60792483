// Integration: what real accounts serve — pages without totals or capped below the asked size, a
// task that fails, recordings that cannot be had — with the real client and cache against the simulator.
import { existsSync, mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { GenerateOptions } from '../../sim/dataset/generate'
import type { Quirks } from '../../sim/quirks'
import { startSimulator, type RunningSimulator } from '../../sim/simulator'
import { CallCache } from '../cache'
import { EventBus } from '../events/event-bus'
import { RECORDING_RETRY_MS } from './sync-engine'
import { SyncService } from './sync-service'
import { clientForSimulator } from '../../test-support/simulator-client'

const opened: { sims: RunningSimulator[]; caches: CallCache[] } = { sims: [], caches: [] }

afterEach(async () => {
  for (const cache of opened.caches.splice(0)) cache.close()
  for (const sim of opened.sims.splice(0)) await sim.close()
})

async function simulator(generate: GenerateOptions, quirks?: Partial<Quirks>): Promise<RunningSimulator> {
  const sim = await startSimulator({ generate, quirks })
  opened.sims.push(sim)
  return sim
}

function target(sim: RunningSimulator, fetchOverride?: typeof fetch) {
  const dir = mkdtempSync(join(tmpdir(), 'calllens-sync-real-'))
  const cache = new CallCache(join(dir, 'cache.db'), { dataDir: dir })
  opened.caches.push(cache)
  const client = clientForSimulator(sim, {
    retry: { minTimeoutMs: 5, maxTimeoutMs: 40 },
    retries: 3,
    ...(fetchOverride ? { fetch: fetchOverride } : {}),
  })
  return { profileId: 'p-real', profileDir: dir, client, cache }
}

async function sync(t: ReturnType<typeof target>, now?: () => Date) {
  const service = new SyncService(new EventBus(), { now })
  service.start(t)
  return (await service.wait())!
}

/** Listed (not deleted) tasks of the simulator's company, with their done call ids. */
function listedTasks(sim: RunningSimulator) {
  return sim.store
    .tasksOfCompany(sim.companyId)
    .filter((s) => !s.task.deleted)
    .map((s) => ({
      taskId: s.task.callJobId,
      name: s.task.jobName,
      callIds: s.calls.map((c) => c.callInstanceId),
      notDialed: s.notDialed.length,
    }))
}

function expectTaskCached(sim: RunningSimulator, cache: CallCache, taskId: number): void {
  const task = listedTasks(sim).find((t) => t.taskId === taskId)!
  const { rows, total } = cache.queryCalls({ taskId }, {}, { offset: 0, limit: 500 })
  expect(total, `task ${taskId} calls`).toBe(task.callIds.length)
  expect(rows.map((r) => r.callInstanceId).sort()).toEqual([...task.callIds].sort())
  for (const id of task.callIds) expect(cache.getCall(id)!.detailFetchedAt, `call ${id}`).not.toBeNull()
  expect(cache.listNotDialed(taskId), `task ${taskId} not dialed`).toHaveLength(task.notDialed)
  expect(cache.getSyncState(taskId)?.error ?? null).toBeNull()
}

describe('paging on real-world data', () => {
  it('caches all 130 not-dialed customers of a task whose pages carry no total or page count', async () => {
    // With 3 tasks the never-run one (130 customers to dial) belongs to the first company.
    const sim = await simulator({ tasks: 3, calls: 20, seed: 3, notDialed: 130 }, { omitTotals: true })
    const t = target(sim)
    expect(await sync(t)).toMatchObject({ phase: 'done', errors: [] })
    const neverRun = listedTasks(sim).find((task) => task.callIds.length === 0)!
    expect(neverRun.notDialed).toBe(130)
    const cached = t.cache.listNotDialed(neverRun.taskId)
    expect(new Set(cached.map((c) => c.callInstanceId)).size).toBe(130)
    for (const task of listedTasks(sim)) expectTaskCached(sim, t.cache, task.taskId)
  })

  it('gets every call and customer from a server that serves fewer rows a page than asked', async () => {
    const sim = await simulator({ tasks: 2, calls: 45, seed: 4, notDialed: 61 }, { pageSizeCap: 7 })
    const t = target(sim)
    expect(await sync(t)).toMatchObject({ phase: 'done', errors: [] })
    for (const task of listedTasks(sim)) expectTaskCached(sim, t.cache, task.taskId)
  })

  it('gets every row when the server caps the page size and sends no totals either', async () => {
    const sim = await simulator({ tasks: 2, calls: 45, seed: 4, notDialed: 50 }, { pageSizeCap: 10, omitTotals: true })
    const t = target(sim)
    expect(await sync(t)).toMatchObject({ phase: 'done', errors: [] })
    for (const task of listedTasks(sim)) expectTaskCached(sim, t.cache, task.taskId)
  })
})

describe('"sync all" with a failing task', () => {
  it('records a forbidden task and one failing after retries, and caches every other task completely', async () => {
    const sim = await simulator({ tasks: 7, calls: 8, seed: 5 })
    const tasks = listedTasks(sim).filter((task) => task.callIds.length > 0)
    expect(tasks.length).toBeGreaterThanOrEqual(4)
    const [forbidden, failing, badList] = [tasks[1]!, tasks[2]!, tasks[3]!]
    sim.setQuirks({
      tasks: {
        [forbidden.taskId]: { detail: 403 },
        [failing.taskId]: { detail: 500 },
        [badList.taskId]: { notDialed: 'malformed' },
      },
    })
    const t = target(sim)
    const progress = await sync(t)

    expect(progress.phase).toBe('partial')
    const taskErrors = progress.errors.filter((e) => e.callInstanceId === null)
    const byTask = (a: (number | string | null | undefined)[], b: (number | string | null | undefined)[]) =>
      Number(a[0]) - Number(b[0])
    expect(taskErrors.map((e) => [e.taskId, e.taskName, e.code]).sort(byTask)).toEqual(
      [
        [forbidden.taskId, forbidden.name, 'api_forbidden'],
        [failing.taskId, failing.name, 'api_server_error'],
        [badList.taskId, badList.name, 'api_malformed_response'],
      ].sort(byTask),
    )
    expect(progress.errors).toHaveLength(3)
    expect(progress.tasksDone).toBe(progress.tasksTotal)
    expect(t.cache.getSyncState(forbidden.taskId)?.error).toMatch(/^api_forbidden: /)
    expect(t.cache.getSyncState(failing.taskId)?.error).toMatch(/^api_server_error: /)
    expect(t.cache.getSyncState(badList.taskId)?.error).toMatch(/^api_malformed_response: /)
    const broken = new Set([forbidden.taskId, failing.taskId, badList.taskId])
    for (const task of listedTasks(sim)) if (!broken.has(task.taskId)) expectTaskCached(sim, t.cache, task.taskId)
    expect(t.cache.queryCalls({ taskId: forbidden.taskId }).total).toBe(0)

    // Once the server behaves, the next sync brings the three in and clears their errors.
    sim.setQuirks({})
    expect(await sync(t)).toMatchObject({ phase: 'done', errors: [] })
    for (const task of listedTasks(sim)) expectTaskCached(sim, t.cache, task.taskId)
  })
})

describe('a call whose recording cannot be had', () => {
  /** Answered calls with a recording (both tracks, where the simulator has a customer track). */
  function recordedCalls(sim: RunningSimulator, count: number): number[] {
    const ids = listedTasks(sim).flatMap((task) => task.callIds)
    const recorded = ids.filter((id) => sim.store.anyCall(id)!.recordingExt('mix') !== null)
    expect(recorded.length).toBeGreaterThanOrEqual(count)
    return recorded.slice(0, count)
  }

  it('is stored with transcript, results and timing, its recording marked unavailable with the reason', async () => {
    const sim = await simulator({ tasks: 2, calls: 24, seed: 6 })
    const [missing, gone, fileUrl, notAudio] = recordedCalls(sim, 4) as [number, number, number, number]
    sim.setQuirks({ recordings: { [missing]: 404, [gone]: 410, [fileUrl]: 'file', [notAudio]: 'not-audio' } })
    const t = target(sim)
    const progress = await sync(t)

    expect(progress).toMatchObject({ phase: 'done', errors: [] })
    const expected = { [missing]: 'not_found', [gone]: 'gone', [fileUrl]: 'refused_url', [notAudio]: 'not_audio' }
    for (const [id, reason] of Object.entries(expected).map(([id, r]) => [Number(id), r] as const)) {
      const cached = t.cache.getCall(id)!
      const entry = sim.store.anyCall(id)!
      expect(cached.detailFetchedAt, `call ${id}`).not.toBeNull()
      expect(cached.call.transcript).toHaveLength(entry.transcript().phoneLogs.length)
      expect(cached.call.transcript.length).toBeGreaterThan(0)
      expect(cached.call.results.length).toBe(entry.results().length)
      expect(cached.call.durationSec).toBe(entry.instance().duration)
      expect(cached.recordings).toEqual([])
      expect(cached.unavailableRecordings.find((u) => u.kind === 'full')).toMatchObject({ reason })
      expect(cached.error).toBeNull()
      const row = t.cache
        .queryCalls({ taskId: cached.call.taskId }, {}, { limit: 500 })
        .rows.find((r) => r.callInstanceId === id)!
      expect(row).toMatchObject({ recordingCached: false, recordingUnavailable: reason, hasError: false })
    }
    expect(t.cache.getCall(fileUrl)!.unavailableRecordings.find((u) => u.kind === 'full')!.message).toContain('file:')
    // Nothing that is not audio lands in the recordings directory.
    const files = readdirSync(join(t.profileDir, 'recordings'))
    expect(files.filter((f) => f.startsWith(`${notAudio}`) || f.startsWith(`${missing}`))).toEqual([])
    expect(files.some((f) => f.endsWith('.part'))).toBe(false)
    // Every other recorded call has its recording.
    const others = recordedCalls(sim, 10).slice(4)
    for (const id of others) expect(t.cache.getCall(id)!.recordings.some((r) => r.kind === 'full')).toBe(true)
  })

  it('is tried again at the same URL only once a day has passed', async () => {
    const sim = await simulator({ tasks: 1, calls: 10, seed: 8 })
    const [id] = recordedCalls(sim, 1) as [number]
    sim.setQuirks({ recordings: { [id]: 404 } })
    const t = target(sim)
    let clock = Date.parse('2026-03-02T08:00:00Z')
    const now = () => new Date(clock)
    expect(await sync(t, now)).toMatchObject({ phase: 'done', errors: [] })
    expect(t.cache.getCall(id)!.unavailableRecordings.find((u) => u.kind === 'full')).toMatchObject({
      reason: 'not_found',
    })

    // Storage has it again, but the URL is the same and the mark is an hour old: not tried.
    sim.setQuirks({})
    clock += 60 * 60 * 1000
    expect(await sync(t, now)).toMatchObject({ phase: 'done', callsTotal: 0 })
    expect(t.cache.getCall(id)!.unavailableRecordings.find((u) => u.kind === 'full')).toMatchObject({
      reason: 'not_found',
    })
    expect(t.cache.getCall(id)!.recordings).toEqual([])

    clock += RECORDING_RETRY_MS
    expect(await sync(t, now)).toMatchObject({ phase: 'done', errors: [] })
    const cached = t.cache.getCall(id)!
    expect(cached.recordings.map((r) => r.kind)).toContain('full')
    expect(cached.unavailableRecordings).toEqual([])
  })

  it('is tried again as soon as the API names another URL for it', async () => {
    const sim = await simulator({ tasks: 1, calls: 10, seed: 8 })
    const [id] = recordedCalls(sim, 1) as [number]
    sim.setQuirks({ recordings: { [id]: 'file' } })
    const t = target(sim)
    const clock = Date.parse('2026-03-02T08:00:00Z')
    expect(await sync(t, () => new Date(clock))).toMatchObject({ phase: 'done', errors: [] })
    expect(t.cache.getCall(id)!.unavailableRecordings.find((u) => u.kind === 'full')).toMatchObject({
      reason: 'refused_url',
    })

    sim.setQuirks({})
    expect(await sync(t, () => new Date(clock + 60_000))).toMatchObject({ phase: 'done', errors: [] })
    expect(t.cache.getCall(id)!.recordings.map((r) => r.kind)).toContain('full')
    expect(t.cache.getCall(id)!.unavailableRecordings).toEqual([])
  })

  it('fails the call, without marking it unavailable, while storage keeps answering 503, and the next sync gets it', async () => {
    const sim = await simulator({ tasks: 1, calls: 10, seed: 8 })
    const [id] = recordedCalls(sim, 1) as [number]
    let storageDown = true
    // The network edge: storage answers 503 for this one recording while it is "down".
    const flaky: typeof fetch = (input, init) =>
      storageDown && String(input).includes(`/recordings/${id}.`)
        ? Promise.resolve(new Response('Service Unavailable', { status: 503 }))
        : fetch(input, init)
    const t = target(sim, flaky)
    const first = await sync(t)
    expect(first.phase).toBe('partial')
    expect(first.errors).toEqual([expect.objectContaining({ callInstanceId: id, code: 'api_server_error' })])
    const failed = t.cache.getCall(id)!
    expect(failed.detailFetchedAt).toBeNull()
    expect(failed.unavailableRecordings).toEqual([])
    expect(failed.error?.code).toBe('api_server_error')

    storageDown = false
    expect(await sync(t)).toMatchObject({ phase: 'done', errors: [] })
    expect(t.cache.getCall(id)!.recordings.map((r) => r.kind)).toContain('full')
    expect(existsSync(join(t.profileDir, 'recordings'))).toBe(true)
  })
})
