// Blind calibration against a real throwaway PostgreSQL cluster with real login roles: grades
// hidden from peers until the lead reveals, frozen after, who may create/submit/reveal, and the
// server's agreement numbers against values worked out by hand; then `cli team calibration`.
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addMember, initTeam } from '../services/team/team-admin'
import {
  calibrationAgreement,
  createCalibration,
  revealCalibration,
  submitCalibration,
  type CalibrationGrade,
} from '../services/team/team-calibration'
import { runCli } from '../test-support/cli-harness'
import { startPostgresCluster, type PostgresCluster } from '../test-support/postgres-cluster'
import { idSequence, insertCampaign } from '../test-support/team-campaign'

const TIMEOUT = 60_000
const DAY = 24 * 3600 * 1000
let cluster: PostgresCluster
let owner: pg.Client
const passwords = new Map<string, string>()
const clients = new Map<string, pg.Client>()

/** One connection per member, as that member's own login role. */
function as(name: string): pg.Client {
  return clients.get(name)!
}

async function member(name: string, role: 'reviewer' | 'lead' | 'sync_host' = 'reviewer'): Promise<void> {
  passwords.set(name, (await addMember(owner, { name, role })).password)
  const client = new pg.Client({ connectionString: cluster.url('calibration', name, passwords.get(name)) })
  await client.connect()
  clients.set(name, client)
}

let campaigns = 0
const nextId = idSequence(5000)
/** `n` published calls in one task of a new campaign, written as the table owner. */
async function calls(n: number): Promise<number[]> {
  const { callIds } = await insertCampaign(owner, `campaign ${++campaigns}`, n, nextId, 'calibration task')
  return callIds
}

async function session(callIds: number[], participants: string[]): Promise<number> {
  return createCalibration(as('lena'), {
    name: 'week 49',
    callIds,
    participants,
    due: new Date(Date.now() + DAY),
  })
}

async function rows<T extends pg.QueryResultRow>(client: pg.Client, sql: string, params: unknown[] = []) {
  return (await client.query<T>(sql, params)).rows
}

const reviewsSeenBy = (name: string) =>
  rows<{ author: string; verdict: string; note: string }>(
    as(name),
    'SELECT author, verdict, note FROM team.review ORDER BY author',
  )
const tagChecksSeenBy = (name: string) =>
  rows<{ name: string; status: string }>(as(name), 'SELECT name, status FROM team.tag_correction ORDER BY name')

beforeAll(async () => {
  cluster = await startPostgresCluster()
  const admin = new pg.Client({ connectionString: cluster.url() })
  await admin.connect()
  await admin.query('CREATE DATABASE calibration')
  await admin.end()
  owner = new pg.Client({ connectionString: cluster.url('calibration') })
  await owner.connect()
  await initTeam(owner)
  await member('lena', 'lead')
  for (const name of ['ann', 'ben', 'cat', 'dora']) await member(name)
  await member('hoster', 'sync_host')
}, TIMEOUT)

afterAll(async () => {
  await Promise.all([...clients.values()].map((c) => c.end().catch(() => undefined)))
  await owner?.end()
  await cluster?.stop()
})

