// Team mode for one profile's reviews: hooks the reviews file's saves into the outbox, pushes and
// pulls (one round at a time), keeps a status that says what is pending, and offers back notes that
// another device's edit replaced. Plain Node: the team profile constructs it with a transport.
import { EventEmitter } from 'node:events'
import type { Review } from '../../../shared/contract/reviews'
import type { ReviewStore } from '../../cache/review-store'
import { HybridClock } from './hlc'
import { outboxRecorder } from './outbox-recorder'
import { pullReviews, type AssignmentChange } from './puller'
import { errorText, pushOutbox, type RetryPolicy } from './pusher'
import { SyncTables, type NoteConflict, type ParkedOp } from './sync-tables'
import type { TeamReviewTransport } from './transport'

export interface TeamReviewSyncOptions {
  reviews: ReviewStore
  transport: TeamReviewTransport
  /** The member's login name (the feed of a lead also carries others' reviews, which are not merged here). */
  member: string
  /**
   * Assignment rows of the change feed (claims wire these), page by page inside the transaction that
   * moves the cursor: keep it synchronous and quick; if it throws, the page is read again next round.
   */
  onAssignment?: (changes: AssignmentChange[]) => void
  /** Calls whose stored review a pull changed (the renderer's lists and open review refresh). */
  onReviewsChanged?: (callIds: number[]) => void
  /** This machine's wall clock in ms (tests skew it). */
  physicalMs?: () => number
  now?: () => Date
  batchSize?: number
  pageSize?: number
  retry?: Partial<RetryPolicy>
}

export interface TeamReviewSyncStatus {
  deviceId: string
  /** Ops waiting to be pushed (parked ones excluded). */
  pending: number
  /** Ops the server refused: kept, not retried. */
  parked: number
  lastPushAt: string | null
  lastPullAt: string | null
  /** Whether the last round reached the server; null before the first round ends. */
  online: boolean | null
  /** The last round's failure (network, server) or the change rows it could not merge; null when clean. */
  lastError: string | null
  noteConflicts: number
  syncing: boolean
}

export interface TeamReviewSync {
  readonly deviceId: string
  /** Pushes then pulls; concurrent calls share the round in progress and one more after it. */
  syncNow(): Promise<void>
  /** Rounds every `intervalMs`, and soon after each save; going offline needs no action. */
  start(intervalMs?: number): void
  /** Stops the timer and waits for the round in progress; the save hook stays (edits keep queueing). */
  stop(): Promise<void>
  /** Detaches from the reviews file: saves record nothing for the team any more (solo again). */
  close(): Promise<void>
  status(): TeamReviewSyncStatus
  /** Called with each new status; returns the unsubscribe. */
  onStatus(listener: (status: TeamReviewSyncStatus) => void): () => void
  parkedOps(): ParkedOp[]
  noteConflicts(): NoteConflict[]
  dismissNoteConflict(callId: number): boolean
  /** Puts this device's losing note back as a new edit (through the outbox); null when none is offered. */
  restoreNote(callId: number): Review | null
}

const DEFAULT_RETRY: RetryPolicy = { retries: 4, minTimeoutMs: 500, maxTimeoutMs: 30_000 }
const SAVE_PUSH_DELAY_MS = 250

export function createTeamReviewSync(options: TeamReviewSyncOptions): TeamReviewSync {
  const { reviews, transport, member } = options
  const now = options.now ?? (() => new Date())
  const retry = { ...DEFAULT_RETRY, ...options.retry }
  const { tables, state } = reviews.transaction((db) => {
    const syncTables = new SyncTables(db)
    return { tables: syncTables, state: syncTables.ensureDevice(member) }
  })
  const deviceId = state.device_id
  const clock = new HybridClock(deviceId, options.physicalMs, state.last_hlc)
  const events = new EventEmitter()
  let lastError: string | null = null
  let online: boolean | null = null
  let running: Promise<void> | null = null
  let again = false
  let timer: NodeJS.Timeout | null = null
  let soon: NodeJS.Timeout | null = null

  const status = (): TeamReviewSyncStatus => {
    const row = tables.syncState()
    return {
      deviceId,
      ...tables.counts(),
      lastPushAt: row.last_push_at,
      lastPullAt: row.last_pull_at,
      online,
      lastError,
      noteConflicts: tables.noteConflicts().length,
      syncing: running !== null,
    }
  }
  const changed = () => events.emit('status', status())

  async function round(): Promise<void> {
    try {
      await pushOutbox({
        reviews,
        tables,
        transport,
        device: deviceId,
        batchSize: options.batchSize ?? 200,
        retry,
        now,
      })
      const pulled = await pullReviews({
        reviews,
        tables,
        transport,
        clock,
        member,
        onAssignment: options.onAssignment,
        pageSize: options.pageSize ?? 1000,
        retry,
        now,
      })
      online = true
      lastError = pulled.problems.length > 0 ? pulled.problems.join('; ') : null
      if (pulled.changedCalls.length > 0) options.onReviewsChanged?.(pulled.changedCalls)
    } catch (error) {
      online = false
      lastError = errorText(error)
    }
  }

  function syncNow(): Promise<void> {
    if (running) {
      again = true
      return running
    }
    running = (async () => {
      do {
        again = false
        await round()
      } while (again)
    })().finally(() => {
      running = null
      changed()
    })
    changed()
    return running
  }

  const onRecorded = () => {
    changed()
    if (timer && !soon) soon = setTimeout(() => ((soon = null), void syncNow()), SAVE_PUSH_DELAY_MS)
  }
  reviews.setSaveHook(outboxRecorder(tables, clock, now, onRecorded))

  async function stop(): Promise<void> {
    if (timer) clearInterval(timer)
    if (soon) clearTimeout(soon)
    timer = soon = null
    await running
  }

  return {
    deviceId,
    syncNow,
    start(intervalMs = 30_000) {
      if (timer) return
      timer = setInterval(() => void syncNow(), intervalMs)
      void syncNow()
    },
    stop,
    async close() {
      await stop()
      reviews.setSaveHook(null)
    },
    status,
    onStatus(listener) {
      events.on('status', listener)
      return () => events.off('status', listener)
    },
    parkedOps: () => tables.parked(),
    noteConflicts: () => tables.noteConflicts(),
    dismissNoteConflict(callId) {
      const dismissed = reviews.transaction(() => tables.deleteNoteConflict(callId))
      if (dismissed) changed()
      return dismissed
    },
    restoreNote(callId) {
      const offer = tables.noteConflicts().find((c) => c.callInstanceId === callId)
      const current = reviews.get(callId)
      if (!offer || !current) return null
      const { updatedAt: _updatedAt, ...content } = current
      const restored = reviews.transaction(() => {
        tables.deleteNoteConflict(callId)
        return reviews.save({ ...content, text: offer.localText })
      })
      changed()
      return restored
    },
  }
}
