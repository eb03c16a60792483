// The conflict rules of TEAM.md as pure functions over one call's "synced state": every field of the
// review, of each comment and of each tag check, with the clock of the write that set it. Local
// saves, pulled change rows and (in tests) the simulated server all merge through here, so a device
// and the server cannot disagree on who won.
//
// - review fields (verdict, score, note, tags) and tag-check fields: last writer wins per field by
//   HLC string order;
// - comments: a set keyed by client id, fields LWW, and a delete wins over everything (a tombstone
//   that no later edit clears);
// - equal clocks mean the same write (a clock names its device); should two differ anyway, the
//   larger JSON value wins, so the result never depends on the order writes arrive in.
import {
  reviewCommentSchema,
  tagCheckSchema,
  type Review,
  type ReviewComment,
  type TagCheck,
} from '../../../shared/contract/reviews'
import type { TeamOp } from './contract'

/** A review's content as stored (Review without updatedAt, which does not travel). */
export type ReviewContent = Omit<Review, 'updatedAt'>

export type SyncedEntity = 'review' | 'comment' | 'tag_check'

/** One field set by one write: `key` is the comment id or tag-check name (null for the review). */
export interface FieldWrite {
  entity: SyncedEntity
  key: string | null
  field: string
  value: unknown
  hlc: string
}

export interface Stamped {
  value: unknown
  hlc: string
}
export type StampedFields = Record<string, Stamped>

export interface SyncedReview {
  review: StampedFields
  comments: Record<string, StampedFields>
  tagChecks: Record<string, StampedFields>
}

/** A comment's tombstone is this field set to true. */
export const DELETED = 'deleted'

export function emptySyncedReview(): SyncedReview {
  return { review: {}, comments: {}, tagChecks: {} }
}

/** The writes an op makes: each of its fields under the op's clock (and a comment's tombstone). */
export function opWrites(op: TeamOp): FieldWrite[] {
  const key = op.entity === 'review' ? null : op.key
  const writes: FieldWrite[] = Object.entries(op.fields).map(([field, value]) => ({
    entity: op.entity,
    key,
    field,
    value,
    hlc: op.hlc,
  }))
  if (op.entity === 'comment' && op.deleted)
    writes.push({ entity: 'comment', key, field: DELETED, value: true, hlc: op.hlc })
  return writes
}

/** Whether `incoming` beats `current` for a field: a tombstone first, then the clock, then the value. */
function beats(field: string, incoming: Stamped, current: Stamped | undefined): boolean {
  if (!current) return true
  if (field === DELETED && (incoming.value === true) !== (current.value === true)) return incoming.value === true
  if (incoming.hlc !== current.hlc) return incoming.hlc > current.hlc
  return JSON.stringify(incoming.value) > JSON.stringify(current.value)
}

function slotFor(state: SyncedReview, write: FieldWrite): StampedFields {
  if (write.entity === 'review') return state.review
  const map = write.entity === 'comment' ? state.comments : state.tagChecks
  return (map[write.key!] ??= {})
}

/**
 * The state after `writes`, without changing `state`. Commutative, associative and idempotent:
 * any order, grouping or repetition of the same writes gives the same state.
 */
export function applyWrites(state: SyncedReview, writes: readonly FieldWrite[]): SyncedReview {
  const next = structuredClone(state)
  for (const write of writes) {
    const fields = slotFor(next, write)
    const incoming = { value: write.value, hlc: write.hlc }
    if (beats(write.field, incoming, fields[write.field])) fields[write.field] = incoming
  }
  return next
}

/** The highest clock in the state: what a device must have seen before its next edit. */
export function latestHlc(state: SyncedReview): string | null {
  let latest: string | null = null
  const all = [state.review, ...Object.values(state.comments), ...Object.values(state.tagChecks)]
  for (const fields of all)
    for (const { hlc } of Object.values(fields)) if (latest === null || hlc > latest) latest = hlc
  return latest
}

function valueOf<T>(fields: StampedFields, field: string, fallback: T): T {
  return field in fields ? (fields[field]!.value as T) : fallback
}

/** The comments a reviewer sees: not deleted, complete and valid, in recording order. */
function visibleComments(state: SyncedReview): ReviewComment[] {
  const comments: ReviewComment[] = []
  for (const [id, fields] of Object.entries(state.comments)) {
    if (valueOf(fields, DELETED, false)) continue
    const atMs = valueOf<number | undefined>(fields, 'atMs', undefined)
    const endMs = valueOf<number | null>(fields, 'endMs', null)
    const parsed = reviewCommentSchema.safeParse({
      id,
      atMs,
      // Start and end set by different writes can cross; the server then drops the end, and so do we.
      endMs: atMs !== undefined && endMs !== null && endMs < atMs ? null : endMs,
      lineIndex: valueOf(fields, 'lineIndex', null),
      text: valueOf(fields, 'text', ''),
      category: valueOf(fields, 'category', null),
      createdAt: valueOf(fields, 'createdAt', undefined),
    })
    // An edit that arrived without its comment's creation stays in the state until the rest arrives.
    if (parsed.success) comments.push(parsed.data)
  }
  return sortComments(comments)
}

function sortComments(comments: ReviewComment[]): ReviewComment[] {
  return comments.sort((a, b) => a.atMs - b.atMs || compare(a.createdAt, b.createdAt) || compare(a.id, b.id))
}

function sortTagChecks(checks: TagCheck[]): TagCheck[] {
  return checks.sort((a, b) => compare(a.name, b.name))
}

function visibleTagChecks(state: SyncedReview): TagCheck[] {
  const checks: TagCheck[] = []
  for (const [name, fields] of Object.entries(state.tagChecks)) {
    if (valueOf(fields, 'removed', false)) continue
    const parsed = tagCheckSchema.safeParse({
      name,
      robotValue: valueOf(fields, 'robotValue', ''),
      status: valueOf(fields, 'status', undefined),
      correctedValue: valueOf(fields, 'correctedValue', null),
    })
    if (parsed.success) checks.push(parsed.data)
  }
  return sortTagChecks(checks)
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** The review the state stands for, as the reviews file stores it (Review.text is the note). */
export function reviewFromState(callId: number, state: SyncedReview): ReviewContent {
  return {
    callInstanceId: callId,
    verdict: valueOf(state.review, 'verdict', null),
    score: valueOf(state.review, 'score', null),
    tags: valueOf(state.review, 'tags', []),
    text: valueOf(state.review, 'note', ''),
    comments: visibleComments(state),
    tagChecks: visibleTagChecks(state),
  }
}

/** A review's content in the state's order (comments by time, tag checks by name), for comparing. */
export function canonicalReview(review: ReviewContent): ReviewContent {
  return {
    callInstanceId: review.callInstanceId,
    verdict: review.verdict,
    score: review.score,
    tags: review.tags,
    text: review.text,
    comments: sortComments([...review.comments]),
    tagChecks: sortTagChecks([...review.tagChecks]),
  }
}
