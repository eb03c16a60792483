// Test support: the PostgreSQL cluster a team test file uses. Under `vitest run` one cluster
// serves every file of the run (postgres-global-setup.ts, shared-cluster.ts); without the global
// setup a file gets its own. Either way `team_template` is built, for cloneTeamDatabase.
import { inject } from 'vitest'
import { attachPostgresCluster, startPostgresCluster, type PostgresCluster } from './postgres-cluster'
import { sharedCluster } from './shared-cluster'
import { buildTeamTemplate } from './team-template'

export { cloneTeamDatabase, emptyDatabase, type ClonedDatabase } from './team-template'

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the run's shared cluster is described (cluster.json) once a file has started it. */
    postgresRunDir: string
  }
}

/**
 * The cluster for a team test file, with `team_template` built (cloneTeamDatabase). Call its
 * stop() in afterAll: a no-op for the run's shared cluster, a real stop for a file's own.
 */
export async function teamCluster(): Promise<PostgresCluster> {
  const runDir = inject('postgresRunDir')
  if (runDir) return attachPostgresCluster(await sharedCluster(runDir))
  const own = await startPostgresCluster()
  await buildTeamTemplate(own)
  return own
}
