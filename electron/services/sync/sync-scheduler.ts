// "Sync every N minutes while CallLens is open": the next scheduled sync comes N minutes after the
// last one ended (whoever started it), skips a turn while any sync runs, and follows the setting.
import type { Settings } from '../../shared/contract'
import type { EventBus } from '../events/event-bus'

export interface SyncSchedulerDeps {
  settings: { get(): Settings }
  events: EventBus
  /** Whether a sync is running now (one job at a time, manual or scheduled). */
  busy(): boolean
  /** Starts an incremental sync of the active profile; rejects when there is none to sync. */
  startSync(): Promise<unknown>
  timers?: Pick<typeof globalThis, 'setTimeout' | 'clearTimeout'>
  /** Told why a scheduled sync could not start (no profile, its secret gone…); never thrown. */
  onSkipped?: (error: unknown) => void
}

export class SyncScheduler {
  private timer: ReturnType<typeof setTimeout> | null = null
  private unsubscribe: (() => void) | null = null
  private intervalMinutes = 0

  constructor(private readonly deps: SyncSchedulerDeps) {}

  /** Follows the setting from now on; a no-op when already started. */
  start(): void {
    if (this.unsubscribe) return
    this.unsubscribe = this.deps.events.subscribe((event) => {
      if (event.name === 'settings.changed' && event.payload.syncEveryMinutes !== this.intervalMinutes) this.arm()
      // Any job's end restarts the count: a manual sync a minute ago makes a scheduled one now pointless.
      if (event.name === 'sync.progress' && event.payload.finishedAt !== null) this.arm()
    })
    this.arm()
  }

  stop(): void {
    this.unsubscribe?.()
    this.unsubscribe = null
    this.disarm()
  }

  private disarm(): void {
    if (this.timer !== null) (this.deps.timers ?? globalThis).clearTimeout(this.timer)
    this.timer = null
  }

  private arm(): void {
    this.disarm()
    this.intervalMinutes = this.deps.settings.get().syncEveryMinutes
    if (this.intervalMinutes <= 0 || !this.unsubscribe) return
    this.timer = (this.deps.timers ?? globalThis).setTimeout(() => void this.due(), this.intervalMinutes * 60_000)
    // A schedule alone never keeps a process alive (the host and the app exit on their own terms).
    ;(this.timer as { unref?: () => void }).unref?.()
  }

  private async due(): Promise<void> {
    this.timer = null
    if (this.deps.busy()) return this.arm() // the running job's end re-arms too; this covers a lost event
    try {
      await this.deps.startSync()
      // Armed again when the job's last progress event says it ended.
    } catch (error) {
      this.deps.onSkipped?.(error)
      this.arm()
    }
  }
}
