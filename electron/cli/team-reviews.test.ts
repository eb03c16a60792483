// Reviews on a real team server with real login roles: apply_ops's conflict rules (per-field last
// writer wins, lost notes kept, delete-wins comments, tag checks), grants and row-level security,
// leases, frozen reviews, clock skew, and `cli team review`. Replays and refused batches: see
// team-push-pull.test.ts.
import fc from 'fast-check'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addMember, initTeam } from '../services/team/team-admin'
import { claimBatch } from '../services/team/team-claims'
import { applyOps, pullChanges } from '../services/team/team-reviews'
import { START_CURSOR, type TeamOpInput } from '../services/team/sync/contract'
import { runCli } from '../test-support/cli-harness'
import { startTeamDatabase, type TeamDatabase } from '../test-support/team-database'
import {
  CREATED,
  comment,
  footprint,
  hlc,
  review,
  reviewOf,
  statuses,
  tagCheck,
  type CommentFields,
  type ReviewFields,
} from '../test-support/team-ops'

const TIMEOUT = 60_000
const T0 = 1_764_892_800_000
let team: TeamDatabase

beforeAll(async () => {
  team = await startTeamDatabase('reviews')
}, TIMEOUT)

afterAll(async () => {
  await team?.close()
})

describe('team reviews: who may write and read', () => {
  it(
    'gives a reviewer no direct write to any review table and no read of the change log, and only apply_ops and pull_changes to call',
    async () => {
      await team.members(['mallory'])
      await team.members(['host'], 'sync_host')
      const {
        callIds: [call],
      } = await team.campaign('grants', 1)
      const mallory = await team.connectAs('mallory')
      const denied = [
        `INSERT INTO team.review (call_id, author, verdict) VALUES (${call}, 'mallory', 'pass')`,
        "UPDATE team.review SET verdict = 'pass'",
        "INSERT INTO team.review_comment (review_id, comment_id, at_ms, created_at) VALUES (1, 'x', 0, 'now')",
        'UPDATE team.tag_correction SET removed = true',
        "INSERT INTO team.device (id, member) VALUES ('d', 'mallory')",
        "INSERT INTO team.applied_op (op_id, device_id) VALUES (gen_random_uuid(), 'd')",
        'SELECT * FROM team.change_log',
        "INSERT INTO team.audit (action) VALUES ('note_lost')",
        'DELETE FROM team.audit',
        "SELECT team.apply_op('mallory', true, 'd', '{}')",
        "SELECT team.apply_review_fields(NULL::team.review, '{}', false)",
      ]
      for (const sql of denied) await expect(mallory.query(sql), sql).rejects.toMatchObject({ code: '42501' })
      const host = await team.connectAs('host')
      await expect(
        applyOps(host, 'host-1', [review(call!, hlc(T0, 'host-1'), { verdict: 'pass' })]),
      ).rejects.toMatchObject({
        code: '42501',
        message: 'permission denied for function apply_ops',
      })
      await expect(pullChanges(host, START_CURSOR, 10)).rejects.toMatchObject({ code: '42501' })
    },
    TIMEOUT,
  )

  it(
    'shows a reviewer only their own reviews, comments, tag checks and changes; a lead sees the team’s',
    async () => {
      await team.members(['ann', 'ben'])
      await team.members(['lou'], 'lead')
      const campaign = await team.campaign('visibility', 2)
      const [ann, ben, lou] = await Promise.all(['ann', 'ben', 'lou'].map(team.connectAs))
      const held = new Map<string, number>()
      for (const [name, client] of [
        ['ann', ann!],
        ['ben', ben!],
      ] as const) {
        const [call] = await claimBatch(client, 1, campaign.id)
        held.set(name, call!)
        const device = `${name}-laptop`
        const acks = await applyOps(client, device, [
          review(call!, hlc(T0, device), { verdict: 'pass', note: `${name}'s note` }),
          comment(call!, hlc(T0 + 1, device), 'c1', { atMs: 0, createdAt: CREATED, text: 'hi' }),
          tagCheck(call!, hlc(T0 + 2, device), '意向', { status: 'corrected', robotValue: 'A', correctedValue: 'B' }),
        ])
        expect(statuses(acks)).toEqual(['applied', 'applied', 'applied'])
        expect(acks.every((a) => !a.offLease)).toBe(true)
      }
      const reviewIds = async (client: pg.Client, table: string): Promise<string[]> => {
        const column = table === 'review' ? 'id' : 'review_id'
        const { rows } = await client.query<{ id: string }>(
          `SELECT DISTINCT ${column} AS id FROM team.${table} ORDER BY 1`,
        )
        return rows.map((r) => r.id)
      }
      const idOf = async (author: string): Promise<string> =>
        (await team.owner.query<{ id: string }>('SELECT id FROM team.review WHERE author = $1', [author])).rows[0]!.id
      const [annId, benId] = [await idOf('ann'), await idOf('ben')]
      for (const table of ['review', 'review_comment', 'tag_correction']) {
        expect(await reviewIds(ann!, table), table).toEqual([annId])
        expect(await reviewIds(ben!, table), table).toEqual([benId])
        expect(await reviewIds(lou!, table), table).toEqual(expect.arrayContaining([annId, benId]))
      }
      const annFeed = await pullChanges(ann!, START_CURSOR, 5000)
      expect(new Set(annFeed.changes.map((c) => c.member))).toEqual(new Set(['ann']))
      expect(new Set(annFeed.changes.map((c) => c.entity))).toEqual(
        new Set(['assignment', 'review', 'comment', 'tag_check']),
      )
      const leadFeed = await pullChanges(lou!, START_CURSOR, 5000)
      const leadSees = new Set(leadFeed.changes.filter((c) => c.entity === 'review').map((c) => c.member))
      expect([...leadSees]).toEqual(expect.arrayContaining(['ann', 'ben']))
      // A finished call is not claimable again, and the assignee's devices learn it is done.
      const done = annFeed.changes.filter((c) => c.entity === 'assignment').at(-1)!
      expect(done.row).toMatchObject({ callId: held.get('ann'), state: 'done' })
    },
    TIMEOUT,
  )

  it(
    'refuses a device id that another member already pushes from',
    async () => {
      await team.members(['dora', 'dex'])
      const {
        callIds: [call],
      } = await team.campaign('devices', 1)
      const [dora, dex] = await Promise.all(['dora', 'dex'].map(team.connectAs))
      expect(statuses(await applyOps(dora!, 'front-desk-pc', [review(call!, hlc(T0, 'x'), { score: 10 })]))).toEqual([
        'applied',
      ])
      const before = await footprint(team)
      await expect(applyOps(dex!, 'front-desk-pc', [review(call!, hlc(T0, 'x'), { score: 20 })])).rejects.toMatchObject(
        { code: '42501', message: 'apply_ops: device front-desk-pc belongs to another member' },
      )
      expect(await footprint(team)).toEqual(before)
    },
    TIMEOUT,
  )
})

