// The state of one sync job, pushed to the renderer as `sync.progress` events —
// at most every 100 ms while it runs, and always on a phase change or at the end.
import type { SyncCallError, SyncProgress } from '../../shared/contract'
import type { EventBus } from '../events/event-bus'

const EMIT_INTERVAL_MS = 100
/** The renderer lists errors; beyond this many calls it shows the count only (failed tasks are always listed). */
const MAX_LISTED_ERRORS = 200

export class SyncProgressTracker {
  current: SyncProgress
  private lastEmit = 0
  private errorCount = 0

  constructor(
    private readonly events: EventBus,
    initial: Pick<SyncProgress, 'jobId' | 'profileId' | 'scope' | 'taskId' | 'callInstanceId'>,
  ) {
    this.current = {
      ...initial,
      phase: 'tasks',
      tasksDone: 0,
      tasksTotal: initial.scope === 'all' ? 0 : 1,
      callsDone: 0,
      callsTotal: 0,
      bytes: 0,
      errors: [],
      failure: null,
      startedAt: new Date().toISOString(),
      finishedAt: null,
    }
  }

  get errorTotal(): number {
    return this.errorCount
  }

  update(patch: Partial<SyncProgress>): void {
    const phaseChanged = patch.phase !== undefined && patch.phase !== this.current.phase
    this.current = { ...this.current, ...patch }
    this.emit(phaseChanged || this.current.finishedAt !== null)
  }

  addError(error: SyncCallError): void {
    this.errorCount++
    if (this.current.errors.length < MAX_LISTED_ERRORS || error.callInstanceId === null)
      this.current = { ...this.current, errors: [...this.current.errors, error] }
    this.emit(false)
  }

  finish(phase: 'done' | 'partial' | 'cancelled' | 'failed', failure: SyncCallError | null = null): SyncProgress {
    this.update({ phase, failure, finishedAt: new Date().toISOString() })
    return this.current
  }

  private emit(force: boolean): void {
    const now = Date.now()
    if (!force && now - this.lastEmit < EMIT_INTERVAL_MS) return
    this.lastEmit = now
    this.events.emit('sync.progress', this.current)
  }
}
