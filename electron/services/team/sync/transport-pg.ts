// The team server's review functions over a member's own login (contract.ts header): the server
// decides (clocks, duplicates, RLS); this only sends, and checks what comes back against the contract.
import type { Pool } from 'pg'
import { z } from 'zod'
import { changeRowSchema, opAckSchema, type PullCursor, type TeamOp } from './contract'
import type { PulledChanges, TeamReviewTransport } from './transport'

const acksSchema = z.array(opAckSchema)

/** pull_changes returns table columns (call_id, entity_key); the contract names them in camelCase. */
const pulledRowSchema = z
  .looseObject({ call_id: z.unknown(), entity_key: z.string().nullable().optional() })
  .transform(({ call_id, entity_key, ...rest }) => ({ ...rest, callId: call_id, entityKey: entity_key ?? null }))
  .pipe(changeRowSchema)

/**
 * Give it a pg.Pool (max 1 is enough) logged in as the member: a connection the server dropped is
 * replaced on the next attempt, where a lone Client would stay broken.
 */
export function pgReviewTransport(client: Pick<Pool, 'query'>): TeamReviewTransport {
  return {
    async applyOps(device: string, ops: readonly TeamOp[]) {
      const { rows } = await client.query<{ acks: unknown }>('SELECT team.apply_ops($1, $2::jsonb) AS acks', [
        device,
        JSON.stringify(ops),
      ])
      const acks = acksSchema.parse(rows[0]?.acks)
      if (acks.length !== ops.length || acks.some((ack, i) => ack.opId !== ops[i]!.opId))
        throw new Error(`apply_ops answered ${acks.length} acks for ${ops.length} ops, not one per op in order`)
      return acks
    },

    async pullChanges(cursor: PullCursor, limit: number): Promise<PulledChanges> {
      const { rows } = await client.query('SELECT * FROM team.pull_changes($1::xid8, $2, $3)', [
        cursor.txid,
        cursor.seq,
        limit,
      ])
      const changes = rows.map((row) => pulledRowSchema.parse(row))
      const last = changes.at(-1)
      return { changes, cursor: last ? { txid: last.txid, seq: last.seq } : cursor }
    },
  }
}
