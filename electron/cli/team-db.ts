// Reaching the team database from the CLI: the --db URL, the member's password, one client per
// command, and errors that name host, port and database but never the password.
import pg from 'pg'
import { DB_PASSWORD_ENV } from '../services/profiles/secret-store'
import { TeamAdminError, memberNameProblem } from '../services/team/team-admin'
import { EXIT_FAILED, UsageError, redact, required, write } from './cli-support'

/** Where the CLI takes a member's password from when the URL has none. */
export { DB_PASSWORD_ENV } from '../services/profiles/secret-store'

export interface DbTarget {
  url: string
  /** host:port/database, safe to show. */
  where: string
  password: string | undefined
}

/** The URL's password wins; else CALLLENS_DB_PASSWORD (and else pg's own PGPASSWORD). */
export function dbTarget(value: string | undefined, env: NodeJS.ProcessEnv = {}, option = 'db'): DbTarget {
  const url = required(option, value)
  if (!URL.canParse(url) || !/^postgres(ql)?:$/.test(new URL(url).protocol)) {
    throw new UsageError(`--${option} must be a postgres:// or postgresql:// URL`)
  }
  const parsed = new URL(url)
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || '(default database)'
  return {
    url,
    where: `${parsed.hostname || 'localhost'}:${parsed.port || '5432'}/${database}`,
    password: parsed.password ? decodeURIComponent(parsed.password) : env[DB_PASSWORD_ENV] || undefined,
  }
}

export async function withClient<T>(db: DbTarget, run: (client: pg.Client) => Promise<T>): Promise<T> {
  // pg lets the URL's (empty) password override a `password` option, so a password from the
  // environment goes into the URL.
  const url = new URL(db.url)
  if (!url.password && db.password) url.password = encodeURIComponent(db.password)
  const client = new pg.Client({ connectionString: url.href, connectionTimeoutMillis: 15_000 })
  // An idle client's socket error must not crash the process before the query reports it.
  client.on('error', () => undefined)
  await client.connect()
  try {
    return await run(client)
  } finally {
    await client.end().catch(() => undefined)
  }
}

/** One `calllens:` line for a refusal or a database error; never the URL's password. */
export async function fail(db: DbTarget, error: unknown): Promise<number> {
  const message =
    error instanceof TeamAdminError
      ? error.message
      : `PostgreSQL at ${db.where}: ${error instanceof Error ? error.message : String(error)}`
  await write(process.stderr, `calllens: team: ${redact(message, db.password)}\n`)
  return EXIT_FAILED
}

/** The member's own login: NAME from --user, the password from CALLLENS_DB_PASSWORD, never argv. */
export function memberTarget(value: string | undefined, user: string, env: NodeJS.ProcessEnv): DbTarget {
  const db = dbTarget(value)
  const password = env[DB_PASSWORD_ENV]
  if (!password) throw new UsageError(`${DB_PASSWORD_ENV} is not set or empty: it holds the member password`)
  const parsed = new URL(db.url)
  parsed.username = encodeURIComponent(user)
  parsed.password = encodeURIComponent(password)
  return { ...db, url: parsed.toString(), password }
}

export function memberName(value: string | undefined): string {
  const user = required('user', value)
  const problem = memberNameProblem(user)
  if (problem) throw new UsageError(`--user: ${problem}`)
  return user
}
