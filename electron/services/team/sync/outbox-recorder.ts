// Team mode's save hook: each saved review becomes the ops that changed it, merged into the call's
// synced state and queued in the outbox — all in the save's own SQLite transaction.
import type { Review } from '../../../shared/contract/reviews'
import type { ReviewSaveHook } from '../../cache/review-store'
import { formatHlc, type HybridClock } from './hlc'
import { applyWrites, emptySyncedReview, opWrites, reviewFromState, type SyncedReview } from './merge'
import { diffReview } from './review-ops'
import type { SyncTables } from './sync-tables'

/**
 * Queues the ops that take the call's synced state (what the team has or will have) to `next`,
 * under `hlc`, and returns the new state; no ops, no change. Run inside the caller's transaction.
 */
function record(tables: SyncTables, state: SyncedReview | null, next: Review, hlc: string, at: string): SyncedReview {
  const callId = next.callInstanceId
  const ops = diffReview(state && reviewFromState(callId, state), next, hlc)
  if (ops.length === 0) return state ?? emptySyncedReview()
  const after = applyWrites(state ?? emptySyncedReview(), ops.flatMap(opWrites))
  tables.saveState(callId, after)
  tables.enqueue(ops, at)
  return after
}

/**
 * The hook for ReviewStore.setSaveHook. Ops are diffed against the synced state, not the stored
 * review: a call reviewed before team mode has no state, so its first save sends the whole review.
 */
export function outboxRecorder(
  tables: SyncTables,
  clock: HybridClock,
  now: () => Date,
  onRecorded: () => void,
): ReviewSaveHook {
  return (_db, next) => {
    const hlc = clock.now()
    tables.setLastHlc(hlc)
    record(tables, tables.loadState(next.callInstanceId), next, hlc, now().toISOString())
    // The hook runs inside the save's transaction: only schedule here, the push comes after commit.
    queueMicrotask(onRecorded)
  }
}

/**
 * A review this device stored before team mode (no synced state), about to meet the team's version
 * of the call: it joins as the edit it was, clocked at the time it was saved, so each field goes to
 * whichever side wrote it later, and it is queued for the server like any edit.
 */
export function adoptStoredReview(tables: SyncTables, clock: HybridClock, stored: Review, at: string): SyncedReview {
  const savedMs = Math.max(0, Date.parse(stored.updatedAt) || 0)
  const hlc = formatHlc({ wallMs: savedMs, counter: 0, device: clock.device })
  // Later local edits must still beat it, whatever this machine's clock says now.
  clock.receive(hlc)
  return record(tables, null, stored, hlc, at)
}
