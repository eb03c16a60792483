// A save replaces the whole review; the team server wants only what changed. This turns "the review
// before" and "the review saved" into the ops of contract.ts, all under the save's one clock reading.
import { randomUUID } from 'node:crypto'
import type { ReviewComment, TagCheck } from '../../../shared/contract/reviews'
import type { TeamOp } from './contract'
import type { ReviewContent } from './merge'

type CommentFields = Extract<TeamOp, { entity: 'comment' }>['fields']
type TagCheckFields = Extract<TeamOp, { entity: 'tag_check' }>['fields']

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

function commentFields(comment: ReviewComment): CommentFields {
  const { atMs, endMs, lineIndex, text, category, createdAt } = comment
  return { atMs, endMs, lineIndex, text, category, createdAt }
}

/** The fields of a comment that changed; a moved span travels as a pair (endMs must not precede atMs). */
function changedCommentFields(before: ReviewComment, after: ReviewComment): CommentFields {
  const changed: CommentFields = {}
  const next = commentFields(after)
  const previous = commentFields(before)
  for (const field of Object.keys(next) as (keyof CommentFields)[]) {
    if (!same(previous[field], next[field])) Object.assign(changed, { [field]: next[field] })
  }
  if ('atMs' in changed || 'endMs' in changed) Object.assign(changed, { atMs: next.atMs, endMs: next.endMs })
  return changed
}

/**
 * A tag check travels whole whenever any part changed: its fields depend on each other ('corrected'
 * needs its value), and writing them under one clock keeps per-field LWW from mixing two versions.
 */
function tagCheckFields(check: TagCheck): TagCheckFields {
  return { robotValue: check.robotValue, status: check.status, correctedValue: check.correctedValue, removed: false }
}

/**
 * The ops that take `previous` (null: the server has none of it) to `next`: changed review fields,
 * new or edited comments (deleted: true for removed ones), new or changed tag checks (removed: true
 * for removed ones). Nothing changed: no ops.
 */
export function diffReview(
  previous: ReviewContent | null,
  next: ReviewContent,
  hlc: string,
  newOpId: () => string = randomUUID,
): TeamOp[] {
  const callId = next.callInstanceId
  const target = () => ({ opId: newOpId(), callId, sessionId: null, hlc })
  const ops: TeamOp[] = []

  const fields: Extract<TeamOp, { entity: 'review' }>['fields'] = {}
  if (!previous || previous.verdict !== next.verdict) fields.verdict = next.verdict
  if (!previous || previous.score !== next.score) fields.score = next.score
  if (!previous || previous.text !== next.text) fields.note = next.text
  if (!previous || !same(previous.tags, next.tags)) fields.tags = next.tags
  if (Object.keys(fields).length > 0) ops.push({ ...target(), entity: 'review', fields })

  const commentsBefore = new Map((previous?.comments ?? []).map((c) => [c.id, c]))
  for (const comment of next.comments) {
    const before = commentsBefore.get(comment.id)
    const changed = before ? changedCommentFields(before, comment) : commentFields(comment)
    if (Object.keys(changed).length > 0)
      ops.push({ ...target(), entity: 'comment', key: comment.id, fields: changed, deleted: false })
    commentsBefore.delete(comment.id)
  }
  for (const id of commentsBefore.keys())
    ops.push({ ...target(), entity: 'comment', key: id, fields: {}, deleted: true })

  const checksBefore = new Map((previous?.tagChecks ?? []).map((t) => [t.name, t]))
  for (const check of next.tagChecks) {
    const before = checksBefore.get(check.name)
    if (!before || !same(tagCheckFields(before), tagCheckFields(check)))
      ops.push({ ...target(), entity: 'tag_check', key: check.name, fields: tagCheckFields(check) })
    checksBefore.delete(check.name)
  }
  for (const name of checksBefore.keys())
    ops.push({ ...target(), entity: 'tag_check', key: name, fields: { removed: true } })

  return ops
}
