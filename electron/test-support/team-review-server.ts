// An in-memory stand-in for the team server's review functions (apply_ops, pull_changes), applying
// the same rules through team/sync/merge.ts, so desktop sync can be tested without PostgreSQL: ops
// validated and applied in order, all or nothing per batch; op ids remembered (a replay is
// 'duplicate'); every changed entity appended to a change feed as its table row with its clocks.
// Faults are injected at the network edge: before the server applies, or after (the ack is lost).
import { z } from 'zod'
import { teamOpSchema, type ChangeRow, type OpAck, type PullCursor, type TeamOp } from '../services/team/sync/contract'
import {
  applyWrites,
  DELETED,
  emptySyncedReview,
  opWrites,
  reviewFromState,
  type ReviewContent,
  type StampedFields,
  type SyncedReview,
} from '../services/team/sync/merge'
import { TeamOpRejected, type TeamReviewTransport } from '../services/team/sync/transport'

export class NetworkDown extends Error {
  readonly code = 'ECONNRESET'
}

type Fault = 'before-apply' | 'after-apply'

export class TeamReviewServer {
  private readonly reviews = new Map<string, SyncedReview>()
  private readonly applied = new Set<string>()
  readonly feed: ChangeRow[] = []
  private txid = 100
  private seq = 0
  private readonly faults: Fault[] = []
  /** Every op the server applied (not duplicates), for checking "exactly once". */
  readonly appliedOps: TeamOp[] = []

  /** @param calls the catalogue: an op on any other call is refused (as the foreign key would). */
  constructor(private readonly calls: ReadonlySet<number>) {}

  /** The next apply_ops calls fail like a dropped connection, before or after applying. */
  fail(...faults: Fault[]): void {
    this.faults.push(...faults)
  }

  review(member: string, callId: number): ReviewContent | null {
    const state = this.reviews.get(`${member}/${callId}`)
    return state ? reviewFromState(callId, state) : null
  }

  /** Appends an assignment row as the claims functions would. */
  assign(member: string, callId: number): void {
    this.append(member, callId, 'assignment', String(callId), { callId, assignee: member, state: 'open' })
    this.txid++
  }

  transportFor(member: string): TeamReviewTransport {
    return {
      applyOps: async (_device, ops) => this.applyOps(member, ops),
      pullChanges: async (cursor, limit) => this.pullChanges(cursor, limit),
    }
  }

  private applyOps(member: string, input: readonly unknown[]): OpAck[] {
    const fault = this.faults.shift()
    if (fault === 'before-apply') throw new NetworkDown('connection reset before the server answered')
    const ops = input.map((raw, i) => {
      const op = teamOpSchema.safeParse(raw)
      if (!op.success) throw new TeamOpRejected(`op ${i}: ${z.prettifyError(op.error)}`)
      if (!this.calls.has(op.data.callId))
        throw new TeamOpRejected(`call ${op.data.callId} is not in the team catalogue`)
      return op.data
    })
    const acks = ops.map((op) => this.applyOne(member, op))
    this.txid++
    if (fault === 'after-apply') throw new NetworkDown('connection reset after the server applied')
    return acks
  }

  private applyOne(member: string, op: TeamOp): OpAck {
    if (this.applied.has(op.opId)) return { opId: op.opId, status: 'duplicate', offLease: false }
    this.applied.add(op.opId)
    this.appliedOps.push(op)
    const id = `${member}/${op.callId}`
    const before = this.reviews.get(id) ?? emptySyncedReview()
    const after = applyWrites(before, opWrites(op))
    this.reviews.set(id, after)
    if (JSON.stringify(before) === JSON.stringify(after)) return { opId: op.opId, status: 'stale', offLease: false }
    if (op.entity === 'review')
      this.append(member, op.callId, 'review', null, reviewRow(op.callId, member, after.review))
    if (op.entity === 'comment')
      this.append(member, op.callId, 'comment', op.key, commentRow(op.key, after.comments[op.key]!))
    if (op.entity === 'tag_check')
      this.append(member, op.callId, 'tag_check', op.key, tagCheckRow(op.key, after.tagChecks[op.key]!))
    return { opId: op.opId, status: 'applied', offLease: false }
  }

  private append(member: string, callId: number, entity: ChangeRow['entity'], key: string | null, row: object): void {
    this.feed.push({
      txid: String(this.txid),
      seq: ++this.seq,
      member,
      callId,
      entity,
      entityKey: key,
      row: { ...row },
    })
  }

  /** Every member's rows, as a lead's feed carries them: the desktop must merge only its own. */
  private pullChanges(cursor: PullCursor, limit: number) {
    const after = (row: ChangeRow) =>
      BigInt(row.txid) > BigInt(cursor.txid) || (row.txid === cursor.txid && row.seq > cursor.seq)
    const changes = this.feed.filter(after).slice(0, limit)
    const last = changes.at(-1)
    return { changes: structuredClone(changes), cursor: last ? { txid: last.txid, seq: last.seq } : cursor }
  }
}

function value(fields: StampedFields, field: string, fallback: unknown): unknown {
  return field in fields ? fields[field]!.value : fallback
}

function clocks(fields: StampedFields): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([f, s]) => [f, s.hlc]))
}

// Rows as the server's triggers write them (schema v5): camelCase, the op field names, with clocks.
function reviewRow(callId: number, author: string, fields: StampedFields) {
  return {
    callId,
    author,
    sessionId: null,
    verdict: value(fields, 'verdict', null),
    score: value(fields, 'score', null),
    note: value(fields, 'note', ''),
    tags: value(fields, 'tags', []),
    clocks: clocks(fields),
  }
}

function commentRow(id: string, fields: StampedFields) {
  return {
    sessionId: null,
    commentId: id,
    atMs: value(fields, 'atMs', 0),
    endMs: value(fields, 'endMs', null),
    lineIndex: value(fields, 'lineIndex', null),
    text: value(fields, 'text', ''),
    category: value(fields, 'category', null),
    createdAt: value(fields, 'createdAt', ''),
    clocks: clocks(fields),
    deletedAt: value(fields, DELETED, false) ? '2026-12-05T00:00:00+00:00' : null,
  }
}

function tagCheckRow(name: string, fields: StampedFields) {
  return {
    sessionId: null,
    name,
    robotValue: value(fields, 'robotValue', ''),
    status: value(fields, 'status', 'confirmed'),
    correctedValue: value(fields, 'correctedValue', null),
    removed: value(fields, 'removed', false),
    clocks: clocks(fields),
  }
}
