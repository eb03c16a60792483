// Integration: the Connections page's channels through dispatch, on real services, a real data
// directory and the BYRobot simulator: switch, remove, usage, test, and another profile's export.
import { existsSync, mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { Writable } from 'node:stream'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ChannelInput, ChannelName, ChannelOutput } from '../shared/contract'
import { startSimulator, type RunningSimulator } from '../sim/simulator'
import { createNodeServices } from '../services/create-node-services'
import { downloadExport } from '../test-support/export-download'
import type { Services } from '../services/services'
import { dispatch } from './dispatch'
import { routes } from './index'

let services: Services
let dataDir: string
const sims: RunningSimulator[] = []

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'calllens-profiles-routes-'))
  services = createNodeServices({ dataDir, version: '0.0.0-test', appRoot: join(import.meta.dirname, '../..') })
})

afterEach(async () => {
  services.sync.cancel()
  await services.sync.wait()
  services.workspace.close()
  for (const sim of sims.splice(0)) await sim.close()
})

async function call<N extends ChannelName>(name: N, input?: ChannelInput<N>): Promise<ChannelOutput<N>> {
  const result = await dispatch(routes, services, name, input)
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`)
  return result.value as ChannelOutput<N>
}

async function simulator(seed: number, latency = 0): Promise<RunningSimulator> {
  const sim = await startSimulator({ generate: { tasks: 2, calls: 12, seed }, latency })
  sims.push(sim)
  return sim
}

function connection(sim: RunningSimulator, name: string) {
  return { name, baseUrl: sim.baseUrl, companyId: sim.companyId, ...sim.credentials }
}

/** Done calls the simulator holds for its company (what a full sync caches). */
function doneCalls(sim: RunningSimulator): number {
  return sim.store
    .tasksOfCompany(sim.companyId)
    .filter((state) => !state.task.deleted)
    .reduce((sum, state) => sum + state.calls.length, 0)
}

async function syncAll(): Promise<void> {
  await call('sync.start', {})
  expect((await services.sync.wait())?.phase).toBe('done')
}

describe('connection profiles over dispatch', () => {
  it('switching away from a profile while it syncs cancels that sync first, and the cache it wrote stays sound', async () => {
    const slow = await simulator(3, 40)
    const other = await simulator(4)
    const a = await call('profiles.save', connection(slow, 'A'))
    const b = await call('profiles.save', connection(other, 'B'))
    await call('sync.start', {})

    const state = await call('profiles.activate', { id: b.id })

    expect(state.activeId).toBe(b.id)
    expect(services.sync.status()).toMatchObject({ profileId: a.id, phase: 'cancelled' })
    // The cancelled sync's cache opens again, whole: switching back finds it readable.
    await call('profiles.activate', { id: a.id })
    expect(services.workspace.current().cache.integrityCheck()).toEqual({ cache: ['ok'], reviews: ['ok'] })
  })

  it('removing a profile deletes its directory and its secret; the other profile stays open', async () => {
    const first = await simulator(5)
    const second = await simulator(6)
    const a = await call('profiles.save', connection(first, 'A'))
    await syncAll()
    const b = await call('profiles.save', connection(second, 'B'))
    await call('profiles.activate', { id: b.id })
    await syncAll()
    expect(readdirSync(join(dataDir, 'profiles')).sort()).toEqual([a.id, b.id].sort())
    // A closed profile's figures read as well as the open one's.
    const usage = await call('profiles.usage')
    expect(usage.map((u) => [u.id, u.cachedCalls])).toEqual([
      [a.id, doneCalls(first)],
      [b.id, doneCalls(second)],
    ])

    const state = await call('profiles.remove', { id: a.id })

    expect(state).toMatchObject({ activeId: b.id, profiles: [{ id: b.id }] })
    expect(existsSync(join(dataDir, 'profiles', a.id))).toBe(false)
    expect(readdirSync(join(dataDir, 'secrets'))).toEqual([`${b.id}.key`])
    expect((await call('calls.query', {})).total).toBe(doneCalls(second))
  })

  it('removing the active profile while it syncs cancels the sync, then deletes everything it had', async () => {
    const slow = await simulator(7, 40)
    const a = await call('profiles.save', connection(slow, 'A'))
    await call('sync.start', {})

    const state = await call('profiles.remove', { id: a.id })

    expect(state).toEqual({ profiles: [], activeId: null })
    expect(services.sync.status()?.phase).toBe('cancelled')
    expect(existsSync(join(dataDir, 'profiles', a.id))).toBe(false)
  })

  it('usage reports each profile’s cached calls, reviews, last sync and bytes on disk without opening it', async () => {
    const first = await simulator(8)
    const a = await call('profiles.save', connection(first, 'A'))
    await syncAll()
    const [someCall] = (await call('calls.query', {})).rows
    await call('reviews.save', { callInstanceId: someCall!.callInstanceId, verdict: 'pass', text: '好' })
    const b = await call('profiles.save', { ...connection(first, 'B, never synced') })

    const usage = await call('profiles.usage')

    const ofA = usage.find((u) => u.id === a.id)!
    expect(ofA.cachedCalls).toBe(doneCalls(first))
    expect(ofA.reviews).toBe(1)
    expect(Date.parse(ofA.lastSyncedAt!)).toBeGreaterThan(Date.now() - 60_000)
    expect(ofA.diskBytes).toBeGreaterThan(100_000)
    expect(usage.find((u) => u.id === b.id)).toEqual({
      id: b.id,
      cachedCalls: 0,
      reviews: 0,
      lastSyncedAt: null,
      lastPulledAt: null,
      diskBytes: 0,
    })
  })

  it('testing a stored profile takes the app key and secret the form left empty from what is stored', async () => {
    const sim = await simulator(9)
    const a = await call('profiles.save', connection(sim, 'A'))
    const tested = await call('profiles.test', { id: a.id, baseUrl: sim.baseUrl, companyId: sim.companyId })
    const listed = sim.store.tasksOfCompany(sim.companyId).filter((state) => !state.task.deleted)
    expect(tested).toEqual({ ok: true, taskCount: listed.length })
    // And an edit without them keeps both.
    await call('profiles.save', { id: a.id, name: 'A renamed', baseUrl: sim.baseUrl, companyId: sim.companyId })
    expect(services.profiles.credentials(a.id)).toMatchObject({ name: 'A renamed', ...sim.credentials })
  })

  it('a download link exports the profile active when it was given, even after a switch', async () => {
    const first = await simulator(12)
    const second = await simulator(13)
    const a = await call('profiles.save', connection(first, 'A'))
    await syncAll()
    const result = await call('export.calls', { format: 'json' })
    if (result.outcome !== 'download') throw new Error('expected a download link')
    await call('profiles.save', connection(second, 'B')).then((b) => call('profiles.activate', { id: b.id }))
    const download = services.exportDownloads.take(result.url.replace('/export/', ''))!
    const chunks: Buffer[] = []
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk)
        done()
      },
    })
    expect(await download.write(sink)).toBe(doneCalls(first))
    expect(JSON.parse(Buffer.concat(chunks).toString('utf8'))).toHaveLength(doneCalls(first))
    expect(services.profiles.list().activeId).not.toBe(a.id)
  })

  it('exports another profile’s calls with their reviews, leaving the active profile open', async () => {
    const first = await simulator(10)
    const second = await simulator(11)
    const a = await call('profiles.save', connection(first, 'A'))
    await syncAll()
    const [reviewed] = (await call('calls.query', {})).rows
    await call('reviews.save', { callInstanceId: reviewed!.callInstanceId, text: '删除前导出' })
    const b = await call('profiles.save', connection(second, 'B'))
    await call('profiles.activate', { id: b.id })
    const openCache = services.workspace.current().cache

    const file = await downloadExport(services, { format: 'json', profileId: a.id })

    const calls = JSON.parse(file.bytes.toString('utf8')) as {
      callInstanceId: number
      review: { text: string } | null
    }[]
    expect(calls).toHaveLength(doneCalls(first))
    expect(calls.find((c) => c.callInstanceId === reviewed!.callInstanceId)?.review?.text).toBe('删除前导出')
    expect(services.workspace.current().cache).toBe(openCache)
  })
})
