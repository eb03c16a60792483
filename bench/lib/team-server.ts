// The team bench's server: a throwaway PostgreSQL cluster with the team schema, one campaign
// of generated calls, and reviewer members each on their own connection — as many desktops.
import pg from 'pg'
import { addMember, initTeam } from '../../electron/services/team/team-admin'
import { queryAt, startPostgresCluster, type PostgresCluster } from '../../electron/test-support/postgres-cluster'

export interface TeamServer {
  cluster: PostgresCluster
  /** The table owner's connection (publishes the campaign, reads the truth). */
  owner: pg.Client
  url(user?: string, password?: string): string
  /** Whether `team.apply_ops` and `team.pull_changes` exist (a later schema version adds them). */
  hasSyncFunctions: boolean
  /** A connection as a member, closed by close(). */
  connect(member: string, password: string): Promise<pg.Client>
  close(): Promise<void>
}

export interface Desktop {
  member: string
  password: string
  client: pg.Client
}

const DATABASE = 'team_bench'

export async function startTeamServer(): Promise<TeamServer> {
  const cluster = await startPostgresCluster()
  await queryAt(cluster.url(), `CREATE DATABASE ${DATABASE}`)
  const owner = new pg.Client({ connectionString: cluster.url(DATABASE) })
  await owner.connect()
  await initTeam(owner)
  const { rows } = await owner.query<{ ok: boolean }>(
    `SELECT to_regprocedure('team.apply_ops(text, jsonb)') IS NOT NULL
        AND to_regprocedure('team.pull_changes(xid8, bigint, integer)') IS NOT NULL AS ok`,
  )
  const opened: pg.Client[] = []
  const url = (user?: string, password?: string) => cluster.url(DATABASE, user, password)
  return {
    cluster,
    owner,
    url,
    hasSyncFunctions: rows[0]!.ok,
    async connect(member, password) {
      const client = new pg.Client({ connectionString: url(member, password) })
      opened.push(client)
      await client.connect()
      return client
    },
    async close() {
      await Promise.all(opened.map((client) => client.end().catch(() => undefined)))
      await owner.end().catch(() => undefined)
      await cluster.stop()
    },
  }
}

/**
 * A campaign of `calls` calls in one task, written as the table owner in one statement (the
 * publish path has its own tests; here the claims are measured, not the publish).
 */
export async function publishCampaign(owner: pg.Client, name: string, calls: number, firstCallId: number) {
  const { rows } = await owner.query<{ id: string }>('INSERT INTO team.campaign (name) VALUES ($1) RETURNING id', [
    name,
  ])
  const campaign = Number(rows[0]!.id)
  const task = firstCallId - 1
  await owner.query('INSERT INTO team.task (call_job_id, campaign_id, name) VALUES ($1, $2, $3)', [
    task,
    campaign,
    name,
  ])
  await owner.query(
    'INSERT INTO team.call (call_id, call_job_id, duration_sec) SELECT g, $1, 60 FROM generate_series($2::bigint, $3::bigint) g',
    [task, firstCallId, firstCallId + calls - 1],
  )
  return { campaign, callIds: Array.from({ length: calls }, (_, i) => firstCallId + i) }
}

/** `count` reviewer members, each logged in on a connection of their own. */
export async function desktops(server: TeamServer, prefix: string, count: number): Promise<Desktop[]> {
  const members: { member: string; password: string }[] = []
  for (let i = 0; i < count; i++) {
    const member = `${prefix}${String(i + 1).padStart(2, '0')}`
    members.push({ member, password: (await addMember(server.owner, { name: member, role: 'reviewer' })).password })
  }
  return Promise.all(
    members.map(async ({ member, password }) => ({ member, password, client: await server.connect(member, password) })),
  )
}
