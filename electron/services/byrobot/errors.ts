// ByrobotError: every way a BYRobot call can fail, classified into the contract's
// `api_*` codes (the renderer translates by code), plus which of them are worth a retry.
import { AppFailure, type ErrorCode } from '../../shared/contract'
import { networkCode } from './network-code'

export type ByrobotErrorCode = Extract<ErrorCode, `api_${string}`>

export interface ByrobotErrorDetails {
  /** e.g. "GET /task/getTasks"; never a full URL with credentials (there are none in URLs anyway). */
  endpoint: string
  httpStatus?: number
  /** The envelope's `code` when the body had one. */
  envelopeCode?: number
  /** The server's own words (resultMsg), for the details pane. */
  resultMsg?: string
  retryAfterMs?: number
  /** First ~200 characters of an unusable body. */
  excerpt?: string
  /** Where a schema mismatch was (zod issue paths), or the network error's code. */
  reason?: string
}

export class ByrobotError extends AppFailure {
  declare readonly code: ByrobotErrorCode
  declare readonly details: ByrobotErrorDetails

  constructor(code: ByrobotErrorCode, message: string, details: ByrobotErrorDetails) {
    super(code, message, details)
    this.name = 'ByrobotError'
  }
}

/** Failures that may go away on their own; 401/403/404/412 never do. */
export function isTransient(error: unknown): error is ByrobotError {
  if (!(error instanceof ByrobotError)) return false
  switch (error.code) {
    case 'api_server_error':
      // An unknown envelope code below 500 is a refusal, not an outage.
      return error.details.envelopeCode === undefined || error.details.envelopeCode >= 500
    case 'api_rate_limited':
    case 'api_timeout':
    case 'api_network':
    case 'api_malformed_response':
      return true
    default:
      return false
  }
}

const EXCERPT_CHARS = 200

export function excerptOf(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim()
  return flat.length > EXCERPT_CHARS ? `${flat.slice(0, EXCERPT_CHARS)}…` : flat
}

/** The envelope's own codes (HTTP 200 can carry any of them). */
export function errorForEnvelope(
  endpoint: string,
  envelopeCode: number,
  resultMsg: string | undefined,
  httpStatus: number,
): ByrobotError {
  const details: ByrobotErrorDetails = { endpoint, httpStatus, envelopeCode }
  if (resultMsg) details.resultMsg = resultMsg
  switch (envelopeCode) {
    case 401:
      return new ByrobotError('api_bad_credentials', `${endpoint}: the API rejected the app key or signature.`, details)
    case 403:
      return new ByrobotError(
        'api_forbidden',
        `${endpoint}: the app key has no permission for this company or resource.`,
        details,
      )
    case 404:
      return new ByrobotError('api_not_found', `${endpoint}: the API found no such resource.`, details)
    case 412:
      return new ByrobotError('api_bad_parameters', `${endpoint}: the API refused the request parameters.`, details)
    case 429:
      return new ByrobotError('api_rate_limited', `${endpoint}: the API is rate limiting requests.`, details)
    default:
      return new ByrobotError(
        'api_server_error',
        `${endpoint}: the API answered with error code ${envelopeCode}.`,
        details,
      )
  }
}

/** A non-2xx HTTP status whose body is not a usable envelope (a proxy page, an empty body). */
export function errorForHttpStatus(
  endpoint: string,
  httpStatus: number,
  body: string,
  retryAfterMs?: number,
): ByrobotError {
  const details: ByrobotErrorDetails = { endpoint, httpStatus }
  if (body) details.excerpt = excerptOf(body)
  if (httpStatus === 429) {
    if (retryAfterMs !== undefined) details.retryAfterMs = retryAfterMs
    return new ByrobotError('api_rate_limited', `${endpoint}: the API is rate limiting requests.`, details)
  }
  if (httpStatus >= 500) {
    // A 503 may say when to come back; the retry loop treats it as a floor, as for 429.
    if (retryAfterMs !== undefined) details.retryAfterMs = retryAfterMs
    return new ByrobotError('api_server_error', `${endpoint}: the server failed with HTTP ${httpStatus}.`, details)
  }
  if (httpStatus === 401) {
    return new ByrobotError('api_bad_credentials', `${endpoint}: the API rejected the app key or signature.`, details)
  }
  if (httpStatus === 403) {
    return new ByrobotError('api_forbidden', `${endpoint}: access was refused (HTTP 403).`, details)
  }
  if (httpStatus === 404) {
    return new ByrobotError(
      'api_not_found',
      `${endpoint}: nothing at this address (HTTP 404); check the base URL.`,
      details,
    )
  }
  return new ByrobotError(
    'api_bad_parameters',
    `${endpoint}: the request was refused with HTTP ${httpStatus}.`,
    details,
  )
}

export function malformedError(endpoint: string, body: string, reason: string, httpStatus?: number): ByrobotError {
  const details: ByrobotErrorDetails = { endpoint, excerpt: excerptOf(body), reason }
  if (httpStatus !== undefined) details.httpStatus = httpStatus
  return new ByrobotError('api_malformed_response', `${endpoint}: the API answered with something unreadable.`, details)
}

export function timeoutError(endpoint: string, timeoutMs: number): ByrobotError {
  return new ByrobotError('api_timeout', `${endpoint}: no answer within ${Math.round(timeoutMs / 1000)} s.`, {
    endpoint,
  })
}

export function networkError(endpoint: string, cause: unknown): ByrobotError {
  const details: ByrobotErrorDetails = { endpoint }
  const code = networkCode(cause)
  if (code) details.reason = code
  return new ByrobotError('api_network', `${endpoint}: the server could not be reached.`, details)
}

/** The caller gave up (closed the view, cancelled a sync): not an API failure. */
export function cancelledError(endpoint: string): AppFailure {
  return new AppFailure('cancelled', `${endpoint}: cancelled.`, { endpoint })
}

/**
 * Defence in depth: the secret is never sent, but a server or proxy could echo
 * anything back; scrub it from every string of an error before it leaves the client.
 */
export function redactSecret<E extends AppFailure>(error: E, secret: string): E {
  if (!secret || !containsSecret(error, secret)) return error
  const scrub = (text: string): string => text.split(secret).join('[redacted]')
  const details = scrubValue(error.details, scrub)
  if (error instanceof ByrobotError) {
    return new ByrobotError(error.code, scrub(error.message), details as ByrobotErrorDetails) as unknown as E
  }
  return new AppFailure(error.code, scrub(error.message), details) as E
}

function containsSecret(error: AppFailure, secret: string): boolean {
  return error.message.includes(secret) || JSON.stringify(error.details ?? null).includes(secret)
}

function scrubValue(value: unknown, scrub: (text: string) => string): unknown {
  if (typeof value === 'string') return scrub(value)
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, scrub))
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubValue(v, scrub)]))
  }
  return value
}
