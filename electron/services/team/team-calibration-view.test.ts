// The calibration pages' reads and writes against a real PostgreSQL cluster with real login roles:
// what a participant's session page gets before and after the reveal (the server decides), and
// the server's refusals as the codes the renderer translates.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AppFailure } from '../../shared/contract'
import { createNodeServices } from '../create-node-services'
import type { Services } from '../services'
import { startPostgresCluster, type PostgresCluster } from '../../test-support/postgres-cluster'
import { addMember, initTeam } from './team-admin'
import { calibrationAgreement } from './team-calibration'
import { createSession, listCalibrations, readCalibration, revealSession, submitGrade } from './team-calibration-view'
import { idSequence, insertCampaign } from '../../test-support/team-campaign'

const TIMEOUT = 60_000
const DAY = 24 * 3600 * 1000
let cluster: PostgresCluster
let owner: pg.Client
const clients = new Map<string, pg.Client>()
const passwords = new Map<string, string>()
let services: Services | null = null
const as = (name: string) => clients.get(name)!

async function member(name: string, role: 'reviewer' | 'lead'): Promise<void> {
  const { password } = await addMember(owner, { name, role })
  passwords.set(name, password)
  const client = new pg.Client({ connectionString: cluster.url('calibration_view', name, password) })
  await client.connect()
  clients.set(name, client)
}

let campaigns = 0
const nextId = idSequence(7000)
/** Published calls with one robot tag each, written as the table owner. */
async function calls(n: number): Promise<number[]> {
  const { callIds: ids } = await insertCampaign(owner, `campaign ${++campaigns}`, n, nextId, 't')
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
  await services?.team.stop()
  services?.workspace.close()
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
      expect(await refusal(createSession(as('ann'), input))).toBe('team_not_lead')
      expect(await refusal(createSession(as('lena'), { ...input, participants: ['ann', 'nobody'] }))).toBe(
        'invalid_input',
      )
      const { sessionId } = await createSession(as('lena'), input)
      expect(await refusal(revealSession(as('ann'), sessionId))).toBe('team_not_lead')
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

  it(
    'a read the server cuts off (its backend terminated) fails as team_unreachable and the app process stays up',
    async () => {
      services = createNodeServices({
        dataDir: mkdtempSync(join(tmpdir(), 'calllens-calibration-view-')),
        version: '0.0.0-test',
        appRoot: join(import.meta.dirname, '../../..'),
        env: {},
        team: { probeEveryMs: 50, connectTimeoutMs: 2000 },
      })
      const view = services.profiles.saveTeam({
        name: 'team',
        dbUrl: `postgres://127.0.0.1:${cluster.port}/calibration_view`,
        member: 'ben',
        password: passwords.get('ben')!,
      })
      services.profiles.activate(view.id)
      const connection = services.team.require()
      // A checked-out client whose link dies emits 'error'; unheard, that would end the process.
      // The shape of every snapshot read here (a session page, a pull): BEGIN … ROLLBACK on failure.
      const slow = connection.withMember(async (db) => {
        await db.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
        try {
          return await db.query("SELECT pg_sleep(30), 'calibration-cut-off'")
        } catch (error) {
          await db.query('ROLLBACK').catch(() => undefined)
          throw error
        }
      })
      // Its failure may land before the loop below hears back from pg_terminate_backend: handled from
      // now on (a rejection nobody holds yet is an unhandled error), and still checked after the loop.
      slow.catch(() => undefined)
      const deadline = Date.now() + 10_000
      for (;;) {
        const { rows } = await owner.query(
          "SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity WHERE query LIKE '%''calibration-cut-off''%' AND pid <> pg_backend_pid()",
        )
        if (rows.length > 0) break
        if (Date.now() > deadline) throw new Error('the slow read never reached the server')
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
      await expect(slow).rejects.toMatchObject({ code: 'team_unreachable' })
      // The connection keeps working: the next read gets a fresh client.
      expect((await connection.withMember((db) => listCalibrations(db))).lead).toBe(false)
    },
    TIMEOUT,
  )
})
