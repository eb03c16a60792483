// Sends the outbox to apply_ops in order, in batches. A row leaves the outbox only once the server
// has acknowledged it; a replay after a crash or timeout is acknowledged as 'duplicate' and changes
// nothing. An op the server refuses is found (the batch again, one op at a time) and parked with the
// server's reason, so one bad op neither blocks the queue nor gets lost.
import pRetry from 'p-retry'
import type { ReviewStore } from '../../cache/review-store'
import type { OpAck, TeamOp } from './contract'
import type { SyncTables } from './sync-tables'
import { isOpRejected, type TeamReviewTransport } from './transport'

export interface RetryPolicy {
  /** Attempts after the first, per request, before a round gives up (rows stay for the next round). */
  retries: number
  minTimeoutMs: number
  maxTimeoutMs: number
}

export interface PusherDeps {
  reviews: ReviewStore
  tables: SyncTables
  transport: TeamReviewTransport
  device: string
  batchSize: number
  retry: RetryPolicy
  now: () => Date
}

export function errorText(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 1000)
}

/** One request with p-retry's backoff for network and server failures; a refused op is not retried. */
export function withRetry<T>(retry: RetryPolicy, request: () => Promise<T>): Promise<T> {
  return pRetry(request, {
    retries: retry.retries,
    minTimeout: retry.minTimeoutMs,
    maxTimeout: retry.maxTimeoutMs,
    shouldRetry: ({ error }) => !isOpRejected(error),
  })
}

/** Pushes until nothing pushable is left; throws a network failure (the rows stay queued). */
export async function pushOutbox(deps: PusherDeps): Promise<{ acks: OpAck[]; parked: number }> {
  const { reviews, tables, batchSize } = deps
  const acks: OpAck[] = []
  let parked = 0
  for (;;) {
    const batch = tables.pending(batchSize).map((row) => row.op)
    if (batch.length === 0) break
    try {
      acks.push(...(await send(deps, batch)))
    } catch (error) {
      if (!isOpRejected(error)) throw failed(deps, batch, error)
      // Which op? Each alone: the good ones are applied, the refused one is parked.
      for (const op of batch) {
        try {
          acks.push(...(await send(deps, [op])))
        } catch (single) {
          if (!isOpRejected(single)) throw failed(deps, [op], single)
          reviews.transaction(() => tables.park(op.opId, errorText(single)))
          parked++
        }
      }
    }
  }
  return { acks, parked }
}

async function send(deps: PusherDeps, ops: TeamOp[]): Promise<OpAck[]> {
  const acks = await withRetry(deps.retry, () => deps.transport.applyOps(deps.device, ops))
  const acked = new Set(acks.map((ack) => ack.opId))
  // Rows leave only when acknowledged: a batch the answer does not cover would be sent for ever.
  if (!ops.every((op) => acked.has(op.opId)))
    throw new Error(`the server acknowledged ${acked.size} of ${ops.length} ops; kept to send again`)
  deps.reviews.transaction(() => {
    for (const ack of acks) deps.tables.acknowledged(ack.opId)
    deps.tables.setLastPushAt(deps.now().toISOString())
  })
  return acks
}

function failed(deps: PusherDeps, ops: TeamOp[], error: unknown): unknown {
  deps.reviews.transaction(() => {
    for (const op of ops) deps.tables.failed(op.opId, errorText(error))
  })
  return error
}
