// Test support: one PostgreSQL cluster shared by every test file of a run, coordinated through
// files in the run's directory: the first caller (mkdir is atomic across processes) starts it and
// builds the team template, the others poll for cluster.json; the global teardown stops it.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { attachPostgresCluster, launchPostgresCluster, stopClusterAt, type ClusterInfo } from './postgres-cluster'
import { buildTeamTemplate } from './team-template'

const START_TIMEOUT_MS = 60_000

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
}

export const sharedClusterFile = (runDir: string): string => join(runDir, 'cluster.json')

/** The first caller (mkdir is atomic across processes) starts the cluster; the rest poll for it. */
export async function sharedCluster(runDir: string): Promise<ClusterInfo> {
  const infoFile = sharedClusterFile(runDir)
  const failedFile = join(runDir, 'failed.txt')
  try {
    mkdirSync(join(runDir, 'starting'))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    const deadline = Date.now() + START_TIMEOUT_MS
    for (;;) {
      const info = readJson<ClusterInfo>(infoFile)
      if (info) return info
      const failed = readJson<string>(failedFile)
      if (failed !== undefined) throw new Error(`the shared PostgreSQL test cluster did not start: ${failed}`)
      if (Date.now() > deadline)
        throw new Error(`the shared PostgreSQL test cluster did not start in ${START_TIMEOUT_MS} ms`)
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }
  try {
    const info = await launchPostgresCluster()
    // Written before the template so the global teardown stops the cluster even if that fails.
    writeFileSync(`${infoFile}.starting`, JSON.stringify(info))
    await buildTeamTemplate(attachPostgresCluster(info))
    renameSync(`${infoFile}.starting`, infoFile)
    return info
  } catch (error) {
    // Renamed into place, as cluster.json is, so a poller never reads half a file.
    writeFileSync(`${failedFile}.part`, JSON.stringify(error instanceof Error ? error.message : String(error)))
    renameSync(`${failedFile}.part`, failedFile)
    throw error
  }
}

/** The teardown's side: stops the run's cluster if some file started it. */
export async function stopSharedCluster(runDir: string): Promise<void> {
  const info =
    readJson<ClusterInfo>(sharedClusterFile(runDir)) ?? readJson<ClusterInfo>(`${sharedClusterFile(runDir)}.starting`)
  if (info) await stopClusterAt(info)
}
