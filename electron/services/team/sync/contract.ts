// The contract between a desktop's outbox and the team server: the ops a device pushes to
// `team.apply_ops`, what the server answers, and the change rows `team.pull_changes` returns.
// Both sides validate with these schemas (the server again in SQL). See ../../../../TEAM.md's rules
// as built here: team/schema/v4-reviews.ts holds the tables.
//
//   team.apply_ops(p_device text, p_ops jsonb) RETURNS jsonb
//     p_ops: a JSON array of TeamOp, applied in order in one transaction as session_user. Returns
//     a JSON array of OpAck, one per op in the same order. An op whose opId is in applied_op is
//     acknowledged as 'duplicate' and changes nothing. An invalid op raises (SQLSTATE 22023) and
//     nothing of the batch is applied; the pusher then sends ops one by one to find and park it.
//   team.pull_changes(p_after_txid xid8, p_after_seq bigint, p_limit integer) RETURNS SETOF change row
//     the caller's visible change_log rows after the cursor, txid < pg_snapshot_xmin(current
//     snapshot), ordered by (txid, seq), at most p_limit (1..5000).
import { z } from 'zod'
import { lazySchema } from '../../../shared/contract/lazy-schema'
import { VERDICTS } from '../../../shared/contract/constants'

/**
 * A hybrid logical clock reading: 15-digit wall ms, 6-digit counter, device id —
 * `001733356800000-000000-device-a`. Plain string order is clock order.
 */
export const HLC_PATTERN = /^\d{15}-\d{6}-[A-Za-z0-9-]{1,64}$/
export const hlcSchema = lazySchema(() =>
  z.string().regex(HLC_PATTERN, 'an HLC is 15 digits, 6 digits and a device id'),
)

export const deviceIdSchema = lazySchema(() => z.string().regex(/^[A-Za-z0-9-]{1,64}$/))
const callId = lazySchema(() => z.number().int().positive())
const recordingMs = lazySchema(() =>
  z
    .number()
    .int()
    .min(0)
    .max(24 * 3600 * 1000),
)

/** Which review an op edits: a call's normal review, or the author's grade in a calibration session. */
const target = {
  opId: z.uuid(),
  callId,
  sessionId: z.number().int().positive().nullable().default(null),
  hlc: hlcSchema,
}

/** Fields of the review itself; only those present are written (each under the op's clock). */
export const reviewFieldsSchema = lazySchema(() =>
  z
    .strictObject({
      verdict: z.enum(VERDICTS).nullable(),
      score: z.number().min(0).max(100).nullable(),
      note: z.string().max(20_000),
      tags: z.array(z.string().min(1).max(64)).max(50),
    })
    .partial(),
)

export const commentFieldsSchema = lazySchema(() =>
  z
    .strictObject({
      atMs: recordingMs,
      endMs: recordingMs.nullable(),
      lineIndex: z.number().int().min(0).max(100_000).nullable(),
      text: z.string().max(4000),
      category: z.string().max(40).nullable(),
      createdAt: z.string().min(1).max(40),
    })
    .partial(),
)

export const tagCheckFieldsSchema = lazySchema(() =>
  z
    .strictObject({
      robotValue: z.string().max(200),
      status: z.enum(['confirmed', 'corrected', 'missed']),
      correctedValue: z.string().max(200).nullable(),
      removed: z.boolean(),
    })
    .partial(),
)

export const teamOpSchema = lazySchema(() =>
  z.discriminatedUnion('entity', [
    z.strictObject({ ...target, entity: z.literal('review'), fields: reviewFieldsSchema }),
    /** A new comment carries atMs and createdAt; `deleted: true` removes it for good (delete wins). */
    z.strictObject({
      ...target,
      entity: z.literal('comment'),
      key: z.string().min(1).max(64),
      fields: commentFieldsSchema,
      deleted: z.boolean().default(false),
    }),
    /** key: the result name checked. A new check carries status. */
    z.strictObject({
      ...target,
      entity: z.literal('tag_check'),
      key: z.string().min(1).max(200),
      fields: tagCheckFieldsSchema,
    }),
  ]),
)
export type TeamOp = z.infer<typeof teamOpSchema>
export type TeamOpInput = z.input<typeof teamOpSchema>

/**
 * 'applied': at least one field won; 'stale': every field lost to a newer clock (or the comment was
 * deleted); 'duplicate': the op id was applied before; 'frozen': the review is a revealed calibration
 * grade. `offLease` is true when the author held no open lease on the call (kept, flagged to the lead).
 */
export const opAckSchema = lazySchema(() =>
  z.object({
    opId: z.uuid(),
    status: z.enum(['applied', 'stale', 'duplicate', 'frozen']),
    offLease: z.boolean().default(false),
  }),
)
export type OpAck = z.infer<typeof opAckSchema>

/**
 * One change_log row as pull_changes returns it: the entity's whole state after the change (the
 * review with its clocks; a comment or tag check row with its clocks). `txid` is a decimal string.
 */
export const changeRowSchema = lazySchema(() =>
  z.object({
    txid: z.string().regex(/^\d+$/),
    seq: z.coerce.number().int().positive(),
    member: z.string(),
    callId: z.coerce.number().int().positive(),
    entity: z.enum(['review', 'comment', 'tag_check', 'assignment']),
    entityKey: z.string().nullable(),
    row: z.record(z.string(), z.unknown()),
  }),
)
export type ChangeRow = z.infer<typeof changeRowSchema>

/** Where a device's pull stands; the zero cursor reads from the start. */
export interface PullCursor {
  txid: string
  seq: number
}
export const START_CURSOR: PullCursor = { txid: '0', seq: 0 }
