// Pulls a profile's tasks and done calls into the cache. Each call is stored with
// its transcript, results and recordings in one transaction (wholly cached or not
// at all); a call or a task that fails is recorded with its error and the sync goes on.
// A recording that cannot be had for good (recording-unavailable.ts) does not fail its
// call: the call is stored without it, marked unavailable, and the recording is tried
// again only when its URL changes or a day has passed.
// Incremental (only new or changed calls get their detail fetched) and resumable
// (calls listed but never completed are picked up by the next run).
import { setMaxListeners } from 'node:events'
import pLimit from 'p-limit'
import {
  AppFailure,
  type CallDetail,
  type CallSummary,
  type SyncCallError,
  type SyncProgress,
} from '../../shared/contract'
import { fetchRecording } from '../media/recording-fetcher'
import { RecordingUnavailable } from '../media/recording-unavailable'
import type { CachedRecording, Page, SyncCache, SyncClient, UnavailableRecording } from './sync-ports'
import type { SyncProgressTracker } from './sync-progress'

const TASK_PAGE_SIZE = 100
const CALL_PAGE_SIZE = 50
/** Calls finishing while we page shift rows between pages: page again until the count settles. */
const MAX_LIST_PASSES = 4
/** Without a total, pages are read until a short one; a server that never sends one is stopped here. */
const MAX_PAGES = 10_000
/** An unavailable recording at an unchanged URL is tried again after this long. */
export const RECORDING_RETRY_MS = 24 * 60 * 60 * 1000
/** Failures that are not one task's: every other task would meet them too, so the sync stops. */
const WHOLE_SYNC_FAILURES = new Set(['cancelled', 'api_bad_credentials', 'api_network'])
/** Tasks in progress at once per request slot: enough that one task's round trips never leave a slot idle. */
const TASKS_PER_REQUEST_SLOT = 2
/**
 * Calls in progress at once per request slot. A call spends part of its time holding no request
 * (its recording read, decoded, hashed and written in a worker; its store): with only as many
 * calls as slots, the slots wait on that work. Requests stay within the client's one limit.
 */
const CALLS_PER_REQUEST_SLOT = 2
const PHASE_ORDER: SyncProgress['phase'][] = ['tasks', 'calls', 'details']

export interface SyncEngineOptions {
  client: SyncClient
  cache: SyncCache
  profileDir: string
  progress: SyncProgressTracker
  concurrency?: number
  signal: AbortSignal
  /** Clock for unavailable recordings' retry time. Default: the system clock. */
  now?: () => Date
}

function toSyncError(
  error: unknown,
  ids: { callInstanceId?: number; taskId?: number; taskName?: string | null },
): SyncCallError {
  const failure =
    error instanceof AppFailure
      ? { code: error.code, message: error.message }
      : { code: 'internal' as const, message: error instanceof Error ? error.message : String(error) }
  return {
    callInstanceId: ids.callInstanceId ?? null,
    taskId: ids.taskId ?? null,
    ...(ids.taskName === undefined ? {} : { taskName: ids.taskName }),
    ...failure,
  }
}

export class SyncEngine {
  /** List pages in flight (each one request). */
  private readonly limit: ReturnType<typeof pLimit>
  /** Calls in progress (each several requests and the work between them). */
  private readonly callLimit: ReturnType<typeof pLimit>
  private readonly concurrency: number
  /** Aborted when a failure stops the whole sync (bad key, network down): the other tasks stop too. */
  private readonly stop = new AbortController()
  /** The caller's cancellation or that stop: what every request and step here watches. */
  private readonly signal: AbortSignal

  constructor(private readonly options: SyncEngineOptions) {
    this.concurrency = options.concurrency ?? 6
    this.limit = pLimit(this.concurrency)
    this.callLimit = pLimit(this.concurrency * CALLS_PER_REQUEST_SLOT)
    this.signal = AbortSignal.any([options.signal, this.stop.signal])
    // Every request waiting for its turn listens for cancellation: hundreds at once is expected.
    setMaxListeners(0, this.signal)
  }

  private throwIfCancelled(signal: AbortSignal = this.signal): void {
    if (signal.aborted) throw new AppFailure('cancelled', 'Sync cancelled')
  }

  /** Phases only move forward: with tasks side by side, one task listing must not undo another's details. */
  private advance(phase: 'calls' | 'details', patch: Partial<SyncProgress> = {}): void {
    const { progress } = this.options
    const ahead = PHASE_ORDER.indexOf(phase) > PHASE_ORDER.indexOf(progress.current.phase)
    progress.update(ahead ? { ...patch, phase } : patch)
  }