describe('team reviews: conflict rules', () => {
  it(
    'settles every review field on its newest clock, whatever order and batches the ops arrive in',
    async () => {
      await team.members(['lee'])
      const { callIds } = await team.campaign('lww', 15)
      const lee = await team.connectAs('lee')
      const ops: { clock: string; fields: ReviewFields }[] = [
        { clock: hlc(T0 + 3, 'dev-a'), fields: { verdict: 'fail' } },
        { clock: hlc(T0 + 1, 'dev-b'), fields: { verdict: 'pass', score: 50, tags: ['x'] } },
        { clock: hlc(T0 + 2, 'dev-b'), fields: { score: 70 } },
        { clock: hlc(T0 + 2, 'dev-a', 1), fields: { verdict: 'follow_up', tags: ['y', 'z'] } },
        { clock: hlc(T0 + 5, 'dev-a'), fields: { note: 'from a' } },
        // Same millisecond and counter: the device id breaks the tie, the same on every server.
        { clock: hlc(T0 + 5, 'dev-b'), fields: { note: 'from b', score: null } },
      ]
      const expected = {
        verdict: 'fail',
        score: null,
        note: 'from b',
        tags: ['y', 'z'],
        clocks: {
          verdict: hlc(T0 + 3, 'dev-a'),
          score: hlc(T0 + 5, 'dev-b'),
          note: hlc(T0 + 5, 'dev-b'),
          tags: hlc(T0 + 2, 'dev-a', 1),
        },
      }
      let next = 0
      await fc.assert(
        fc.asyncProperty(
          fc.shuffledSubarray(ops, { minLength: ops.length }),
          fc.integer({ min: 1, max: ops.length }),
          async (order, batch) => {
            const call = callIds[next++]!
            const sent = order.map((o) => review(call, o.clock, o.fields))
            for (let i = 0; i < sent.length; i += batch) await applyOps(lee, 'lee-pc', sent.slice(i, i + batch))
            expect(await reviewOf(team, 'lee', call)).toMatchObject(expected)
          },
        ),
        { numRuns: callIds.length },
      )
    },
    TIMEOUT,
  )

  it(
    'orders clocks by their bytes, as every device does, in a database whose collation sorts text otherwise',
    async () => {
      await team.owner.query("CREATE DATABASE reviews_icu LOCALE_PROVIDER icu ICU_LOCALE 'en' TEMPLATE template0")
      const owner = new pg.Client({ connectionString: team.cluster.url('reviews_icu') })
      await owner.connect()
      try {
        await initTeam(owner)
        const { password } = await addMember(owner, { name: 'quinn', role: 'reviewer' })
        await owner.query("INSERT INTO team.task (call_job_id, name) VALUES (1, 'icu')")
        await owner.query('INSERT INTO team.call (call_id, call_job_id) VALUES (11, 1)')
        const clocks: [string, string] = [hlc(T0, 'pc-B'), hlc(T0, 'pc-a')]
        const newest = [...clocks].sort().at(-1)!
        expect(newest).toBe(clocks[1])
        const { rows } = await owner.query<{ newest: string }>('SELECT greatest($1::text, $2::text) AS newest', clocks)
        expect(rows[0]!.newest, 'the collation orders these two the other way').toBe(clocks[0])
        const quinn = new pg.Client({ connectionString: team.cluster.url('reviews_icu', 'quinn', password) })
        await quinn.connect()
        try {
          for (const clock of clocks) await applyOps(quinn, 'quinn-pc', [review(11, clock, { note: clock })])
          for (const clock of [...clocks].reverse())
            await applyOps(quinn, 'quinn-pc', [review(11, clock, { note: clock })])
        } finally {
          await quinn.end()
        }
        const stored = await owner.query("SELECT note FROM team.review WHERE author = 'quinn'")
        expect(stored.rows).toEqual([{ note: newest }])
      } finally {
        await owner.end()
      }
    },
    TIMEOUT,
  )

  it(
    'keeps a note that lost, or that another device overwrote, in the audit where its author can read it back',
    async () => {
      await team.members(['nora', 'ned'])
      const {
        callIds: [call],
      } = await team.campaign('notes', 1)
      const [nora, ned] = await Promise.all(['nora', 'ned'].map(team.connectAs))
      const push = async (device: string, ms: number, note: string): Promise<string[]> =>
        statuses(await applyOps(nora!, device, [review(call!, hlc(ms, device), { note })]))
      expect(await push('nora-desk', T0 + 20, 'desk text')).toEqual(['applied'])
      expect(await push('nora-laptop', T0 + 10, 'laptop text')).toEqual(['stale'])
      expect(await push('nora-laptop', T0 + 30, 'laptop rewrite')).toEqual(['applied'])
      // The same device replacing its own text is an edit, not a loss.
      expect(await push('nora-laptop', T0 + 40, 'laptop rewrite, again')).toEqual(['applied'])
      const lost = await nora!.query(
        `SELECT detail->>'text' AS text, detail->>'hlc' AS hlc, detail->>'device' AS device, detail->>'lostTo' AS lost_to
           FROM team.audit WHERE action = 'note_lost' ORDER BY id`,
      )
      expect(lost.rows).toEqual([
        {
          text: 'laptop text',
          hlc: hlc(T0 + 10, 'nora-laptop'),
          device: 'nora-laptop',
          lost_to: hlc(T0 + 20, 'nora-desk'),
        },
        {
          text: 'desk text',
          hlc: hlc(T0 + 20, 'nora-desk'),
          device: 'nora-desk',
          lost_to: hlc(T0 + 30, 'nora-laptop'),
        },
      ])
      expect((await reviewOf(team, 'nora', call!))!.note).toBe('laptop rewrite, again')
      expect((await ned!.query('SELECT * FROM team.audit')).rows).toEqual([])
    },
    TIMEOUT,
  )

  it(
    'keeps a deleted comment deleted whatever edit comes after, and merges comment edits per field',
    async () => {
      await team.members(['cora'])
      const {
        callIds: [call],
      } = await team.campaign('comments', 1)
      const cora = await team.connectAs('cora')
      const c = (ms: number, device: string, key: string, fields: CommentFields, deleted = false): TeamOpInput =>
        comment(call!, hlc(ms, device), key, fields, deleted)
      const acks = await applyOps(cora, 'cora-a', [
        c(T0 + 1, 'cora-a', 'c1', { atMs: 1000, createdAt: CREATED, text: 'first' }),
        c(T0 + 1, 'cora-a', 'c2', { atMs: 2000, createdAt: CREATED, text: 'keep me' }),
        c(T0 + 2, 'cora-a', 'c1', {}, true),
        // Deleted before the server saw it: the tombstone outlives the create that arrives later.
        c(T0 + 4, 'cora-a', 'c3', {}, true),
      ])
      expect(statuses(acks)).toEqual(['applied', 'applied', 'applied', 'applied'])
      const later = await applyOps(cora, 'cora-b', [
        c(T0 + 9, 'cora-b', 'c1', { text: 'edited after the delete' }),
        c(T0 + 2, 'cora-b', 'c3', { atMs: 3000, createdAt: CREATED, text: 'created offline' }),
        c(T0 + 5, 'cora-b', 'c2', { text: 'newer text' }),
        c(T0 + 3, 'cora-b', 'c2', { text: 'older text', endMs: 2500 }),
      ])
      expect(statuses(later)).toEqual(['stale', 'stale', 'applied', 'applied'])
      const { rows } = await team.owner.query(
        `SELECT comment_id, text, at_ms, end_ms, deleted_at IS NOT NULL AS deleted FROM team.review_comment c
           JOIN team.review r ON r.id = c.review_id WHERE r.call_id = $1 ORDER BY comment_id`,
        [call],
      )
      expect(rows).toEqual([
        { comment_id: 'c1', text: 'first', at_ms: 1000, end_ms: null, deleted: true },
        { comment_id: 'c2', text: 'newer text', at_ms: 2000, end_ms: 2500, deleted: false },
        { comment_id: 'c3', text: '', at_ms: 0, end_ms: null, deleted: true },
      ])
    },
    TIMEOUT,
  )

  it(
    'settles tag checks per field by clock, a removal included',
    async () => {
      await team.members(['tess'])
      const {
        callIds: [call],
      } = await team.campaign('tags', 1)
      const tess = await team.connectAs('tess')
      const acks = await applyOps(tess, 'tess-a', [
        tagCheck(call!, hlc(T0 + 1, 'tess-a'), '意向', { status: 'corrected', robotValue: 'A', correctedValue: 'B' }),
        tagCheck(call!, hlc(T0 + 3, 'tess-a'), '意向', { removed: true }),
        tagCheck(call!, hlc(T0 + 2, 'tess-b'), '意向', { status: 'confirmed', correctedValue: null, removed: false }),
        tagCheck(call!, hlc(T0, 'tess-b'), '意向', { robotValue: 'old' }),
      ])
      expect(statuses(acks)).toEqual(['applied', 'applied', 'applied', 'stale'])
      const { rows } = await team.owner.query(
        `SELECT name, robot_value, status, corrected_value, removed FROM team.tag_correction t
           JOIN team.review r ON r.id = t.review_id WHERE r.call_id = $1`,
        [call],
      )
      expect(rows).toEqual([
        { name: '意向', robot_value: 'A', status: 'confirmed', corrected_value: null, removed: true },
      ])
    },
    TIMEOUT,
  )
})

