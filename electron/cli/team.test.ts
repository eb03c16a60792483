// `cli team init` and `cli team add-member` end to end: real child processes against a real
// throwaway PostgreSQL cluster, and real login roles connecting with the printed passwords.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LATEST_VERSION } from '../services/team/team-schema'
import { runCli } from '../test-support/cli-harness'
import { queryAt, type PostgresCluster } from '../test-support/postgres-cluster'
import { emptyDatabase, teamCluster, type ClonedDatabase } from '../test-support/team-cluster'

const TIMEOUT = 60_000
let cluster: PostgresCluster
let team: ClonedDatabase
let db: string
/** Login roles are cluster-wide: `member('alice')` is this file's alice. */
const member = (name: string): string => team.member(name)

const query = queryAt

async function addMember(name: string, role: string, env: Record<string, string> = {}, extra: string[] = []) {
  return runCli(['team', 'add-member', '--db', db, '--name', name, '--role', role, ...extra], env)
}

beforeAll(async () => {
  cluster = await teamCluster()
  team = await emptyDatabase(cluster)
  db = team.url()
  const init = await runCli(['team', 'init', '--db', db])
  expect(init.stderr).toBe('')
  expect(init.code).toBe(0)
  expect(init.stdout).toContain(`migrated from schema version 0 to ${LATEST_VERSION}`)
}, TIMEOUT)

afterAll(async () => {
  await cluster?.stop()
})

describe('cli team init', () => {
  it('creates the team schema, its tables and the three group roles that cannot log in', async () => {
    const tables = await query<{ table_name: string }>(
      db,
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'team' ORDER BY table_name",
    )
    expect(tables.map((t) => t.table_name)).toEqual([
      'applied_op',
      'assignment',
      'audit',
      'calibration_item',
      'calibration_participant',
      'calibration_session',
      'call',
      'call_result',
      'campaign',
      'change_log',
      'claim_policy',
      'device',
      'member',
      'review',
      'review_comment',
      'schema_version',
      'tag_correction',
      'task',
      'transcript_line',
    ])
    const roles = await query<{ rolname: string; rolcanlogin: boolean }>(
      db,
      "SELECT rolname, rolcanlogin FROM pg_roles WHERE rolname IN ('reviewer', 'lead', 'sync_host') ORDER BY rolname",
    )
    expect(roles).toEqual([
      { rolname: 'lead', rolcanlogin: false },
      { rolname: 'reviewer', rolcanlogin: false },
      { rolname: 'sync_host', rolcanlogin: false },
    ])
    const rls = await query<{ relname: string; relrowsecurity: boolean }>(
      db,
      `SELECT relname, relrowsecurity FROM pg_class
        WHERE relnamespace = 'team'::regnamespace AND relkind = 'r' AND relname <> 'schema_version' ORDER BY relname`,
    )
    expect(rls.every((r) => r.relrowsecurity)).toBe(true)
    expect(rls).toHaveLength(tables.length - 1)
  })

  it(
    'run a second time changes nothing and says so',
    async () => {
      const before = await query(db, 'SELECT version, applied_at FROM team.schema_version ORDER BY version')
      const again = await runCli(['team', 'init', '--db', db])
      expect(again.code).toBe(0)
      expect(again.stdout).toContain(`already at schema version ${LATEST_VERSION}, nothing to do`)
      expect(again.stdout).not.toContain('group roles created')
      expect(await query(db, 'SELECT version, applied_at FROM team.schema_version ORDER BY version')).toEqual(before)
    },
    TIMEOUT,
  )

  it(
    'sets up a second database of the same cluster although the group roles already exist',
    async () => {
      const other = await runCli(['team', 'init', '--db', (await emptyDatabase(cluster)).url()])
      expect(other.stderr).toBe('')
      expect(other.code).toBe(0)
      expect(other.stdout).toContain(`migrated from schema version 0 to ${LATEST_VERSION}`)
      expect(other.stdout).not.toContain('group roles created')
    },
    TIMEOUT,
  )

  it(
    'names host and database but never the password when it cannot log in',
    async () => {
      const wrong = team.url('postgres', 'wrong-pass-8812')
      const result = await runCli(['team', 'init', '--db', wrong])
      expect(result.code).toBe(1)
      expect(result.stderr).toMatch(
        new RegExp(`^calllens: team: PostgreSQL at 127\\.0\\.0\\.1:${cluster.port}/${team.name}: `),
      )
      expect(result.stderr).toMatch(/password authentication failed/)
      expect(result.stdout + result.stderr).not.toContain('wrong-pass-8812')
    },
    TIMEOUT,
  )
})

