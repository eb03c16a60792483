// Vitest global setup: a directory where the run's one shared PostgreSQL cluster is described.
// Nothing starts here, so a run without team tests costs nothing; the first team test file that
// asks starts the cluster (team-cluster.ts) and the teardown stops it.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { stopSharedCluster } from './shared-cluster'

export default function setup(project: TestProject): () => Promise<void> {
  const runDir = mkdtempSync(join(tmpdir(), 'calllens-pg-run-'))
  project.provide('postgresRunDir', runDir)
  return async () => {
    try {
      await stopSharedCluster(runDir)
    } finally {
      rmSync(runDir, { recursive: true, force: true })
    }
  }
}
