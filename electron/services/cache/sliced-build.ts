// A result derived from the whole cache file (the counting columns, the calls per text), read in
// slices so that it can be built ahead between requests (warm-up.ts) and still be had at once when
// a request needs it. One routine serves both: a request finishes the build from where the ahead
// build left it; the ahead build runs it one slice per turn of the event loop.

/** One build's reading: `step` reads one slice and says whether the reading is complete. */
export interface Slices<T> {
  step(): boolean
  /** The result once complete; null when the data does not fit (then SQL answers). */
  result(): T | null
}

export type Advance = 'built' | 'more' | 'moved'

export class SlicedBuild<T> {
  private done: { key: string; value: T | null } | null = null
  private building: { key: string; slices: Slices<T> } | null = null

  constructor(
    /** The data version the result follows (DataVersion.cacheFile). */
    private readonly keyOf: () => string,
    private readonly start: () => Slices<T>,
  ) {}

  /** Built for the data as it is now. */
  ready(): boolean {
    return this.done?.key === this.keyOf()
  }

  /**
   * The result for the data as it is now, finishing a build in progress from where it is (its
   * slices so far read this same version) or building it whole. Call it in the reading transaction.
   */
  get(): T | null {
    const key = this.keyOf()
    if (this.done?.key === key) return this.done.value
    if (this.building?.key !== key) this.building = { key, slices: this.start() }
    const { slices } = this.building
    while (!slices.step());
    return this.finish(key, slices)
  }

  /**
   * One slice of a build ahead of any request. 'moved': the data changed since the build began
   * (before or during this slice), so what was read is thrown away; build again once it holds still.
   */
  advance(): Advance {
    const key = this.keyOf()
    if (this.done?.key === key) return 'built'
    if (this.building?.key !== key) {
      const stale = this.building !== null
      this.building = null
      if (stale) return 'moved'
      this.building = { key, slices: this.start() }
    }
    const { slices } = this.building
    const complete = slices.step()
    // A commit by another connection between this slice's first and last row would show here.
    if (this.keyOf() !== key) {
      this.building = null
      return 'moved'
    }
    if (!complete) return 'more'
    this.finish(key, slices)
    return 'built'
  }

  /** Drops a build in progress (the cache closes). */
  cancel(): void {
    this.building = null
  }

  private finish(key: string, slices: Slices<T>): T | null {
    this.done = { key, value: slices.result() }
    this.building = null
    return this.done.value
  }
}
