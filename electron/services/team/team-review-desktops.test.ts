// Reviews in team mode across two desktops of one member, each its own data directory and real
// services graph (as the app builds it, the review sync beside the team connection), against a
// throwaway cluster: a save through `reviews.save` reaches the other desktop's reviews file and
// announces itself; an edit made while the database is down waits in the header's pending count and
// goes once it is back; a note replaced by the other device's is offered back and restored.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AppEvent, ChannelInput, ChannelName, ChannelOutput } from '../../shared/contract'
import { dispatch, routes } from '../../routes'
import { queryAt } from '../../test-support/postgres-cluster'
import { startTeamDatabase, type TeamDatabase } from '../../test-support/team-database'
import { createNodeServices } from '../create-node-services'
import type { Services } from '../services'

const TIMEOUT = 120_000
let team: TeamDatabase
const desks: Desk[] = []

interface Desk {
  services: Services
  events: AppEvent[]
  call<N extends ChannelName>(name: N, input?: ChannelInput<N>): Promise<ChannelOutput<N>>
  review(
    callId: number,
  ): ReturnType<Services['workspace']['current']>['cache']['getReview'] extends (id: number) => infer R ? R : never
}

/** A desktop with a team profile for olga, its connection started and online. */
async function desktop(name: string): Promise<Desk> {
  const services = createNodeServices({
    dataDir: mkdtempSync(join(tmpdir(), `calllens-team-${name}-`)),
    version: '0.0.0-test',
    appRoot: join(import.meta.dirname, '../../..'),
    env: {},
    team: { probeEveryMs: 100, pullEveryMs: 60_000, connectTimeoutMs: 2000 },
    // Only pokes and the connection coming back start rounds here (the periodic round is the backup).
    teamReviews: { roundEveryMs: 600_000, pokeRetryMs: 100, retry: { retries: 1, minTimeoutMs: 10, maxTimeoutMs: 50 } },
  })
  const events: AppEvent[] = []
  services.events.subscribe((event) => events.push(event))
  const call = async <N extends ChannelName>(channel: N, input?: ChannelInput<N>): Promise<ChannelOutput<N>> => {
    const result = await dispatch(routes, services, channel, input)
    if (!result.ok) throw new Error(`${name} ${channel}: ${result.error.code} ${result.error.message}`)
    return result.value as ChannelOutput<N>
  }
  const url = new URL(team.urlOf('olga'))
  url.username = url.password = ''
  const view = await call('team.saveProfile', {
    name: `olga on ${name}`,
    dbUrl: url.href,
    member: 'olga',
    password: team.passwordOf('olga'),
  })
  await call('profiles.activate', { id: view.id })
  const desk: Desk = {
    services,
    events,
    call,
    review: (callId) => services.workspace.current().cache.getReview(callId),
  }
  desks.push(desk)
  await until(
    () => call('team.status'),
    (status) => status.state === 'online',
  )
  return desk
}

