// Test support: the team schema migrated once per cluster into `team_template`, and fresh team
// databases cloned from it (CREATE DATABASE … TEMPLATE, ≈ 50 ms instead of running every migration).
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { initTeam } from '../services/team/team-admin'
import { queryAt, type PostgresCluster } from './postgres-cluster'

export const TEAM_TEMPLATE = 'team_template'

/** Creates and migrates the template; connections to it are then refused, as cloning requires none. */
export async function buildTeamTemplate(cluster: PostgresCluster): Promise<void> {
  await queryAt(cluster.url(), `CREATE DATABASE ${TEAM_TEMPLATE}`)
  const client = new pg.Client({ connectionString: cluster.url(TEAM_TEMPLATE) })
  await client.connect()
  try {
    await initTeam(client)
  } finally {
    await client.end()
  }
  await queryAt(cluster.url(), `ALTER DATABASE ${TEAM_TEMPLATE} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`)
}

export interface ClonedDatabase {
  name: string
  /** A URL to this database, as the superuser unless a member and password are given. */
  url(user?: string, password?: string): string
  /**
   * A member name unique to this database. Login roles are cluster-wide, so test files sharing
   * a cluster must not both create "alice": each gets `<database>_alice`.
   */
  member(name: string): string
}

/** A new database holding the team schema at the latest version, and no members. */
export function cloneTeamDatabase(cluster: PostgresCluster): Promise<ClonedDatabase> {
  return createDatabase(cluster, TEAM_TEMPLATE)
}

/** A new empty database (no team schema), for tests of `team init` itself. */
export function emptyDatabase(cluster: PostgresCluster): Promise<ClonedDatabase> {
  return createDatabase(cluster, 'template1')
}

/** A database with a name unique in the cluster (files sharing a cluster cannot collide). */
async function createDatabase(cluster: PostgresCluster, template: string): Promise<ClonedDatabase> {
  const name = `t${randomBytes(4).toString('hex')}`
  await queryAt(cluster.url(), `CREATE DATABASE ${name} TEMPLATE ${template}`)
  return {
    name,
    url: (user, password) => cluster.url(name, user, password),
    member: (member) => `${name}_${member}`,
  }
}
