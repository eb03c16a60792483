// Pushing and pulling on a real team server: a pull while another transaction is held open,
// cursor paging, a pusher killed with SIGKILL mid-push and restarted, a pusher whose connection
// the server terminates mid-batch, replays and refused batches. Nothing lost, nothing twice.
import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { claimBatch } from '../services/team/team-claims'
import { TeamOpError, applyOps, pullChanges } from '../services/team/team-reviews'
import { START_CURSOR, type ChangeRow, type PullCursor } from '../services/team/sync/contract'
import { bundleFixture, runChild } from '../test-support/reliability/child-process'
import { outbox, type OutboxPlan } from '../test-support/reliability/team-pusher-child'
import { startTeamDatabase, type TeamDatabase } from '../test-support/team-database'
import {
  CREATED,
  comment,
  footprint,
  hlc,
  rawPush,
  review,
  reviewOf,
  statuses,
  tagCheck,
} from '../test-support/team-ops'

const TIMEOUT = 60_000
const T0 = 1_764_892_800_000
let team: TeamDatabase
let pusher: ReturnType<typeof bundleFixture>

beforeAll(async () => {
  pusher = bundleFixture(join(import.meta.dirname, '../test-support/reliability/team-pusher-child.ts'))
  team = await startTeamDatabase('feed')
}, TIMEOUT)

afterAll(async () => {
  pusher?.remove()
  await team?.close()
})

const key = (c: ChangeRow): string => `${c.txid}/${c.seq}`

/** Polls `condition` until it holds or `ms` pass. */
async function until(condition: () => boolean, ms = 5000): Promise<boolean> {
  const deadline = Date.now() + ms
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10))
  return condition()
}

/** The backend of `member` once it waits on a lock (polled, with a deadline). */
async function pidWaitingOnLock(member: string): Promise<number | undefined> {
  const deadline = Date.now() + 10_000
  while (Date.now() < deadline) {
    const { rows } = await team.owner.query<{ pid: number }>(
      "SELECT pid FROM pg_stat_activity WHERE usename = $1 AND wait_event_type = 'Lock'",
      [member],
    )
    if (rows[0]) return rows[0].pid
  }
  return undefined
}

/** Pulls until a pull returns nothing. */
async function pullAll(
  client: pg.Client,
  from: PullCursor,
  limit: number,
): Promise<{ changes: ChangeRow[]; cursor: PullCursor }> {
  const all: ChangeRow[] = []
  let cursor = from
  for (;;) {
    const page = await pullChanges(client, cursor, limit)
    if (page.changes.length === 0) return { changes: all, cursor }
    expect(page.changes.length).toBeLessThanOrEqual(limit)
    all.push(...page.changes)
    cursor = page.cursor
  }
}

