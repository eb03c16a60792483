// The lead's page channels on real parts: a throwaway PostgreSQL cluster with a small team whose
// numbers are counted by hand, and two desktops' real services (through dispatch, as the renderer
// calls them) — the lead lena's and the reviewer ann's. The channels return what the server's
// functions return and what was counted; a reviewer gets team_not_lead; a call the lead opens from
// a row lands in her replica with its transcript and survives the next pull; offline is offline.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ChannelInput, ChannelName, ChannelOutput, ErrorCode } from '../shared/contract'
import { createNodeServices } from '../services/create-node-services'
import type { Services } from '../services/services'
import { addMember, initTeam } from '../services/team/team-admin'
import { calibrationAgreement, createCalibration, submitCalibration } from '../services/team/team-calibration'
import { claimBatch, releaseCalls } from '../services/team/team-claims'
import { overdueLeases, tagAccuracy, teamProgress } from '../services/team/team-reports'
import { startPostgresCluster, type PostgresCluster } from '../test-support/postgres-cluster'
import { dispatch, routes } from '.'

const TIMEOUT = 90_000
const DB = 'lead_page'
let cluster: PostgresCluster
let owner: pg.Client
const passwords: Record<string, string> = {}
const clients = new Map<string, pg.Client>()
const as = (name: string): pg.Client => clients.get(name)!
const desks = new Map<string, Services>()

let x: { id: number; calls: number[] }
let y: { id: number; calls: number[] }
let session: number

async function call<N extends ChannelName>(who: string, name: N, input?: ChannelInput<N>): Promise<ChannelOutput<N>> {
  const result = await dispatch(routes, desks.get(who)!, name, input)
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`)
  return result.value as ChannelOutput<N>
}

async function refused<N extends ChannelName>(who: string, name: N, input?: ChannelInput<N>): Promise<ErrorCode> {
  const result = await dispatch(routes, desks.get(who)!, name, input)
  if (result.ok) throw new Error(`${name} answered ${JSON.stringify(result.value)}`)
  return result.error.code
}

let nextId = 9100
async function campaign(name: string, calls: number): Promise<{ id: number; calls: number[] }> {
  const { rows } = await owner.query<{ id: string }>('INSERT INTO team.campaign (name) VALUES ($1) RETURNING id', [
    name,
  ])
  const task = nextId++
  await owner.query('INSERT INTO team.task (call_job_id, campaign_id, name) VALUES ($1, $2, $3)', [
    task,
    rows[0]!.id,
    `${name} task`,
  ])
  const ids = Array.from({ length: calls }, () => nextId++)
  await owner.query(
    `INSERT INTO team.call (call_id, call_job_id, start_time, duration_sec)
     SELECT id, $2, timestamptz '2026-12-01 10:00:00+08' + (id - 9100) * interval '1 minute', 60 FROM unnest($1::bigint[]) id`,
    [ids, task],
  )
  return { id: Number(rows[0]!.id), calls: ids }
}

/** A normal review as apply_ops would leave it (written as the owner: the numbers are what matter). */
async function review(
  author: string,
  callId: number,
  verdict: string,
  checks: { name: string; robot: string; status: string; corrected?: string }[],
  offLease = false,
): Promise<void> {
  const { rows } = await owner.query<{ id: string }>(
    'INSERT INTO team.review (call_id, author, verdict, off_lease) VALUES ($1, $2, $3, $4) RETURNING id',
    [callId, author, verdict, offLease],
  )
  for (const c of checks) {
    await owner.query(
      'INSERT INTO team.tag_correction (review_id, name, robot_value, status, corrected_value) VALUES ($1, $2, $3, $4, $5)',
      [rows[0]!.id, c.name, c.robot, c.status, c.corrected ?? null],
    )
  }
}

function desk(member: string): Services {
  const services = createNodeServices({
    dataDir: mkdtempSync(join(tmpdir(), `calllens-lead-page-${member}-`)),
    version: '0.0.0-test',
    appRoot: join(import.meta.dirname, '../..'),
    env: {},
    team: { probeEveryMs: 100, pullEveryMs: 60_000, connectTimeoutMs: 2000 },
  })
  const view = services.profiles.saveTeam({
    name: member,
    dbUrl: `postgres://127.0.0.1:${cluster.port}/${DB}`,
    member,
    password: passwords[member]!,
  })
  services.profiles.activate(view.id)
  desks.set(member, services)
  return services
}

