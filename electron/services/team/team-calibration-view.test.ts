// The calibration pages' reads and writes against a real PostgreSQL cluster with real login roles:
// what a participant's session page gets before and after the reveal (the server decides), and
// the server's refusals as the codes the renderer translates.
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AppFailure } from '../../shared/contract'
import { startPostgresCluster, type PostgresCluster } from '../../test-support/postgres-cluster'
import { addMember, initTeam } from './team-admin'
import { calibrationAgreement } from './team-calibration'
import { createSession, listCalibrations, readCalibration, revealSession, submitGrade } from './team-calibration-view'

const TIMEOUT = 60_000
const DAY = 24 * 3600 * 1000
let cluster: PostgresCluster
let owner: pg.Client
const clients = new Map<string, pg.Client>()
const as = (name: string) => clients.get(name)!

async function member(name: string, role: 'reviewer' | 'lead'): Promise<void> {
  const { password } = await addMember(owner, { name, role })
  const client = new pg.Client({ connectionString: cluster.url('calibration_view', name, password) })
  await client.connect()
  clients.set(name, client)
}

let nextId = 7000
/** Published calls with one robot tag each, written as the table owner. */
async function calls(n: number): Promise<number[]> {
  const { rows } = await owner.query<{ id: string }>('INSERT INTO team.campaign (name) VALUES ($1) RETURNING id', [
    `campaign ${nextId}`,
  ])
  const task = nextId++
  await owner.query('INSERT INTO team.task (call_job_id, campaign_id, name) VALUES ($1, $2, $3)', [
    task,
    rows[0]!.id,
    't',
  ])
  const ids = Array.from({ length: n }, () => nextId++)
  await owner.query('INSERT INTO team.call (call_id, call_job_id) SELECT unnest($1::bigint[]), $2', [ids, task])
  await owner.query(
    "INSERT INTO team.call_result (call_id, ord, name, value) SELECT unnest($1::bigint[]), 0, '意向', 'A'",
    [ids],
  )
  return ids
}

async function refusal(action: Promise<unknown>): Promise<string> {
  const error = await action.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(AppFailure)
  return (error as AppFailure).code
}

beforeAll(async () => {
  cluster = await startPostgresCluster()
  const admin = new pg.Client({ connectionString: cluster.url() })
  await admin.connect()
  await admin.query('CREATE DATABASE calibration_view')
  await admin.end()
  owner = new pg.Client({ connectionString: cluster.url('calibration_view') })
  await owner.connect()
  await initTeam(owner)
  await member('lena', 'lead')
  for (const name of ['ann', 'ben', 'dora']) await member(name, 'reviewer')
}, TIMEOUT)

afterAll(async () => {
  await Promise.all([...clients.values()].map((c) => c.end().catch(() => undefined)))
  await owner?.end()
  await cluster?.stop()
})

describe('the calibration pages', () => {
  it(
    'a participant sees only their own grade until the reveal, then everyone’s and the server’s agreement',
    async () => {
      const [first, second] = (await calls(2)) as [number, number]
      const due = new Date(Date.now() + DAY).toISOString()
      const { sessionId } = await createSession(as('lena'), {
        name: 'week 49',
        callIds: [second, first],
        participants: ['ann', 'ben'],
        due,
      })
      const annGrade = await submitGrade(as('ann'), sessionId, first, {
        verdict: 'fail',
        score: 40,
        note: 'greeting skipped',
        tagChecks: [{ name: '意向', robotValue: 'A', status: 'corrected', correctedValue: 'B' }],
      })
      expect(annGrade).toMatchObject({ callId: first, author: 'ann', verdict: 'fail', score: 40 })
      await submitGrade(as('ben'), sessionId, first, {
        verdict: 'pass',
        tagChecks: [{ name: '意向', robotValue: 'A', status: 'confirmed', correctedValue: null }],
      })

      const annList = await listCalibrations(as('ann'))
      expect(annList.lead).toBe(false)
      expect(annList.sessions).toEqual([
        expect.objectContaining({ id: sessionId, calls: 2, ownGrades: 1, participants: ['ann'], participating: true }),
      ])
      expect((await listCalibrations(as('lena'))).sessions[0]).toMatchObject({
        participants: ['ann', 'ben'],
        participating: false,
      })

      const blind = await readCalibration(as('ben'), sessionId)
      expect(blind.calls.map((c) => [c.callId, c.results.map((r) => `${r.name}=${r.value}`)])).toEqual([
        [first, ['意向=A']],
        [second, ['意向=A']],
      ])
      expect(blind.grades.map((g) => g.author)).toEqual(['ben'])
      expect(blind.agreement).toBeNull()
      // The lead sees every grade and the agreement before the reveal.
      expect((await readCalibration(as('lena'), sessionId)).grades.map((g) => g.author)).toEqual(['ann', 'ben'])

      await revealSession(as('lena'), sessionId)
      const open = await readCalibration(as('ben'), sessionId)
      expect(open.session.revealedAt).not.toBeNull()
      expect(open.grades.map((g) => [g.author, g.verdict, g.tagChecks.map((c) => c.status)])).toEqual([
        ['ann', 'fail', ['corrected']],
        ['ben', 'pass', ['confirmed']],
      ])
      expect(open.agreement).toEqual(await calibrationAgreement(as('lena'), sessionId))
      expect(open.agreement!.find((r) => r.measure === 'verdict' && r.raterA === null)).toMatchObject({
        items: 1,
        percent: 0,
      })
    },
    TIMEOUT,
  )

  it(
    'refusals come back as codes: not a lead, not a participant, already revealed (the stored grade unchanged)',
    async () => {
      const [call] = (await calls(1)) as [number]
      const due = new Date(Date.now() + DAY).toISOString()
      const input = { name: 'week 50', callIds: [call], participants: ['ann', 'ben'], due }
      expect(await refusal(createSession(as('ann'), input))).toBe('calibration_not_lead')
      expect(await refusal(createSession(as('lena'), { ...input, participants: ['ann', 'nobody'] }))).toBe(
        'invalid_input',
      )
      const { sessionId } = await createSession(as('lena'), input)
      expect(await refusal(revealSession(as('ann'), sessionId))).toBe('calibration_not_lead')
      expect(await refusal(submitGrade(as('dora'), sessionId, call, { verdict: 'pass' }))).toBe(
        'calibration_not_participant',
      )
      expect(await refusal(readCalibration(as('dora'), sessionId))).toBe('not_found')

      await submitGrade(as('ann'), sessionId, call, { verdict: 'pass', note: 'kept' })
      await revealSession(as('lena'), sessionId)
      expect(await refusal(submitGrade(as('ann'), sessionId, call, { verdict: 'fail' }))).toBe('calibration_revealed')
      const after = await readCalibration(as('ann'), sessionId)
      expect(after.grades.map((g) => [g.author, g.verdict, g.note])).toEqual([['ann', 'pass', 'kept']])
    },
    TIMEOUT,
  )
})