describe('team reviews: leases, frozen reviews, clock skew', () => {
  it(
    'keeps and flags for the lead a review sent after its lease ran out and another reviewer reclaimed the call',
    async () => {
      await team.members(['erin', 'finn', 'gale'])
      await team.members(['lana'], 'lead')
      const lease = await team.campaign('reclaimed', 1)
      const call = lease.callIds[0]!
      const [erin, finn, gale, lana] = await Promise.all(['erin', 'finn', 'gale', 'lana'].map(team.connectAs))
      expect(await claimBatch(erin!, 1, lease.id)).toEqual([call])
      await team.owner.query(
        "UPDATE team.assignment SET lease_until = now() - interval '1 hour' WHERE assignee = 'erin' AND call_id = $1",
        [call],
      )
      expect(await claimBatch(finn!, 1, lease.id)).toEqual([call])
      const late = await applyOps(erin!, 'erin-a', [review(call, hlc(T0, 'erin-a'), { verdict: 'pass' })])
      expect(late).toEqual([{ opId: late[0]!.opId, status: 'applied', offLease: true }])
      const onTime = await applyOps(finn!, 'finn-a', [review(call, hlc(T0, 'finn-a'), { verdict: 'fail' })])
      expect(onTime[0]).toMatchObject({ status: 'applied', offLease: false })
      // Finn's verdict finished his claim: later edits are still his, and nobody claims the call again.
      const edit = await applyOps(finn!, 'finn-a', [review(call, hlc(T0 + 1, 'finn-a'), { note: 'checked twice' })])
      expect(edit[0]).toMatchObject({ status: 'applied', offLease: false })
      expect(await claimBatch(gale!, 1, lease.id)).toEqual([])
      const { rows } = await lana!.query(
        'SELECT author, verdict, off_lease FROM team.review WHERE call_id = $1 ORDER BY author',
        [call],
      )
      expect(rows).toEqual([
        { author: 'erin', verdict: 'pass', off_lease: true },
        { author: 'finn', verdict: 'fail', off_lease: false },
      ])
      // Erin's devices learn from the feed that the call was taken from her.
      const feed = await pullChanges(erin!, START_CURSOR, 100)
      const assignment = feed.changes.filter((c) => c.entity === 'assignment' && c.callId === call).at(-1)
      expect(assignment?.row).toMatchObject({ assignee: 'erin', state: 'expired' })
      const states = await team.owner.query(
        'SELECT assignee, state FROM team.assignment WHERE call_id = $1 ORDER BY id',
        [call],
      )
      expect(states.rows).toEqual([
        { assignee: 'erin', state: 'expired' },
        { assignee: 'finn', state: 'done' },
      ])
    },
    TIMEOUT,
  )

  it(
    'answers frozen to every edit of a frozen review and changes nothing',
    async () => {
      await team.members(['gus'])
      const {
        callIds: [call],
      } = await team.campaign('frozen', 1)
      const gus = await team.connectAs('gus')
      await applyOps(gus, 'gus-a', [review(call!, hlc(T0, 'gus-a'), { verdict: 'pass', note: 'final' })])
      await team.owner.query("UPDATE team.review SET frozen_at = now() WHERE author = 'gus'")
      const before = await footprint(team)
      const state = await reviewOf(team, 'gus', call!)
      const acks = await applyOps(gus, 'gus-a', [
        review(call!, hlc(T0 + 9, 'gus-a'), { verdict: 'fail', note: 'changed my mind' }),
        comment(call!, hlc(T0 + 9, 'gus-a'), 'c1', { atMs: 0, createdAt: CREATED }),
        tagCheck(call!, hlc(T0 + 9, 'gus-a'), '意向', { status: 'confirmed' }),
      ])
      expect(statuses(acks)).toEqual(['frozen', 'frozen', 'frozen'])
      const after = await footprint(team)
      expect({ ...after, applied_op: before.applied_op }).toEqual(before)
      expect(await reviewOf(team, 'gus', call!)).toEqual(state)
    },
    TIMEOUT,
  )

  it(
    'lets the device whose clock runs a day ahead win by its clock, keeps the slower device’s later note, and lets that device win once it has pulled the newer clock',
    async () => {
      // The rule: last writer by hybrid logical clock, not by arrival. A device that has seen a
      // clock moves its own past it (max + 1), so only edits made before the pull can lose.
      await team.members(['ivan'])
      const skewed = await team.campaign('skew', 1)
      const call = skewed.callIds[0]!
      const ivan = await team.connectAs('ivan')
      await claimBatch(ivan, 1, skewed.id)
      const now = Date.now()
      const fast = await applyOps(ivan, 'ivan-fast', [
        review(call, hlc(now + 24 * 3600_000, 'ivan-fast'), { verdict: 'fail', note: 'fast note' }),
      ])
      expect(statuses(fast)).toEqual(['applied'])
      const slow = await applyOps(ivan, 'ivan-slow', [
        review(call, hlc(now + 60_000, 'ivan-slow'), { verdict: 'pass', note: 'slow note' }),
      ])
      expect(statuses(slow)).toEqual(['stale'])
      expect(await reviewOf(team, 'ivan', call)).toMatchObject({ verdict: 'fail', note: 'fast note' })
      const lost = await ivan.query("SELECT detail->>'text' AS text, detail->>'device' AS device FROM team.audit")
      expect(lost.rows).toEqual([{ text: 'slow note', device: 'ivan-slow' }])
      const { changes } = await pullChanges(ivan, START_CURSOR, 100)
      const seen = (changes.filter((c) => c.entity === 'review').at(-1)!.row.clocks as Record<string, string>).note!
      const [ms, counter] = seen.split('-').map(Number) as [number, number]
      const after = await applyOps(ivan, 'ivan-slow', [
        review(call, hlc(ms, 'ivan-slow', counter + 1), { note: 'slow note' }),
      ])
      expect(statuses(after)).toEqual(['applied'])
      expect(await reviewOf(team, 'ivan', call)).toMatchObject({ verdict: 'fail', note: 'slow note' })
    },
    TIMEOUT,
  )
})

