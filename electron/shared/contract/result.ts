// Results and errors as data, without zod: the browser-mode host answers its transport-level
// failures before the contract's schemas are loaded (see host/serve.ts).

export const ERROR_CODES = [
  // Between renderer and main.
  'invalid_input',
  'unknown_channel',
  'unauthorized',
  'forbidden_sender',
  'not_found',
  'internal',
  // From the BYRobot API, as the client classifies them (see services/byrobot).
  'api_bad_credentials',
  'api_forbidden',
  'api_not_found',
  'api_bad_parameters',
  'api_server_error',
  'api_rate_limited',
  'api_timeout',
  'api_network',
  'api_malformed_response',
  // Local state.
  'no_profile',
  'secret_unavailable',
  'cancelled',
  'sync_running',
  'export_failed',
  // From the team database (team profiles).
  /** The team database did not answer (network, server down). */
  'team_unreachable',
  /** The member name or password was refused. */
  'team_bad_login',
  /** The server refused the action (not a reviewer, no such campaign, schema too old). */
  'team_refused',
  /** The action needs a BYRobot profile, or a team profile, and the active one is the other kind. */
  'team_profile_kind',
  /** The lead's views, creating or revealing a calibration session: the member is not a lead. */
  'team_not_lead',
  /** Calibration: the member is not a participant of that session. */
  'calibration_not_participant',
  /** Calibration: the session was revealed, its grades are frozen. */
  'calibration_revealed',
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

export interface AppError {
  code: ErrorCode
  message: string
  details?: unknown
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError }

/** A failure a handler raises on purpose; dispatch turns it into an AppError. */
export class AppFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message)
    this.name = 'AppFailure'
  }
}

export function ok<T>(value: T): Result<T> {
  return { ok: true, value }
}

export function fail(code: ErrorCode, message: string, details?: unknown): Result<never> {
  return { ok: false, error: details === undefined ? { code, message } : { code, message, details } }
}
