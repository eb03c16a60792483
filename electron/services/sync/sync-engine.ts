// Pulls a profile's tasks and done calls into the cache. Each call is stored with
// its transcript, results and recordings in one transaction (wholly cached or not
// at all); a call that fails is recorded with its error and the sync goes on.
// Incremental (only new or changed calls get their detail fetched) and resumable
// (calls listed but never completed are picked up by the next run).
import pLimit from 'p-limit'
import { AppFailure, type CallDetail, type CallSummary, type SyncCallError } from '../../shared/contract'
import { fetchRecording } from '../media/recording-fetcher'
import type { CachedRecording, Page, SyncCache, SyncClient } from './sync-ports'
import type { SyncProgressTracker } from './sync-progress'

const TASK_PAGE_SIZE = 100
const CALL_PAGE_SIZE = 50
/** Calls finishing while we page shift rows between pages: page again until the count settles. */
const MAX_LIST_PASSES = 4

export interface SyncEngineOptions {
  client: SyncClient
  cache: SyncCache
  profileDir: string
  progress: SyncProgressTracker
  concurrency?: number
  signal: AbortSignal
}

function toSyncError(error: unknown, ids: { callInstanceId?: number; taskId?: number }): SyncCallError {
  const failure =
    error instanceof AppFailure
      ? { code: error.code, message: error.message }
      : { code: 'internal' as const, message: error instanceof Error ? error.message : String(error) }
  return { callInstanceId: ids.callInstanceId ?? null, taskId: ids.taskId ?? null, ...failure }
}

export class SyncEngine {
  private readonly limit: ReturnType<typeof pLimit>

  constructor(private readonly options: SyncEngineOptions) {
    this.limit = pLimit(options.concurrency ?? 6)
  }

  private throwIfCancelled(): void {
    if (this.options.signal.aborted) throw new AppFailure('cancelled', 'Sync cancelled')
  }

  /** Every page of a paged endpoint: the first to learn the count, the rest concurrently. */
  private async allPages<T>(
    fetchPage: (pageNum: number) => Promise<Page<T>>,
    onPage: (items: T[]) => void,
  ): Promise<number> {
    const first = await fetchPage(1)
    onPage(first.items)
    const pages = first.pages ?? (first.total !== null ? Math.ceil(first.total / first.pageSize) : 1)
    let total = first.total ?? first.items.length
    await Promise.all(
      Array.from({ length: Math.max(0, pages - 1) }, (_, i) =>
        this.limit(async () => {
          this.throwIfCancelled()
          const page = await fetchPage(i + 2)
          if (page.total !== null) total = Math.max(total, page.total)
          onPage(page.items)
        }),
      ),
    )
    return total
  }

  async syncAllTasks(): Promise<void> {
    const { client, cache, progress, signal } = this.options
    progress.update({ phase: 'tasks' })
    const taskIds: number[] = []
    await this.allPages(
      (pageNum) => client.listTasks({ pageNum, pageSize: TASK_PAGE_SIZE }, { signal }),
      (tasks) => {
        cache.upsertTasks(tasks)
        taskIds.push(...tasks.map((task) => task.taskId))
      },
    )
    cache.retireTasksNotIn(taskIds)
    progress.update({ tasksTotal: taskIds.length })
    for (const taskId of taskIds) {
      this.throwIfCancelled()
      await this.syncTask(taskId)
      progress.update({ tasksDone: progress.current.tasksDone + 1 })
    }
  }

  async syncTask(taskId: number): Promise<void> {
    const { client, cache, progress, signal } = this.options
    progress.update({ taskId, phase: 'calls' })
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
      (customers) => notDialed.push(...customers),
    )
    cache.saveNotDialed(taskId, notDialed)

    const pending = [...new Set([...changed, ...cache.callsNeedingDetail(taskId)])]
    progress.update({ phase: 'details', callsTotal: progress.current.callsTotal + pending.length })
    await Promise.all(
      pending.map((callInstanceId) =>
        this.limit(() => this.syncCall(taskId, callInstanceId, listedRecording.get(callInstanceId) ?? null)),
      ),
    )
    this.throwIfCancelled()
    cache.markTaskSynced(taskId, listTotal, new Date().toISOString())
  }

  /**
   * One call now, cached or not: its detail says which task it belongs to; it is then stored exactly
   * as a sync stores every call (one transaction, recordings included).
   */
  async syncOneCall(callInstanceId: number): Promise<void> {
    const { client, progress, signal } = this.options
    progress.update({ phase: 'details', callsTotal: 1 })
    const detail = await client.getCallDetail(callInstanceId, { signal })
    this.throwIfCancelled()
    progress.update({ taskId: detail.taskId })
    // saveCallDetail creates the row of a call no list has shown yet, and keeps a listed one's fingerprint.
    await this.syncCall(detail.taskId, callInstanceId, detail.recordingUrl, detail)
    this.throwIfCancelled()
    progress.update({ tasksDone: 1 })
  }

  private async syncCall(
    taskId: number,
    callInstanceId: number,
    listedRecordingUrl: string | null,
    knownDetail?: CallDetail,
  ): Promise<void> {
    const { client, cache, progress, profileDir, signal } = this.options
    if (signal.aborted) return
    const fetcher = (url: string, s?: AbortSignal) => client.fetchRecording(url, s)
    const download = (kind: CachedRecording['kind'], url: string) =>
      fetchRecording(fetcher, profileDir, callInstanceId, kind, url, signal)
    // Two round trips become one: the recording the list named downloads while the detail is fetched.
    const early = listedRecordingUrl ? download('full', listedRecordingUrl) : null
    early?.catch(() => undefined) // awaited below when used; never an unhandled rejection
    try {
      const detail = knownDetail ?? (await client.getCallDetail(callInstanceId, { signal }))
      const recordings: CachedRecording[] = []
      const sources = [
        ['full', detail.recordingUrl],
        ['customer', detail.customerRecordingUrl],
      ] as const
      for (const [kind, url] of sources) {
        if (!url) continue
        const reuse = kind === 'full' && early !== null && url === listedRecordingUrl
        // The detail names another file: let the early download settle first, so one path never has two writers.
        if (kind === 'full' && early !== null && !reuse) await early.catch(() => undefined)
        const recording = await (reuse && early !== null ? early : download(kind, url))
        recordings.push(recording)
        progress.update({ bytes: progress.current.bytes + recording.bytes })
      }
      if (signal.aborted) return
      cache.saveCallDetail(detail, recordings)
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
