// A desktop's team profile end to end, on real parts: the simulator synced by the CLI into a sync
// host's cache, published into a throwaway PostgreSQL cluster, and a desktop's real services
// (through dispatch, as the renderer calls them) logged in as a reviewer: the password kept only
// in its 0600 key file, claims pulled into the local replica with transcripts and recordings,
// releases and reclaimed leases leaving it (reviews kept), and the database going away and back.
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ChannelInput, ChannelName, ChannelOutput, TeamStatus } from '../../shared/contract'
import { dispatch, routes } from '../../routes'
import { startSimulator, type RunningSimulator } from '../../sim/simulator'
import { openCache, runCli, syncArgs } from '../../test-support/cli-harness'
import { queryAt, startPostgresCluster, type PostgresCluster } from '../../test-support/postgres-cluster'
import { createNodeServices } from '../create-node-services'
import { closeWorkspace } from '../../routes/profiles'
import type { Services } from '../services'
import { addMember, initTeam } from './team-admin'
import { claimBatch } from './team-claims'
import { publishCatalogue } from './team-publish'
import type { TeamCompanionContext } from './team-service'

const TIMEOUT = 120_000
const DB = 'team_desk'
let sim: RunningSimulator
let cluster: PostgresCluster
let desk: Services
let deskDir: string
let hostDir: string
const passwords: Record<string, string> = {}
/** What the companion beside the team connection saw (the review outbox's seam). */
const companion = {
  started: [] as TeamCompanionContext[],
  stopped: 0,
  cacheOpenAtStop: false,
}

async function call<N extends ChannelName>(name: N, input?: ChannelInput<N>): Promise<ChannelOutput<N>> {
  const result = await dispatch(routes, desk, name, input)
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`)
  return result.value as ChannelOutput<N>
}

/** Polls until `check` holds (the connection works on its own timers); fails with the last value. */
async function until<T>(read: () => T | Promise<T>, check: (value: T) => boolean, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms
  let value = await read()
  while (!check(value)) {
    if (Date.now() > deadline) throw new Error(`condition not met in ${ms} ms; last: ${JSON.stringify(value)}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
    value = await read()
  }
  return value
}

const status = () => call('team.status') as Promise<TeamStatus>

/** Call ids the calls page lists (the local replica), sorted. */
async function listedCalls(): Promise<number[]> {
  const { rows } = await call('calls.query', { page: { offset: 0, limit: 200 } })
  return rows.map((r) => r.callInstanceId).sort((a, b) => a - b)
}

async function openAs(name: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: cluster.url(DB, name, passwords[name]) })
  await client.connect()
  return client
}

/** Every file under `dir`, with its content. */
function filesUnder(dir: string): { path: string; content: Buffer }[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const path = join(entry.parentPath, entry.name)
      return { path, content: readFileSync(path) }
    })
}

beforeAll(async () => {
  sim = await startSimulator({ generate: { tasks: 2, calls: 12, seed: 23 } })
  hostDir = mkdtempSync(join(tmpdir(), 'calllens-team-host-'))
  const { args, env } = syncArgs(sim, hostDir)
  expect((await runCli(args, env)).code).toBe(0)
  cluster = await startPostgresCluster()
  await queryAt(cluster.url(), `CREATE DATABASE ${DB}`)
  const owner = new pg.Client({ connectionString: cluster.url(DB) })
  await owner.connect()
  try {
    await initTeam(owner)
    for (const [name, role] of [
      ['publisher', 'sync_host'],
      ['rita', 'reviewer'],
      ['sam', 'reviewer'],
    ] as const) {
      passwords[name] = (await addMember(owner, { name, role })).password
    }
  } finally {
    await owner.end()
  }
  const publisher = await openAs('publisher')
  const hostCache = openCache(hostDir)
  try {
    await publishCatalogue(publisher, hostCache.catalogue)
  } finally {
    hostCache.close()
    await publisher.end()
  }
  deskDir = mkdtempSync(join(tmpdir(), 'calllens-team-desk-'))
  desk = createNodeServices({
    dataDir: deskDir,
    version: '0.0.0-test',
    appRoot: join(import.meta.dirname, '../../..'),
    env: {},
    team: { probeEveryMs: 100, pullEveryMs: 60_000, connectTimeoutMs: 2000 },
    teamCompanions: [
      (context) => {
        companion.started.push(context)
        return {
          stop: () => {
            companion.stopped++
            // Stopped before the replica's cache closes: it can still write its last ops.
            companion.cacheOpenAtStop = Array.isArray(context.cache.cachedCallIds())
          },
        }
      },
    ],
  })
}, TIMEOUT)

