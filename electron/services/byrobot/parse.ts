// Turns one HTTP answer (status, Retry-After, body text) into the envelope's data, parsed
// by a schema, or into the ByrobotError that describes what went wrong.
import type { z } from 'zod'
import { ByrobotError, errorForEnvelope, errorForHttpStatus, malformedError, type ByrobotErrorDetails } from './errors'
import { envelopeSchema } from './schemas'

export interface HttpAnswer {
  status: number
  retryAfterMs?: number
  body: string
}

const SUCCESS = 200

/** The envelope's data, or a thrown ByrobotError. `data: null` is returned as null. */
export function unwrapEnvelope(endpoint: string, answer: HttpAnswer): unknown {
  const { status, body } = answer
  const httpOk = status >= 200 && status < 300
  // Rate limiting and outages are the HTTP layer's verdict, whatever the body says
  // (a proxy in front of the API answers these with its own page).
  if (status === 429 || status >= 500) throw errorForHttpStatus(endpoint, status, body, answer.retryAfterMs)

  let json: unknown
  try {
    json = JSON.parse(body)
  } catch {
    if (!httpOk) throw errorForHttpStatus(endpoint, status, body)
    throw malformedError(endpoint, body, 'body is not JSON', status)
  }
  const envelope = envelopeSchema.safeParse(json)
  if (!envelope.success) {
    if (!httpOk) throw errorForHttpStatus(endpoint, status, body)
    throw malformedError(endpoint, body, `not an envelope: ${issuesOf(envelope.error)}`, status)
  }
  const { code, data, resultMsg } = envelope.data
  if (code !== SUCCESS) {
    throw withRetryAfter(
      errorForEnvelope(endpoint, code, typeof resultMsg === 'string' ? resultMsg : undefined, status),
      answer,
    )
  }
  if (!httpOk) throw errorForHttpStatus(endpoint, status, body)
  return data
}

/** unwrapEnvelope, then the endpoint's schema; a mismatch is a malformed response. */
export function parseAnswer<S extends z.ZodType>(endpoint: string, answer: HttpAnswer, schema: S): z.output<S> {
  const data = unwrapEnvelope(endpoint, answer)
  const parsed = schema.safeParse(data)
  if (!parsed.success) throw malformedError(endpoint, answer.body, issuesOf(parsed.error), answer.status)
  return parsed.data
}

/** Paths and messages only: zod v4 messages name types, never the offending values. */
function issuesOf(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ')
}

/** An envelope-level 429 still honours the HTTP Retry-After header. */
function withRetryAfter(error: ByrobotError, answer: HttpAnswer): ByrobotError {
  if (error.code !== 'api_rate_limited' || answer.retryAfterMs === undefined) return error
  const details: ByrobotErrorDetails = { ...error.details, retryAfterMs: answer.retryAfterMs }
  return new ByrobotError(error.code, error.message, details)
}
