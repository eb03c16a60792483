// The change feed and the push path under failure, on a real team server: a pull while another
// transaction is held open, cursor paging, a pusher killed with SIGKILL mid-push and restarted,
// and a pusher whose connection the server terminates mid-batch. Nothing lost, nothing twice.
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { claimBatch } from '../services/team/team-claims'
import { applyOps, pullChanges } from '../services/team/team-reviews'
import { START_CURSOR, type ChangeRow, type PullCursor } from '../services/team/sync/contract'
import { bundleFixture, runChild } from '../test-support/reliability/child-process'
import { outbox, type OutboxPlan } from '../test-support/reliability/team-pusher-child'
import { hlc, startTeamDatabase, type TeamDatabase } from '../test-support/team-database'

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
      await applyOps(desk!, 'olga-desk', [
        {
          opId: crypto.randomUUID(),
          entity: 'review',
          callId: callIds[0]!,
          hlc: hlc(T0, 'olga-desk'),
          fields: { note: 'slow commit' },
        },
      ])
      await applyOps(laptop!, 'olga-laptop', [
        {
          opId: crypto.randomUUID(),
          entity: 'review',
          callId: callIds[1]!,
          hlc: hlc(T0, 'olga-laptop'),
          fields: { note: 'fast commit' },
        },
      ])
      const { rows } = await team.owner.query<{ n: string }>(
        "SELECT count(*) AS n FROM team.change_log WHERE member = 'olga' AND call_id = ANY ($1)",
        [callIds],
      )
      // The laptop's review (created, then written) is committed; the desk's is not.
      expect(Number(rows[0]!.n)).toBe(2)
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
          await applyOps(client, `${name}-pc`, [
            {
              opId: crypto.randomUUID(),
              entity: 'review',
              callId: call,
              hlc: hlc(T0, `${name}-pc`),
              fields: { verdict: 'pass' },
            },
          ])
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
      const deadline = Date.now() + 10_000
      let pid: number | undefined
      while (pid === undefined && Date.now() < deadline) {
        const { rows } = await team.owner.query<{ pid: number }>(
          "SELECT pid FROM pg_stat_activity WHERE usename = 'tom' AND wait_event_type = 'Lock'",
        )
        pid = rows[0]?.pid
      }
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
