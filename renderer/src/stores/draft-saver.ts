// Reviews that are not stored yet, one latest draft per call, saved until main has them: a failed
// save is retried with backoff for as long as it takes, a newer edit replaces what is retried,
// and nothing is dropped when the reviewer moves on to another call.
import pRetry from 'p-retry'

export type DraftSaveState = 'saved' | 'saving' | 'retrying'

export interface DraftSaverOptions<D> {
  save(draft: D): Promise<unknown>
  /** Told whenever a call's state changes; `error` is the last failure while retrying. */
  onState(callInstanceId: number, state: DraftSaveState, error: unknown): void
  /** First retry delay and the longest one (ms). */
  minDelayMs?: number
  maxDelayMs?: number
}

interface Pending<D> {
  draft: D
  /** Ends the backoff wait early (a newer edit, or flush). */
  wake: AbortController
  /** A save of it is on its way now: waking would only send it twice. */
  attempting: boolean
  loop: Promise<void>
}

export class DraftSaver<D extends { callInstanceId: number }> {
  private readonly pending = new Map<number, Pending<D>>()

  constructor(private readonly options: DraftSaverOptions<D>) {}

  /** The draft not stored yet for this call (to show again when the call is reopened), else null. */
  unsaved(callInstanceId: number): D | null {
    return this.pending.get(callInstanceId)?.draft ?? null
  }

  hasUnsaved(): boolean {
    return this.pending.size > 0
  }

  /** Saves this draft (replacing any unsaved one of the same call) and retries until it is stored. */
  put(draft: D): void {
    const id = draft.callInstanceId
    const current = this.pending.get(id)
    if (current) {
      current.draft = draft
      // A retry waiting out its backoff tries the newer draft now (one on its way saves it next).
      if (!current.attempting) current.wake.abort()
      return
    }
    const entry: Pending<D> = { draft, wake: new AbortController(), attempting: false, loop: Promise.resolve() }
    this.pending.set(id, entry)
    entry.loop = this.saveUntilStored(id, entry)
  }

  /** Tries every unsaved draft (or one call's) at once; true when they are all stored. */
  async flush(callInstanceId?: number, timeoutMs = 5000): Promise<boolean> {
    const entries = [...this.pending.entries()].filter(([id]) => callInstanceId === undefined || id === callInstanceId)
    for (const [, entry] of entries) if (!entry.attempting) entry.wake.abort()
    let timer: ReturnType<typeof setTimeout> | undefined
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))
    await Promise.race([Promise.all(entries.map(([, entry]) => entry.loop)), timeout])
    clearTimeout(timer)
    return entries.every(([id, entry]) => this.pending.get(id) !== entry)
  }

  private async saveUntilStored(id: number, entry: Pending<D>): Promise<void> {
    this.options.onState(id, 'saving', null)
    for (;;) {
      try {
        await pRetry(
          async () => {
            const draft = entry.draft
            entry.attempting = true
            try {
              await this.options.save(draft)
            } finally {
              entry.attempting = false
            }
            // A newer edit came in while this one was on its way: save that one too.
            if (entry.draft !== draft) throw new NewerDraft()
          },
          {
            retries: Number.POSITIVE_INFINITY,
            minTimeout: this.options.minDelayMs ?? 500,
            maxTimeout: this.options.maxDelayMs ?? 15_000,
            // A newer draft is saved at once, not after a backoff.
            shouldConsumeRetry: ({ error }) => !(error instanceof NewerDraft),
            onFailedAttempt: ({ error }) => {
              if (!(error instanceof NewerDraft)) this.options.onState(id, 'retrying', error)
            },
            signal: entry.wake.signal,
          },
        )
        this.pending.delete(id)
        this.options.onState(id, 'saved', null)
        return
      } catch (error) {
        // Woken early (a newer edit or a flush): try again right away. Otherwise p-retry gave up
        // on an error it never retries (a TypeError that is no network error): keep trying, slowly.
        if (!entry.wake.signal.aborted) {
          this.options.onState(id, 'retrying', error)
          await wait(this.options.maxDelayMs ?? 15_000, entry.wake.signal)
        }
        entry.wake = new AbortController()
      }
    }
  }
}

function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms)
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true })
  })
}

class NewerDraft extends Error {
  constructor() {
    super('a newer draft replaced this one')
    this.name = 'NewerDraft'
  }
}
