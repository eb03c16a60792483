// Every edit of a review's draft, handed to main at once (main journals it until a save of it is
// stored, so a page that crashes or reloads loses nothing): stamped with this page's editor id and
// the edit's revision, one request in flight per call, only the latest edit waiting behind it.
import type { DraftStamp } from '@shared/contract'
import { TransportError } from '../api/transport'

export interface DraftJournalOptions<D> {
  send(draft: D, stamp: DraftStamp): Promise<unknown>
  /** Wait before sending again when main could not be reached (ms); doubled up to `maxDelayMs`. */
  minDelayMs?: number
  maxDelayMs?: number
}

interface Waiting<D> {
  draft: D
  stamp: DraftStamp
}

interface CallQueue<D> {
  waiting: Waiting<D> | null
  /** The loop sending this call's edits, while it runs. */
  running: Promise<void> | null
  /** Ends a wait after a failed send early (a newer edit came in). */
  wake: AbortController
}

/** A random id for this page's edits: a page loaded again (after a crash) is another editor. */
function newEditorId(): string {
  return globalThis.crypto.randomUUID()
}

export class DraftJournal<D extends { callInstanceId: number }> {
  readonly editor = newEditorId()
  private revision = 0
  private readonly queues = new Map<number, CallQueue<D>>()

  constructor(private readonly options: DraftJournalOptions<D>) {}

  /** The stamp of a new revision (an edit, or a draft taken over from a page that died). */
  nextStamp(): DraftStamp {
    return { editor: this.editor, revision: ++this.revision }
  }

  /** Stamps this edit and sends it as soon as the call's previous edit is answered; returns its stamp. */
  record(draft: D): DraftStamp {
    const stamp = this.nextStamp()
    const id = draft.callInstanceId
    let queue = this.queues.get(id)
    if (!queue) {
      queue = { waiting: null, running: null, wake: new AbortController() }
      this.queues.set(id, queue)
    }
    queue.waiting = { draft, stamp }
    queue.wake.abort()
    if (!queue.running) queue.running = this.sendAll(id, queue)
    return stamp
  }

  /** Resolves once no edit is waiting or on its way (or a few seconds have passed). */
  async settled(timeoutMs = 5000): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))
    await Promise.race([Promise.all([...this.queues.values()].map((queue) => queue.running)), timeout])
    clearTimeout(timer)
  }

  private async sendAll(id: number, queue: CallQueue<D>): Promise<void> {
    let delay = this.options.minDelayMs ?? 500
    while (queue.waiting) {
      const next = queue.waiting
      queue.waiting = null
      queue.wake = new AbortController()
      try {
        await this.options.send(next.draft, next.stamp)
        delay = this.options.minDelayMs ?? 500
      } catch (error) {
        // Main could not be reached: send it again, unless a newer edit has come in meanwhile. Main
        // refusing it is final (the save of the same draft is refused, and says why, on screen).
        if (!(error instanceof TransportError)) continue
        queue.waiting ??= next
        await wait(delay, queue.wake.signal)
        delay = Math.min(delay * 2, this.options.maxDelayMs ?? 15_000)
      }
    }
    queue.running = null
    this.queues.delete(id)
  }
}

function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve()
    const timer = setTimeout(resolve, ms)
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true })
  })
}