  /**
   * Every page of a paged endpoint; returns the list's total (the rows seen when the server sends
   * none). The echoed pageSize is never trusted: the rows the first page really holds are the
   * server's page size (it may serve fewer than asked). With a total, the page count follows from
   * it and the rest are fetched concurrently; without one (or with one too small to be true), pages
   * are read in turn until one is short or empty, or brings nothing new (a server repeating its last page).
   */
  private async allPages<T>(
    fetchPage: (pageNum: number) => Promise<Page<T>>,
    keyOf: (item: T) => number,
    onPage: (items: T[]) => void,
  ): Promise<number> {
    const seen = new Set<number>()
    const take = (items: T[]): number => {
      const before = seen.size
      for (const item of items) seen.add(keyOf(item))
      onPage(items)
      return seen.size - before
    }
    const first = await fetchPage(1)
    take(first.items)
    const served = first.items.length
    if (served === 0) return first.total ?? 0
    // Only a total of at least the first page's rows is believed; `pages` is counted by the echoed
    // pageSize, so it is never used.
    if (first.total !== null && first.total >= served) {
      const pages = Math.ceil(first.total / served)
      let total = first.total
      await Promise.all(
        Array.from({ length: pages - 1 }, (_, i) =>
          this.limit(async () => {
            this.throwIfCancelled()
            const page = await fetchPage(i + 2)
            if (page.total !== null) total = Math.max(total, page.total)
            take(page.items)
          }),
        ),
      )
      return total
    }
    for (let pageNum = 2; pageNum <= MAX_PAGES; pageNum++) {
      this.throwIfCancelled()
      const page = await fetchPage(pageNum)
      const added = take(page.items)
      if (page.items.length < served || added === 0) return seen.size
    }
    throw new AppFailure('api_malformed_response', `The server kept sending full pages past page ${MAX_PAGES}.`)
  }

  async syncAllTasks(): Promise<void> {
    const { client, cache, progress } = this.options
    const signal = this.signal
    progress.update({ phase: 'tasks' })
    const names = new Map<number, string>()
    await this.allPages(
      (pageNum) => client.listTasks({ pageNum, pageSize: TASK_PAGE_SIZE }, { signal }),
      (task) => task.taskId,
      (tasks) => {
        cache.upsertTasks(tasks)
        for (const task of tasks) names.set(task.taskId, task.name)
      },
    )
    const taskIds = [...names.keys()]
    cache.retireTasksNotIn(taskIds)
    progress.update({ tasksTotal: taskIds.length })
    // Tasks run side by side: their requests share the one request limit, so many small tasks keep
    // it full instead of each paying its own list round trips in turn.
    const taskLimit = pLimit(this.concurrency * TASKS_PER_REQUEST_SLOT)
    let fatal: unknown = null
    await Promise.all(
      taskIds.map((taskId) =>
        taskLimit(async () => {
          if (signal.aborted) return
          try {
            await this.syncTask(taskId)
          } catch (error) {
            if (signal.aborted) return
            if (error instanceof AppFailure && WHOLE_SYNC_FAILURES.has(error.code)) {
              // Every other task would meet it too: they are stopped, and the sync fails with it.
              fatal = error
              this.stop.abort()
              return
            }
            // One task answering 403, 404, 500s or nonsense does not stop the others.
            progress.addError(toSyncError(error, { taskId, taskName: names.get(taskId) || null }))
          }
          progress.update({ tasksDone: progress.current.tasksDone + 1 })
        }),
      ),
    )
    this.throwIfCancelled(this.options.signal)
    if (fatal !== null) throw fatal
  }

  /** Syncs one task; a failure is recorded on the task (its sync state) and thrown. */
  async syncTask(taskId: number): Promise<void> {
    try {
      await this.syncTaskCalls(taskId)
    } catch (error) {
      if (!this.signal.aborted) {
        const { code, message } = toSyncError(error, { taskId })
        this.options.cache.recordTaskError(taskId, code, message)
      }
      throw error
    }
  }

  private async syncTaskCalls(taskId: number): Promise<void> {
    const { client, cache, progress } = this.options
    const signal = this.signal
    // The job's task while one runs; "all" keeps none (several run at once).
    this.advance('calls', progress.current.scope === 'all' ? {} : { taskId })
    const detail = await client.getTaskDetail(taskId, { signal })
    cache.upsertTasks([detail])
    cache.saveTaskDetail(detail)

    const changed = new Set<number>()
    const seen = new Set<number>()
    /** The recording URL each call had in the list: its download can start alongside the detail request. */
    const listedRecording = new Map<number, string | null>()
    let listTotal = 0
    for (let pass = 0; pass < MAX_LIST_PASSES; pass++) {
      this.throwIfCancelled()
      listTotal = await this.allPages(
        (pageNum) => client.listDoneCalls({ taskId, pageNum, pageSize: CALL_PAGE_SIZE }, { signal }),
        (call) => call.callInstanceId,
        (calls: CallSummary[]) => {
          for (const id of cache.upsertCallSummaries(taskId, calls)) changed.add(id)
          for (const call of calls) {
            seen.add(call.callInstanceId)
            listedRecording.set(call.callInstanceId, call.recordingUrl)
          }
        },
      )
      if (seen.size >= listTotal) break
    }

    const notDialed: Parameters<SyncCache['saveNotDialed']>[1] = []
    await this.allPages(
      (pageNum) => client.listNotDialed({ taskId, pageNum, pageSize: CALL_PAGE_SIZE }, { signal }),
      (customer) => customer.callInstanceId,
      (customers) => notDialed.push(...customers),
    )
    cache.saveNotDialed(taskId, notDialed)

    const retryBefore = new Date(this.now().getTime() - RECORDING_RETRY_MS).toISOString()
    const pending = [
      ...new Set([
        ...changed,
        ...cache.callsNeedingDetail(taskId),
        ...cache.callsWithRecordingDue(taskId, retryBefore),
      ]),
    ]
    this.advance('details', { callsTotal: progress.current.callsTotal + pending.length })
    await Promise.all(
      pending.map((callInstanceId) =>
        this.callLimit(() => this.syncCall(taskId, callInstanceId, listedRecording.get(callInstanceId) ?? null)),
      ),
    )
    this.throwIfCancelled()
    cache.markTaskSynced(taskId, listTotal, new Date().toISOString())
  }

