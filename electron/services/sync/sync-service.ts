// Runs sync jobs for the active profile, one at a time: start, cancel, status.
// The job runs in the background; the renderer follows it through `sync.progress` events.
import { randomBytes } from 'node:crypto'
import { AppFailure, type SyncProgress } from '../../shared/contract'
import type { EventBus } from '../events/event-bus'
import { SyncEngine, toSyncError } from './sync-engine'
import type { SyncCache, SyncClient } from './sync-ports'
import { SyncProgressTracker } from './sync-progress'

/** What a job needs from the open profile. */
export interface SyncTarget {
  profileId: string
  profileDir: string
  client: SyncClient
  cache: SyncCache
}

interface RunningJob {
  controller: AbortController
  tracker: SyncProgressTracker
  done: Promise<SyncProgress>
}

export class SyncService {
  private running: RunningJob | null = null
  private last: SyncProgress | null = null

  constructor(
    private readonly events: EventBus,
    private readonly concurrency = 6,
    /** Clock for unavailable recordings' retry time (tests move it). */
    private readonly now: () => Date = () => new Date(),
  ) {}

  status(): SyncProgress | null {
    return this.running?.tracker.current ?? this.last
  }

  /** Starts a job and returns its first progress; `wait()` resolves when it ends. */
  start(target: SyncTarget, taskId?: number): SyncProgress {
    if (this.running) throw new AppFailure('invalid_input', 'A sync is already running')
    const controller = new AbortController()
    const tracker = new SyncProgressTracker(this.events, {
      jobId: randomBytes(6).toString('hex'),
      profileId: target.profileId,
      scope: taskId === undefined ? 'all' : 'task',
      taskId: taskId ?? null,
    })
    const engine = new SyncEngine({
      client: target.client,
      cache: target.cache,
      profileDir: target.profileDir,
      progress: tracker,
      concurrency: this.concurrency,
      signal: controller.signal,
      now: this.now,
    })
    const done = (async (): Promise<SyncProgress> => {
      try {
        if (taskId === undefined) await engine.syncAllTasks()
        else await engine.syncTask(taskId)
        if (controller.signal.aborted) return tracker.finish('cancelled')
        // Some tasks or calls did not sync: the job says so rather than "done".
        return tracker.finish(tracker.errorTotal > 0 ? 'partial' : 'done')
      } catch (error) {
        if (controller.signal.aborted) return tracker.finish('cancelled')
        return tracker.finish('failed', toSyncError(error, { taskId }))
      } finally {
        this.last = tracker.current
        this.running = null
      }
    })()
    this.running = { controller, tracker, done }
    return tracker.current
  }

  cancel(): boolean {
    if (!this.running) return false
    this.running.controller.abort()
    return true
  }

  /** Resolves with the final progress of the running job (or the last one). */
  async wait(): Promise<SyncProgress | null> {
    return this.running ? this.running.done : this.last
  }
}
