// The offline cache for one connection profile: one SQLite file of tasks and calls (re-syncable)
// plus the reviews file beside it, attached read-only-in-practice so filters span both.
import { dirname, join, resolve } from 'node:path'
import {
  callFilterSchema,
  callPageSchema,
  callSortSchema,
  type CachedCall,
  type CallFacets,
  type CallNeighbour,
  type CallFilterInput,
  type CallPageInput,
  type CallSortInput,
  type CallQueryResult,
  type RecordingKind,
  type ReviewProgress,
} from '../../shared/contract/calls'
import type { CallDetail, CallSummary, NotDialedCustomer, Task, TaskDetail } from '../../shared/contract/domain'
import type {
  DraftJournalInput,
  DraftStamp,
  PendingDraft,
  Review,
  ReviewInput,
  ReviewListInput,
} from '../../shared/contract/reviews'
import { registerBigramFunction } from './bigrams'
import { CatalogueReader } from './catalogue-reader'
import { cachedCallIds, removeCalls, removeTasksWithoutCalls } from './call-removal'
import { cacheMigrations } from './cache-schema'
import { neighbourCall, reviewProgress } from './call-neighbour'
import { queryCalls } from './call-query'
import { CallReader } from './call-reader'
import { CallStore } from './call-store'
import { DataVersion } from './data-version'
import { integrityCheck, openDatabase, type Db } from './database'
import { callIdPage, type CallCursor, type CallIdPage } from './export-pages'
import { readInsightCalls, type InsightCallRow } from './insight-reader'
import { callFacets } from './facets'
import { MatchCounts } from './match-counts'
import { CountColumns } from './count-columns'
import { migrate } from './migrations'
import type { Peaks, RecordingInput, UnavailableRecordingInput } from './recordings'
import { QueueStore } from './queue-store'
import { SearchMatches } from './search-matches'
import { WarmUp, type WarmState, type WarmUpOptions } from './warm-up'
import { INDEX_NEW_TEXTS } from './text-search-index'
import { ReviewStore, reviewColumns, rowToReview, type ReviewRow } from './review-store'
import { SyncStateStore, type SyncState, type SyncStatePatch } from './sync-state-store'
import { TaskStore, type TaskListItem, type TaskListQuery } from './task-store'
import { longestTranscript, registerUtf16Length } from './transcript-length'

export interface CallCacheOptions {
  /** Recording paths are stored relative to it. Default: the cache file's directory. */
  dataDir?: string
  /** Default: `reviews.db` beside the cache file (so give each profile its own directory). */
  reviewsPath?: string
  now?: () => Date
  /**
   * Building the counting columns and the calls per text ahead (warm-up.ts): on by default;
   * false for none (then the first count or search after the data settles reads them). The
   * slice sizes are for tests.
   */
  warmUp?: false | (WarmUpOptions & { columnSlice?: number; textSlice?: number })
}

export class CallCache {
  readonly dataDir: string
  readonly reviewsPath: string
  private readonly db: Db
  /** The reviews file's store; team sync (team/sync) hooks its saves and stores merged reviews. */
  readonly reviews: ReviewStore
  private readonly tasks: TaskStore
  private readonly calls: CallStore
  private readonly reader: CallReader
  private readonly sync: SyncStateStore
  private readonly search: SearchMatches
  private readonly matchCounts: MatchCounts
  private readonly warmUp: WarmUp | null
  /** Review queues (queue-store.ts): saved in this file, their progress read from the reviews beside it. */
  readonly queues: QueueStore
  /** Raw rows for `team publish` (catalogue-reader.ts). */
  readonly catalogue: CatalogueReader

  constructor(
    readonly path: string,
    options: CallCacheOptions = {},
  ) {
    const now = options.now ?? (() => new Date())
    this.dataDir = resolve(options.dataDir ?? dirname(path))
    this.reviewsPath = resolve(options.reviewsPath ?? join(dirname(path), 'reviews.db'))
    // Reviews first: its own connection creates and migrates the file before the cache attaches it.
    this.reviews = new ReviewStore(this.reviewsPath, now)
    try {
      // NORMAL: in WAL mode a power cut can lose the last commits but never corrupts the file,
      // and everything here can be synced again; FULL would fsync each of thousands of writes.
      this.db = openDatabase(path, 'NORMAL')
    } catch (error) {
      this.reviews.close()
      throw error
    }
    try {
      registerBigramFunction(this.db)
      registerUtf16Length(this.db)
      migrate(this.db, cacheMigrations, path)
      // Texts another connection interned (a tool, a bulk fill) get their short-term index rows;
      // asked first, so that opening takes no write lock when none wait (nearly always).
      if (this.db.prepare('SELECT EXISTS (SELECT 1 FROM line_texts_unindexed)').pluck().get() === 1)
        this.db.exec(INDEX_NEW_TEXTS)
      // Reads only: reviews are written through ReviewStore's own FULL-synchronous connection.
      this.db.prepare('ATTACH DATABASE ? AS rv').run(this.reviewsPath)
      this.tasks = new TaskStore(this.db, now)
      this.calls = new CallStore(this.db, this.dataDir, now)
      this.reader = new CallReader(this.db, this.dataDir)
      this.sync = new SyncStateStore(this.db, now)
      const version = new DataVersion(this.db)
      const warm = options.warmUp ?? {}
      const columns = new CountColumns(this.db, version, warm ? warm.columnSlice : undefined)
      const search = new SearchMatches(this.db, version, columns, warm ? warm.textSlice : undefined)
      this.search = search
      this.matchCounts = new MatchCounts(this.db, version, columns)
      this.warmUp = warm
        ? new WarmUp(
            () => version.cacheFile(),
            () => {
              const step = columns.advance()
              return step === 'built' ? search.advance() : step
            },
            () => search.ready(),
            warm,
          )
        : null
      this.queues = new QueueStore(this.db, now)
      this.catalogue = new CatalogueReader(this.db)
    } catch (error) {
      this.db.close()
      this.reviews.close()
      throw error
    }
  }