describe('blind calibration', () => {
  it(
    'hides a participant’s grade and tag checks from the others until the lead reveals, then shows and freezes them',
    async () => {
      const [first, second] = (await calls(2)) as [number, number]
      const id = await session([first, second], ['ann', 'ben'])
      const annGrade: CalibrationGrade = {
        verdict: 'fail',
        note: 'greeting skipped',
        tagChecks: [{ name: '意向', robotValue: 'A', status: 'corrected', correctedValue: 'B' }],
      }
      await submitCalibration(as('ann'), id, first, annGrade)

      // Ben, another participant, sees the session, its calls and his own assignments, no grade of Ann's.
      expect(await rows(as('ben'), 'SELECT id FROM team.calibration_session')).toEqual([{ id: String(id) }])
      expect(await rows(as('ben'), 'SELECT call_id FROM team.call ORDER BY call_id')).toEqual([
        { call_id: String(first) },
        { call_id: String(second) },
      ])
      expect(
        await rows(
          as('ben'),
          "SELECT count(*)::int AS n FROM team.assignment WHERE kind = 'calibration' AND state = 'open'",
        ),
      ).toEqual([{ n: 2 }])
      expect(await rows(as('ben'), 'SELECT member FROM team.calibration_participant')).toEqual([{ member: 'ben' }])
      expect(await reviewsSeenBy('ben')).toEqual([])
      expect(await tagChecksSeenBy('ben')).toEqual([])
      await expect(calibrationAgreement(as('ben'), id)).rejects.toMatchObject({
        code: '42501',
        message: `calibration_agreement: calibration session ${id} is not revealed yet`,
      })
      await submitCalibration(as('ben'), id, first, { verdict: 'pass' })
      expect(await reviewsSeenBy('ann')).toEqual([{ author: 'ann', verdict: 'fail', note: 'greeting skipped' }])
      // Dora takes no part: nothing of the session at all.
      for (const table of ['calibration_session', 'calibration_item', 'review', 'tag_correction', 'call']) {
        expect(await rows(as('dora'), `SELECT 1 FROM team.${table}`), table).toEqual([])
      }
      // The lead sees every grade at any time.
      expect((await reviewsSeenBy('lena')).map((r) => r.author)).toEqual(['ann', 'ben'])

      await expect(revealCalibration(as('ann'), id)).rejects.toMatchObject({
        code: '42501',
        message: 'permission denied for function reveal_calibration',
      })
      const revealedAt = await revealCalibration(as('lena'), id)
      expect(await reviewsSeenBy('ben')).toEqual([
        { author: 'ann', verdict: 'fail', note: 'greeting skipped' },
        { author: 'ben', verdict: 'pass', note: '' },
      ])
      expect(await tagChecksSeenBy('ben')).toEqual([{ name: '意向', status: 'corrected' }])
      expect(await reviewsSeenBy('dora')).toEqual([])
      const frozen = await rows<{ n: number }>(
        owner,
        'SELECT count(*)::int AS n FROM team.review WHERE session_id = $1 AND frozen_at IS NOT NULL',
        [id],
      )
      expect(frozen).toEqual([{ n: 2 }])

      await expect(submitCalibration(as('ann'), id, first, { verdict: 'pass' })).rejects.toMatchObject({
        code: '55000',
        message: `submit_calibration: calibration session ${id} was revealed: its grades are frozen`,
      })
      await expect(submitCalibration(as('ann'), id, second, { verdict: 'pass' })).rejects.toMatchObject({
        code: '55000',
      })
      expect(await reviewsSeenBy('ann')).toEqual(await reviewsSeenBy('ben'))
      expect((await reviewsSeenBy('ann'))[0]!.verdict).toBe('fail')
      // The calibration assignments are done, yet the participants still read the calls to compare.
      expect(await rows(as('ben'), "SELECT state FROM team.assignment WHERE kind = 'calibration'")).toEqual([
        { state: 'done' },
        { state: 'done' },
      ])
      expect(await rows(as('ben'), 'SELECT count(*)::int AS n FROM team.call')).toEqual([{ n: 2 }])
      expect(await revealCalibration(as('lena'), id)).toBe(revealedAt)
    },
    TIMEOUT,
  )

  it(
    'makes a reveal wait for a grade being written, which then ends frozen with the rest',
    async () => {
      const [call] = (await calls(1)) as [number]
      const id = await session([call], ['ann', 'ben'])
      const { rows: made } = await owner.query<{ campaign_id: string | null }>(
        'SELECT s.campaign_id FROM team.calibration_session s WHERE s.id = $1',
        [id],
      )
      const { rows: ofCall } = await owner.query<{ campaign_id: string }>(
        'SELECT t.campaign_id FROM team.call c JOIN team.task t USING (call_job_id) WHERE c.call_id = $1',
        [call],
      )
      expect(made).toEqual(ofCall)
      await as('ann').query('BEGIN')
      await submitCalibration(as('ann'), id, call, { verdict: 'pass' })
      const reveal = revealCalibration(as('lena'), id)
      const deadline = Date.now() + 10_000
      for (;;) {
        const { rows: waiting } = await owner.query(
          "SELECT 1 FROM pg_stat_activity WHERE usename = 'lena' AND wait_event_type = 'Lock'",
        )
        if (waiting.length > 0) break
        if (Date.now() > deadline) throw new Error('the reveal never waited for the grade being written')
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
      await as('ann').query('COMMIT')
      await reveal
      expect(
        await rows(owner, 'SELECT author, frozen_at IS NOT NULL AS frozen FROM team.review WHERE session_id = $1', [
          id,
        ]),
      ).toEqual([{ author: 'ann', frozen: true }])
    },
    TIMEOUT,
  )

  it(
    'refuses grades from non-participants, for calls outside the session and malformed ones, changing nothing',
    async () => {
      const [inside, outside] = (await calls(2)) as [number, number]
      const id = await session([inside], ['ann', 'cat'])
      await expect(submitCalibration(as('dora'), id, inside, { verdict: 'pass' })).rejects.toMatchObject({
        code: '42501',
        message: `submit_calibration: dora is not a participant of calibration session ${id}`,
      })
      await expect(submitCalibration(as('hoster'), id, inside, { verdict: 'pass' })).rejects.toMatchObject({
        code: '42501',
        message: 'permission denied for function submit_calibration',
      })
      await expect(submitCalibration(as('ann'), id, outside, { verdict: 'pass' })).rejects.toMatchObject({
        code: '22023',
        message: `submit_calibration: call ${outside} is not in calibration session ${id}`,
      })
      await expect(submitCalibration(as('ann'), 999_999, inside, { verdict: 'pass' })).rejects.toMatchObject({
        code: '22023',
        message: 'submit_calibration: there is no calibration session 999999',
      })
      // Past the client's own checks, straight to the server.
      const raw = (grade: unknown) =>
        as('ann').query('SELECT team.submit_calibration($1, $2, $3::jsonb)', [id, inside, JSON.stringify(grade)])
      const refusals: [unknown, string][] = [
        [{ verdict: 'maybe' }, 'submit_calibration: verdict must be pass, fail or follow_up'],
        [{ verdict: 'pass', score: 'high' }, 'submit_calibration: score must be a number from 0 to 100, or null'],
        [{ verdict: 'pass', score: 101 }, 'submit_calibration: score must be a number from 0 to 100, or null'],
        [{ verdict: 'pass', mood: 'ok' }, 'submit_calibration: unknown grade field mood'],
        [
          {
            verdict: 'pass',
            tagChecks: [{ name: '意向', robotValue: 'A', status: 'corrected', correctedValue: null }],
          },
          'submit_calibration: tagChecks[0]: a corrected or missed tag needs its correctedValue',
        ],
        [
          { verdict: 'pass', tagChecks: [{ name: '意向', robotValue: 'A', status: 'missed', correctedValue: 'B' }] },
          'submit_calibration: tagChecks[0]: a tag the robot missed has no robotValue',
        ],
        [{ verdict: 'pass', tagChecks: ['意向'] }, 'submit_calibration: tagChecks[0] must be an object'],
      ]
      for (const [grade, message] of refusals) {
        await expect(raw(grade), message).rejects.toMatchObject({ code: '22023', message })
      }
      expect(await rows(owner, 'SELECT 1 FROM team.review WHERE session_id = $1', [id])).toEqual([])

      // A new grade replaces the old one whole; a check left out stays as removed, under a later clock.
      await submitCalibration(as('ann'), id, inside, {
        verdict: 'pass',
        score: 90,
        note: 'fine',
        tagChecks: [
          { name: '意向', robotValue: 'A', status: 'confirmed', correctedValue: null },
          { name: '性别', robotValue: '男', status: 'confirmed', correctedValue: null },
        ],
      })
      const before = await rows<{ clocks: Record<string, string> }>(
        owner,
        'SELECT clocks FROM team.review WHERE session_id = $1',
        [id],
      )
      await submitCalibration(as('ann'), id, inside, {
        verdict: 'follow_up',
        tagChecks: [{ name: '意向', robotValue: 'A', status: 'corrected', correctedValue: 'C' }],
      })
      const [after] = await rows<{
        verdict: string
        score: number | null
        note: string
        clocks: Record<string, string>
      }>(owner, 'SELECT verdict, score, note, clocks FROM team.review WHERE session_id = $1', [id])
      expect(after).toMatchObject({ verdict: 'follow_up', score: null, note: '' })
      expect(after!.clocks.verdict! > before[0]!.clocks.verdict!).toBe(true)
      expect(after!.clocks.verdict).toMatch(/^\d{15}-\d{6}-server$/)
      expect(
        await rows(
          owner,
          `SELECT t.name, t.status, t.corrected_value, t.removed FROM team.tag_correction t
             JOIN team.review r ON r.id = t.review_id WHERE r.session_id = $1 ORDER BY t.name`,
          [id],
        ),
      ).toEqual([
        { name: '性别', status: 'confirmed', corrected_value: null, removed: true },
        { name: '意向', status: 'corrected', corrected_value: 'C', removed: false },
      ])
    },
    TIMEOUT,
  )

  it(
    'lets only a lead open a session, and checks its calls, participants and due time',
    async () => {
      const [call] = (await calls(1)) as [number]
      const due = new Date(Date.now() + DAY)
      await expect(
        createCalibration(as('ann'), { name: 'mine', callIds: [call], participants: ['ann', 'ben'], due }),
      ).rejects.toMatchObject({ code: '42501', message: 'permission denied for function create_calibration' })
      const raw = (callIds: number[], participants: string[], at: Date) =>
        as('lena').query('SELECT team.create_calibration($1, $2::bigint[], $3::text[], $4)', [
          's',
          callIds,
          participants,
          at,
        ])
      const refusals: [() => Promise<unknown>, string][] = [
        [() => raw([call, 424242], ['ann', 'ben'], due), 'create_calibration: no published call 424242'],
        [
          () => raw([call], ['ann', 'ann'], due),
          'create_calibration: a session needs 2–100 distinct participants, got 1',
        ],
        [
          () => raw([call], ['ann', 'hoster', 'zed'], due),
          'create_calibration: not a reviewer or lead of this team: hoster, zed',
        ],
        [() => raw([], ['ann', 'ben'], due), 'create_calibration: give 1–1000 call ids, none null'],
      ]
      for (const [attempt, message] of refusals) {
        await expect(attempt(), message).rejects.toMatchObject({ code: '22023', message })
      }
      await expect(raw([call], ['ann', 'ben'], new Date(Date.now() - 1000))).rejects.toMatchObject({
        code: '22023',
        message: expect.stringMatching(/^create_calibration: the due time must be in the future/),
      })
      await expect(
        as('ann').query("INSERT INTO team.calibration_session (name, created_by, due_at) VALUES ('x', 'ann', now())"),
      ).rejects.toMatchObject({ code: '42501' })
      expect(await rows(owner, 'SELECT 1 FROM team.calibration_item WHERE call_id = $1', [call])).toEqual([])
    },
    TIMEOUT,
  )
})

describe('calibration agreement', () => {
  it(
    'gives two raters the textbook percent agreement 0.70 and Cohen’s kappa 0.40 (20/5/10/15 of 50)',
    async () => {
      const ids = await calls(50)
      const id = await session(ids, ['ann', 'ben'])
      // Both pass 20, only Ann passes 5, only Ben passes 10, both fail 15: po 0.7, pe 0.5·0.6 + 0.5·0.4 = 0.5.
      const cells: ['pass' | 'fail', 'pass' | 'fail', number][] = [
        ['pass', 'pass', 20],
        ['pass', 'fail', 5],
        ['fail', 'pass', 10],
        ['fail', 'fail', 15],
      ]
      let at = 0
      for (const [ann, ben, count] of cells) {
        for (let i = 0; i < count; i++, at++) {
          await submitCalibration(as('ann'), id, ids[at]!, { verdict: ann })
          await submitCalibration(as('ben'), id, ids[at]!, { verdict: ben })
        }
      }
      const expected = { measure: 'verdict', tagName: null, items: 50 }
      const agreement = await calibrationAgreement(as('lena'), id)
      expect(agreement).toHaveLength(2)
      expect(agreement[0]).toMatchObject({ ...expected, raterA: null, raterB: null, agreeing: null })
      expect(agreement[1]).toMatchObject({ ...expected, raterA: 'ann', raterB: 'ben', agreeing: 35 })
      for (const row of agreement) {
        expect(row.percent).toBeCloseTo(0.7, 12)
        expect(row.kappa).toBeCloseTo(0.4, 12)
      }
      await revealCalibration(as('lena'), id)
      expect(await calibrationAgreement(as('ann'), id)).toEqual(agreement)
      await expect(calibrationAgreement(as('dora'), id)).rejects.toMatchObject({
        code: '42501',
        message: `calibration_agreement: dora is not a participant of calibration session ${id}`,
      })
    },
    TIMEOUT,
  )

  it(
    'takes three raters pair by pair (Light’s kappa as their mean) and compares tags on the value each settled on',
    async () => {
      const ids = (await calls(4)) as [number, number, number, number]
      const id = await session(ids, ['ann', 'ben', 'cat'])
      const verdicts = {
        ann: ['pass', 'pass', 'fail', 'fail'],
        ben: ['pass', 'fail', 'fail', 'fail'],
        cat: ['pass', 'pass', 'fail', 'follow_up'],
      } as const
      const confirmed = (robotValue: string) => ({
        name: '意向',
        robotValue,
        status: 'confirmed' as const,
        correctedValue: null,
      })
      const corrected = (robotValue: string, value: string) => ({
        name: '意向',
        robotValue,
        status: 'corrected' as const,
        correctedValue: value,
      })
      // 意向 settled on: call 1 — ann A, ben B, cat A; call 2 — ann C, ben B, cat unchecked.
      const checks = {
        ann: [[confirmed('A')], [corrected('B', 'C')], [], []],
        ben: [[corrected('A', 'B')], [confirmed('B')], [], []],
        cat: [[confirmed('A')], [], [], []],
      }
      // Ben first also checked 性别 on call 1, then left it out: a removed check does not count.
      await submitCalibration(as('ben'), id, ids[0], {
        verdict: 'pass',
        tagChecks: [{ name: '性别', robotValue: '女', status: 'confirmed', correctedValue: null }],
      })
      for (const rater of ['ann', 'ben', 'cat'] as const) {
        for (let i = 0; i < 4; i++) {
          await submitCalibration(as(rater), id, ids[i]!, { verdict: verdicts[rater][i]!, tagChecks: checks[rater][i] })
        }
      }
      const agreement = await calibrationAgreement(as('lena'), id)
      const simple = agreement.map((r) => [r.measure, r.tagName, r.raterA, r.raterB, r.items, r.agreeing])
      expect(simple).toEqual([
        ['verdict', null, null, null, 4, null],
        ['verdict', null, 'ann', 'ben', 4, 3],
        ['verdict', null, 'ann', 'cat', 4, 3],
        ['verdict', null, 'ben', 'cat', 4, 2],
        ['tag', '意向', null, null, 2, null],
        ['tag', '意向', 'ann', 'ben', 2, 0],
        ['tag', '意向', 'ann', 'cat', 1, 1],
        ['tag', '意向', 'ben', 'cat', 1, 0],
      ])
      // By hand: ann–ben pe = ½·¼ + ½·¾ = ½, κ = (¾ − ½)/½ = ½; ann–cat pe = ½·½ + ½·¼ = 3/8,
      // κ = (¾ − 3/8)/(5/8) = 3/5; ben–cat pe = ¼·½ + ¾·¼ = 5/16, κ = (½ − 5/16)/(11/16) = 3/11.
      // 意向: ann–ben A,C vs B,B pe = 0, κ = 0; ann–cat A vs A pe = 1, κ undefined; ben–cat B vs A, κ = 0.
      const numbers = agreement.map((r) => [r.percent, r.kappa])
      const expected = [
        [(3 / 4 + 3 / 4 + 1 / 2) / 3, (1 / 2 + 3 / 5 + 3 / 11) / 3],
        [3 / 4, 1 / 2],
        [3 / 4, 3 / 5],
        [1 / 2, 3 / 11],
        [1 / 3, 0],
        [0, 0],
        [1, null],
        [0, 0],
      ]
      expect(numbers).toHaveLength(expected.length)
      numbers.forEach(([percent, kappa], i) => {
        expect(percent, `row ${i} percent`).toBeCloseTo(expected[i]![0]!, 12)
        if (expected[i]![1] === null) expect(kappa, `row ${i} kappa`).toBeNull()
        else expect(kappa, `row ${i} kappa`).toBeCloseTo(expected[i]![1]!, 12)
      })
    },
    TIMEOUT,
  )
})

describe('cli team calibration', () => {
  it(
    'creates, submits, reveals and reports agreement as JSON, and exits 1 when the server refuses',
    async () => {
      const ids = (await calls(2)) as [number, number]
      const db = cluster.url('calibration')
      const env = (name: string) => ({ CALLLENS_DB_PASSWORD: passwords.get(name)! })
      const base = (name: string) => ['--db', db, '--user', name]
      const due = new Date(Date.now() + DAY).toISOString()
      const created = await runCli(
        [
          'team',
          'calibration',
          'create',
          ...base('lena'),
          '--name',
          'cli week',
          '--call',
          String(ids[0]),
          '--call',
          String(ids[1]),
          '--participant',
          'ann',
          '--participant',
          'ben',
          '--due',
          due,
        ],
        env('lena'),
      )
      expect(created.stderr).toBe('')
      expect(created.code).toBe(0)
      const { session } = JSON.parse(created.stdout) as { session: number }
      const checks = JSON.stringify([{ name: '意向', robotValue: 'A', status: 'corrected', correctedValue: 'B' }])
      const submitted = await runCli(
        [
          'team',
          'calibration',
          'submit',
          ...base('ann'),
          '--session',
          String(session),
          '--call',
          String(ids[0]),
          '--verdict',
          'follow-up',
          '--score',
          '75',
          '--note',
          'asked twice',
          '--tag-checks',
          checks,
        ],
        env('ann'),
      )
      expect(submitted.stderr).toBe('')
      expect(JSON.parse(submitted.stdout)).toMatchObject({
        session,
        callId: ids[0],
        author: 'ann',
        verdict: 'follow_up',
        score: 75,
        note: 'asked twice',
        tagChecks: [{ name: '意向', robotValue: 'A', status: 'corrected', correctedValue: 'B' }],
        frozenAt: null,
      })
      const early = await runCli(
        ['team', 'calibration', 'agreement', ...base('ben'), '--session', String(session)],
        env('ben'),
      )
      expect(early.code).toBe(1)
      expect(early.stderr).toMatch(/calibration_agreement: calibration session \d+ is not revealed yet/)
      const badVerdict = await runCli(
        [
          'team',
          'calibration',
          'submit',
          ...base('ben'),
          '--session',
          String(session),
          '--call',
          String(ids[0]),
          '--verdict',
          'maybe',
        ],
        env('ben'),
      )
      expect(badVerdict.code).toBe(2)
      expect(badVerdict.stderr).toMatch(/--verdict must be pass, fail or follow-up, got "maybe"/)
      const badCheck = await runCli(
        [
          'team',
          'calibration',
          'submit',
          ...base('ben'),
          '--session',
          String(session),
          '--call',
          String(ids[0]),
          '--verdict',
          'pass',
          '--tag-checks',
          JSON.stringify([{ name: '意向', robotValue: 'A', status: 'corrected', correctedValue: null }]),
        ],
        env('ben'),
      )
      expect(badCheck.code).toBe(2)
      expect(badCheck.stderr).toMatch(/--tag-checks \[0\]\.correctedValue: a corrected or missed tag needs its value/)
      await runCli(
        [
          'team',
          'calibration',
          'submit',
          ...base('ben'),
          '--session',
          String(session),
          '--call',
          String(ids[0]),
          '--verdict',
          'pass',
        ],
        env('ben'),
      )
      const notLead = await runCli(
        ['team', 'calibration', 'reveal', ...base('ann'), '--session', String(session)],
        env('ann'),
      )
      expect(notLead.code).toBe(1)
      expect(notLead.stderr).toMatch(/permission denied for function reveal_calibration/)
      const revealed = await runCli(
        ['team', 'calibration', 'reveal', ...base('lena'), '--session', String(session)],
        env('lena'),
      )
      expect(revealed.code).toBe(0)
      expect(JSON.parse(revealed.stdout)).toEqual({ session, revealedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) })
      const agreement = await runCli(
        ['team', 'calibration', 'agreement', ...base('ben'), '--session', String(session)],
        env('ben'),
      )
      expect(agreement.code).toBe(0)
      expect(JSON.parse(agreement.stdout)).toEqual([
        {
          measure: 'verdict',
          tagName: null,
          raterA: null,
          raterB: null,
          items: 1,
          agreeing: null,
          percent: 0,
          kappa: 0,
        },
        {
          measure: 'verdict',
          tagName: null,
          raterA: 'ann',
          raterB: 'ben',
          items: 1,
          agreeing: 0,
          percent: 0,
          kappa: 0,
        },
      ])
    },
    TIMEOUT,
  )
})
