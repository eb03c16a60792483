// Hybrid logical clocks (Kulkarni et al., 2014) in the contract's string form, so that plain string
// order is clock order and a per-field "last writer wins" is a string comparison on both sides.
//
// Skew: TEAM.md accepts that a device whose wall clock runs ahead wins concurrent edits. Every
// device absorbs the highest clock it has seen (receive), so an edit made *after* seeing a value
// always beats it, whatever the wall clocks say; skew can only reorder edits made concurrently.
// We therefore take any well-formed remote clock as it is, however far ahead: refusing one would
// leave the devices disagreeing for good, which is worse than a skewed device winning a race.
import { HLC_PATTERN } from './contract'

const WALL_DIGITS = 15
const COUNTER_DIGITS = 6
const COUNTER_MAX = 10 ** COUNTER_DIGITS - 1

export interface HlcReading {
  /** Wall-clock part, ms since the epoch (the highest seen, not necessarily this machine's now). */
  wallMs: number
  counter: number
  device: string
}

export function formatHlc({ wallMs, counter, device }: HlcReading): string {
  return `${String(wallMs).padStart(WALL_DIGITS, '0')}-${String(counter).padStart(COUNTER_DIGITS, '0')}-${device}`
}

export function parseHlc(text: string): HlcReading {
  if (!HLC_PATTERN.test(text)) throw new Error(`not a hybrid logical clock: ${JSON.stringify(text)}`)
  return {
    wallMs: Number(text.slice(0, WALL_DIGITS)),
    counter: Number(text.slice(WALL_DIGITS + 1, WALL_DIGITS + 1 + COUNTER_DIGITS)),
    device: text.slice(WALL_DIGITS + COUNTER_DIGITS + 2),
  }
}

/** The later of two clocks (or the one given, when the other is absent). */
export function laterHlc(a: string | null, b: string | null): string | null {
  if (a === null) return b
  if (b === null) return a
  return a > b ? a : b
}

export class HybridClock {
  private wallMs = 0
  private counter = 0

  /**
   * @param last the last clock this device issued or saw (kept across restarts), so a wall clock
   *   set back while the app was closed still never makes a reading smaller than an earlier one.
   */
  constructor(
    readonly device: string,
    private readonly physicalMs: () => number = Date.now,
    last: string | null = null,
  ) {
    if (last !== null) this.receive(last, false)
  }

  /** A new reading for a local edit, later than every reading issued or received before. */
  now(): string {
    const physical = this.physicalMs()
    if (physical > this.wallMs) {
      this.wallMs = physical
      this.counter = 0
    } else {
      // The wall clock stood still or went back: order by the counter under the highest wall time.
      this.tick()
    }
    return this.current()
  }

  /** Takes in a clock seen on another device, so the next local reading is later than it. */
  receive(remote: string, advance = true): void {
    const theirs = parseHlc(remote)
    const physical = advance ? this.physicalMs() : 0
    const wall = Math.max(this.wallMs, theirs.wallMs, physical)
    if (wall === this.wallMs && wall === theirs.wallMs) this.counter = Math.max(this.counter, theirs.counter)
    else if (wall === theirs.wallMs) this.counter = theirs.counter
    else if (wall !== this.wallMs) {
      // This machine's own time is ahead of both: a fresh millisecond.
      this.wallMs = wall
      this.counter = 0
      return
    }
    this.wallMs = wall
    if (advance) this.tick()
  }

  /** The last reading issued or received (what to keep across restarts). */
  current(): string {
    return formatHlc({ wallMs: this.wallMs, counter: this.counter, device: this.device })
  }

  private tick(): void {
    // A million edits within one millisecond: borrow the next millisecond rather than overflow.
    if (this.counter === COUNTER_MAX) {
      this.wallMs += 1
      this.counter = 0
    } else this.counter += 1
  }
}
