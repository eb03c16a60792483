// Undo and redo over the edits of one call's draft. States are kept as JSON text; edits of the
// same kind in one burst (typing a note) are one step, every other edit (a verdict click) its own.
export class DraftHistory {
  private undoStack: string[] = []
  private redoStack: string[] = []
  private current: string | null = null
  private lastEditAt = Number.NEGATIVE_INFINITY
  private lastBurst: string | null = null

  constructor(
    private readonly burstMs = 800,
    private readonly limit = 200,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** A new call: its loaded draft is where undo stops. */
  reset(state: string): void {
    this.undoStack = []
    this.redoStack = []
    this.current = state
    this.lastBurst = null
  }

  /**
   * The draft changed (by the reviewer) to `state`. `burst` names the kind of edit that may join
   * the one before it (e.g. 'text' while typing); null makes it a step of its own.
   */
  record(state: string, burst: string | null = null): void {
    if (this.current === null || state === this.current) return
    const at = this.now()
    // Within a burst the step's starting point stays; the burst ends as one undo.
    const joins = burst !== null && burst === this.lastBurst && at - this.lastEditAt <= this.burstMs
    this.lastBurst = burst
    if (!joins) {
      this.undoStack.push(this.current)
      if (this.undoStack.length > this.limit) this.undoStack.shift()
    }
    this.redoStack = []
    this.current = state
    this.lastEditAt = at
  }

  /** The state to go back to, or null when there is none. */
  undo(): string | null {
    return this.step(this.undoStack, this.redoStack)
  }

  redo(): string | null {
    return this.step(this.redoStack, this.undoStack)
  }

  /** Moves one state from `from` to current, the current one onto `to`. */
  private step(from: string[], to: string[]): string | null {
    const target = from.pop()
    if (target === undefined || this.current === null) return null
    to.push(this.current)
    this.current = target
    this.lastBurst = null
    return target
  }

  get canUndo(): boolean {
    return this.undoStack.length > 0
  }

  get canRedo(): boolean {
    return this.redoStack.length > 0
  }
}
