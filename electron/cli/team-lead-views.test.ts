// The lead's views against a real throwaway PostgreSQL cluster: progress, overdue leases and the
// robot's tag accuracy on a small team whose numbers are counted by hand; only a lead may call
// them; `cli team report` prints the same rows.
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tagAccuracy as soloTagAccuracy } from '../shared/insight/tag-accuracy'
import type { TagCheck } from '../shared/contract/reviews'
import { addMember, initTeam } from '../services/team/team-admin'
import { createCalibration, submitCalibration } from '../services/team/team-calibration'
import { claimBatch, releaseCalls } from '../services/team/team-claims'
import { overdueLeases, tagAccuracy, teamProgress } from '../services/team/team-reports'
import { runCli } from '../test-support/cli-harness'
import { startPostgresCluster, type PostgresCluster } from '../test-support/postgres-cluster'
import { idSequence, insertCampaign } from '../test-support/team-campaign'

const TIMEOUT = 60_000
let cluster: PostgresCluster
let owner: pg.Client
const passwords = new Map<string, string>()
const clients = new Map<string, pg.Client>()
const as = (name: string): pg.Client => clients.get(name)!

async function member(name: string, role: 'reviewer' | 'lead'): Promise<void> {
  passwords.set(name, (await addMember(owner, { name, role })).password)
  const client = new pg.Client({ connectionString: cluster.url('lead_views', name, passwords.get(name)) })
  await client.connect()
  clients.set(name, client)
}

const nextId = idSequence(7000)
async function campaign(name: string, calls: number): Promise<{ id: number; calls: number[] }> {
  const { id, callIds } = await insertCampaign(owner, name, calls, nextId)
  return { id, calls: callIds }
}

