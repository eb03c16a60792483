// The request loop shared by every call of one client: a concurrency cap that adapts to 429s
// (adaptive-limit.ts), a timeout per attempt, caller cancellation, and retries with backoff for
// transient failures only.
import pRetry from 'p-retry'
import { AppFailure } from '../../shared/contract'
import { AdaptiveLimit } from './adaptive-limit'
import { ByrobotError, cancelledError, isTransient, networkError, timeoutError } from './errors'

export interface RetryPolicy {
  /** Retries after the first attempt. */
  retries: number
  /** First backoff; doubles (factor) each retry up to maxTimeoutMs, then jittered down to half. */
  minTimeoutMs: number
  factor: number
  maxTimeoutMs: number
  /** Garbled bodies (proxies) are retried, but only this many times. */
  malformedRetries: number
  /** A Retry-After longer than this is not waited for: the error goes to the caller to schedule. */
  maxRetryAfterMs: number
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  retries: 4,
  minTimeoutMs: 200,
  factor: 2,
  maxTimeoutMs: 5_000,
  malformedRetries: 2,
  maxRetryAfterMs: 30_000,
}

export interface TransportOptions {
  timeoutMs: number
  concurrency: number
  retry: RetryPolicy
  /** Jitter source in [0, 1); injectable so tests can pin the backoff. */
  random: () => number
}

/** One attempt: gets a signal that aborts on the attempt's timeout or the caller's cancel. */
export type Attempt<T> = (signal: AbortSignal) => Promise<T>

export class Transport {
  private readonly limit: AdaptiveLimit

  constructor(private readonly options: TransportOptions) {
    this.limit = new AdaptiveLimit(options.concurrency)
  }

  /** In-flight attempts (for diagnostics and tests). */
  get activeCount(): number {
    return this.limit.activeCount
  }

  /** Attempts allowed in flight now: the configured concurrency, less while the server rate limits. */
  get concurrency(): number {
    return this.limit.concurrency
  }

  run<T>(endpoint: string, signal: AbortSignal | undefined, attempt: Attempt<T>): Promise<T> {
    const { retry } = this.options
    let malformedSeen = 0
    return pRetry(() => this.limited(endpoint, signal, attempt), {
      retries: retry.retries,
      // p-retry counts attempts and decides; the wait happens in shouldRetry because
      // Retry-After must be a floor and the jitter must be injectable.
      minTimeout: 0,
      shouldRetry: async ({ error, retriesConsumed }) => {
        if (!isTransient(error)) return false
        if (error.code === 'api_malformed_response' && ++malformedSeen > retry.malformedRetries) return false
        const retryAfterMs = error.details.retryAfterMs
        if (retryAfterMs !== undefined && retryAfterMs > retry.maxRetryAfterMs) return false
        await sleep(Math.max(this.backoffMs(retriesConsumed), retryAfterMs ?? 0), signal, endpoint)
        return true
      },
    })
  }

  /** One attempt inside the limit; a 429 tells the limit to back off and hold new requests for its Retry-After. */
  private async limited<T>(endpoint: string, signal: AbortSignal | undefined, attempt: Attempt<T>): Promise<T> {
    const permit = await this.limit.acquire(signal, () => cancelledError(endpoint))
    try {
      const result = await this.once(endpoint, signal, attempt)
      permit.release()
      return result
    } catch (error) {
      if (error instanceof ByrobotError && error.code === 'api_rate_limited') {
        const retryAfterMs = error.details.retryAfterMs
        // A Retry-After beyond what is waited for goes to the caller; the limit still backs off.
        const pauseMs =
          retryAfterMs === undefined
            ? this.backoffMs(0)
            : retryAfterMs > this.options.retry.maxRetryAfterMs
              ? 0
              : retryAfterMs
        permit.release({ rateLimited: true, pauseMs })
      } else permit.release()
      throw error
    }
  }

  private backoffMs(retriesConsumed: number): number {
    const { minTimeoutMs, factor, maxTimeoutMs } = this.options.retry
    const base = Math.min(maxTimeoutMs, minTimeoutMs * factor ** retriesConsumed)
    // "Equal jitter": at least half the base, so clients that failed together spread out.
    return Math.round(base / 2 + (this.options.random() * base) / 2)
  }

  private async once<T>(endpoint: string, signal: AbortSignal | undefined, attempt: Attempt<T>): Promise<T> {
    if (signal?.aborted) throw cancelledError(endpoint)
    const controller = new AbortController()
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      controller.abort(new DOMException('timeout', 'TimeoutError'))
    }, this.options.timeoutMs)
    const onCancel = (): void => controller.abort(signal?.reason)
    signal?.addEventListener('abort', onCancel, { once: true })
    try {
      return await attempt(controller.signal)
    } catch (error) {
      if (signal?.aborted) throw cancelledError(endpoint)
      if (timedOut) throw timeoutError(endpoint, this.options.timeoutMs)
      if (error instanceof AppFailure) throw error
      throw networkError(endpoint, error)
    } finally {
      clearTimeout(timer)
      signal?.removeEventListener('abort', onCancel)
    }
  }
}

function sleep(ms: number, signal: AbortSignal | undefined, endpoint: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelledError(endpoint))
    const onAbort = (): void => {
      clearTimeout(timer)
      reject(cancelledError(endpoint))
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