  // Tasks

  upsertTasks(tasks: readonly Task[]): void {
    this.tasks.upsertTasks(tasks)
  }
  retireTasksNotIn(taskIds: readonly number[]): number {
    return this.tasks.retireTasksNotIn(taskIds)
  }
  saveTaskDetail(detail: TaskDetail): void {
    this.tasks.saveTaskDetail(detail)
  }
  getTaskDetail(taskId: number): TaskDetail | null {
    return this.tasks.getTaskDetail(taskId)
  }
  listTasks(query: TaskListQuery = {}): TaskListItem[] {
    return this.tasks.listTasks(query)
  }

  // Calls (written by sync)

  upsertCallSummaries(taskId: number, summaries: readonly CallSummary[]): number[] {
    return this.calls.upsertCallSummaries(taskId, summaries)
  }
  callsNeedingDetail(taskId: number, limit?: number): number[] {
    return this.calls.callsNeedingDetail(taskId, limit)
  }
  saveCallDetail(
    detail: CallDetail,
    recordings: readonly RecordingInput[] = [],
    unavailable: readonly UnavailableRecordingInput[] = [],
  ): void {
    this.calls.saveCallDetail(detail, recordings, unavailable)
  }
  unavailableRecordings(callId: number): UnavailableRecordingInput[] {
    return this.calls.unavailableRecordings(callId)
  }
  callsWithRecordingDue(taskId: number, before: string): number[] {
    return this.calls.callsWithRecordingDue(taskId, before)
  }
  recordCallError(callId: number, code: string, message: string): void {
    this.calls.recordCallError(callId, code, message)
  }
  clearCallError(callId: number): void {
    this.calls.clearCallError(callId)
  }
  countCalls(taskId: number): number {
    return this.calls.countCalls(taskId)
  }
  /** Every cached call's id, in order (a team replica compares it with the calls held). */
  cachedCallIds(): number[] {
    return cachedCallIds(this.db)
  }
  /** Takes calls out (a team replica's released calls); their reviews stay. Returns how many were cached. */
  removeCalls(callIds: readonly number[]): number {
    return removeCalls(this.db, this.dataDir, callIds)
  }
  /** Drops tasks no cached call belongs to (a team replica's tasks follow its calls). */
  removeTasksWithoutCalls(): number {
    return removeTasksWithoutCalls(this.db)
  }
  saveNotDialed(taskId: number, customers: readonly NotDialedCustomer[]): void {
    this.sync.saveNotDialed(taskId, customers)
  }
  listNotDialed(taskId: number): NotDialedCustomer[] {
    return this.sync.listNotDialed(taskId)
  }
  /** A task's sync finished: its list total and time, no error. */
  markTaskSynced(taskId: number, listTotal: number, at: string): void {
    this.sync.setSyncState(taskId, { listTotal, lastSyncedAt: at, phase: 'done', cursor: null, error: null })
  }
  /** A task's sync failed: the error is kept (the task's last good sync time stays). */
  recordTaskError(taskId: number, code: string, message: string): void {
    this.sync.setSyncState(taskId, { phase: 'failed', error: `${code}: ${message}`.slice(0, 2000) })
  }
  getSyncState(taskId: number): SyncState | null {
    return this.sync.getSyncState(taskId)
  }
  setSyncState(taskId: number, patch: SyncStatePatch): SyncState {
    return this.sync.setSyncState(taskId, patch)
  }
  /**
   * Runs fn in one transaction (nested writes become savepoints): for sync to group a page of
   * details into one commit. Keep it to a page: the main process waits while it runs.
   */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)()
  }

  // Calls (read by the UI)

  /** Inputs are validated and normalised here too (cheap), so a caller cannot build bad SQL. */
  queryCalls(filter: CallFilterInput = {}, sort: CallSortInput = {}, page: CallPageInput = {}): CallQueryResult {
    return queryCalls(
      this.db,
      this.search,
      this.matchCounts,
      callFilterSchema.parse(filter),
      callSortSchema.parse(sort),
      callPageSchema.parse(page),
    )
  }
  /** The longest transcript under the filter as the export writes it, in UTF-16 units (an export's header needs it first). */
  longestTranscript(filter: CallFilterInput = {}): number {
    return longestTranscript(this.db, this.search, callFilterSchema.parse(filter))
  }
  facets(filter: CallFilterInput = {}): CallFacets {
    return callFacets(this.db, this.search, this.matchCounts, callFilterSchema.parse(filter))
  }
  /**
   * The call after or before `callId` in the filtered, sorted list (N / P); with `problem`, the
   * next one with a problem (PROBLEM_SILENCE_MS). null at an end.
   */
  neighbour(
    filter: CallFilterInput,
    sort: CallSortInput,
    callId: number,
    direction: 'next' | 'previous',
    problem = false,
  ): CallNeighbour | null {
    return neighbourCall(
      this.db,
      this.search,
      callFilterSchema.parse(filter),
      callSortSchema.parse(sort),
      callId,
      direction,
      problem,
    )
  }
  /** Reviewed and all calls under a filter: the task list's and the calls page's progress. */
  reviewProgress(filter: CallFilterInput = {}): ReviewProgress {
    return reviewProgress(this.db, this.search, this.matchCounts, callFilterSchema.parse(filter))
  }
  /** The filtered, sorted calls' ids, `limit` after `cursor` (null: from the first): an export's reading order. */
  callIdPage(filter: CallFilterInput, sort: CallSortInput, cursor: CallCursor | null, limit: number): CallIdPage {
    return callIdPage(this.db, this.search, callFilterSchema.parse(filter), callSortSchema.parse(sort), cursor, limit)
  }
  getCall(callId: number): CachedCall | null {
    return this.reader.getCall(callId)
  }
  recordingPath(callId: number, kind: RecordingKind): string | null {
    return this.reader.recordingPath(callId, kind)
  }
  recordingPeaks(callId: number, kind: RecordingKind): Peaks | null {
    return this.reader.recordingPeaks(callId, kind)
  }

  /** Every call with a stored detail (or the task's), in id order, as the insight metrics read it. */
  insightCalls(taskId?: number): Generator<InsightCallRow> {
    return readInsightCalls(this.db, taskId)
  }

  // Reviews

  commentCategories(): string[] | null {
    return this.reviews.commentCategories()
  }

  setCommentCategories(categories: string[]): string[] {
    return this.reviews.setCommentCategories(categories)
  }

  saveReview(input: ReviewInput, stamp: DraftStamp | null = null): Review {
    return this.reviews.save(input, stamp)
  }
  /** Keeps an edit of a review's draft until it is stored (draft-journal.ts). */
  journalDraft(input: DraftJournalInput): boolean {
    return this.reviews.journalDraft(input)
  }
  pendingDraft(callId: number): PendingDraft | null {
    return this.reviews.pendingDraft(callId)
  }
  pendingDrafts(): PendingDraft[] {
    return this.reviews.pendingDrafts()
  }
  /** How many calls have a journaled draft not stored yet. */
  pendingDraftCount(): number {
    return this.reviews.journal.size
  }
  getReview(callId: number): Review | null {
    return this.reviews.get(callId)
  }
  deleteReview(callId: number): boolean {
    return this.reviews.delete(callId)
  }
  /** Reviews for export, oldest first; with a task, only that task's cached calls. */
  listReviews(query: ReviewListInput = {}): Review[] {
    if (query.taskId === undefined) return this.reviews.list(query.updatedSince)
    const rows = this.db
      .prepare(
        `SELECT ${reviewColumns('r')} FROM rv.reviews r JOIN calls c ON c.call_id = r.call_id
         WHERE c.task_id = ? AND r.updated_at >= ? ORDER BY r.updated_at, r.call_id`,
      )
      .all(query.taskId, query.updatedSince ?? '') as ReviewRow[]
    return rows.map(rowToReview)
  }

  // Housekeeping

  /** `['ok']` for both files when sound. */
  integrityCheck(): { cache: string[]; reviews: string[] } {
    return { cache: integrityCheck(this.db), reviews: integrityCheck(this.db, 'rv') }
  }

  /** Where building the counting arrays ahead stands ('idle' without a warm-up). */
  warmState(): WarmState {
    return this.warmUp?.state() ?? 'idle'
  }

  /** The warm-up's builds finished and thrown away (tests, the bench). */
  warmStats(): { built: number; moved: number; failed: number } {
    return { ...(this.warmUp?.stats ?? { built: 0, moved: 0, failed: 0 }) }
  }

  close(): void {
    this.warmUp?.stop()
    this.db.close()
    this.reviews.close()
  }
}
