// Test support: a team database in a throwaway cluster, its owner's connection, members with real
// login roles, and campaigns published directly as the owner.
import pg from 'pg'
import { addMember, initTeam } from '../services/team/team-admin'
import type { TeamRole } from '../services/team/team-schema'
import { startPostgresCluster, type PostgresCluster } from './postgres-cluster'
import { idSequence, insertCampaign } from './team-campaign'

export interface TeamDatabase {
  cluster: PostgresCluster
  /** The schema owner (superuser): bypasses RLS, sees every row. */
  owner: pg.Client
  /** A member's own login URL. */
  urlOf(name: string): string
  passwordOf(name: string): string
  members(names: string[], role?: TeamRole): Promise<void>
  connectAs(name: string): Promise<pg.Client>
  /** A campaign with one task of `calls` new calls. */
  campaign(name: string, calls: number): Promise<{ id: number; callIds: number[] }>
  /** One number from the owner's view (`SELECT count(*) …`). */
  count(sql: string, params?: unknown[]): Promise<number>
  close(): Promise<void>
}

export async function startTeamDatabase(database: string): Promise<TeamDatabase> {
  const cluster = await startPostgresCluster()
  const admin = new pg.Client({ connectionString: cluster.url() })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(database)}`)
  await admin.end()
  const owner = new pg.Client({ connectionString: cluster.url(database) })
  await owner.connect()
  await initTeam(owner)
  const passwords = new Map<string, string>()
  const opened: pg.Client[] = []
  const nextId = idSequence(5000)
  const urlOf = (name: string): string => cluster.url(database, name, passwords.get(name))
  return {
    cluster,
    owner,
    urlOf,
    passwordOf: (name) => passwords.get(name)!,
    async members(names, role = 'reviewer') {
      for (const name of names) passwords.set(name, (await addMember(owner, { name, role })).password)
    },
    async connectAs(name) {
      const client = new pg.Client({ connectionString: urlOf(name) })
      // A test that terminates a backend must not crash on the idle client's error event.
      client.on('error', () => undefined)
      await client.connect()
      opened.push(client)
      return client
    },
    async campaign(name, calls) {
      const { id, callIds } = await insertCampaign(owner, name, calls, nextId)
      return { id, callIds }
    },
    async count(sql, params = []) {
      const { rows } = await owner.query<{ n: string }>(`SELECT (${sql})::bigint AS n`, params)
      return Number(rows[0]!.n)
    },
    async close() {
      await Promise.all(opened.map((c) => c.end().catch(() => undefined)))
      await owner.end().catch(() => undefined)
      await cluster.stop()
    },
  }
}
