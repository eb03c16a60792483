// A member's reviews on the team server: push a device's ops through team.apply_ops and pull the
// change feed through team.pull_changes, as the member's own login. The server decides (conflict
// rules, leases, grants); this module checks ops against the contract before they leave and
// parses what comes back.
import type { Client } from 'pg'
import { z } from 'zod'
import {
  changeRowSchema,
  deviceIdSchema,
  opAckSchema,
  teamOpSchema,
  type ChangeRow,
  type OpAck,
  type PullCursor,
  type TeamOpInput,
} from './sync/contract'

/** An op or a device id the contract refuses: nothing was sent. */
export class TeamOpError extends Error {}

/** Most ops one apply_ops call takes (the server refuses more). */
export const MAX_OPS_PER_BATCH = 1000
/** Most change rows one pull_changes call returns. */
export const MAX_PULL = 5000

const acksSchema = z.array(opAckSchema)

/** Applies `ops` in order in one server transaction; one ack per op, in the same order. */
export async function applyOps(client: Client, device: string, ops: TeamOpInput[]): Promise<OpAck[]> {
  if (!deviceIdSchema.safeParse(device).success) {
    throw new TeamOpError(`a device id is 1 to 64 letters, digits or -, got "${device}"`)
  }
  if (ops.length > MAX_OPS_PER_BATCH) {
    throw new TeamOpError(`at most ${MAX_OPS_PER_BATCH} ops go in one batch, got ${ops.length}`)
  }
  const checked = ops.map((op, index) => {
    const parsed = teamOpSchema.safeParse(op)
    if (!parsed.success) throw new TeamOpError(`op ${index + 1}: ${z.prettifyError(parsed.error)}`)
    return parsed.data
  })
  if (checked.length === 0) return []
  const { rows } = await client.query<{ acks: unknown }>('SELECT team.apply_ops($1, $2::jsonb) AS acks', [
    device,
    JSON.stringify(checked),
  ])
  return acksSchema.parse(rows[0]!.acks)
}

interface ChangeRecord {
  txid: string
  seq: string
  member: string
  call_id: string
  entity: string
  entity_key: string | null
  row: unknown
}

/**
 * The caller's changes after `cursor` (a lead's: the team's), at most `limit`, and the cursor to
 * pull from next (unchanged when there was nothing new).
 */
export async function pullChanges(
  client: Client,
  cursor: PullCursor,
  limit: number,
): Promise<{ changes: ChangeRow[]; cursor: PullCursor }> {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PULL) {
    throw new TeamOpError(`a pull takes 1 to ${MAX_PULL} changes, got ${limit}`)
  }
  const { rows } = await client.query<ChangeRecord>(
    'SELECT txid, seq, member, call_id, entity, entity_key, "row" FROM team.pull_changes($1::xid8, $2, $3)',
    [cursor.txid, cursor.seq, limit],
  )
  const changes = rows.map((r) =>
    changeRowSchema.parse({
      txid: r.txid,
      seq: r.seq,
      member: r.member,
      callId: r.call_id,
      entity: r.entity,
      entityKey: r.entity_key,
      row: r.row,
    }),
  )
  const last = changes.at(-1)
  return { changes, cursor: last ? { txid: last.txid, seq: last.seq } : cursor }
}
