// Reads the change feed after this device's cursor and merges the reviewer's own reviews, comments
// and tag checks into the reviews file by the rules of merge.ts — in one SQLite transaction with the
// cursor, and without touching the outbox (what comes from the team does not go back out).
import type { ReviewStore } from '../../cache/review-store'
import { changeRowWrites } from './change-rows'
import type { ChangeRow } from './contract'
import { parseHlc, type HybridClock } from './hlc'
import type { Review } from '../../../shared/contract/reviews'
import {
  applyWrites,
  canonicalReview,
  emptySyncedReview,
  reviewFromState,
  type FieldWrite,
  type ReviewContent,
  type SyncedReview,
} from './merge'
import { adoptStoredReview } from './outbox-recorder'
import { errorText, withRetry, type RetryPolicy } from './pusher'
import type { SyncTables } from './sync-tables'
import type { TeamReviewTransport } from './transport'

export type AssignmentChange = ChangeRow & { entity: 'assignment' }

export interface PullerDeps {
  reviews: ReviewStore
  tables: SyncTables
  transport: TeamReviewTransport
  clock: HybridClock
  /** The member this device signs in as: a lead's feed also carries other members' reviews. */
  member: string
  /** Called inside the page's transaction: a throw rolls the page back (read again next time). */
  onAssignment?: (changes: AssignmentChange[]) => void
  pageSize: number
  retry: RetryPolicy
  now: () => Date
}

export interface PullResult {
  /** Change rows read. */
  read: number
  /** Calls whose stored review changed. */
  changedCalls: number[]
  /** Rows that did not read as their entity (skipped, so one bad row cannot stop the feed). */
  problems: string[]
}

/** Pulls until the feed has nothing more; throws a network failure (the cursor stays put). */
export async function pullReviews(deps: PullerDeps): Promise<PullResult> {
  const result: PullResult = { read: 0, changedCalls: [], problems: [] }
  for (;;) {
    const cursor = deps.tables.cursor()
    const page = await withRetry(deps.retry, () => deps.transport.pullChanges(cursor, deps.pageSize))
    const merged = deps.reviews.transaction(() => {
      const pageResult = mergePage(deps, page.changes)
      if (pageResult.assignments.length > 0) deps.onAssignment?.(pageResult.assignments)
      deps.tables.setCursor(page.cursor, deps.now().toISOString())
      deps.tables.setLastHlc(deps.clock.current())
      return pageResult
    })
    result.changedCalls.push(...merged.changedCalls)
    result.problems.push(...merged.problems)
    result.read += page.changes.length
    if (page.changes.length < deps.pageSize) return result
  }
}

/** Merges a page's review rows; returns what changed and the page's assignment rows. */
function mergePage(deps: PullerDeps, changes: readonly ChangeRow[]) {
  const result = { changedCalls: [] as number[], problems: [] as string[], assignments: [] as AssignmentChange[] }
  const writesByCall = new Map<number, FieldWrite[]>()
  for (const change of changes) {
    if (change.entity === 'assignment') {
      result.assignments.push(change as AssignmentChange)
      continue
    }
    if (change.member !== deps.member) continue
    const read = changeRowWrites({ ...change, entity: change.entity })
    if (read.kind === 'invalid') result.problems.push(`change ${change.txid}/${change.seq}: ${read.reason}`)
    if (read.kind !== 'writes') continue
    for (const write of read.writes) deps.clock.receive(write.hlc)
    const writes = writesByCall.get(change.callId) ?? []
    writes.push(...read.writes)
    writesByCall.set(change.callId, writes)
  }
  for (const [callId, writes] of writesByCall) {
    try {
      // A savepoint per call: one review that cannot be stored (say, two devices' comments together
      // over the limit) is reported and left as it was, and the rest of the feed still merges.
      if (deps.reviews.transaction(() => mergeCall(deps, callId, writes))) result.changedCalls.push(callId)
    } catch (error) {
      result.problems.push(`call ${callId}: ${errorText(error)}`)
    }
  }
  return result
}

/** Merges one call's pulled writes; true when its stored review changed. */
function mergeCall(deps: PullerDeps, callId: number, writes: FieldWrite[]): boolean {
  const { tables, reviews } = deps
  const solo = tables.loadState(callId) === null ? reviews.get(callId) : null
  const at = deps.now().toISOString()
  const before = solo ? adoptStoredReview(tables, deps.clock, solo, at) : tables.loadState(callId)
  const after = applyWrites(before ?? emptySyncedReview(), writes)
  if (before && JSON.stringify(before) === JSON.stringify(after)) return false
  tables.saveState(callId, after)
  offerLostNote(deps, callId, before, after)
  const merged = reviewFromState(callId, after)
  const stored = reviews.get(callId)
  if (stored && sameContent(stored, merged)) return false
  reviews.storeMerged(merged)
  return true
}

/**
 * A note this device wrote, replaced by another device's text that does not contain it, is offered
 * back ("edited on another device — restore?"). Whether the other device had seen it cannot be told
 * from clocks, so a text carried on there (kept whole in the new one) is no loss and not offered; a
 * note another device wrote and a third replaced is not this device's to offer (the server audits it).
 */
function offerLostNote(deps: PullerDeps, callId: number, before: SyncedReview | null, after: SyncedReview): void {
  const lost = before?.review.note
  const won = after.review.note
  if (!lost || !won || lost.hlc === won.hlc || lost.value === '') return
  if (String(won.value).includes(String(lost.value))) return
  if (parseHlc(lost.hlc).device !== deps.clock.device) return
  deps.tables.putNoteConflict(callId, String(lost.value), won.hlc, deps.now().toISOString())
}

function sameContent(stored: Review, merged: ReviewContent): boolean {
  const { updatedAt: _updatedAt, ...content } = stored
  return JSON.stringify(canonicalReview(content)) === JSON.stringify(merged)
}
