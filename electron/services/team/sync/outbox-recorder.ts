// Team mode's save hook: each saved review becomes the ops that changed it, merged into the call's
// synced state and queued in the outbox — all in the save's own SQLite transaction.
import type { ReviewSaveHook } from '../../cache/review-store'
import type { HybridClock } from './hlc'
import { applyWrites, emptySyncedReview, opWrites, reviewFromState } from './merge'
import { diffReview } from './review-ops'
import type { SyncTables } from './sync-tables'

/**
 * The hook for ReviewStore.setSaveHook. Ops are diffed against what the synced state holds (what the
 * team has or will have), not the stored review: a call reviewed before team mode has no state, so
 * its first save in team mode sends the whole review.
 */
export function outboxRecorder(
  tables: SyncTables,
  clock: HybridClock,
  now: () => Date,
  onRecorded: () => void,
): ReviewSaveHook {
  return (_db, next) => {
    const callId = next.callInstanceId
    const state = tables.loadState(callId)
    const ops = diffReview(state && reviewFromState(callId, state), next, clock.now())
    tables.setLastHlc(clock.current())
    if (ops.length === 0) return
    tables.saveState(callId, applyWrites(state ?? emptySyncedReview(), ops.flatMap(opWrites)))
    tables.enqueue(ops, now().toISOString())
    // After commit: the caller's hook runs inside the transaction, so only schedule here.
    queueMicrotask(onRecorded)
  }
}
