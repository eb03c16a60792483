// A team server for e2e specs, made the way a lead makes one: a throwaway PostgreSQL cluster, and
// the real CLI (`sync` from a simulator, `team init`, `team add-member`, `team publish`) run as
// child processes, so the catalogue a desktop claims from is what a sync host publishes.
import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import type { RunningSimulator } from '../electron/sim/simulator'
import { startPostgresCluster, type PostgresCluster } from '../electron/test-support/postgres-cluster'
import { REPO_ROOT } from './paths'

export interface TeamServer {
  cluster: PostgresCluster
  /** postgres://127.0.0.1:PORT/DB: what a reviewer types in (no password in it). */
  dbUrl: string
  passwords: Record<string, string>
  stop(): Promise<void>
}

async function cli(args: string[], env: Record<string, string> = {}): Promise<string> {
  const base = { ...process.env }
  delete base.CALLLENS_APP_SECRET
  delete base.CALLLENS_DB_PASSWORD
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'electron/cli/index.ts'), ...args], {
    cwd: REPO_ROOT,
    env: { ...base, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
  if (code !== 0) throw new Error(`cli ${args[0]} ${args[1] ?? ''} exited ${code}: ${stderr}`)
  return stdout
}

/** A team database holding everything the simulator's company has, published by a sync host, `reviewers` and `leads`. */
export async function startTeamServer(
  sim: RunningSimulator,
  reviewers: string[],
  leads: string[] = [],
): Promise<TeamServer> {
  const hostDir = mkdtempSync(join(tmpdir(), 'calllens-e2e-team-host-'))
  await cli(
    [
      'sync',
      '--base-url',
      sim.baseUrl,
      '--app-key',
      sim.credentials.appKey,
      '--company',
      String(sim.companyId),
      '--data-dir',
      hostDir,
    ],
    { CALLLENS_APP_SECRET: sim.credentials.appSecret },
  )
  const cluster = await startPostgresCluster()
  try {
    const admin = new pg.Client({ connectionString: cluster.url() })
    await admin.connect()
    await admin.query('CREATE DATABASE team_e2e')
    await admin.end()
    const owner = cluster.url('team_e2e')
    await cli(['team', 'init', '--db', owner])
    const passwords: Record<string, string> = {}
    const members = [
      ['publisher', 'sync_host'],
      ...reviewers.map((r) => [r, 'reviewer']),
      ...leads.map((l) => [l, 'lead']),
    ] as const
    for (const [name, role] of members) {
      const added = JSON.parse(await cli(['team', 'add-member', '--db', owner, '--name', name, '--role', role]))
      passwords[name] = (added as { password: string }).password
    }
    const dbUrl = `postgres://127.0.0.1:${cluster.port}/team_e2e`
    await cli(
      ['team', 'publish', '--db', `postgres://publisher@127.0.0.1:${cluster.port}/team_e2e`, '--data-dir', hostDir],
      {
        CALLLENS_DB_PASSWORD: passwords.publisher!,
      },
    )
    return { cluster, dbUrl, passwords, stop: () => cluster.stop() }
  } catch (error) {
    await cluster.stop()
    throw error
  }
}