beforeAll(async () => {
  cluster = await startPostgresCluster()
  const admin = new pg.Client({ connectionString: cluster.url() })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${DB}`)
  await admin.end()
  owner = new pg.Client({ connectionString: cluster.url(DB) })
  owner.on('error', () => undefined)
  await owner.connect()
  await initTeam(owner)
  for (const [name, role] of [
    ['lena', 'lead'],
    ['ann', 'reviewer'],
    ['ben', 'reviewer'],
  ] as const) {
    passwords[name] = (await addMember(owner, { name, role })).password
    const client = new pg.Client({ connectionString: cluster.url(DB, name, passwords[name]) })
    // The last test stops the server under these connections; they are not used after it.
    client.on('error', () => undefined)
    await client.connect()
    clients.set(name, client)
  }
  x = await campaign('renewals', 3)
  y = await campaign('upsell', 1)
  const [x1, x2, x3] = x.calls as [number, number, number]
  const y1 = y.calls[0]!
  // x1's catalogue: the transcript the lead's click-through must show.
  await owner.query(
    `INSERT INTO team.transcript_line (call_id, ord, line_index, speaker, content, start_ms, end_ms, inferred)
     VALUES ($1, 0, 0, 'ai', '您好，这里是续费提醒', 0, 1500, false), ($1, 1, 1, 'customer', '好的', 1600, 2400, false)`,
    [x1],
  )
  await owner.query("INSERT INTO team.call_result (call_id, ord, name, value) VALUES ($1, 0, '意向', 'A')", [x1])
  // ann holds x1 and x2 (renewals) and y1 (upsell); ben took x3 and gave it back. ann finished
  // x1; her lease on x2 ran out an hour ago.
  expect(await claimBatch(as('ann'), 2, x.id)).toEqual([x1, x2])
  expect(await claimBatch(as('ben'), 1, x.id)).toEqual([x3])
  expect(await claimBatch(as('ann'), 1, y.id)).toEqual([y1])
  expect(await releaseCalls(as('ben'), [x3])).toEqual([x3])
  await owner.query(
    "UPDATE team.assignment SET state = 'done', closed_at = now() WHERE assignee = 'ann' AND call_id = $1",
    [x1],
  )
  await owner.query(
    "UPDATE team.assignment SET lease_until = now() - interval '1 hour' WHERE assignee = 'ann' AND call_id = $1",
    [x2],
  )
  await review('ann', x1, 'pass', [
    { name: '意向', robot: 'A', status: 'confirmed' },
    { name: '性别', robot: '男', status: 'corrected', corrected: '女' },
  ])
  await review('ann', y1, 'fail', [{ name: '意向', robot: 'A', status: 'corrected', corrected: 'B' }])
  await review('ben', x3, 'pass', [{ name: '意向', robot: '', status: 'missed', corrected: 'C' }], true)
  // A calibration session on x1 and x2: ann pass/fail, ben pass/pass.
  session = await createCalibration(as('lena'), {
    name: 'week 49',
    callIds: [x1, x2],
    participants: ['ann', 'ben'],
    due: new Date(Date.now() + 3600_000),
  })
  const grade = (verdict: 'pass' | 'fail', value: string) => ({
    verdict,
    tagChecks: [{ name: '意向', robotValue: 'A', status: 'corrected' as const, correctedValue: value }],
  })
  await submitCalibration(as('ann'), session, x1, grade('pass', 'B'))
  await submitCalibration(as('ann'), session, x2, grade('fail', 'B'))
  await submitCalibration(as('ben'), session, x1, grade('pass', 'B'))
  await submitCalibration(as('ben'), session, x2, grade('pass', 'C'))
  desk('lena')
  desk('ann')
}, TIMEOUT)

afterAll(async () => {
  for (const services of desks.values()) {
    await services.team.stop()
    services.workspace.close()
  }
  await Promise.all([...clients.values()].map((c) => c.end().catch(() => undefined)))
  await owner?.end()
  await cluster?.stop()
})

describe("the lead's page channels", () => {
  it('name the member and role, so the page and its nav entry show only for a lead', async () => {
    expect(await call('lena', 'teamReports.role')).toEqual({ member: 'lena', role: 'lead' })
    expect(await call('ann', 'teamReports.role')).toEqual({ member: 'ann', role: 'reviewer' })
  })

  it('give progress, overdue leases and tag accuracy as the server functions do, and as counted by hand', async () => {
    const progress = await call('lena', 'teamReports.progress')
    expect(progress).toEqual(await teamProgress(as('lena')))
    const zero = { open: 0, overdue: 0, done: 0, expired: 0, released: 0, reviewed: 0, offLease: 0 }
    expect(progress).toEqual([
      { member: 'ann', campaignId: x.id, campaign: 'renewals', ...zero, overdue: 1, done: 1, reviewed: 1 },
      { member: 'ann', campaignId: y.id, campaign: 'upsell', ...zero, open: 1, reviewed: 1 },
      { member: 'ben', campaignId: x.id, campaign: 'renewals', ...zero, released: 1, reviewed: 1, offLease: 1 },
    ])

    const overdue = await call('lena', 'teamReports.overdue')
    expect(overdue).toEqual(await overdueLeases(as('lena')))
    expect(overdue.map((o) => [o.assignee, o.callId])).toEqual([['ann', x.calls[1]]])
    expect(overdue[0]!.overdueSec).toBeGreaterThanOrEqual(3600)

    const all = await call('lena', 'teamReports.accuracy')
    expect(all).toEqual(await tagAccuracy(as('lena')))
    expect(all.map((r) => [r.name, r.checked, r.confirmed, r.corrected, r.missed])).toEqual([
      ['性别', 1, 0, 1, 0],
      ['意向', 3, 1, 1, 1],
    ])
    expect(all.find((r) => r.name === '意向')!.accuracy).toBeCloseTo(1 / 3, 10)
    const renewals = await call('lena', 'teamReports.accuracy', { campaign: x.id })
    expect(renewals).toEqual(await tagAccuracy(as('lena'), x.id))
    expect(renewals.find((r) => r.name === '意向')).toMatchObject({ checked: 2, confirmed: 1, missed: 1 })
  })

  it('list the campaigns and each session with its overall agreement', async () => {
    expect(await call('lena', 'teamReports.campaigns')).toEqual([
      { id: x.id, name: 'renewals' },
      { id: y.id, name: 'upsell' },
    ])
    const [listed, ...others] = await call('lena', 'teamReports.sessions')
    expect(others).toEqual([])
    const server = await calibrationAgreement(as('lena'), session)
    const overall = server.filter((r) => r.raterA === null)
    expect(listed).toMatchObject({ id: session, name: 'week 49', campaignId: x.id, calls: 2, participants: 2 })
    expect(listed!.revealedAt).toBeNull()
    // Two calls graded by both: verdicts agree on one of two; ann said pass half the time, ben always.
    expect(listed!.verdict).toEqual({ items: 2, percent: 0.5, kappa: 0 })
    const tag = overall.find((r) => r.measure === 'tag' && r.tagName === '意向')!
    expect(listed!.tags).toEqual([{ tagName: '意向', items: tag.items, percent: tag.percent, kappa: tag.kappa }])
    expect(listed!.tags[0]!.percent).toBe(0.5)
  })

  it("list a reviewer's calls and the calls behind a tag's corrections", async () => {
    const [x1, x2, x3] = x.calls as [number, number, number]
    const y1 = y.calls[0]!
    const ann = await call('lena', 'teamReports.calls', { reviewer: 'ann' })
    expect(ann.map((r) => [r.callId, r.state, r.overdue, r.verdict])).toEqual([
      [y1, 'open', false, 'fail'],
      [x2, 'open', true, null],
      [x1, 'done', false, 'pass'],
    ])
    expect(ann[0]).toMatchObject({ taskName: 'upsell task', campaign: 'upsell', startTime: '2026-12-01 10:05:00' })
    const annUpsell = await call('lena', 'teamReports.calls', { reviewer: 'ann', campaign: y.id })
    expect(annUpsell.map((r) => r.callId)).toEqual([y1])
    const ben = await call('lena', 'teamReports.calls', { reviewer: 'ben' })
    expect(ben.map((r) => [r.callId, r.state, r.verdict])).toEqual([[x3, 'released', 'pass']])

    const intent = await call('lena', 'teamReports.calls', { tagName: '意向' })
    expect(intent.map((r) => [r.callId, r.reviewer, r.robotValue, r.tagStatus, r.correctedValue])).toEqual([
      [y1, 'ann', 'A', 'corrected', 'B'],
      [x3, 'ben', '', 'missed', 'C'],
    ])
    const intentRenewals = await call('lena', 'teamReports.calls', { tagName: '意向', campaign: x.id })
    expect(intentRenewals.map((r) => r.callId)).toEqual([x3])
    // A confirmed tag is no correction; a calibration grade is no normal review.
    expect(await call('lena', 'teamReports.calls', { tagName: '性别', campaign: y.id })).toEqual([])
    expect((await call('lena', 'teamReports.calls', { tagName: '性别' })).map((r) => r.callId)).toEqual([x1])
  })

  it('open a call the lead does not hold into her replica, with its transcript, kept by the next pull', async () => {
    const x1 = x.calls[0]!
    await expect(call('lena', 'calls.get', { callInstanceId: x1 })).rejects.toThrow(/not_found/)
    expect(await call('lena', 'teamReports.openCall', { callId: x1 })).toEqual({ callId: x1 })
    const opened = await call('lena', 'calls.get', { callInstanceId: x1 })
    expect(opened.call.transcript.map((l) => l.content)).toEqual(['您好，这里是续费提醒', '好的'])
    expect(opened.call.results).toEqual([{ name: '意向', value: 'A', desc: null }])
    expect(opened.taskName).toBe('renewals task')
    const status = await call('lena', 'team.pull')
    // She still holds nothing; the opened call stays for as long as the connection is open.
    expect(status.heldCalls).toBe(0)
    expect((await call('lena', 'calls.get', { callInstanceId: x1 })).call.transcript).toHaveLength(2)
    expect(await refused('lena', 'teamReports.openCall', { callId: 999_999_999 })).toBe('not_found')
  })

  it('refuse a reviewer every report with team_not_lead', async () => {
    for (const name of [
      'teamReports.progress',
      'teamReports.overdue',
      'teamReports.accuracy',
      'teamReports.sessions',
      'teamReports.campaigns',
    ] as const) {
      expect(await refused('ann', name)).toBe('team_not_lead')
    }
    expect(await refused('ann', 'teamReports.calls', { reviewer: 'ben' })).toBe('team_not_lead')
    expect(await refused('ann', 'teamReports.openCall', { callId: x.calls[2]! })).toBe('team_not_lead')
  })

  it('say team_unreachable while the team database is down, and answer again once it is back', async () => {
    cluster.halt('immediate')
    try {
      expect(await refused('lena', 'teamReports.progress')).toBe('team_unreachable')
      expect(await refused('lena', 'teamReports.sessions')).toBe('team_unreachable')
    } finally {
      cluster.resume()
    }
    const deadline = Date.now() + 20_000
    let answer = await dispatch(routes, desks.get('lena')!, 'teamReports.progress', undefined)
    while (!answer.ok && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100))
      answer = await dispatch(routes, desks.get('lena')!, 'teamReports.progress', undefined)
    }
    expect(answer.ok).toBe(true)
  })
})
