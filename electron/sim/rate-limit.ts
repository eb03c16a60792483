// A gateway's rate limit: R requests a second as a token bucket (refilled at R a second, holding
// at most one second's worth), 429 with Retry-After beyond. What the adaptive concurrency of the
// client is measured against (`rate=R` in the faults SPEC).

export class RateLimiter {
  private tokens = 0
  private last = 0
  private ratePerSecond = 0
  accepted = 0
  rejected = 0

  /** R requests a second; 0 lets everything through. A new rate starts with a full bucket. */
  set(ratePerSecond: number, now: number): void {
    this.ratePerSecond = ratePerSecond
    this.tokens = ratePerSecond
    this.last = now
    this.accepted = 0
    this.rejected = 0
  }

  /** null when the request may go on; otherwise the whole seconds to send in Retry-After. */
  take(now: number): number | null {
    const rate = this.ratePerSecond
    if (rate <= 0) return null
    // At least one token fits: a rate under one a second still lets a request through now and then.
    this.tokens = Math.min(Math.max(1, rate), this.tokens + ((now - this.last) / 1000) * rate)
    this.last = now
    if (this.tokens >= 1) {
      this.tokens -= 1
      this.accepted++
      return null
    }
    this.rejected++
    // Until a token is back, in the whole seconds an HTTP Retry-After carries (at least 1).
    return Math.max(1, Math.ceil((1 - this.tokens) / rate))
  }
}
