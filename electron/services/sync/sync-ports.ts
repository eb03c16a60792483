// What the sync engine needs from the BYRobot client and the cache — narrow
// interfaces, so the engine is testable and the two sides stay independent.
import type {
  CallDetail,
  CallSummary,
  NotDialedCustomer,
  RecordingUnavailableReason,
  Task,
  TaskDetail,
} from '../../shared/contract'
import type { OpenRecording } from '../media/recording-answer'

export interface Page<T> {
  pageNum: number
  pageSize: number
  total: number | null
  pages: number | null
  items: T[]
}

export interface CallOptions {
  signal?: AbortSignal
}

export interface SyncClient {
  listTasks(query: { pageNum: number; pageSize: number }, options?: CallOptions): Promise<Page<Task>>
  getTaskDetail(taskId: number, options?: CallOptions): Promise<TaskDetail>
  listDoneCalls(
    query: { taskId: number; pageNum: number; pageSize: number },
    options?: CallOptions,
  ): Promise<Page<CallSummary>>
  listNotDialed(
    query: { taskId: number; pageNum: number; pageSize: number },
    options?: CallOptions,
  ): Promise<Page<NotDialedCustomer>>
  getCallDetail(callInstanceId: number, options?: CallOptions): Promise<CallDetail>
  /** A 2xx answer whose body is read, digested and written where it arrived (a worker thread). */
  fetchRecording(url: string, signal?: AbortSignal): Promise<OpenRecording>
}

export interface CachedRecording {
  kind: 'full' | 'customer'
  /** Relative to the profile's directory. */
  path: string
  bytes: number
  sha256: string
  durationMs: number
  sampleRate: number
  peaks: Float32Array
}

/** A recording the call is stored without: the URL that failed, why, and when it was tried. */
export interface UnavailableRecording {
  kind: CachedRecording['kind']
  url: string
  reason: RecordingUnavailableReason
  message: string
  at: string
}

export interface SyncCache {
  upsertTasks(tasks: Task[]): void
  /** After a complete task list: marks tasks it no longer holds as deleted (kept, not dropped). */
  retireTasksNotIn(taskIds: readonly number[]): number
  saveTaskDetail(detail: TaskDetail): void
  /** Returns the ids that are new or changed since they were last stored. */
  upsertCallSummaries(taskId: number, summaries: CallSummary[]): number[]
  /** Calls listed but not yet wholly cached (a sync killed midway leaves some). */
  callsNeedingDetail(taskId: number): number[]
  /** `unavailable` is the call's whole set of recordings it is stored without. */
  saveCallDetail(detail: CallDetail, recordings: CachedRecording[], unavailable: UnavailableRecording[]): void
  unavailableRecordings(callInstanceId: number): UnavailableRecording[]
  /** Calls of the task with a recording marked unavailable before `before` (ISO). */
  callsWithRecordingDue(taskId: number, before: string): number[]
  recordCallError(callInstanceId: number, code: string, message: string): void
  /** The task could not be synced (its detail or a list failed); cleared by markTaskSynced. */
  recordTaskError(taskId: number, code: string, message: string): void
  saveNotDialed(taskId: number, customers: NotDialedCustomer[]): void
  markTaskSynced(taskId: number, listTotal: number, at: string): void
}