describe('cli team review', () => {
  it(
    'submits a verdict and note through apply_ops, prints the ack, and exits 1 when the server refuses it',
    async () => {
      await team.members(['jane'])
      const campaign = await team.campaign('cli-review', 2)
      const jane = await team.connectAs('jane')
      const [first, second] = (await claimBatch(jane, 2, campaign.id)) as [number, number]
      const env = { CALLLENS_DB_PASSWORD: team.passwordOf('jane') }
      const base = ['team', 'review', '--db', team.cluster.url('reviews'), '--user', 'jane']
      const ok = await runCli(
        [...base, '--call', String(first), '--verdict', 'follow-up', '--note', '客户要求回访'],
        env,
      )
      expect(ok.stderr).toBe('')
      expect(ok.code).toBe(0)
      expect(JSON.parse(ok.stdout)).toEqual({ callId: first, status: 'applied', offLease: false })
      expect(await reviewOf(team, 'jane', first)).toMatchObject({ verdict: 'follow_up', note: '客户要求回访' })
      const devices = await team.owner.query("SELECT id FROM team.device WHERE member = 'jane'")
      expect(devices.rows).toEqual([{ id: expect.stringMatching(/^cli-jane-[A-Za-z0-9-]+$/) }])
      await applyOps(jane, 'jane-pc', [review(second, hlc(T0, 'jane-pc'), { verdict: 'pass' })])
      await team.owner.query('UPDATE team.review SET frozen_at = now() WHERE call_id = $1', [second])
      const frozen = await runCli([...base, '--call', String(second), '--verdict', 'fail', '--device', 'jane-pc'], env)
      expect(frozen.code).toBe(1)
      expect(JSON.parse(frozen.stdout)).toEqual({ callId: second, status: 'frozen', offLease: false })
      expect(frozen.stderr).toBe(
        `calllens: team: review of call ${second} not applied: the review is frozen (a revealed calibration grade) and takes no more edits\n`,
      )
      const unknown = await runCli([...base, '--call', '424242', '--verdict', 'pass'], env)
      expect(unknown.code).toBe(1)
      expect(unknown.stdout).toBe('')
      expect(unknown.stderr).toMatch(
        /^calllens: team: PostgreSQL at 127\.0\.0\.1:\d+\/reviews: apply_ops: op 1 \([0-9a-f-]{36}\): there is no call 424242 in the team catalogue\n$/,
      )
      expect(unknown.stderr).not.toContain(env.CALLLENS_DB_PASSWORD)
      const usage = await runCli([...base, '--call', String(first), '--verdict', 'maybe'], env)
      expect(usage.code).toBe(2)
      expect(usage.stderr).toMatch(/--verdict must be pass, fail or follow-up, got "maybe"/)
    },
    TIMEOUT,
  )
})
