// Test support: a throwaway PostgreSQL cluster (per test file, or one per run: team-cluster.ts) (initdb + pg_ctl into a temp dir,
// a free port, ≈ 1 s), run as the `postgres` user because PostgreSQL refuses to run as root.
import { execFileSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { randomBytes } from 'node:crypto'
import pg from 'pg'

export interface PostgresCluster {
  port: number
  superuser: string
  superPassword: string
  /** A postgres:// URL for `database` as the superuser (SCRAM over TCP on 127.0.0.1). */
  url(database?: string, user?: string, password?: string): string
  /** What the server has logged so far (statements of failed queries among it). */
  serverLog(): string
  /** Stops the server but keeps its data (`immediate`: as if it crashed), for a test of going offline. */
  halt(mode?: 'fast' | 'immediate'): void
  /** Starts a halted server again on the same port. */
  resume(): void
  stop(): Promise<void>
}

const POSTGRES_USER = 'postgres'

/** A server binary's file name: `initdb.exe` on Windows (the release pipeline runs the suite there too). */
const exe = (name: string) => (process.platform === 'win32' ? `${name}.exe` : name)

/** initdb's directory: PATH first, then Debian's versioned directories (not on PATH). */
export function findPostgresBin(path = process.env.PATH ?? '', debian = '/usr/lib/postgresql'): string {
  const onPath = path.split(delimiter).find((dir) => dir && existsSync(join(dir, exe('initdb'))))
  if (onPath) return onPath
  const versions = existsSync(debian)
    ? readdirSync(debian)
        .filter((v) => existsSync(join(debian, v, 'bin', exe('initdb'))))
        .sort((a, b) => Number(b) - Number(a))
    : []
  if (versions.length === 0) {
    throw new Error(
      `PostgreSQL server binaries (initdb, pg_ctl) not found on PATH or in ${debian}/*/bin: ` +
        'install them with `apt-get install postgresql` (.ci/run does this when they are missing)',
    )
  }
  return join(debian, versions[0]!, 'bin')
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

/** Runs a server binary as `postgres` when we are root; as ourselves otherwise. */
function runAsPostgres(bin: string, args: string[]): void {
  const asRoot = process.getuid?.() === 0
  const [file, argv] = asRoot ? ['runuser', ['-u', POSTGRES_USER, '--', bin, ...args]] : [bin, args]
  execFileSync(file, argv, { stdio: ['ignore', 'pipe', 'pipe'] })
}

/** What it takes to reach and stop a running cluster; plain data, so another process can attach. */
export interface ClusterInfo {
  port: number
  superPassword: string
  /** The temp directory holding data/, server.log and the socket. */
  root: string
  bin: string
}

/** pg_ctl start of the cluster's data directory on its port (also after a halt). */
function startServer(info: ClusterInfo): void {
  // max_connections: a shared cluster serves several files at once, each with many desktops.
  // Windows: no `-k` (its builds have no Unix socket directory by default; clients use TCP anyway).
  const socketDir = process.platform === 'win32' ? '' : ` -k ${info.root}`
  runAsPostgres(join(info.bin, exe('pg_ctl')), [
    '-D',
    join(info.root, 'data'),
    '-l',
    join(info.root, 'server.log'),
    '-o',
    `-p ${info.port}${socketDir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300`,
    '-w',
    'start',
  ])
}

/** initdb + pg_ctl start into a new temp dir on a free port; the caller stops it (stopClusterAt). */
export async function launchPostgresCluster(): Promise<ClusterInfo> {
  const bin = findPostgresBin()
  const root = mkdtempSync(join(tmpdir(), 'calllens-pg-'))
  const superPassword = randomBytes(18).toString('base64url')
  const pwfile = join(root, 'pwfile')
  writeFileSync(pwfile, superPassword, { mode: 0o600 })
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', POSTGRES_USER], { encoding: 'utf8' }).trim())
    const gid = Number(execFileSync('id', ['-g', POSTGRES_USER], { encoding: 'utf8' }).trim())
    chownSync(root, uid, gid)
    chownSync(pwfile, uid, gid)
  }
  const data = join(root, 'data')
  const port = await freePort()
  try {
    // SCRAM for every connection, so member roles log in with their own passwords as in production.
    runAsPostgres(join(bin, exe('initdb')), [
      '-D',
      data,
      '-U',
      POSTGRES_USER,
      '-A',
      'scram-sha-256',
      `--pwfile=${pwfile}`,
      '--no-sync',
    ])
    startServer({ port, superPassword, root, bin })
  } catch (error) {
    rmSync(root, { recursive: true, force: true })
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? ''
    throw new Error(`could not start a PostgreSQL test cluster: ${(error as Error).message}\n${stderr}`)
  }
  return { port, superPassword, root, bin }
}

export async function stopClusterAt(info: ClusterInfo): Promise<void> {
  try {
    runAsPostgres(join(info.bin, exe('pg_ctl')), ['-D', join(info.root, 'data'), '-m', 'fast', '-w', 'stop'])
  } finally {
    rmSync(info.root, { recursive: true, force: true })
  }
}

/** A handle on a running cluster; `stop` is what the caller may do to it (a shared one: nothing). */
export function attachPostgresCluster(info: ClusterInfo, stop: () => Promise<void> = async () => {}): PostgresCluster {
  const { port, superPassword } = info
  const url = (database = 'postgres', user = POSTGRES_USER, password = superPassword): string =>
    `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`
  return {
    port,
    superuser: POSTGRES_USER,
    superPassword,
    url,
    serverLog: () => readFileSync(join(info.root, 'server.log'), 'utf8'),
    halt(mode = 'fast') {
      runAsPostgres(join(info.bin, exe('pg_ctl')), ['-D', join(info.root, 'data'), '-m', mode, '-w', 'stop'])
    },
    resume: () => startServer(info),
    stop,
  }
}

/** A cluster of the caller's own (≈ 1 s), stopped and removed by its stop(). */
export async function startPostgresCluster(): Promise<PostgresCluster> {
  const info = await launchPostgresCluster()
  return attachPostgresCluster(info, () => stopClusterAt(info))
}

/** One query on a fresh connection to `url` (a test's look at the database as some role). */
export async function queryAt<T extends pg.QueryResultRow>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query<T>(sql, params)).rows
  } finally {
    await client.end()
  }
}