describe('team change feed', () => {
  it(
    'returns nothing past a transaction still open, then everything once it commits: nothing lost, nothing twice',
    async () => {
      await team.members(['olga'])
      const { callIds } = await team.campaign('held-open', 2)
      const [desk, laptop, phone] = await Promise.all(['olga', 'olga', 'olga'].map(team.connectAs))
      const start = await pullAll(phone!, START_CURSOR, 100)
      // The phone listens for pokes; it learns what changed only from the pull.
      let pokes = 0
      phone!.on('notification', () => pokes++)
      await phone!.query('LISTEN team_changes')
      // The desk's push takes its transaction id first and commits last.
      await desk!.query('BEGIN')
      await applyOps(desk!, 'olga-desk', [review(callIds[0]!, hlc(T0, 'olga-desk'), { note: 'slow commit' })])
      await applyOps(laptop!, 'olga-laptop', [review(callIds[1]!, hlc(T0, 'olga-laptop'), { note: 'fast commit' })])
      const { rows } = await team.owner.query<{ n: string }>(
        "SELECT count(*) AS n FROM team.change_log WHERE member = 'olga' AND call_id = ANY ($1)",
        [callIds],
      )
      // The laptop's new review is committed; the desk's is not.
      expect(Number(rows[0]!.n)).toBe(1)
      expect(await until(() => pokes === 1)).toBe(true)
      const during = await pullAll(phone!, start.cursor, 100)
      expect(during.changes).toEqual([])
      await desk!.query('COMMIT')
      expect(await until(() => pokes === 2)).toBe(true)
      const after = await pullAll(phone!, during.cursor, 100)
      const notes = after.changes.filter((c) => c.entity === 'review').map((c) => c.row.note)
      expect(notes.filter((n) => n === 'slow commit')).toHaveLength(1)
      expect(notes.filter((n) => n === 'fast commit')).toHaveLength(1)
      expect(notes.indexOf('slow commit')).toBeLessThan(notes.indexOf('fast commit'))
      expect((await pullChanges(phone!, after.cursor, 100)).changes).toEqual([])
    },
    TIMEOUT,
  )

  it(
    'pages a lead through every change in (txid, seq) order with a small limit, each change once',
    async () => {
      await team.members(['paul', 'pia'])
      await team.members(['lars'], 'lead')
      const campaign = await team.campaign('paging', 6)
      const [paul, pia, lars] = await Promise.all(['paul', 'pia', 'lars'].map(team.connectAs))
      for (const [name, client] of [
        ['paul', paul!],
        ['pia', pia!],
      ] as const) {
        for (const call of await claimBatch(client, 3, campaign.id)) {
          await applyOps(client, `${name}-pc`, [review(call, hlc(T0, `${name}-pc`), { verdict: 'pass' })])
        }
      }
      const whole = await pullChanges(lars!, START_CURSOR, 5000)
      const paged = await pullAll(lars!, START_CURSOR, 3)
      expect(paged.changes.map(key)).toEqual(whole.changes.map(key))
      expect(new Set(paged.changes.map(key)).size).toBe(paged.changes.length)
      const order = paged.changes.map((c) => [BigInt(c.txid), c.seq] as const)
      for (let i = 1; i < order.length; i++) {
        const [[t0, s0], [t1, s1]] = [order[i - 1]!, order[i]!]
        expect(t1 > t0 || (t1 === t0 && s1 > s0)).toBe(true)
      }
      expect([...new Set(paged.changes.map((c) => c.member))]).toEqual(expect.arrayContaining(['paul', 'pia']))
      await expect(pullChanges(lars!, START_CURSOR, 0)).rejects.toThrow(/1 to 5000/)
      await expect(lars!.query("SELECT * FROM team.pull_changes('0', 0, 5001)")).rejects.toMatchObject({
        code: '22023',
        message: 'pull_changes: limit must be between 1 and 5000, got 5001',
      })
    },
    TIMEOUT,
  )
})