/** A normal review as apply_ops would leave it (written here as the owner: v5 is another branch). */
async function review(
  author: string,
  callId: number,
  verdict: string | null,
  checks: (TagCheck & { removed?: boolean })[] = [],
  offLease = false,
): Promise<void> {
  const { rows } = await owner.query<{ id: string }>(
    'INSERT INTO team.review (call_id, author, verdict, off_lease) VALUES ($1, $2, $3, $4) RETURNING id',
    [callId, author, verdict, offLease],
  )
  for (const c of checks) {
    await owner.query(
      `INSERT INTO team.tag_correction (review_id, name, robot_value, status, corrected_value, removed)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [rows[0]!.id, c.name, c.robotValue, c.status, c.correctedValue, c.removed ?? false],
    )
  }
}

const check = (name: string, robotValue: string, status: TagCheck['status'], correctedValue: string | null = null) => ({
  name,
  robotValue,
  status,
  correctedValue,
})

async function leaseRanOut(assignee: string, callId: number): Promise<void> {
  await owner.query(
    "UPDATE team.assignment SET lease_until = now() - interval '1 hour' WHERE assignee = $1 AND call_id = $2 AND state = 'open'",
    [assignee, callId],
  )
}

let x: { id: number; calls: number[] }
let y: { id: number; calls: number[] }
/** Every normal-review check of campaign X, as the solo Insights page would be given them. */
let checksOfX: TagCheck[][]

beforeAll(async () => {
  cluster = await startPostgresCluster()
  const admin = new pg.Client({ connectionString: cluster.url() })
  await admin.connect()
  await admin.query('CREATE DATABASE lead_views')
  await admin.end()
  owner = new pg.Client({ connectionString: cluster.url('lead_views') })
  await owner.connect()
  await initTeam(owner)
  await member('lena', 'lead')
  await member('ann', 'reviewer')
  await member('ben', 'reviewer')
  x = await campaign('renewals', 6)
  y = await campaign('upsell', 1)
  const [x1, x2, x3, x4, x5, x6] = x.calls as [number, number, number, number, number, number]
  // Claims: ann x1–x3 and y1, ben x4–x5; ben gives x5 back; ben's lease on x4 runs out and ann
  // reclaims it; ann finishes x1; ann's lease on x2 runs out (nobody has reclaimed it).
  expect(await claimBatch(as('ann'), 3, x.id)).toEqual([x1, x2, x3])
  expect(await claimBatch(as('ben'), 2, x.id)).toEqual([x4, x5])
  expect(await claimBatch(as('ann'), 1, y.id)).toEqual(y.calls)
  expect(await releaseCalls(as('ben'), [x5])).toEqual([x5])
  await leaseRanOut('ben', x4)
  expect(await claimBatch(as('ann'), 1, x.id)).toEqual([x4])
  await owner.query(
    "UPDATE team.assignment SET state = 'done', closed_at = now() WHERE assignee = 'ann' AND call_id = $1",
    [x1],
  )
  await leaseRanOut('ann', x2)
  // Reviews: a note without a verdict is not "reviewed"; ben's x4 came in after his lease expired.
  checksOfX = [
    [check('意向', 'A', 'confirmed'), check('性别', '男', 'corrected', '女')],
    [check('意向', '', 'missed', 'B')],
    [check('意向', 'A', 'corrected', 'C')],
    [check('意向', 'A', 'confirmed')],
  ]
  await review('ann', x1, 'pass', checksOfX[0])
  await review('ann', x2, null)
  await review('ann', x3, 'fail', [...checksOfX[1]!, { ...check('年龄', '30', 'confirmed'), removed: true }])
  await review('ben', x4, 'pass', checksOfX[2], true)
  await review('ann', x4, 'follow_up', checksOfX[3])
  await review('ann', y.calls[0]!, 'pass', [check('意向', 'A', 'corrected', 'B')])
  // A calibration grade is no normal review, and its assignments are no claims, even past due.
  const session = await createCalibration(as('lena'), {
    name: 'calibration on x6',
    callIds: [x6],
    participants: ['ann', 'ben'],
    due: new Date(Date.now() + 3600_000),
  })
  await submitCalibration(as('ann'), session, x6, { verdict: 'fail', tagChecks: [check('意向', 'A', 'confirmed')] })
  await owner.query("UPDATE team.assignment SET lease_until = now() - interval '1 hour' WHERE kind = 'calibration'")
}, TIMEOUT)

afterAll(async () => {
  await Promise.all([...clients.values()].map((c) => c.end().catch(() => undefined)))
  await owner?.end()
  await cluster?.stop()
})

describe('the lead’s views', () => {
  it('counts progress per reviewer and campaign: claims by state, reviews with a verdict, off-lease ones', async () => {
    const zero = { open: 0, overdue: 0, done: 0, expired: 0, released: 0, reviewed: 0, offLease: 0 }
    expect(await teamProgress(as('lena'))).toEqual([
      { ...zero, member: 'ann', campaignId: x.id, campaign: 'renewals', open: 2, overdue: 1, done: 1, reviewed: 3 },
      { ...zero, member: 'ann', campaignId: y.id, campaign: 'upsell', open: 1, reviewed: 1 },
      {
        ...zero,
        member: 'ben',
        campaignId: x.id,
        campaign: 'renewals',
        expired: 1,
        released: 1,
        reviewed: 1,
        offLease: 1,
      },
    ])
  })

  it('lists the open claims past their lease, not closed or calibration ones', async () => {
    const overdue = await overdueLeases(as('lena'))
    expect(overdue).toEqual([
      {
        assignmentId: expect.any(Number),
        callId: x.calls[1],
        assignee: 'ann',
        campaignId: x.id,
        claimedAt: expect.any(String),
        leaseUntil: expect.any(String),
        overdueSec: expect.any(Number),
      },
    ])
    expect(overdue[0]!.overdueSec).toBeGreaterThanOrEqual(3600)
    expect(overdue[0]!.overdueSec).toBeLessThan(3600 + 120)
  })

  it('measures the robot’s tags over the team’s normal-review checks as the solo Insights page does', async () => {
    const inX = await tagAccuracy(as('lena'), x.id)
    expect(
      inX.map(({ name, checked, confirmed, corrected, missed }) => ({ name, checked, confirmed, corrected, missed })),
    ).toEqual([
      { name: '性别', checked: 1, confirmed: 0, corrected: 1, missed: 0 },
      { name: '意向', checked: 4, confirmed: 2, corrected: 1, missed: 1 },
    ])
    const solo = soloTagAccuracy(checksOfX)
    expect(inX.map((r) => r.name)).toEqual(solo.map((r) => r.name))
    inX.forEach((row, i) => {
      expect(row.accuracy).toBeCloseTo(solo[i]!.agreement, 12)
      expect(row.accuracyLow).toBeCloseTo(solo[i]!.agreementLow, 12)
      expect(row.accuracyHigh).toBeCloseTo(solo[i]!.agreementHigh, 12)
    })
    expect(inX[1]!.accuracy).toBe(0.5)
    const everywhere = await tagAccuracy(as('lena'))
    expect(everywhere.find((r) => r.name === '意向')).toMatchObject({
      checked: 5,
      confirmed: 2,
      corrected: 2,
      missed: 1,
    })
    expect(everywhere.find((r) => r.name === '意向')!.accuracy).toBeCloseTo(0.4, 12)
    await expect(tagAccuracy(as('lena'), 999_999)).rejects.toMatchObject({
      code: '22023',
      message: 'tag_accuracy: there is no campaign 999999',
    })
  })

  it('refuses every lead view to a reviewer', async () => {
    for (const [call, fn] of [
      [() => teamProgress(as('ann')), 'progress'],
      [() => overdueLeases(as('ann')), 'overdue_leases'],
      [() => tagAccuracy(as('ann'), x.id), 'tag_accuracy'],
      [() => as('ann').query("SELECT team.assert_lead('x')"), 'assert_lead'],
    ] as const) {
      await expect(call(), fn).rejects.toMatchObject({ code: '42501', message: `permission denied for function ${fn}` })
    }
  })
})

describe('cli team report', () => {
  it(
    'prints progress, overdue leases and accuracy as JSON arrays for a lead, and exits 1 for a reviewer',
    async () => {
      const db = cluster.url('lead_views')
      const lead = { CALLLENS_DB_PASSWORD: passwords.get('lena')! }
      const progress = await runCli(['team', 'report', 'progress', '--db', db, '--user', 'lena'], lead)
      expect(progress.stderr).toBe('')
      expect(progress.code).toBe(0)
      expect(JSON.parse(progress.stdout)).toEqual(await teamProgress(as('lena')))
      const accuracy = await runCli(
        ['team', 'report', 'accuracy', '--db', db, '--user', 'lena', '--campaign', String(x.id)],
        lead,
      )
      expect(accuracy.code).toBe(0)
      expect(JSON.parse(accuracy.stdout)).toEqual(await tagAccuracy(as('lena'), x.id))
      const reviewer = await runCli(['team', 'report', 'overdue', '--db', db, '--user', 'ann'], {
        CALLLENS_DB_PASSWORD: passwords.get('ann')!,
      })
      expect(reviewer.code).toBe(1)
      expect(reviewer.stdout).toBe('')
      expect(reviewer.stderr).toMatch(/permission denied for function overdue_leases/)
      const misplaced = await runCli(
        ['team', 'report', 'overdue', '--db', db, '--user', 'lena', '--campaign', '1'],
        lead,
      )
      expect(misplaced.code).toBe(2)
      expect(misplaced.stderr).toMatch(/--campaign applies only to `team report accuracy`/)
    },
    TIMEOUT,
  )
})
