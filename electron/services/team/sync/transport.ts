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

/** PostgreSQL's invalid_parameter_value: apply_ops refused an op itself (retrying cannot help). */
export const OP_REJECTED_SQLSTATE = '22023'

/** An error the server raised because an op is invalid, as opposed to the network or the server failing. */
export function isOpRejected(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === OP_REJECTED_SQLSTATE
}

/** What a test's server (or any transport not speaking SQLSTATEs) throws for an invalid op. */
export class TeamOpRejected extends Error {
  readonly code = OP_REJECTED_SQLSTATE
}
