// What both commands share: exit codes, usage errors, argument checks and the English
// sentence for each AppFailure code (a CLI user has no renderer to translate them).
import { AppFailure, type ErrorCode } from '../shared/contract'

export const EXIT_OK = 0
export const EXIT_FAILED = 1
export const EXIT_USAGE = 2
/** 128 + SIGINT, what shells expect from a command stopped with Ctrl-C. */
export const EXIT_INTERRUPTED = 130

/** A mistake in how the command was called: exit 2, with a pointer to --help. */
export class UsageError extends Error {}

export function positiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1) {
    throw new UsageError(`--${name} must be a positive integer, got "${value}"`)
  }
  return n
}

export function required<T>(name: string, value: T | undefined): T {
  if (value === undefined || value === '') throw new UsageError(`--${name} is required`)
  return value
}

const SENTENCES: Record<ErrorCode, string> = {
  invalid_input: 'Invalid input',
  unknown_channel: 'Unknown request',
  unauthorized: 'Not authorised',
  forbidden_sender: 'Not allowed',
  not_found: 'Not found',
  internal: 'Internal error',
  api_bad_credentials: 'The app key or app secret is wrong (BYRobot rejected the signature)',
  api_forbidden: 'This app key may not read that company: check --company or ask BYRobot to grant access',
  api_not_found: 'BYRobot has no such resource (the task or call may have been deleted)',
  api_bad_parameters: 'BYRobot refused the request parameters',
  api_server_error: 'BYRobot had a server error (retries exhausted)',
  api_rate_limited: 'BYRobot kept rate limiting the requests (retries exhausted)',
  api_timeout: 'BYRobot did not answer in time',
  api_network: 'Cannot reach the BYRobot server: check the network and --base-url',
  api_malformed_response: 'BYRobot sent data CallLens cannot read',
  no_profile: 'No connection profile in this data directory: run `cli sync` first',
  secret_unavailable: 'The app secret is not available: set CALLLENS_APP_SECRET',
  cancelled: 'Cancelled',
  sync_running: 'A sync of this data directory is already running',
  export_failed: 'Export failed',
  team_unreachable: 'The team database did not answer',
  team_bad_login: 'The team database refused the member name or password',
  team_refused: 'The team database refused the request',
  team_profile_kind: 'That needs the other kind of connection profile (BYRobot or team)',
  team_not_lead: 'Only a team lead may do that',
  calibration_not_participant: 'You are not a participant of that calibration session',
  calibration_revealed: 'That calibration session was revealed: its grades are frozen',
}

/** Codes whose own message adds something a user can act on (endpoint, server words, path). */
const WITH_DETAIL = new Set<ErrorCode>([
  'invalid_input',
  'not_found',
  'internal',
  'api_not_found',
  'api_bad_parameters',
  'api_server_error',
  'api_malformed_response',
  'export_failed',
])

export function failureSentence(code: ErrorCode, message: string): string {
  const sentence = SENTENCES[code] ?? 'Error'
  return WITH_DETAIL.has(code) && message ? `${sentence}: ${message}` : `${sentence}.`
}

export function describeError(error: unknown): string {
  if (error instanceof AppFailure) return failureSentence(error.code, error.message)
  return `Internal error: ${error instanceof Error ? error.message : String(error)}`
}

/** Belt and braces: whatever a line says, the app secret never reaches the terminal. */
export function redact(text: string, secret: string | undefined): string {
  return secret ? text.split(secret).join('***') : text
}

/** Resolves once the stream has taken the text (pipes are asynchronous on some platforms). */
export function write(stream: NodeJS.WritableStream, text: string | Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => stream.write(text, (error) => (error ? reject(error) : resolve())))
}
