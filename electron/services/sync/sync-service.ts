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

type JobScope = { scope: 'all' } | { scope: 'task'; taskId: number } | { scope: 'call'; callInstanceId: number }

interface RunningJob {
  controller: AbortController
  tracker: SyncProgressTracker
  done: Promise<SyncProgress>
}

export interface SyncServiceOptions {
  /** Requests in flight at once (default 6). */
  concurrency?: number
  /** Told of every job's end, with the number of errors (the progress lists at most 200). */
  onFinished?: (progress: SyncProgress, errorTotal: number) => void
  /** Clock for unavailable recordings' retry time (tests move it). */
  now?: () => Date
}

export class SyncService {
  private running: RunningJob | null = null
  private last: SyncProgress | null = null

  constructor(
    private readonly events: EventBus,
    private readonly options: SyncServiceOptions = {},
  ) {}

  /** True while a job runs: one at a time, whoever asked for it (the reviewer or the schedule). */
  get busy(): boolean {
    return this.running !== null
  }

  status(): SyncProgress | null {
    return this.running?.tracker.current ?? this.last
  }

  /** Starts a job and returns its first progress; `wait()` resolves when it ends. */
  start(target: SyncTarget, taskId?: number): SyncProgress {
    return this.run(target, taskId === undefined ? { scope: 'all' } : { scope: 'task', taskId })
  }

  /** Starts a job fetching one call (cached or not), the same way a sync stores every call. */
  startCall(target: SyncTarget, callInstanceId: number): SyncProgress {
    return this.run(target, { scope: 'call', callInstanceId })
  }

  private run(target: SyncTarget, job: JobScope): SyncProgress {
    if (this.running) throw new AppFailure('sync_running', 'A sync is already running')
    const controller = new AbortController()
    const taskId = job.scope === 'task' ? job.taskId : undefined
    const tracker = new SyncProgressTracker(this.events, {
      jobId: randomBytes(6).toString('hex'),
      profileId: target.profileId,
      scope: job.scope,
      taskId: taskId ?? null,
      callInstanceId: job.scope === 'call' ? job.callInstanceId : null,
    })
    const engine = new SyncEngine({
      client: target.client,
      cache: target.cache,
      profileDir: target.profileDir,
      progress: tracker,
      concurrency: this.options.concurrency ?? 6,
      signal: controller.signal,
      now: this.options.now,
    })
    const done = (async (): Promise<SyncProgress> => {
      try {
        if (job.scope === 'all') await engine.syncAllTasks()
        else if (job.scope === 'task') await engine.syncTask(job.taskId)
        else await engine.syncOneCall(job.callInstanceId)
        if (controller.signal.aborted) return tracker.finish('cancelled')
        // Some tasks or calls did not sync: the job says so rather than "done".
        return tracker.finish(tracker.errorTotal > 0 ? 'partial' : 'done')
      } catch (error) {
        if (controller.signal.aborted) return tracker.finish('cancelled')
        return tracker.finish(
          'failed',
          toSyncError(error, { taskId, callInstanceId: job.scope === 'call' ? job.callInstanceId : undefined }),
        )
      } finally {
        this.last = tracker.current
        this.running = null
        try {
          this.options.onFinished?.(tracker.current, tracker.errorTotal)
        } catch (error) {
          // Keeping the record is a courtesy; the job itself is over and its data stored.
          console.error('CallLens: could not record the end of a sync:', error instanceof Error ? error.message : error)
        }
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
