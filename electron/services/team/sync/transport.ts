// What the desktop's team review sync needs from the server: the two functions of contract.ts.
// transport-pg.ts calls them over a member's own pg connection; tests use an in-memory server.
import type { ChangeRow, OpAck, PullCursor, TeamOp } from './contract'

export interface PulledChanges {
  changes: ChangeRow[]
  /** Where the next pull starts: the last row's (txid, seq), or the cursor given when none came. */
  cursor: PullCursor
}

export interface TeamReviewTransport {
  /** One ack per op, in order; throws a TeamOpRejected when the server refuses the batch's content. */
  applyOps(device: string, ops: readonly TeamOp[]): Promise<OpAck[]>
  pullChanges(cursor: PullCursor, limit: number): Promise<PulledChanges>
}

/** PostgreSQL's invalid_parameter_value: what apply_ops raises for an invalid op (contract.ts). */
export const OP_REJECTED_SQLSTATE = '22023'

/**
 * An error about the ops' content, which no retry can cure: 22023 as the contract says, and any data
 * exception (class 22) or integrity violation (class 23) a server check missed — so such an op is
 * parked rather than retried for ever at the head of the queue. Anything else (the network, a server
 * restarting, a serialization failure, a missing grant) is retried and keeps its rows.
 */
export function isOpRejected(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && /^2[23][0-9A-Z]{3}$/.test(code)
}

/** What a test's server (or any transport not speaking SQLSTATEs) throws for an invalid op. */
export class TeamOpRejected extends Error {
  readonly code = OP_REJECTED_SQLSTATE
}