describe('cli team add-member', () => {
  it(
    'creates a login role that connects with the printed password and is in its group',
    async () => {
      const alice = member('alice')
      const result = await addMember(alice, 'reviewer')
      expect(result.stderr).toBe('')
      expect(result.code).toBe(0)
      const lines = result.stdout.trim().split('\n')
      expect(lines).toHaveLength(1)
      const printed = JSON.parse(lines[0]!) as { name: string; role: string; password: string }
      expect(printed).toMatchObject({ name: alice, role: 'reviewer' })
      expect(printed.password.length).toBeGreaterThanOrEqual(24)

      const asAlice = team.url(alice, printed.password)
      const [me] = await query<{ user: string; reviewer: boolean; lead: boolean }>(
        asAlice,
        "SELECT current_user AS user, pg_has_role('reviewer', 'MEMBER') AS reviewer, pg_has_role('lead', 'MEMBER') AS lead",
      )
      expect(me).toEqual({ user: alice, reviewer: true, lead: false })
      // RLS: a reviewer sees their own member row only.
      await addMember(member('bob'), 'reviewer')
      expect(await query(asAlice, 'SELECT name, kind FROM team.member')).toEqual([{ name: alice, kind: 'reviewer' }])
    },
    TIMEOUT,
  )

  it(
    'gives a reviewer no way to write the catalogue: INSERT into team.call is denied',
    async () => {
      const added = await addMember(member('carol'), 'reviewer')
      const { password } = JSON.parse(added.stdout) as { password: string }
      const asCarol = team.url(member('carol'), password)
      await expect(query(asCarol, 'INSERT INTO team.call (call_id, call_job_id) VALUES (1, 1)')).rejects.toMatchObject({
        code: '42501',
        message: 'permission denied for table call',
      })
      await expect(query(asCarol, "INSERT INTO team.member (name, kind) VALUES ('x', 'lead')")).rejects.toMatchObject({
        code: '42501',
      })
    },
    TIMEOUT,
  )

  it(
    'lets the sync host publish a task and a call, which a lead sees and a reviewer does not',
    async () => {
      const host = JSON.parse((await addMember(member('publisher'), 'sync_host')).stdout) as { password: string }
      const lead = JSON.parse((await addMember(member('lena'), 'lead')).stdout) as { password: string }
      const reviewer = JSON.parse((await addMember(member('dave'), 'reviewer')).stdout) as { password: string }
      const asHost = team.url(member('publisher'), host.password)
      await query(asHost, "INSERT INTO team.task (call_job_id, name) VALUES (7, 'renewals')")
      await query(asHost, 'INSERT INTO team.call (call_id, call_job_id, duration_sec) VALUES (70, 7, 31)')
      expect(await query(team.url(member('lena'), lead.password), 'SELECT call_id FROM team.call')).toEqual([
        { call_id: '70' },
      ])
      expect(await query(team.url(member('dave'), reviewer.password), 'SELECT call_id FROM team.call')).toEqual([])
    },
    TIMEOUT,
  )

  it(
    'takes the password from --password-env and prints null in its place',
    async () => {
      const secret = 'correct horse battery staple'
      const erin = member('erin')
      const result = await addMember(erin, 'lead', { ERIN_PW: secret }, ['--password-env', 'ERIN_PW'])
      expect(result.code).toBe(0)
      expect(JSON.parse(result.stdout)).toEqual({ name: erin, role: 'lead', password: null })
      expect(result.stdout).not.toContain(secret)
      const [me] = await query<{ user: string }>(team.url(erin, secret), 'SELECT current_user AS user')
      expect(me!.user).toBe(erin)
      const frank = member('frank')
      const unset = await addMember(frank, 'lead', {}, ['--password-env', 'FRANK_PW'])
      expect(unset.code).toBe(2)
      expect(unset.stderr).toMatch(/FRANK_PW is not set/)
      const unicode = await addMember(frank, 'lead', { FRANK_PW: 'pässwörd-1234' }, ['--password-env', 'FRANK_PW'])
      expect(unicode.code).toBe(2)
      expect(unicode.stderr).toMatch(/printable ASCII/)
      const short = await addMember(frank, 'lead', { FRANK_PW: 'short' }, ['--password-env', 'FRANK_PW'])
      expect(short.code).toBe(2)
      expect(short.stderr).toMatch(/at least 8 characters/)
    },
    TIMEOUT,
  )

  it(
    'refuses a second member of the same name with exit 1 and leaves the first intact',
    async () => {
      const gina = member('gina')
      const first = JSON.parse((await addMember(gina, 'reviewer')).stdout) as { password: string }
      const second = 'second-try-secret-5521'
      const again = await addMember(gina, 'lead', { GINA_PW: second }, ['--password-env', 'GINA_PW'])
      expect(again.code).toBe(1)
      expect(again.stdout).toBe('')
      expect(again.stderr).toBe(`calllens: team: a role named "${gina}" already exists in this PostgreSQL cluster\n`)
      const [me] = await query<{ lead: boolean }>(
        team.url(gina, first.password),
        "SELECT pg_has_role('lead', 'MEMBER') AS lead",
      )
      expect(me!.lead).toBe(false)
      expect(await query(db, 'SELECT kind FROM team.member WHERE name = $1', [gina])).toEqual([{ kind: 'reviewer' }])
      // The server logs a failed statement: it must hold a SCRAM verifier, never the password.
      expect(cluster.serverLog()).toContain('already exists')
      expect(cluster.serverLog()).not.toContain(second)
      expect(cluster.serverLog()).not.toContain(first.password)
    },
    TIMEOUT,
  )

  it(
    'refuses a name with a quote or a space, a reserved name and an unknown role as usage errors, creating nothing',
    async () => {
      for (const name of ['o\'neil"; DROP ROLE lead; --', 'ann smith', 'Alice', 'pg_admin', 'lead']) {
        const result = await addMember(name, 'reviewer')
        expect(result.code, name).toBe(2)
        expect(result.stderr, name).toMatch(/^calllens: --name: .*; see --help\n$/)
      }
      const hank = member('hank')
      const role = await addMember(hank, 'admin')
      expect(role.code).toBe(2)
      expect(role.stderr).toMatch(/--role must be one of reviewer, lead, sync_host/)
      const roles = await query<{ n: number }>(
        db,
        "SELECT count(*)::int AS n FROM pg_roles WHERE rolname IN ('ann smith', 'Alice', 'pg_admin', $1) OR rolname LIKE 'o''neil%'",
        [hank],
      )
      expect(roles[0]!.n).toBe(0)
      expect(await query(db, "SELECT 1 FROM pg_roles WHERE rolname = 'lead'")).toHaveLength(1)
    },
    TIMEOUT,
  )

  it(
    'refuses to add a member to a database without the team schema',
    async () => {
      const empty = await emptyDatabase(cluster)
      const ivan = member('ivan')
      const result = await runCli(['team', 'add-member', '--db', empty.url(), '--name', ivan, '--role', 'reviewer'])
      expect(result.code).toBe(1)
      expect(result.stderr).toMatch(/no team schema: run `team init` first/)
      expect(await query(db, 'SELECT 1 FROM pg_roles WHERE rolname = $1', [ivan])).toHaveLength(0)
    },
    TIMEOUT,
  )

  it(
    'is listed in the CLI help and explains its options',
    async () => {
      const top = await runCli(['--help'])
      expect(top.stdout).toMatch(/^ {2}team {5}/m)
      const help = await runCli(['team', '--help'])
      expect(help.code).toBe(0)
      expect(help.stdout).toContain('--password-env VAR')
      expect(help.stdout).toContain('team calibration create --db URL --user LEAD')
      expect(help.stdout).toContain('team report progress|overdue|accuracy --db URL --user LEAD')
      const none = await runCli(['team'])
      expect(none.code).toBe(2)
      const badUrl = await runCli(['team', 'init', '--db', 'mysql://x@y/z'])
      expect(badUrl.code).toBe(2)
      expect(badUrl.stderr).toMatch(/--db must be a postgres:\/\//)
    },
    TIMEOUT,
  )
})
