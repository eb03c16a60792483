import { describe, expect, it } from 'vitest'
import { ByrobotError, isTransient } from './errors'
import { parseRetryAfter } from './retry-after'

describe('Retry-After', () => {
  it('reads delta-seconds, including fractions, as milliseconds', () => {
    expect(parseRetryAfter('2')).toBe(2000)
    expect(parseRetryAfter('0.3')).toBe(300)
    expect(parseRetryAfter(' 0 ')).toBe(0)
  })

  it('reads an HTTP date as the time left until then, never negative', () => {
    const now = Date.UTC(2026, 10, 24, 13, 40, 0)
    expect(parseRetryAfter('Tue, 24 Nov 2026 13:40:05 GMT', now)).toBe(5000)
    expect(parseRetryAfter('Tue, 24 Nov 2026 13:39:00 GMT', now)).toBe(0)
  })

  it('ignores an absent or unreadable header', () => {
    expect(parseRetryAfter(null)).toBeUndefined()
    expect(parseRetryAfter('')).toBeUndefined()
    expect(parseRetryAfter('soon')).toBeUndefined()
    expect(parseRetryAfter('-1')).toBeUndefined()
  })
})

describe('which failures are transient', () => {
  const error = (code: ByrobotError['code'], envelopeCode?: number) =>
    new ByrobotError(code, 'x', envelopeCode === undefined ? { endpoint: 'e' } : { endpoint: 'e', envelopeCode })

  it('retries outages, rate limits, timeouts, network failures and garbled bodies', () => {
    for (const code of [
      'api_server_error',
      'api_rate_limited',
      'api_timeout',
      'api_network',
      'api_malformed_response',
    ] as const) {
      expect(isTransient(error(code)), code).toBe(true)
    }
    expect(isTransient(error('api_server_error', 500))).toBe(true)
  })

  it('never retries refusals, nor an unknown envelope code below 500', () => {
    for (const code of ['api_bad_credentials', 'api_forbidden', 'api_not_found', 'api_bad_parameters'] as const) {
      expect(isTransient(error(code)), code).toBe(false)
    }
    expect(isTransient(error('api_server_error', 300))).toBe(false)
    expect(isTransient(new Error('plain'))).toBe(false)
  })
})
