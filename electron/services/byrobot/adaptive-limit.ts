// How many requests one client keeps in flight, adapted to what the server says (AIMD): a 429
// halves the limit (once per round: answers to requests sent before the cut say nothing new) and
// holds every new request until its Retry-After has passed; while answers are OK the limit grows
// back by one request a second, up to the configured concurrency. A rate limit counts requests a
// second, so growing by the second (not by the round trip, as TCP does) keeps the sync just under
// the server's rate instead of overshooting it every second; a sync never rate limited stays at
// full concurrency throughout.

/** One more request in flight per this long without a 429. */
const GROWTH_INTERVAL_MS = 1000

export interface Permit {
  /** The request ended; `rateLimited` when it was answered 429 (with the pause it asked for, ms). */
  release(outcome?: { rateLimited: true; pauseMs: number }): void
}

interface Waiter {
  grant: (permit: Permit) => void
  reject: (error: Error) => void
  signal: AbortSignal | undefined
  onAbort: () => void
}

export class AdaptiveLimit {
  private limit: number
  private active = 0
  private readonly waiting: Waiter[] = []
  private pausedUntil = 0
  /** When the limit was last cut: a 429 for a request sent before it is not news. */
  private cutAt = Number.NEGATIVE_INFINITY
  /** When the limit last grew or was cut: it grows one step per GROWTH_INTERVAL_MS of OK answers. */
  private grownAt = Number.NEGATIVE_INFINITY
  private timer: ReturnType<typeof setTimeout> | null = null

  constructor(
    private readonly max: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.limit = max
  }

  /** Requests in flight now. */
  get activeCount(): number {
    return this.active
  }

  /** Requests allowed in flight now (1 to the configured concurrency). */
  get concurrency(): number {
    return Math.floor(this.limit)
  }

  /** Resolves when a request may go; rejects with `cancelled()` if the signal aborts first. */
  acquire(signal: AbortSignal | undefined, cancelled: () => Error): Promise<Permit> {
    if (signal?.aborted) return Promise.reject(cancelled())
    return new Promise<Permit>((resolve, reject) => {
      const waiter: Waiter = {
        grant: resolve,
        reject,
        signal,
        onAbort: () => {
          const index = this.waiting.indexOf(waiter)
          if (index >= 0) this.waiting.splice(index, 1)
          reject(cancelled())
        },
      }
      signal?.addEventListener('abort', waiter.onAbort, { once: true })
      this.waiting.push(waiter)
      this.pump()
    })
  }

  private pump(): void {
    const now = this.now()
    if (now < this.pausedUntil) {
      if (this.timer === null && this.waiting.length > 0) {
        this.timer = setTimeout(() => {
          this.timer = null
          this.pump()
        }, this.pausedUntil - now)
      }
      return
    }
    while (this.waiting.length > 0 && this.active < Math.floor(this.limit)) {
      const waiter = this.waiting.shift()!
      waiter.signal?.removeEventListener('abort', waiter.onAbort)
      this.active++
      waiter.grant(this.permit(now))
    }
  }

  private permit(sentAt: number): Permit {
    let released = false
    return {
      release: (outcome) => {
        if (released) return
        released = true
        this.active--
        if (outcome?.rateLimited) this.congested(sentAt, outcome.pauseMs)
        else this.grow()
        this.pump()
      },
    }
  }

  private grow(): void {
    if (this.limit >= this.max) return
    const now = this.now()
    // Counted from the end of the pause: the time spent waiting says nothing about the server's rate.
    const since = Math.max(this.grownAt, this.pausedUntil)
    if (now - since < GROWTH_INTERVAL_MS) return
    this.limit = Math.min(this.max, this.limit + 1)
    this.grownAt = now
  }

  private congested(sentAt: number, pauseMs: number): void {
    const now = this.now()
    if (sentAt >= this.cutAt) {
      this.limit = Math.max(1, Math.floor(this.limit / 2))
      this.cutAt = now
    }
    this.grownAt = now
    this.pausedUntil = Math.max(this.pausedUntil, now + pauseMs)
  }
}