describe('team push under failure', () => {
  const statusCounts = (lines: string[]): { batches: number; applied: number; duplicate: number } => {
    const acked = lines.filter((l) => l.startsWith('acked ')).map((l) => l.split(' ').map(Number))
    return {
      batches: acked.length,
      applied: acked.reduce((n, a) => n + a[2]!, 0),
      duplicate: acked.reduce((n, a) => n + a[3]!, 0),
    }
  }

  /** What a member's pushes left on the server. */
  async function memberFootprint(member: string, device: string): Promise<Record<string, number>> {
    return {
      appliedOps: await team.count('SELECT count(*) FROM team.applied_op WHERE device_id = $1', [device]),
      reviews: await team.count('SELECT count(*) FROM team.review WHERE author = $1', [member]),
      comments: await team.count(
        'SELECT count(*) FROM team.review_comment c JOIN team.review r ON r.id = c.review_id WHERE r.author = $1',
        [member],
      ),
      changes: await team.count('SELECT count(*) FROM team.change_log WHERE member = $1', [member]),
      audit: await team.count('SELECT count(*) FROM team.audit WHERE actor = $1', [member]),
    }
  }

  it(
    'replays from its start a pusher killed with SIGKILL mid-push: every op on the server exactly once',
    async () => {
      await team.members(['kim', 'kai'])
      const campaign = await team.campaign('killed', 80)
      const killedPlan: OutboxPlan = {
        device: 'kim-pc',
        idPrefix: 'aaaaaaaa',
        callIds: campaign.callIds.slice(0, 40),
        commentsPerCall: 4,
      }
      const controlPlan: OutboxPlan = {
        ...killedPlan,
        device: 'kai-pc',
        idPrefix: 'bbbbbbbb',
        callIds: campaign.callIds.slice(40),
      }
      const total = outbox(killedPlan).length
      const push = (member: string, plan: OutboxPlan, killAfter?: number) =>
        runChild(pusher.script, {
          args: [JSON.stringify(plan), '5'],
          env: { PUSHER_DB_URL: team.urlOf(member) },
          killAfter,
        })
      const killed = await push('kim', killedPlan, 4)
      expect(killed.killed).toBe(true)
      const before = statusCounts(killed.lines)
      expect(before.batches).toBeGreaterThanOrEqual(4)
      expect(before.batches * 5).toBeLessThan(total)
      const replay = await push('kim', killedPlan)
      expect(replay.stderr).toBe('')
      expect(replay.lines.at(-1)).toBe('done')
      const after = statusCounts(replay.lines)
      expect(after.applied + after.duplicate).toBe(total)
      // Every acknowledged op is a duplicate now; at most the batch in flight at the kill also landed.
      expect(after.duplicate).toBeGreaterThanOrEqual(before.applied)
      expect(after.duplicate).toBeLessThanOrEqual(before.applied + 5)
      const control = await push('kai', controlPlan)
      expect(control.lines.at(-1)).toBe('done')
      const kim = await memberFootprint('kim', 'kim-pc')
      expect(kim).toEqual(await memberFootprint('kai', 'kai-pc'))
      expect(kim).toMatchObject({ appliedOps: total, reviews: 40, comments: 160 })
    },
    TIMEOUT,
  )

  it(
    'converges when the server terminates a pusher’s connection mid-batch and the pusher reconnects and replays',
    async () => {
      await team.members(['tom'])
      const campaign = await team.campaign('terminated', 6)
      const ops = outbox({ device: 'tom-pc', idPrefix: 'cccccccc', callIds: campaign.callIds, commentsPerCall: 2 })
      const tom = await team.connectAs('tom')
      expect((await applyOps(tom, 'tom-pc', ops.slice(0, 6))).every((a) => a.status === 'applied')).toBe(true)
      // The next batch writes the third call's review, then waits on the fourth's, which another
      // transaction is creating: the server cuts the pusher off there, half way through.
      const blocker = new pg.Client({ connectionString: team.cluster.url('feed') })
      await blocker.connect()
      await blocker.query('BEGIN')
      await blocker.query("INSERT INTO team.review (call_id, author) VALUES ($1, 'tom')", [campaign.callIds[3]])
      const cut = applyOps(tom, 'tom-pc', ops.slice(6, 12))
      const cutResult = cut.then(
        () => 'finished',
        (error: { code?: string }) => error.code,
      )
      const pid = await pidWaitingOnLock('tom')
      expect(pid, 'the pusher waits on the lock').toBeDefined()
      await team.owner.query('SELECT pg_terminate_backend($1)', [pid])
      expect(await cutResult).toBe('57P01')
      await blocker.query('ROLLBACK')
      await blocker.end()
      expect(await team.count("SELECT count(*) FROM team.applied_op WHERE device_id = 'tom-pc'")).toBe(6)
      const again = await team.connectAs('tom')
      const statuses: string[] = []
      for (let i = 0; i < ops.length; i += 6) {
        statuses.push(...(await applyOps(again, 'tom-pc', ops.slice(i, i + 6))).map((a) => a.status))
      }
      expect(statuses).toEqual([...Array(6).fill('duplicate'), ...Array(12).fill('applied')])
      expect(await memberFootprint('tom', 'tom-pc')).toMatchObject({ appliedOps: 18, reviews: 6, comments: 12 })
      const { rows } = await team.owner.query(
        "SELECT call_id::int AS call, verdict, note FROM team.review WHERE author = 'tom' ORDER BY call_id",
      )
      expect(rows).toEqual(
        campaign.callIds.map((call, i) => ({ call, verdict: i % 2 ? 'fail' : 'pass', note: `note ${i}` })),
      )
    },
    TIMEOUT,
  )
})

