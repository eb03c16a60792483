// Start-up's costliest read answered ahead. The page asks for the task list as soon as its script
// runs (renderer/src/api: sendStartUpCalls); the backend worker is loaded well before that, so it
// computes the answer meanwhile (counts over every cached call: the largest part of start-up with a
// big cache) and hands it to the first identical request.
//
// An answer computed at T is what a request arriving at T would have got; it is kept only while
// nothing can have changed since: any other request than a start-up read, or any event from the
// services (a sync, a team pull: whatever writes on its own says so), drops it.

/** Computed ahead: the task list as the page first asks for it (no filter). */
const AHEAD: readonly { channel: string; input: unknown }[] = [{ channel: 'tasks.list', input: {} }]
/** The page's other start-up reads: they leave an answer ahead in place. */
const START_UP_READS: ReadonlySet<unknown> = new Set([
  'profiles.list',
  'settings.get',
  'app.info',
  'sync.status',
  // The shell asks once mounted; a team connection it starts says what it changes by its events.
  'team.status',
])
/** The page asks within a second or two of the host's start; an answer older than this is not used. */
const MAX_AGE_MS = 10_000

const keyOf = (channel: unknown, input: unknown): string => JSON.stringify([channel, input ?? null])
const AHEAD_KEYS: ReadonlySet<string> = new Set(AHEAD.map(({ channel, input }) => keyOf(channel, input)))

export class EarlyAnswers {
  private readonly answers = new Map<string, { json: string; at: number }>()
  /** Asked for before its answer was computed ahead: the request computes it, not prepare() again. */
  private readonly asked = new Set<string>()
  /** Bumped by drop(): an answer computed across a drop is not kept. */
  private generation = 0

  constructor(
    /** The backend's invoke, answering with the Result as JSON text. */
    private readonly invoke: (channel: unknown, input: unknown) => Promise<string>,
    private readonly now: () => number = Date.now,
  ) {}

  /** Computes the answers ahead (one after the other: the backend is one thread). */
  async prepare(): Promise<void> {
    for (const { channel, input } of AHEAD) {
      if (this.asked.has(keyOf(channel, input))) continue
      const generation = this.generation
      const json = await this.invoke(channel, input)
      if (generation === this.generation) this.answers.set(keyOf(channel, input), { json, at: this.now() })
    }
  }

  /** The answer kept for exactly this request (given once), or null: then the backend answers it. */
  take(channel: unknown, input: unknown): string | null {
    const key = keyOf(channel, input)
    const kept = this.answers.get(key)
    if (kept) {
      this.answers.delete(key)
      return this.now() - kept.at <= MAX_AGE_MS ? kept.json : null
    }
    if (AHEAD_KEYS.has(key)) this.asked.add(key)
    if (!START_UP_READS.has(channel) && !AHEAD.some((read) => read.channel === channel)) this.drop()
    return null
  }

  /** Something may have changed: nothing answered ahead is given any more. */
  drop(): void {
    this.generation++
    this.answers.clear()
  }
}