/** Polls until `check` holds, failing with the last value at the deadline (no fixed sleeps). */
async function until<T>(read: () => T | Promise<T>, check: (value: T) => boolean, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms
  let value = await read()
  while (!check(value)) {
    if (Date.now() > deadline) throw new Error(`condition not met in ${ms} ms; last: ${JSON.stringify(value)}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
    value = await read()
  }
  return value
}

const changedCalls = (desk: Desk) =>
  desk.events.flatMap((event) => (event.name === 'team.reviewsChanged' ? event.payload.callIds : []))

beforeAll(async () => {
  team = await startTeamDatabase('team_desktops')
  await team.members(['olga'])
  // The owner's connection dies with the halted server below; it is not used after that.
  team.owner.on('error', () => undefined)
}, TIMEOUT)

afterAll(async () => {
  for (const desk of desks) {
    await desk.services.team.stop()
    desk.services.workspace.close()
  }
  await team?.close()
})

describe('reviews in team mode on two desktops of one member', () => {
  it(
    'an edit on one desktop reaches the other, an offline edit waits as pending and goes on reconnect, a lost note is restored',
    async () => {
      const { callIds } = await team.campaign('two desks', 3)
      const [first, second, third] = callIds as [number, number, number]
      const a = await desktop('a')
      const b = await desktop('b')
      expect((await a.call('team.claim', { count: 3 })).claimed.sort()).toEqual([...callIds].sort())
      await b.call('team.pull')

      // A saves as the review page does; B's reviews file has it within moments, and B's page is told.
      const started = Date.now()
      await a.call('reviews.save', { callInstanceId: first, verdict: 'pass', text: 'A 的笔记', tags: ['礼貌'] })
      await until(
        () => b.review(first),
        (review) => review?.verdict === 'pass',
        5000,
      )
      const elapsed = Date.now() - started
      expect(await b.call('reviews.get', { callInstanceId: first })).toMatchObject({
        verdict: 'pass',
        text: 'A 的笔记',
        tags: ['礼貌'],
      })
      await until(
        () => changedCalls(b),
        (ids) => ids.includes(first),
      )
      expect(changedCalls(a)).not.toContain(first) // its own edit is not news to A
      expect(elapsed).toBeLessThan(5000)
      await until(
        () => a.call('team.status'),
        (status) => status.pendingOps === 0 && status.parkedOps === 0,
      )

      // The database goes away: B's edit waits (pending 1 in B's status), then goes by itself.
      team.cluster.halt('fast')
      try {
        await until(
          () => b.call('team.status'),
          (status) => status.state === 'offline',
        )
        await b.call('reviews.save', { callInstanceId: second, verdict: 'fail', text: '离线时写的' })
        const offline = await until(
          () => b.call('team.status'),
          (status) => status.pendingOps === 1,
        )
        expect(offline).toMatchObject({ state: 'offline', pendingOps: 1, parkedOps: 0 })
      } finally {
        team.cluster.resume()
      }
      const back = await until(
        () => b.call('team.status'),
        (status) => status.state === 'online' && status.pendingOps === 0,
      )
      expect(back.error).toBeNull()
      await until(
        () => a.review(second),
        (review) => review?.verdict === 'fail',
      )
      expect(a.review(second)).toMatchObject({ text: '离线时写的' })
      expect(await a.call('team.noteConflict', { callInstanceId: second })).toBeNull()

      // A's note on the third call is replaced by B's later text: A is offered its own back.
      await a.call('reviews.save', { callInstanceId: third, text: 'A 觉得客户满意' })
      await until(
        () => b.review(third),
        (review) => review?.text === 'A 觉得客户满意',
      )
      await b.call('reviews.save', { callInstanceId: third, text: 'B 认为需要回访' })
      await until(
        () => a.review(third),
        (review) => review?.text === 'B 认为需要回访',
      )
      expect(changedCalls(a)).toContain(third)
      expect(await a.call('team.noteConflict', { callInstanceId: third })).toMatchObject({
        callInstanceId: third,
        localText: 'A 觉得客户满意',
      })
      expect(await b.call('team.noteConflict', { callInstanceId: third })).toBeNull()

      const restored = await a.call('team.restoreNote', { callInstanceId: third })
      expect(restored).toMatchObject({ callInstanceId: third, text: 'A 觉得客户满意' })
      expect(await a.call('team.noteConflict', { callInstanceId: third })).toBeNull()
      await until(
        () => b.review(third),
        (review) => review?.text === 'A 觉得客户满意',
      )
      // B's text lost in its turn and is offered there; B keeps A's: the offer goes.
      expect(await b.call('team.noteConflict', { callInstanceId: third })).toMatchObject({
        localText: 'B 认为需要回访',
      })
      expect(await b.call('team.dismissNoteConflict', { callInstanceId: third })).toEqual({ dismissed: true })
      expect(await b.call('team.noteConflict', { callInstanceId: third })).toBeNull()
      // An edit the server refuses for its content (a call not in the team catalogue) is parked, not
      // retried for ever through the connection: the header counts it apart from what waits.
      await a.call('reviews.save', { callInstanceId: 999_999, verdict: 'pass' })
      expect(
        await until(
          () => a.call('team.status'),
          (status) => status.parkedOps === 1,
        ),
      ).toMatchObject({ state: 'online', pendingOps: 0, parkedOps: 1 })

      // What the server holds agrees with both desktops (a fresh look: the owner's link died with the halt).
      const rows = await queryAt<{ note: string }>(
        team.cluster.url('team_desktops'),
        "SELECT note FROM team.review WHERE call_id = $1 AND author = 'olga'",
        [third],
      )
      expect(rows).toEqual([{ note: 'A 觉得客户满意' }])

      // A switches to a BYRobot connection and B's team link stops (as on quit): pokes, sync and pool
      // close — the member has no session left on the server — and A's saves are solo again.
      const solo = await a.call('profiles.save', {
        name: 'robot',
        baseUrl: 'http://127.0.0.1:9',
        appKey: 'k',
        companyId: 1,
        appSecret: 's',
      })
      await a.call('profiles.activate', { id: solo.id })
      await b.services.team.stop()
      expect(a.services.teamReviews.current(solo.id)).toBeNull()
      expect((await a.call('team.status')).state).toBe('none')
      await until(
        () =>
          queryAt<{ n: number }>(
            team.cluster.url(),
            "SELECT count(*)::int AS n FROM pg_stat_activity WHERE usename = 'olga'",
          ),
        (rows) => rows[0]!.n === 0,
      )
    },
    TIMEOUT,
  )
})
