// Reaching a team database as a member from the app: the connection string (the password joins
// the URL only here, in memory), where it is in words safe to show, and what a pg error means to
// the reviewer (an error code of the contract, a message without the password).
import type { ErrorCode } from '../../shared/contract'
import { AppFailure } from '../../shared/contract'
import type { TeamLogin } from '../profiles/profile-service'

/** host:port/database: safe to show (the stored URL has no password). */
export function teamWhere(dbUrl: string): string {
  const url = new URL(dbUrl)
  const database = decodeURIComponent(url.pathname.replace(/^\//, '')) || '(default database)'
  return `${url.hostname}:${url.port || '5432'}/${database}`
}

/** The URL pg connects with: the member as the user, the password in it (pg lets the URL's win). */
export function connectionString(login: TeamLogin): string {
  const url = new URL(login.dbUrl)
  url.username = encodeURIComponent(login.member)
  url.password = encodeURIComponent(login.password)
  return url.href
}

// SQLSTATE classes and codes (https://www.postgresql.org/docs/current/errcodes-appendix.html).
const BAD_LOGIN = new Set(['28P01', '28000'])
const UNREACHABLE_CLASSES = ['08', '53', '57']
const NETWORK_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EPIPE',
  'EAI_AGAIN',
])

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : undefined
}

export function teamErrorCode(error: unknown): ErrorCode {
  if (error instanceof AppFailure) return error.code
  const code = codeOf(error)
  if (code && BAD_LOGIN.has(code)) return 'team_bad_login'
  if (code && (NETWORK_ERRORS.has(code) || UNREACHABLE_CLASSES.includes(code.slice(0, 2)))) return 'team_unreachable'
  if (code && /^[0-9A-Z]{5}$/.test(code)) return 'team_refused'
  // pg's own: "Connection terminated unexpectedly", "timeout expired", a socket closed mid-query.
  return 'team_unreachable'
}

/** An AppFailure naming where and why, with the password struck out should pg ever echo it. */
export function teamFailure(error: unknown, login: TeamLogin): AppFailure {
  if (error instanceof AppFailure) return error
  const why = error instanceof Error ? error.message : String(error)
  const message = `Team database at ${teamWhere(login.dbUrl)} as ${login.member}: ${why}`
  return new AppFailure(teamErrorCode(error), message.split(login.password).join('•••'))
}
