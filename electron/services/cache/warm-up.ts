// Builds the counting columns and the calls per text AHEAD of the first count or search, once the
// data holds still: after the cache opens, and after a sync, a team pull or any write stops moving
// the data version. At 1M calls that read costs ≈ 3 s, which the first filter change paid while the
// backend answered nothing. Here it runs one slice (≈ 10–20 ms) per turn of the event loop, so
// requests are answered between slices; a write meanwhile throws the build away (it starts again
// once the data settles). The settle checks are unref'd: an idle short-lived process (the CLI)
// exits without waiting; one caught mid-build finishes that build first (seconds at 1M) unless it closes the cache.
import type { Advance } from './sliced-build'

export interface WarmUpClock {
  /** Calls fn every ms; returns a stop. */
  every(ms: number, fn: () => void): () => void
  /** Calls fn on the next turn of the event loop, after pending I/O (requests); returns a cancel. */
  soon(fn: () => void): () => void
}

export const eventLoopClock: WarmUpClock = {
  every(ms, fn) {
    const timer = setInterval(fn, ms)
    timer.unref()
    return () => clearInterval(timer)
  },
  soon(fn) {
    // Kept referenced: an unref'd immediate leaves the loop free to sleep in its poll phase until a
    // timer or I/O wakes it, so a host with nothing else to do built one slice per wake-up (a 1M
    // build took minutes instead of seconds). While a build runs it keeps a process alive; the
    // settle checks (every, above) never do.
    const immediate = setImmediate(fn)
    return () => clearImmediate(immediate)
  },
}

/** idle: nothing to build or waiting for the data to settle; building: slices under way; built: ready for the data as it is. */
export type WarmState = 'idle' | 'building' | 'built'

export interface WarmUpOptions {
  /** How long the data version must stay the same before a build starts. Default 500 ms. */
  settleMs?: number
  clock?: WarmUpClock
}

export class WarmUp {
  private lastSeen: string
  private cancelSlice: (() => void) | null = null
  private readonly stopTicks: () => void
  private stopped = false
  /** Builds finished, thrown away (the data moved) and failed since opening: for tests and the bench. */
  readonly stats = { built: 0, moved: 0, failed: 0 }

  constructor(
    /** The data version the builds follow (DataVersion.cacheFile). */
    private readonly version: () => string,
    /** One slice of the next build still to do. */
    private readonly advance: () => Advance,
    private readonly isBuilt: () => boolean,
    options: WarmUpOptions = {},
  ) {
    const clock = options.clock ?? eventLoopClock
    this.lastSeen = version()
    this.stopTicks = clock.every(options.settleMs ?? 500, () => this.tick(clock))
  }

  state(): WarmState {
    if (this.stopped) return 'idle'
    if (this.cancelSlice !== null) return 'building'
    return this.isBuilt() ? 'built' : 'idle'
  }

  /** Stops the ticks and cancels a slice not yet run (the cache closes). */
  stop(): void {
    this.stopped = true
    this.stopTicks()
    this.cancelSlice?.()
    this.cancelSlice = null
  }

  private tick(clock: WarmUpClock): void {
    const now = this.version()
    const settled = now === this.lastSeen
    this.lastSeen = now
    if (this.stopped || !settled || this.cancelSlice !== null || this.isBuilt()) return
    const slice = () => {
      this.cancelSlice = null
      if (this.stopped) return
      let step: Advance
      try {
        step = this.advance()
      } catch {
        // Nothing is lost: the next tick tries again, and a count or search that needs the
        // arrays reads them itself (and reports what fails there).
        this.stats.failed++
        return
      }
      if (step === 'more') this.cancelSlice = clock.soon(slice)
      else this.stats[step]++
    }
    this.cancelSlice = clock.soon(slice)
  }
}