describe('team push: replays and refused batches', () => {
  it(
    'answers a replayed batch with duplicate for every op and changes nothing',
    async () => {
      await team.members(['rex'])
      const {
        callIds: [call],
      } = await team.campaign('replay', 1)
      const rex = await team.connectAs('rex')
      const batch = [
        review(call!, hlc(T0 + 1, 'rex-a'), { verdict: 'fail', note: 'first' }),
        comment(call!, hlc(T0 + 2, 'rex-a'), 'c1', { atMs: 10, createdAt: CREATED, text: 'hm' }),
        tagCheck(call!, hlc(T0 + 3, 'rex-a'), '性别', { status: 'missed' }),
      ]
      expect(statuses(await applyOps(rex, 'rex-a', batch))).toEqual(['applied', 'applied', 'applied'])
      const before = await footprint(team)
      const state = await reviewOf(team, 'rex', call!)
      const replay = await applyOps(rex, 'rex-a', [...batch, batch[0]!])
      expect(statuses(replay)).toEqual(['duplicate', 'duplicate', 'duplicate', 'duplicate'])
      expect(replay.map((a) => a.opId)).toEqual([...batch, batch[0]!].map((op) => op.opId))
      // A replay from the member's other device is a duplicate too: op ids are global.
      expect(statuses(await applyOps(rex, 'rex-b', batch))).toEqual(['duplicate', 'duplicate', 'duplicate'])
      const after = await footprint(team)
      expect({ ...after, device: before.device }).toEqual(before)
      expect(after.device).toBe(before.device! + 1)
      expect(await reviewOf(team, 'rex', call!)).toEqual(state)
    },
    TIMEOUT,
  )

  it(
    'refuses a whole batch with one invalid op, naming the op and the problem, and applies nothing of it',
    async () => {
      await team.members(['rita'])
      const {
        callIds: [call],
      } = await team.campaign('invalid', 1)
      const rita = await team.connectAs('rita')
      const good = review(call!, hlc(T0, 'rita-a'), { verdict: 'pass' })
      const before = await footprint(team)
      const badId = randomUUID()
      await expect(
        rawPush(rita, 'rita-a', [
          good,
          { ...review(call!, hlc(T0, 'rita-a'), {}), opId: badId, fields: { verdict: 'maybe' } },
        ]),
      ).rejects.toMatchObject({
        code: '22023',
        message: `apply_ops: op 2 (${badId}): fields.verdict must be pass, fail, follow_up or null`,
      })
      const refused: [unknown, RegExp][] = [
        [{ ...good, sessionId: 3 }, /calibration grades go through submit_calibration/],
        [{ ...good, callId: 999_999_999 }, /there is no call 999999999 in the team catalogue/],
        [{ ...good, callId: 1.5 }, /callId must be a positive whole number/],
        [{ ...good, hlc: 'yesterday' }, /hlc must be 15 digits, 6 digits and a device id/],
        [{ ...good, extra: 1 }, /a review op has no key extra/],
        [{ ...good, opId: 'not-a-uuid' }, /opId must be a UUID/],
        [{ ...good, fields: { score: 101 } }, /fields.score must be a number from 0 to 100 or null/],
        [{ ...good, fields: { mood: 'ok' } }, /fields.mood is not a field of a review op/],
        [
          comment(call!, hlc(T0, 'rita-a'), 'c', { atMs: -1, createdAt: CREATED }),
          /fields.atMs must be a whole number/,
        ],
        [
          comment(call!, hlc(T0, 'rita-a'), 'c', { text: 'no start' }),
          /comment c is new here, so it needs fields atMs and createdAt/,
        ],
        [
          tagCheck(call!, hlc(T0, 'rita-a'), 't', { status: 'maybe' } as never),
          /fields.status must be confirmed, corrected or missed/,
        ],
        [{ ...tagCheck(call!, hlc(T0, 'rita-a'), 't', {}), key: '' }, /key must be a text of 1 to 200 characters/],
      ]
      for (const [op, message] of refused) {
        await expect(rawPush(rita, 'rita-a', [good, op]), JSON.stringify(op)).rejects.toMatchObject({
          code: '22023',
          message: expect.stringMatching(message),
        })
      }
      await expect(rawPush(rita, 'rita-a', { ops: [good] })).rejects.toMatchObject({
        code: '22023',
        message: 'apply_ops: ops must be a JSON array of at most 1000 ops',
      })
      await expect(rawPush(rita, 'rita a', [good])).rejects.toMatchObject({ code: '22023' })
      // The client refuses before sending anything.
      await expect(applyOps(rita, 'rita-a', [{ ...good, fields: { verdict: 'maybe' } } as never])).rejects.toThrow(
        TeamOpError,
      )
      expect(await footprint(team)).toEqual(before)
      // The good op was rolled back with its batch, so it applies now (not as a duplicate).
      expect(statuses(await applyOps(rita, 'rita-a', [good]))).toEqual(['applied'])
    },
    TIMEOUT,
  )

  it(
    'merges two devices creating the same review at once into one review holding both edits',
    async () => {
      await team.members(['uma'])
      const {
        callIds: [call],
      } = await team.campaign('race', 1)
      const [desk, laptop] = await Promise.all(['uma', 'uma'].map(team.connectAs))
      await desk!.query('BEGIN')
      await applyOps(desk!, 'uma-desk', [review(call!, hlc(T0 + 1, 'uma-desk'), { verdict: 'pass', note: 'desk' })])
      // The laptop does not see the desk's uncommitted review, so it creates one too and waits.
      const racing = applyOps(laptop!, 'uma-laptop', [
        review(call!, hlc(T0 + 2, 'uma-laptop'), { score: 80, note: 'laptop' }),
      ])
      expect(await pidWaitingOnLock('uma')).toBeDefined()
      await desk!.query('COMMIT')
      expect(statuses(await racing)).toEqual(['applied'])
      const { rows } = await team.owner.query("SELECT verdict, score, note FROM team.review WHERE author = 'uma'")
      expect(rows).toEqual([{ verdict: 'pass', score: 80, note: 'laptop' }])
    },
    TIMEOUT,
  )
})