  private now(): Date {
    return this.options.now?.() ?? new Date()
  }

  /**
   * One call now, cached or not: its detail says which task it belongs to; it is then stored exactly
   * as a sync stores every call (one transaction, recordings included).
   */
  async syncOneCall(callInstanceId: number): Promise<void> {
    const { client, progress } = this.options
    const signal = this.signal
    progress.update({ phase: 'details', callsTotal: 1 })
    const detail = await client.getCallDetail(callInstanceId, { signal })
    this.throwIfCancelled()
    progress.update({ taskId: detail.taskId })
    // saveCallDetail creates the row of a call no list has shown yet, and keeps a listed one's fingerprint.
    // Asked for by the reviewer: a recording marked unavailable is tried again now.
    await this.syncCall(detail.taskId, callInstanceId, detail.recordingUrl, { detail, retryUnavailable: true })
    this.throwIfCancelled()
    progress.update({ tasksDone: 1 })
  }

  private async syncCall(
    taskId: number,
    callInstanceId: number,
    listedRecordingUrl: string | null,
    options: { detail?: CallDetail; retryUnavailable?: boolean } = {},
  ): Promise<void> {
    const { client, cache, progress, profileDir } = this.options
    const signal = this.signal
    if (signal.aborted) return
    const now = this.now()
    const retryBefore = new Date(now.getTime() - RECORDING_RETRY_MS).toISOString()
    const marked = cache.unavailableRecordings(callInstanceId)
    /** A recording marked unavailable stays so, untried, while its URL is the same and the mark is under a day old. */
    const stillUnavailable = (kind: CachedRecording['kind'], url: string): UnavailableRecording | null =>
      options.retryUnavailable
        ? null
        : (marked.find((m) => m.kind === kind && m.url === url && m.at >= retryBefore) ?? null)
    const fetcher = (url: string, s?: AbortSignal) => client.fetchRecording(url, s)
    const download = (kind: CachedRecording['kind'], url: string) =>
      fetchRecording(fetcher, profileDir, callInstanceId, kind, url, signal)
    // Two round trips become one: the recording the list named downloads while the detail is fetched.
    const early =
      listedRecordingUrl && !stillUnavailable('full', listedRecordingUrl) ? download('full', listedRecordingUrl) : null
    early?.catch(() => undefined) // awaited below when used; never an unhandled rejection
    try {
      const detail = options.detail ?? (await client.getCallDetail(callInstanceId, { signal }))
      const recordings: CachedRecording[] = []
      const unavailable: UnavailableRecording[] = []
      const sources = [
        ['full', detail.recordingUrl],
        ['customer', detail.customerRecordingUrl],
      ] as const
      for (const [kind, url] of sources) {
        if (!url) continue
        const kept = stillUnavailable(kind, url)
        if (kept) {
          unavailable.push(kept)
          continue
        }
        const reuse = kind === 'full' && early !== null && url === listedRecordingUrl
        // The detail names another file: let the early download settle first, so one path never has two writers.
        if (kind === 'full' && early !== null && !reuse) await early.catch(() => undefined)
        try {
          const recording = await (reuse && early !== null ? early : download(kind, url))
          recordings.push(recording)
          progress.update({ bytes: progress.current.bytes + recording.bytes })
        } catch (error) {
          // Gone for good: the call is stored without it; a timeout or 5xx still fails the call.
          if (!(error instanceof RecordingUnavailable)) throw error
          unavailable.push({ kind, url, reason: error.reason, message: error.message, at: now.toISOString() })
        }
      }
      if (signal.aborted) return
      cache.saveCallDetail(detail, recordings, unavailable)
    } catch (error) {
      if (signal.aborted) return
      const syncError = toSyncError(error, { callInstanceId, taskId })
      cache.recordCallError(callInstanceId, syncError.code, syncError.message)
      progress.addError(syncError)
    } finally {
      // A call dropped by cancellation is not done (nothing was stored): the next sync fetches it.
      if (!signal.aborted) progress.update({ callsDone: progress.current.callsDone + 1 })
    }
  }
}

export { toSyncError }