afterAll(async () => {
  await desk?.team.stop()
  desk?.workspace.close()
  await cluster?.stop()
  await sim?.close()
})

/** The sync host's cache, read for what a pulled call must look like. */
function hostTranscript(callId: number): string[] {
  const cache = openCache(hostDir)
  try {
    return cache.getCall(callId)!.call.transcript.map((l) => `${l.speaker}:${l.startMs}:${l.content}`)
  } finally {
    cache.close()
  }
}

/** The call as the sync host's cache holds it (what the replica must hold too, field for field). */
function hostCall(callId: number) {
  const cache = openCache(hostDir)
  try {
    return cache.getCall(callId)!.call
  } finally {
    cache.close()
  }
}

/** Whether the sync host cached a full recording of the call (then the desktop must fetch it too). */
function hostHasRecording(callId: number): boolean {
  const cache = openCache(hostDir)
  try {
    return cache.recordingPath(callId, 'full') !== null
  } finally {
    cache.close()
  }
}

describe('a team profile on a desktop', () => {
  it(
    'keeps the member password only in its 0600 key file: no channel returns it, no other file holds it',
    async () => {
      const dbUrl = `postgres://127.0.0.1:${cluster.port}/${DB}`
      const tested = await call('team.test', { dbUrl, member: 'rita', password: passwords.rita })
      expect(tested).toEqual({ ok: true, member: 'rita', role: 'reviewer', heldCalls: 0 })
      const wrong = await dispatch(routes, desk, 'team.test', { dbUrl, member: 'rita', password: 'not-it' })
      expect(wrong).toMatchObject({ ok: false, error: { code: 'team_bad_login' } })
      if (!wrong.ok) expect(wrong.error.message).not.toContain('not-it')

      const saved = await call('team.saveProfile', { name: 'QA 团队', dbUrl, member: 'rita', password: passwords.rita })
      expect(saved).toMatchObject({
        team: { dbUrl, member: 'rita' },
        secretConfigured: true,
        secretStorage: 'key-file',
      })
      const online = await until(status, (s) => s.state === 'online' && s.lastPullAt !== null)
      expect(online).toMatchObject({ profileId: saved.id, heldCalls: 0, pendingOps: 0, error: null })

      // The stored password is used only against the stored address: a page cannot aim it elsewhere.
      const aimed = await dispatch(routes, desk, 'team.test', {
        id: saved.id,
        dbUrl: `postgres://127.0.0.1:${cluster.port}/postgres`,
        member: 'rita',
      })
      expect(aimed).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
      const answers = JSON.stringify([
        saved,
        await call('profiles.list'),
        await call('team.status'),
        await call('team.test', { id: saved.id, dbUrl, member: 'rita' }),
        await call('profiles.connection'),
      ])
      expect(answers).not.toContain(passwords.rita)
      const holding = filesUnder(deskDir).filter((f) => f.content.includes(passwords.rita!))
      expect(holding.map((f) => f.path)).toEqual([join(deskDir, 'secrets', `${saved.id}-team.key`)])
      expect(statSync(holding[0]!.path).mode & 0o777).toBe(0o600)
    },
    TIMEOUT,
  )

  it(
    'claims calls into the local replica with their transcripts and recordings, and a release takes them out',
    async () => {
      const { claimed, status: after } = await call('team.claim', { count: 4 })
      expect(claimed).toHaveLength(4)
      expect(after).toMatchObject({ state: 'online', heldCalls: 4 })
      expect(await listedCalls()).toEqual(claimed)
      for (const id of claimed) {
        const cached = await call('calls.get', { callInstanceId: id })
        expect(cached.call.transcript.map((l) => `${l.speaker}:${l.startMs}:${l.content}`)).toEqual(hostTranscript(id))
        expect(cached.call).toEqual(hostCall(id))
        expect(cached.taskName).not.toBeNull()
      }
      // The recordings come in the background after the pull, from the catalogue's URLs.
      const prefetch = await desk.team.require().recordingsSettled()
      expect(prefetch).toMatchObject({ failed: 0 })
      const cache = desk.workspace.current().cache
      const withAudio = claimed.filter((id) => cache.recordingPath(id, 'full') !== null)
      expect(withAudio).toEqual(claimed.filter(hostHasRecording))
      expect(withAudio.length).toBeGreaterThan(0)

      const { released } = await call('team.release', { callIds: [claimed[0]!] })
      expect(released).toEqual([claimed[0]])
      expect(await listedCalls()).toEqual(claimed.slice(1))
      const afterRelease = await status()
      expect(afterRelease.heldCalls).toBe(3)
      // A pull that finds nothing new moves the pull time but not the replica (lists are not re-read).
      const again = await call('team.pull')
      expect(again.lastPullAt! > afterRelease.lastPullAt!).toBe(true)
      expect(again.replicaChangedAt).toBe(afterRelease.replicaChangedAt)
    },
    TIMEOUT,
  )

  it(
    'keeps a call on the desktop once its review is finished (the verdict closed the claim)',
    async () => {
      const held = await listedCalls()
      const finished = held[held.length - 1]!
      // What apply_ops does when a verdict arrives: the member's claim on the call is done.
      await queryAt(
        cluster.url(DB),
        "UPDATE team.assignment SET state = 'done', closed_at = now() WHERE call_id = $1 AND state = 'open'",
        [finished],
      )
      await call('team.pull')
      expect(await listedCalls()).toEqual(held)
      const cached = await call('calls.get', { callInstanceId: finished })
      expect(cached.call.transcript.map((l) => `${l.speaker}:${l.startMs}:${l.content}`)).toEqual(
        hostTranscript(finished),
      )
    },
    TIMEOUT,
  )

  it(
    'drops a call whose lease ran out and another reviewer took, and keeps the review written on it',
    async () => {
      const held = await listedCalls()
      const lapsed = held[0]!
      await call('reviews.save', { callInstanceId: lapsed, verdict: 'fail', text: '客户已拒绝' })
      await queryAt(
        cluster.url(DB),
        "UPDATE team.assignment SET lease_until = now() - interval '1 minute' WHERE call_id = $1 AND state = 'open'",
        [lapsed],
      )
      const sam = await openAs('sam')
      try {
        expect(await claimBatch(sam, 200)).toContain(lapsed)
      } finally {
        await sam.end()
      }
      await call('team.pull')
      expect(await listedCalls()).toEqual(held.slice(1))
      expect(await call('reviews.get', { callInstanceId: lapsed })).toMatchObject({
        verdict: 'fail',
        text: '客户已拒绝',
      })
    },
    TIMEOUT,
  )

  it(
    'says offline when the database stops, still lists the held calls, and is online again by itself when it returns',
    async () => {
      const held = await listedCalls()
      expect(held.length).toBeGreaterThan(0)
      // Backends killed under the pool: the next probe reconnects, nothing is asked of the reviewer.
      await queryAt(cluster.url(DB), "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'rita'")
      await until(status, (s) => s.state === 'online')
      expect(await listedCalls()).toEqual(held)

      cluster.halt('immediate')
      try {
        const offline = await until(status, (s) => s.state === 'offline')
        expect(offline.error).toBe('team_unreachable')
        expect(await call('profiles.connection')).toMatchObject({ state: 'offline', code: 'team_unreachable' })
        expect(await listedCalls()).toEqual(held)
        // A held call opens for review offline: transcript and recording from the replica.
        const answered = held.find((id) => hostHasRecording(id) && hostTranscript(id).length > 0)
        expect(answered).toBeDefined()
        const opened = await call('calls.open', { callInstanceId: answered! })
        expect(opened.call.transcript.map((l) => `${l.speaker}:${l.startMs}:${l.content}`)).toEqual(
          hostTranscript(answered!),
        )
        expect(opened.full).not.toBeNull()
        const refused = await dispatch(routes, desk, 'team.claim', { count: 1 })
        expect(refused).toMatchObject({ ok: false, error: { code: 'team_unreachable' } })
      } finally {
        cluster.resume()
      }
      const back = await until(status, (s) => s.state === 'online')
      expect(back.error).toBeNull()
      expect(await listedCalls()).toEqual(held)
    },
    TIMEOUT,
  )

  it(
    'runs a companion (the review outbox) beside the connection: its pending ops show in the status, and it stops before the cache closes',
    async () => {
      const profileId = (await status()).profileId
      expect(companion.started).toHaveLength(1)
      const [context] = companion.started
      expect(context!.profileId).toBe(profileId)
      expect(context!.reviewsPath).toBe(join(deskDir, 'profiles', profileId!, 'reviews.db'))
      const seen: number[] = []
      const unsubscribe = desk.events.subscribe((event) => {
        if (event.name === 'team.status') seen.push(event.payload.pendingOps)
      })
      context!.connection.setPendingOps(2)
      unsubscribe()
      expect(seen).toEqual([2])
      expect((await status()).pendingOps).toBe(2)
      await closeWorkspace(desk)
      expect(companion).toMatchObject({ stopped: 1, cacheOpenAtStop: true })
    },
    TIMEOUT,
  )
})
